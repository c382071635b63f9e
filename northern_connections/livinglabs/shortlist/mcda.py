"""Multi-criteria scores: weighted sum (min–max normalisation) and TOPSIS (vector normalisation).

Both take a decision matrix ``x`` (candidates × criteria), a weight per criterion and a direction
per criterion (``True`` = benefit, more is better; ``False`` = cost, less is better), and return one
score per candidate in [0, 1], higher is better. Weights are normalised to sum 1, so only their
ratios matter. The normalised matrices do not depend on the weights, which is what lets the
sensitivity analysis score thousands of weight vectors with one matrix product
(:func:`prepare` / :meth:`Prepared.scores`).

Weighted sum: ``r = (x - min) / (max - min)`` for a benefit criterion, ``(max - x) / (max - min)``
for a cost criterion; a criterion on which every candidate is equal gives every candidate 1 (it
cannot tell them apart, and nobody is penalised by it). Score ``= Σ w_j r_ij``.

TOPSIS, as defined by Hwang and Yoon (1981, §2.3.1.5 "TOPSIS"): ``r = x / ||x_j||`` (vector
normalisation per criterion; an all-zero column stays 0), ``v = w r``; the ideal ``A+`` takes the
best ``v`` per criterion (max for benefit, min for cost), the anti-ideal ``A-`` the worst;
``S+`` and ``S-`` are the Euclidean distances to them and the relative closeness
``C = S- / (S+ + S-)``. Where ``S+ + S- = 0`` (all candidates identical) every candidate is the
ideal, and ``C = 1``.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean, pstdev

import numpy as np

WEIGHTED_SUM = "weighted-sum"
TOPSIS = "topsis"
METHODS = (TOPSIS, WEIGHTED_SUM)


def normalised_weights(weights) -> np.ndarray:
    """Weights (one row, or one row per sample) scaled to sum 1 along the last axis."""
    w = np.asarray(weights, dtype=float)
    total = w.sum(axis=-1, keepdims=True)
    if np.any(total <= 0) or np.any(w < 0):
        raise ValueError("weights must be non-negative and not all zero")
    return w / total


def min_max(x, benefit) -> np.ndarray:
    """Min–max normalisation per column; cost columns are reversed; constant columns give 1."""
    x = np.asarray(x, dtype=float)
    low, high = x.min(axis=0), x.max(axis=0)
    span = high - low
    flat = span == 0
    safe = np.where(flat, 1.0, span)
    r = np.where(np.asarray(benefit, dtype=bool), (x - low) / safe, (high - x) / safe)
    return np.where(flat, 1.0, r)


def vector_normalised(x) -> np.ndarray:
    """``x_ij / sqrt(Σ_i x_ij²)`` per column (Hwang & Yoon); an all-zero column stays 0."""
    x = np.asarray(x, dtype=float)
    norm = np.sqrt((x * x).sum(axis=0))
    return np.divide(x, norm, out=np.zeros_like(x), where=norm > 0)


@dataclass(frozen=True)
class Prepared:
    """The weight-independent part of a method, ready to score one or many weight vectors."""

    method: str
    r: np.ndarray  # normalised matrix, candidates × criteria
    d_ideal: np.ndarray | None = None  # TOPSIS: (r - r+)² per cell
    d_anti: np.ndarray | None = None  # TOPSIS: (r - r-)² per cell

    def scores(self, weights) -> np.ndarray:
        """Scores for one weight vector (→ candidates) or many (samples × criteria → candidates × samples)."""
        w = normalised_weights(weights)
        if self.method == WEIGHTED_SUM:
            return self.r @ w.T
        # With w > 0 the ideal of v = w r is w times the ideal of r, so the squared distance is
        # Σ_j w_j² (r_ij - r+_j)²: one matrix product per distance for all samples at once.
        w2 = (w * w).T
        s_plus = np.sqrt(np.maximum(self.d_ideal @ w2, 0.0))
        s_minus = np.sqrt(np.maximum(self.d_anti @ w2, 0.0))
        total = s_plus + s_minus
        return np.divide(s_minus, total, out=np.ones_like(total), where=total > 0)


def prepare(method: str, x, benefit) -> Prepared:
    """Normalise ``x`` for ``method`` (``"topsis"`` or ``"weighted-sum"``)."""
    benefit = np.asarray(benefit, dtype=bool)
    if method == WEIGHTED_SUM:
        return Prepared(method, min_max(x, benefit))
    if method != TOPSIS:
        raise ValueError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    r = vector_normalised(x)
    best = np.where(benefit, r.max(axis=0), r.min(axis=0))
    worst = np.where(benefit, r.min(axis=0), r.max(axis=0))
    return Prepared(method, r, d_ideal=(r - best) ** 2, d_anti=(r - worst) ** 2)


def weighted_sum(x, weights, benefit) -> np.ndarray:
    """Weighted sum of min–max normalised values, one score in [0, 1] per candidate."""
    return prepare(WEIGHTED_SUM, x, benefit).scores(weights)


def topsis(x, weights, benefit) -> np.ndarray:
    """TOPSIS relative closeness (Hwang & Yoon 1981), one score in [0, 1] per candidate."""
    return prepare(TOPSIS, x, benefit).scores(weights)


def contributions(prepared: Prepared, weights) -> np.ndarray:
    """Each criterion's share in each candidate's weighted normalised value (candidates × criteria).

    For the weighted sum this adds up to the score; for TOPSIS it is ``v = w r``, which explains
    where a candidate stands on each criterion. Explanations name the strongest and weakest.
    """
    return prepared.r * normalised_weights(weights)


@dataclass(frozen=True)
class Aggregate:
    """Several assessors' scores of one candidate on one criterion."""

    mean: float
    spread: float  # population standard deviation: the assessors' disagreement
    low: float
    high: float
    assessors: int


def aggregate(values) -> Aggregate | None:
    """Mean and disagreement of the assessors' values; ``None`` when nobody scored."""
    values = [float(v) for v in values]
    if not values:
        return None
    return Aggregate(mean=fmean(values), spread=pstdev(values), low=min(values), high=max(values),
                     assessors=len(values))
