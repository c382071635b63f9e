"""Monte Carlo weight sensitivity: how often is each candidate selected when the weights move?

Each sample multiplies every weight by its own factor drawn uniformly from ``[1 - p, 1 + p]``
(``p`` = 0.2 by default, i.e. ±20 %), renormalises, scores every candidate and selects again with
the same rules. A candidate's *selection frequency* is the share of samples that select it: near
1 or 0 the board's choice is robust, in between it hinges on the weights. For those, the
criterion whose weight correlates most with being selected is reported (its *hinge*): "selected
more often when cost for SMEs weighs more".

The draw comes from ``numpy.random.default_rng(seed)``, so the same input and seed give the same
frequencies on every machine. Samples are scored in chunks with one matrix product each (see
``mcda.Prepared.scores``); the per-sample selection is a vectorised per-region top-k, and only
samples whose top-k breaks a cross-region rule are re-solved exactly with CP-SAT (one model,
re-solved with a new objective and the top-k as hint).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .mcda import Prepared, normalised_weights
from .selection import ExactSelector, Pool, Rules, top_k_samples, violations

CHUNK = 1000  # samples per matrix product: 1,000 candidates × 1,000 samples is 8 MB a matrix
ROBUST = 0.9  # a frequency at or above this is a robust "in"...
ROBUST_OUT = 0.1  # ...and at or below this a robust "out"


@dataclass(frozen=True)
class Sensitivity:
    perturb: float
    samples: int
    seed: int
    frequency: np.ndarray  # per candidate, 0..1
    hinge: np.ndarray  # per candidate: index of the criterion most correlated with selection, -1 if none
    hinge_sign: np.ndarray  # +1: selected more often when that weight is higher; -1: less often
    exact_solves: int  # samples that needed CP-SAT


def perturbed_weights(weights, perturb: float, samples: int, seed: int) -> np.ndarray:
    """``samples`` × criteria weight vectors, each weight scaled by U(1 - perturb, 1 + perturb), normalised."""
    w = normalised_weights(weights)
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1.0 - perturb, 1.0 + perturb, size=(samples, w.size))
    return normalised_weights(w * factors)


def analyse(prepared: Prepared, weights, pool: Pool, rules: Rules, *, perturb: float = 0.2,
            samples: int = 1000, seed: int = 0) -> Sensitivity:
    """Selection frequency (and hinge criterion) of every candidate under ``samples`` perturbations."""
    all_weights = perturbed_weights(weights, perturb, samples, seed)
    n, m = prepared.r.shape
    count = np.zeros(n)
    with_weight = np.zeros((n, m))  # Σ over samples of selected_i · w_j
    exact = ExactSelector(pool, rules) if rules.crosses_regions else None
    solves = 0
    for start in range(0, samples, CHUNK):
        chunk = all_weights[start:start + CHUNK]
        scores = prepared.scores(chunk)
        chosen = top_k_samples(pool, scores, rules.per_region)
        if exact is not None:
            solves += _repair(exact, pool, rules, scores, chosen)
        count += chosen.sum(axis=1)
        with_weight += chosen.astype(float) @ chunk
    frequency = count / samples
    hinge, sign = _hinges(frequency, with_weight / samples, all_weights)
    return Sensitivity(perturb, samples, seed, frequency, hinge, sign, solves)


def _repair(exact: ExactSelector, pool: Pool, rules: Rules, scores: np.ndarray, chosen: np.ndarray) -> int:
    """Replace, in place, every sample's top-k that breaks a rule by the exact optimum; returns how many."""
    solves = 0
    for column in range(chosen.shape[1]):
        picked = np.flatnonzero(chosen[:, column])
        if violations(pool, picked, rules):
            best = exact.solve(scores[:, column], hint=picked)
            chosen[:, column] = False
            chosen[list(best.chosen), column] = True
            solves += 1
    return solves


def _hinges(frequency: np.ndarray, mean_selected_weight: np.ndarray, weights: np.ndarray):
    """Per candidate, the criterion whose weight has the strongest correlation with being selected."""
    w_mean, w_std = weights.mean(axis=0), weights.std(axis=0)
    covariance = mean_selected_weight - frequency[:, None] * w_mean[None, :]
    s_std = np.sqrt(frequency * (1.0 - frequency))
    denominator = s_std[:, None] * w_std[None, :]
    corr = np.divide(covariance, denominator, out=np.zeros_like(covariance), where=denominator > 1e-12)
    hinge = np.argmax(np.abs(corr), axis=1)
    strength = np.abs(corr[np.arange(len(hinge)), hinge])
    undecided = (frequency > ROBUST_OUT) & (frequency < ROBUST) & (strength > 0.05)
    sign = np.sign(corr[np.arange(len(hinge)), hinge]).astype(int)
    return np.where(undecided, hinge, -1), np.where(undecided, sign, 0)


def robustness(frequency: float) -> str:
    """"robust-in", "robust-out" or "hinges" for one frequency."""
    if frequency >= ROBUST:
        return "robust-in"
    if frequency <= ROBUST_OUT:
        return "robust-out"
    return "hinges"
