"""Scoring of the SME innovation self-assessment, plain Python (no Django): easy to test by hand.

A question's answer is the index of the chosen option, 0 (weakest) to n-1 (strongest), worth
index / (n-1) of its weight. A dimension's score is the weighted share of the points of its
answered questions, 0–100, rounded to one decimal; a dimension with no answer has no score (None),
so skipping a question never counts as the weakest answer. The overall score is the mean of the
dimensions that have one.

The benchmark is the mean per dimension over comparable SMEs: the same EU size class sharing a
value chain, widened to the same size class, then to every SME, until at least `MIN_PEERS` are in
the group (the SME itself excluded), so that a benchmark never reveals one other company's answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

MIN_PEERS = 5
WEAK_BELOW = 60.0


@dataclass(frozen=True)
class Question:
    id: int
    dimension: str
    weight: float
    options: int  # how many answer options


@dataclass(frozen=True)
class Profile:
    """What makes SMEs comparable: EU size class and value chains."""

    id: int
    size_class: str = ""
    value_chains: frozenset[str] = field(default_factory=frozenset)


def answer_problems(questions: Sequence[Question], answers: Mapping[int, int]) -> list[int]:
    """Ids of questions whose answer is not one of their options (unknown question ids are ignored)."""
    by_id = {q.id: q for q in questions}
    return [qid for qid, value in answers.items()
            if qid in by_id and not (isinstance(value, int) and 0 <= value < by_id[qid].options)]


def unanswered(questions: Sequence[Question], answers: Mapping[int, int]) -> list[int]:
    return [q.id for q in questions if q.id not in answers]


def dimension_scores(questions: Sequence[Question], answers: Mapping[int, int]) -> dict[str, float | None]:
    """Score 0–100 per dimension (in the questions' order of dimensions); None where nothing was answered."""
    points: dict[str, float] = {}
    weights: dict[str, float] = {}
    for question in questions:
        points.setdefault(question.dimension, 0.0)
        weights.setdefault(question.dimension, 0.0)
        value = answers.get(question.id)
        if value is None or question.options < 2:
            continue
        points[question.dimension] += question.weight * value / (question.options - 1)
        weights[question.dimension] += question.weight
    return {key: (round(100 * points[key] / weights[key], 1) if weights[key] else None) for key in points}


def overall_score(scores: Mapping[str, float | None]) -> float | None:
    known = [s for s in scores.values() if s is not None]
    return round(sum(known) / len(known), 1) if known else None


def comparable_group(target: Profile, others: Iterable[Profile], minimum: int = MIN_PEERS) -> list[int]:
    """Ids of the SMEs the target is compared with (never itself), from the narrowest group that is big enough."""
    others = [o for o in others if o.id != target.id]
    same_size = [o for o in others if target.size_class and o.size_class == target.size_class]
    same_size_chain = [o for o in same_size if o.value_chains & target.value_chains]
    for group in (same_size_chain, same_size, others):
        if len(group) >= minimum:
            return [o.id for o in group]
    return []


def benchmark(score_sets: Iterable[Mapping[str, float | None]]) -> dict[str, float | None]:
    """Mean score per dimension over the peers that have a score in it."""
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    for scores in score_sets:
        for key, value in scores.items():
            sums.setdefault(key, 0.0)
            counts.setdefault(key, 0)
            if value is not None:
                sums[key] += value
                counts[key] += 1
    return {key: (round(sums[key] / counts[key], 1) if counts[key] else None) for key in sums}


def weakest_dimensions(scores: Mapping[str, float | None], reference: Mapping[str, float | None] | None = None,
                       limit: int = 3) -> list[str]:
    """The dimensions to work on first: below `WEAK_BELOW` or below the benchmark, lowest first."""
    reference = reference or {}

    def weak(key: str) -> bool:
        score, peers = scores[key], reference.get(key)
        return score is not None and (score < WEAK_BELOW or (peers is not None and score < peers))

    candidates = sorted((key for key in scores if weak(key)), key=lambda k: (scores[k], k))
    return candidates[:limit]
