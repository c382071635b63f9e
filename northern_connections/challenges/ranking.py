"""Weighted ranking of applications with the jurors' disagreement (plain Python, no Django).

Each juror scores each criterion 0–`max_score`; a juror's total for an application is the
weighted sum scaled to 0–100. The ranking orders applications by the mean of their jurors'
totals, and reports the population standard deviation of those totals as the disagreement:
a high value tells the owner the jury should discuss the application before deciding.
A juror's total counts only when they scored every criterion, so half-finished work does not
distort the mean, and only when the caller does not exclude it (a conflict of interest): the
excluded scores are reported beside the result, never aggregated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
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
    # Jurors whose scores of this application do not count, with the caller's reason, and their
    # totals where they scored every criterion (shown, never aggregated).
    excluded: dict[int, str] = field(default_factory=dict)
    excluded_totals: dict[int, float] = field(default_factory=dict)

    @property
    def jurors(self) -> int:
        return len(self.juror_totals)


def rank(applications: list[int], weights: dict[int, float], scores: list[ScoreRow],
         max_score: float = 10, excluded: Mapping[tuple[int, int], str] | None = None) -> list[RankedApplication]:
    """Rank `applications` (ids) by the mean weighted total; unscored ones come last, unranked.

    `excluded` maps (application, juror) to why that juror's scores of that application do not
    count (a conflict of interest): they are reported on the result and left out of the totals,
    the criterion means, the mean and the disagreement.
    """
    excluded = excluded or {}
    results = {app: RankedApplication(application=app) for app in applications}
    by_app_juror: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)
    by_app_criterion: dict[tuple[int, int], list[float]] = defaultdict(list)
    for row in scores:
        if row.criterion not in weights or row.application not in results:
            continue
        by_app_juror[(row.application, row.juror)][row.criterion] = row.value
        if (row.application, row.juror) in excluded:
            results[row.application].excluded[row.juror] = excluded[(row.application, row.juror)]
        else:
            by_app_criterion[(row.application, row.criterion)].append(row.value)
    _juror_totals(results, by_app_juror, weights, max_score, excluded)
    for (app, criterion), values in by_app_criterion.items():
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


def _juror_totals(results: dict[int, RankedApplication], by_app_juror: dict[tuple[int, int], dict[int, float]],
                  weights: dict[int, float], max_score: float, excluded: Mapping[tuple[int, int], str]) -> None:
    """Each juror's weighted total (0–100) of each application they scored completely."""
    total_weight = sum(weights.values()) or 1
    for (app, juror), values in by_app_juror.items():
        if set(values) != set(weights):
            continue
        total = round(sum(weights[c] * v for c, v in values.items()) / (total_weight * max_score) * 100, 2)
        target = results[app].excluded_totals if (app, juror) in excluded else results[app].juror_totals
        target[juror] = total
