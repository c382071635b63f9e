"""The internationalisation scorecard of a region, from the platform's own data (plain Python).

The caller (strategy/activity.py) turns database rows into `Fact`s: one per thing that happened
in a region in a period (a challenge published by one of its organisations, an application to it
from another country, a cross-border meeting one of its organisations took part in...). This
module only counts, divides and compares, so every number on the page can be checked by hand:

* a **count** per indicator, region and period (the sum of the facts' amounts);
* the **foreign share** of applications: foreign applications / applications (None without any);
* the **change** of each indicator from the previous period to the last one, and its direction;
* an **index** per region and period, 0–100: each counted indicator divided by the best region's
  value in that period, averaged over the indicators that some region has (an indicator no region
  has yet — no data source — does not pull everyone down), times 100.

Periods are labels in order (calendar years on the pages); regions are NUTS codes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

CHALLENGES = "challenges"
APPLICATIONS = "applications"
FOREIGN_APPLICATIONS = "foreign_applications"
MATCHES = "cross_border_matches"
MEETINGS = "cross_border_meetings"
OPEN_MEASURES = "open_measures"
DEMONSTRATIONS = "foreign_demonstrations"
FOREIGN_SHARE = "foreign_share"

COUNTED: tuple[str, ...] = (CHALLENGES, APPLICATIONS, FOREIGN_APPLICATIONS, MATCHES, MEETINGS, OPEN_MEASURES,
                            DEMONSTRATIONS)
#: The indicators that make up the index (applications as such are not internationalisation).
INDEXED: tuple[str, ...] = (CHALLENGES, FOREIGN_APPLICATIONS, MATCHES, MEETINGS, OPEN_MEASURES, DEMONSTRATIONS)
UP, DOWN, FLAT = "up", "down", "flat"


@dataclass(frozen=True)
class Fact:
    region: str
    period: str
    indicator: str
    amount: float = 1.0


@dataclass(frozen=True)
class Row:
    """One indicator of one region: its value per period, and the change into the last period."""

    indicator: str
    values: tuple[float | None, ...]
    change: float | None
    trend: str | None


@dataclass(frozen=True)
class Scorecard:
    region: str
    periods: tuple[str, ...]
    rows: tuple[Row, ...]
    index: tuple[float | None, ...]

    def row(self, indicator: str) -> Row:
        return next(r for r in self.rows if r.indicator == indicator)

    def value(self, indicator: str, period: str) -> float | None:
        return self.row(indicator).values[self.periods.index(period)]


def _trend(values: Sequence[float | None]) -> tuple[float | None, str | None]:
    if len(values) < 2 or values[-1] is None or values[-2] is None:
        return None, None
    change = values[-1] - values[-2]
    return change, UP if change > 0 else DOWN if change < 0 else FLAT


def counts(facts: Iterable[Fact]) -> dict[tuple[str, str, str], float]:
    """(region, period, indicator) → sum of amounts."""
    totals: dict[tuple[str, str, str], float] = defaultdict(float)
    for fact in facts:
        totals[(fact.region, fact.period, fact.indicator)] += fact.amount
    return totals


def foreign_share(applications: float, foreign: float) -> float | None:
    return foreign / applications if applications else None


def scorecards(facts: Iterable[Fact], *, regions: Sequence[str], periods: Sequence[str],
               missing: Iterable[str] = ()) -> dict[str, Scorecard]:
    """Every region's scorecard. `missing` names indicators without a data source on this platform:
    their values are None (not 0) and they are left out of the index."""
    totals = counts(facts)
    missing = set(missing)
    periods = tuple(periods)

    def value(region: str, period: str, indicator: str) -> float | None:
        return None if indicator in missing else totals.get((region, period, indicator), 0.0)

    best = {(period, ind): max((value(r, period, ind) or 0.0 for r in regions), default=0.0)
            for period in periods for ind in INDEXED}
    cards = {}
    for region in regions:
        rows = []
        for indicator in COUNTED:
            values = tuple(value(region, p, indicator) for p in periods)
            rows.append(Row(indicator, values, *_trend(values)))
        shares = tuple(foreign_share(value(region, p, APPLICATIONS) or 0.0, value(region, p, FOREIGN_APPLICATIONS)
                                     or 0.0) for p in periods)
        rows.append(Row(FOREIGN_SHARE, shares, *_trend(shares)))
        index = []
        for period in periods:
            used = [ind for ind in INDEXED if best[(period, ind)] > 0]
            index.append(100.0 * sum((value(region, period, ind) or 0.0) / best[(period, ind)] for ind in used)
                         / len(used) if used else None)
        cards[region] = Scorecard(region, periods, tuple(rows), tuple(index))
    return cards
