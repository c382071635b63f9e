"""Scorecard arithmetic against hand-computed figures."""

import pytest

from northern_connections.strategy.scorecard import (
    APPLICATIONS,
    CHALLENGES,
    DEMONSTRATIONS,
    DOWN,
    FOREIGN_APPLICATIONS,
    FOREIGN_SHARE,
    MATCHES,
    MEETINGS,
    OPEN_MEASURES,
    UP,
    Fact,
    scorecards,
)


def facts():
    def many(region, period, indicator, n):
        return [Fact(region, period, indicator)] * n

    return [*many("R1", "2024", CHALLENGES, 2), *many("R1", "2024", APPLICATIONS, 4),
            Fact("R1", "2024", FOREIGN_APPLICATIONS), Fact("R1", "2025", CHALLENGES),
            Fact("R1", "2025", APPLICATIONS, 2), Fact("R1", "2025", FOREIGN_APPLICATIONS, 2),
            *many("R1", "2025", MEETINGS, 3),
            Fact("R2", "2024", CHALLENGES), Fact("R2", "2024", APPLICATIONS), Fact("R2", "2024", FOREIGN_APPLICATIONS),
            Fact("R2", "2024", MATCHES, 2), Fact("R2", "2025", OPEN_MEASURES, 2), Fact("R3", "2025", CHALLENGES)]


@pytest.fixture
def cards():
    return scorecards(facts(), regions=["R1", "R2"], periods=["2024", "2025"], missing=[DEMONSTRATIONS])


def test_counts_and_trend(cards):
    r1 = cards["R1"]
    assert r1.row(CHALLENGES).values == (2, 1)
    assert (r1.row(CHALLENGES).change, r1.row(CHALLENGES).trend) == (-1, DOWN)
    assert r1.value(MEETINGS, "2025") == 3
    assert r1.row(DEMONSTRATIONS).values == (None, None)
    assert r1.row(DEMONSTRATIONS).trend is None
    assert "R3" not in cards  # facts of regions not asked for are ignored


def test_foreign_share(cards):
    share = cards["R1"].row(FOREIGN_SHARE)
    assert share.values == (0.25, 1.0)
    assert (share.change, share.trend) == (0.75, UP)
    assert cards["R2"].row(FOREIGN_SHARE).values == (1.0, None)  # no applications in 2025


def test_index_by_hand(cards):
    """2024: challenges (best 2), foreign applications (best 1), matches (best 2) have data; R1 = (1 + 1 + 0)/3,
    R2 = (.5 + 1 + 1)/3. 2025: challenges (1), foreign (2), meetings (3), open measures (2): R1 = (1+1+1+0)/4,
    R2 = (0+0+0+1)/4. Living Labs demonstrations have no source and are left out."""
    assert cards["R1"].index == pytest.approx((200 / 3, 75.0))
    assert cards["R2"].index == pytest.approx((250 / 3, 25.0))


def test_no_data_at_all_gives_no_index():
    cards = scorecards([], regions=["R1"], periods=["2024"])
    assert cards["R1"].index == (None,)
    assert cards["R1"].row(CHALLENGES).values == (0.0,)


def test_the_arithmetic_modules_import_no_django():
    import ast
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent
    for name in ("synergy.py", "scorecard.py"):
        tree = ast.parse((folder / name).read_text())
        imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
        imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert not [m for m in imported if m.startswith(("django", "northern_connections"))], name
