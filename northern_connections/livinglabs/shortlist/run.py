"""One shortlisting run: scores, ranks, the optimal selection, sensitivity and explanations.

The Django service (``livinglabs.services.round_shortlist``) and the batch command both build a
:class:`Problem` and call :func:`shortlist`, so a round on the web and the same data in a file
give the same result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import explain, mcda, sensitivity
from .selection import Pool, Rules, Selection, select, top_k


@dataclass(frozen=True)
class Problem:
    """Criteria (ids, weights, directions) and candidates (ids, structure, decision matrix)."""

    criteria: tuple[str, ...]
    weights: tuple[float, ...]
    benefit: tuple[bool, ...]
    candidates: tuple[str, ...]
    pool: Pool
    x: np.ndarray  # candidates × criteria


@dataclass(frozen=True)
class CandidateResult:
    id: str
    region: str
    score: float
    rank: int  # among all candidates, 1 = best (ties share the better rank's order by input position)
    region_rank: int
    selected: bool
    frequency: float | None  # share of perturbed samples selecting it; None without sensitivity
    hinge: str | None  # criterion id the choice hinges on
    hinge_sign: int
    reason: explain.Reason


@dataclass(frozen=True)
class Result:
    method: str
    rules: Rules
    solver: str
    objective: float
    candidates: list[CandidateResult]
    perturb: float | None = None
    samples: int | None = None
    seed: int | None = None
    exact_solves: int = 0
    selected: list[CandidateResult] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "selected", sorted((c for c in self.candidates if c.selected), key=lambda c: c.rank))


def ranks(scores: np.ndarray) -> np.ndarray:
    """1-based rank of each score, best first; equal scores in input order."""
    order = np.argsort(-scores, kind="stable")
    out = np.empty(len(scores), dtype=int)
    out[order] = np.arange(1, len(scores) + 1)
    return out


def region_ranks(pool: Pool, scores: np.ndarray) -> np.ndarray:
    out = np.empty(len(scores), dtype=int)
    for ix in pool.by_region.values():
        out[ix] = ranks(scores[ix])
    return out


def shortlist(problem: Problem, *, method: str, rules: Rules, perturb: float | None = None,
              samples: int = 0, seed: int = 0) -> Result:
    """Score with ``method``, select under ``rules``; with ``samples`` > 0 also the sensitivity analysis."""
    prepared = mcda.prepare(method, problem.x, problem.benefit)
    scores = prepared.scores(problem.weights)
    selection: Selection = select(problem.pool, scores, rules)
    analysis = None
    if samples:
        analysis = sensitivity.analyse(prepared, problem.weights, problem.pool, rules,
                                       perturb=perturb if perturb is not None else 0.2, samples=samples, seed=seed)
    unconstrained = set(top_k(problem.pool, scores, rules.per_region).tolist())
    standing = mcda.min_max(problem.x, problem.benefit)
    overall, in_region = ranks(scores), region_ranks(problem.pool, scores)
    chosen = set(selection.chosen)
    results = []
    for i, cid in enumerate(problem.candidates):
        hinge = int(analysis.hinge[i]) if analysis is not None else -1
        reason = explain.reason_for(
            i, problem=problem, scores=scores, chosen=chosen, unconstrained=unconstrained, rules=rules,
            region_rank=int(in_region[i]), standing=standing[i],
            frequency=float(analysis.frequency[i]) if analysis is not None else None,
            hinge=problem.criteria[hinge] if hinge >= 0 else None,
            hinge_sign=int(analysis.hinge_sign[i]) if analysis is not None else 0)
        results.append(CandidateResult(
            id=cid, region=problem.pool.regions[i], score=float(scores[i]), rank=int(overall[i]),
            region_rank=int(in_region[i]), selected=i in chosen, frequency=reason.frequency,
            hinge=reason.hinge, hinge_sign=reason.hinge_sign, reason=reason))
    return Result(method=method, rules=rules, solver=selection.solver, objective=selection.objective,
                  candidates=results, perturb=analysis.perturb if analysis else None,
                  samples=analysis.samples if analysis else None, seed=analysis.seed if analysis else None,
                  exact_solves=analysis.exact_solves if analysis else 0)
