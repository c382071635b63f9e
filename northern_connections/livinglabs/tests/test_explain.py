"""Every selected and rejected candidate gets a plain-language reason."""

import numpy as np

from northern_connections.livinglabs.shortlist import explain
from northern_connections.livinglabs.shortlist.run import Problem, shortlist
from northern_connections.livinglabs.shortlist.selection import Pool, Rules


def _problem():
    # Host h runs the best lab of A and of B; only one lab per host is allowed.
    pool = Pool.of(["A", "A", "A", "B", "B"], hosts=[["h"], ["x"], ["z"], ["h"], ["y"]])
    x = np.array([[9, 9], [8, 7], [1, 2], [9, 8], [2, 1]], dtype=float)
    return Problem(criteria=("fit", "cost"), weights=(2, 1), benefit=(True, False),
                   candidates=("a1", "a2", "a3", "b1", "b2"), pool=pool, x=x)


def test_every_candidate_has_a_reason_that_names_region_rank_and_score():
    result = shortlist(_problem(), method="weighted-sum", rules=Rules(per_region=1), samples=200, seed=1)
    for candidate in result.candidates:
        text = explain.render(candidate.reason, samples=200, perturb=0.2)
        assert f"region {candidate.region}" in text and f"{candidate.score:.3f}" in text
        assert "weight variations (±20%)" in text
    rejected = next(c for c in result.candidates if c.id == "a3")
    assert rejected.reason.code == explain.REJECTED and "the last selected candidate there scores" in \
        explain.render(rejected.reason)


def test_a_rule_that_changes_the_choice_is_named():
    result = shortlist(_problem(), method="weighted-sum", rules=Rules(per_region=1, max_per_host=1))
    by_id = {c.id: c for c in result.candidates}
    assert [c.id for c in result.selected] == ["a1", "b2"] or [c.id for c in result.selected] == ["b1", "a2"]
    displaced = next(c for c in result.candidates if c.reason.code == explain.REJECTED_BY_RULE)
    text = explain.render(displaced.reason, names={"h": "Harbour Authority"})
    assert "at most 1 Living Lab(s) per host organisation, and Harbour Authority already hosts a selected one" in text
    promoted = next(c for c in by_id.values() if c.reason.code == explain.SELECTED_BY_RULE)
    assert displaced.id in explain.render(promoted.reason)


def test_render_translates_every_piece():
    result = shortlist(_problem(), method="topsis", rules=Rules(per_region=1), samples=50, seed=1)
    text = explain.render(result.candidates[0].reason, translate=lambda s: "«" + s + "»", samples=50, perturb=0.2)
    assert text.startswith("«") and text.count("«") == 3
