"""Weighted sum and TOPSIS against hand-computed values and a worked example from the literature."""

import numpy as np
import pytest

from northern_connections.livinglabs.shortlist import mcda


def test_weighted_sum_by_hand():
    # Given three candidates, criterion 1 a benefit and criterion 2 a cost, weights 1 : 3
    x = [[1, 10], [3, 20], [2, 30]]
    # min-max: c1 -> (x - 1) / 2 = 0, 1, 0.5; c2 (cost) -> (30 - x) / 20 = 1, 0.5, 0
    # score = 0.25 * c1 + 0.75 * c2
    assert mcda.weighted_sum(x, [1, 3], [True, False]) == pytest.approx([0.75, 0.625, 0.125])


def test_weighted_sum_constant_criterion_counts_as_best_for_everyone():
    assert mcda.weighted_sum([[5, 1], [5, 3]], [1, 1], [True, True]) == pytest.approx([0.5, 1.0])


def test_only_the_ratio_of_weights_matters():
    x = np.array([[1, 10, 3], [3, 20, 1], [2, 30, 2]])
    for method in mcda.METHODS:
        a = mcda.prepare(method, x, [True, False, True]).scores([1, 3, 2])
        b = mcda.prepare(method, x, [True, False, True]).scores([10, 30, 20])
        assert a == pytest.approx(b)


def test_topsis_by_hand():
    # x = [[3, 4], [4, 3]], both benefit, weights 3 : 1 -> 0.75, 0.25; column norms are 5 and 5
    # r = [[0.6, 0.8], [0.8, 0.6]]; v = [[0.45, 0.2], [0.6, 0.15]]; A+ = (0.6, 0.2), A- = (0.45, 0.15)
    # S+ = (0.15, 0.05), S- = (0.05, 0.15) -> C = (0.25, 0.75)
    assert mcda.topsis([[3, 4], [4, 3]], [3, 1], [True, True]) == pytest.approx([0.25, 0.75])


def test_topsis_identical_candidates_are_all_ideal():
    assert mcda.topsis([[2, 2], [2, 2]], [1, 1], [True, False]) == pytest.approx([1.0, 1.0])


def test_topsis_fighter_aircraft_example_of_hwang_and_yoon():
    """The worked example of TOPSIS in C.-L. Hwang and K. Yoon, *Multiple Attribute Decision Making:
    Methods and Applications* (Lecture Notes in Economics and Mathematical Systems 186, Springer,
    1981), the "fighter aircraft" problem of their chapter on MADM methods (TOPSIS section),
    reproduced in K. Yoon and C.-L. Hwang, *Multiple Attribute Decision Making: An Introduction*
    (Sage, 1995). Four aircraft, six attributes: maximum speed (Mach), ferry range (NM), maximum
    payload (lb), acquisition cost ($10⁶, a cost attribute), reliability and manoeuvrability
    (qualitative: low 3, average 5, high 7, very high 9); weights 0.2, 0.1, 0.1, 0.1, 0.2, 0.3.
    Published relative closeness: A1 0.643, A2 0.268, A3 0.613, A4 0.312 (order A1 > A3 > A4 > A2).

    Checked by hand as well: the column norms are 4.2814, 4096.34, 39560.08, 10.8513, 10.3923,
    13.4164; A1's weighted normalised row is (0.0934, 0.0366, 0.0506, 0.0507, 0.0962, 0.2012); the
    ideal (0.1168, 0.0659, 0.0531, 0.0415, 0.1347, 0.2012) and anti-ideal (0.0841, 0.0366, 0.0455,
    0.0599, 0.0577, 0.1118); A1's distances S+ = 0.0546 and S- = 0.0984 give 0.0984 / 0.1530 = 0.643.
    """
    x = [[2.0, 1500, 20000, 5.5, 5, 9],
         [2.5, 2700, 18000, 6.5, 3, 5],
         [1.8, 2000, 21000, 4.5, 7, 7],
         [2.2, 1800, 20000, 5.0, 5, 5]]
    weights = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3]
    benefit = [True, True, True, False, True, True]
    prepared = mcda.prepare(mcda.TOPSIS, x, benefit)
    norms = np.sqrt((np.asarray(x) ** 2).sum(axis=0))
    assert norms == pytest.approx([4.2814, 4096.34, 39560.08, 10.8513, 10.3923, 13.4164], rel=2e-5)
    assert mcda.contributions(prepared, weights)[0] == pytest.approx(
        [0.0934, 0.0366, 0.0506, 0.0507, 0.0962, 0.2012], abs=5e-5)
    closeness = prepared.scores(weights)
    assert closeness == pytest.approx([0.643, 0.268, 0.613, 0.312], abs=1e-3)  # the book rounds as it goes
    assert list(np.argsort(-closeness)) == [0, 2, 3, 1]


def test_many_weight_vectors_score_like_one_at_a_time():
    rng = np.random.default_rng(3)
    x = rng.uniform(0, 5, size=(12, 4))
    benefit = [True, False, True, True]
    weights = rng.uniform(0.5, 2, size=(7, 4))
    for method in mcda.METHODS:
        prepared = mcda.prepare(method, x, benefit)
        together = prepared.scores(weights)
        alone = np.column_stack([prepared.scores(w) for w in weights])
        assert together.shape == (12, 7)
        assert together == pytest.approx(alone)
        if method == mcda.TOPSIS:  # and the vectorised TOPSIS equals the textbook steps
            for w in weights:
                v = mcda.vector_normalised(x) * (w / w.sum())
                best = np.where(benefit, v.max(0), v.min(0))
                worst = np.where(benefit, v.min(0), v.max(0))
                plus, minus = np.linalg.norm(v - best, axis=1), np.linalg.norm(v - worst, axis=1)
                assert prepared.scores(w) == pytest.approx(minus / (plus + minus))


def test_unknown_method_and_bad_weights_are_refused():
    with pytest.raises(ValueError, match="unknown method"):
        mcda.prepare("borda", [[1]], [True])
    with pytest.raises(ValueError, match="weights"):
        mcda.weighted_sum([[1, 2]], [0, 0], [True, True])


def test_aggregate_shows_the_assessors_disagreement():
    agg = mcda.aggregate([2, 4, 4, 4, 5, 5, 7, 9])
    assert (agg.mean, agg.spread, agg.low, agg.high, agg.assessors) == (5.0, 2.0, 2.0, 9.0, 8)
    assert mcda.aggregate([]) is None
