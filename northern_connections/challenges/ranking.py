"""Weighted ranking of applications with the jurors' disagreement (plain Python, no Django).

Each juror scores each criterion 0–`max_score`; a juror's total for an application is the
weighted sum scaled to 0–100. The ranking orders applications by the mean of their jurors'
totals, and reports the population standard deviation of those totals as the disagreement:
a high value tells the owner the jury should discuss the application before deciding.
A juror's total counts only when they scored every criterion, so half-finished work does not
distort the mean.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import fmean, pstdev


@dataclass(frozen=True)
class ScoreRow:
    application: int
    juror: int
    criterion: int
    value: float


@dataclass
class RankedApplication:
    application: int
    juror_totals: dict[int, float] = field(default_factory=dict)
    mean: float | None = None
    disagreement: float | None = None
    criterion_means: dict[int, float] = field(default_factory=dict)
    rank: int | None = None

    @property
    def jurors(self) -> int:
        return len(self.juror_totals)


def rank(applications: list[int], weights: dict[int, float], scores: list[ScoreRow],
         max_score: float = 10) -> list[RankedApplication]:
    """Rank `applications` (ids) by the mean weighted total; unscored ones come last, unranked."""
    total_weight = sum(weights.values()) or 1
    by_app_juror: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)
    by_app_criterion: dict[tuple[int, int], list[float]] = defaultdict(list)
    for row in scores:
        if row.criterion not in weights:
            continue
        by_app_juror[(row.application, row.juror)][row.criterion] = row.value
        by_app_criterion[(row.application, row.criterion)].append(row.value)

    results = {app: RankedApplication(application=app) for app in applications}
    for (app, juror), values in by_app_juror.items():
        if app not in results or set(values) != set(weights):
            continue
        total = sum(weights[c] * v for c, v in values.items()) / (total_weight * max_score) * 100
        results[app].juror_totals[juror] = round(total, 2)
    for (app, criterion), values in by_app_criterion.items():
        if app in results:
            results[app].criterion_means[criterion] = round(fmean(values), 2)
    for result in results.values():
        totals = list(result.juror_totals.values())
        if totals:
            result.mean = round(fmean(totals), 2)
            result.disagreement = round(pstdev(totals), 2)

    ordered = sorted(results.values(), key=lambda r: (r.mean is None, -(r.mean or 0), r.application))
    for position, result in enumerate(ordered, start=1):
        if result.mean is not None:
            result.rank = position
    return ordered
