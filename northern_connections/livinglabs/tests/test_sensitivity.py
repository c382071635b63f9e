"""Monte Carlo weight sensitivity: reproducible with a seed, and the same as selecting sample by sample."""

import numpy as np
import pytest

from northern_connections.livinglabs.shortlist import mcda, sensitivity
from northern_connections.livinglabs.shortlist.selection import Pool, Rules, brute_force, select


def _instance(n=30, regions=5, seed=4):
    rng = np.random.default_rng(seed)
    x = rng.integers(1, 6, size=(n, 4)).astype(float)
    pool = Pool.of([f"NO{i % regions}" for i in range(n)], hosts=[[f"h{i % 11}"] for i in range(n)],
                   value_chains=[[f"v{i % 3}"] for i in range(n)])
    return x, pool


def test_same_seed_same_frequencies_other_seed_other_draw():
    x, pool = _instance()
    prepared = mcda.prepare(mcda.TOPSIS, x, [True, True, False, True])
    a = sensitivity.analyse(prepared, [3, 2, 2, 1], pool, Rules(2), samples=400, seed=7)
    b = sensitivity.analyse(prepared, [3, 2, 2, 1], pool, Rules(2), samples=400, seed=7)
    assert np.array_equal(a.frequency, b.frequency) and np.array_equal(a.hinge, b.hinge)
    w7 = sensitivity.perturbed_weights([3, 2, 2, 1], 0.2, 10, 7)
    assert not np.array_equal(w7, sensitivity.perturbed_weights([3, 2, 2, 1], 0.2, 10, 8))
    assert np.allclose(w7.sum(axis=1), 1.0)


def test_perturbation_stays_within_its_band():
    w = sensitivity.perturbed_weights([1, 1, 2], 0.2, 2000, 1) * 4  # back to the scale of the input
    factors = w / np.array([1, 1, 2])
    # after renormalising, each factor is (1 ± 0.2) divided by a mean factor in [0.8, 1.2]
    assert factors.min() >= 0.8 / 1.2 - 1e-9 and factors.max() <= 1.2 / 0.8 + 1e-9


@pytest.mark.parametrize("rules", [Rules(2), Rules(2, max_per_host=1), Rules(1, min_value_chains_per_country=2)])
def test_frequencies_equal_selecting_each_sample_on_its_own(rules):
    x, pool = _instance(n=20, regions=4)
    weights = [3, 2, 2, 1]
    prepared = mcda.prepare(mcda.WEIGHTED_SUM, x, [True, True, False, True])
    result = sensitivity.analyse(prepared, weights, pool, rules, samples=60, seed=2)
    counts = np.zeros(len(pool))
    for w in sensitivity.perturbed_weights(weights, 0.2, 60, 2):
        scores = prepared.scores(w)
        chosen = select(pool, scores, rules)
        best = brute_force(pool, scores, rules)
        assert chosen.objective == pytest.approx(best.objective, abs=1e-5)
        counts[list(chosen.chosen)] += 1
    assert result.frequency == pytest.approx(counts / 60)
    assert result.frequency.sum() == pytest.approx(rules.per_region * 4)


def test_dominant_candidate_is_robust_and_a_close_call_hinges_on_a_weight():
    # Region A: "best" wins on everything; "b" and "c" trade criterion 0 against criterion 1.
    x = np.array([[9, 9], [6, 4], [4, 6.2]], dtype=float)
    prepared = mcda.prepare(mcda.WEIGHTED_SUM, x, [True, True])
    result = sensitivity.analyse(prepared, [1, 1], Pool.of(["A", "A", "A"]), Rules(per_region=2), samples=500, seed=0)
    assert result.frequency[0] == 1.0
    assert sensitivity.robustness(result.frequency[0]) == "robust-in"
    assert 0.1 < result.frequency[1] < 0.9 and result.hinge[1] == 0 and result.hinge_sign[1] == 1
    assert result.hinge[0] == -1
