"""Properties of the weighted ranking (ranking.py), checked on generated juries with Hypothesis.

The ranking decides who is shortlisted, so it must behave like the jury expects whatever the
weights, the number of jurors and the gaps in their work: every application listed once, means
and disagreement in range, the order and ranks consistent, the result independent of the order
the scores arrive in and of the scale of the weights, and a better score never hurting.
"""

from __future__ import annotations

from statistics import fmean, pstdev

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from northern_connections.challenges.ranking import ScoreRow, rank

MAX = 10


@st.composite
def juries(draw, complete: bool = False):
    """(applications, weights, scores): up to 6 applications, 1–4 criteria, 0–5 jurors, gaps unless complete."""
    applications = draw(st.lists(st.integers(1, 10_000), min_size=1, max_size=6, unique=True))
    criteria = draw(st.lists(st.integers(1, 500), min_size=1, max_size=4, unique=True))
    weights = {c: draw(st.integers(1, 100)) for c in criteria}
    jurors = draw(st.lists(st.integers(1, 50), max_size=5, unique=True))
    scores = []
    for application in applications:
        for juror in jurors:
            for criterion in criteria:
                if complete or draw(st.booleans()) or draw(st.booleans()):  # mostly scored, sometimes not
                    scores.append(ScoreRow(application, juror, criterion, draw(st.integers(0, MAX))))
    return applications, weights, scores


def _totals(applications, weights, scores):
    """The jurors' complete weighted totals per application, computed the obvious way."""
    totals = {}
    for application in applications:
        for juror in {s.juror for s in scores}:
            mine = {s.criterion: s.value for s in scores if s.application == application and s.juror == juror}
            if set(mine) == set(weights):
                total = sum(weights[c] * mine[c] for c in weights) / (sum(weights.values()) * MAX) * 100
                totals.setdefault(application, []).append(total)
    return totals


@settings(max_examples=200, deadline=None)
@given(juries())
def test_every_application_once_with_means_and_disagreement_in_range(jury):
    applications, weights, scores = jury
    results = rank(applications, weights, scores)
    assert sorted(r.application for r in results) == sorted(applications)
    expected = _totals(applications, weights, scores)
    for result in results:
        totals = expected.get(result.application, [])
        assert result.jurors == len(totals)  # only complete scorings count
        if not totals:
            assert result.mean is None and result.disagreement is None and result.rank is None
            continue
        assert 0 <= result.mean <= 100 and 0 <= result.disagreement <= 50
        assert abs(result.mean - fmean(totals)) <= 0.01
        assert abs(result.disagreement - pstdev(totals)) <= 0.01


@settings(max_examples=200, deadline=None)
@given(juries())
def test_ranked_first_best_first_ranks_consecutive(jury):
    results = rank(*jury)
    ranked = [r for r in results if r.mean is not None]
    assert results[: len(ranked)] == ranked  # the unscored come last
    assert [r.rank for r in ranked] == list(range(1, len(ranked) + 1))
    assert all(a.mean >= b.mean for a, b in zip(ranked, ranked[1:], strict=False))


@settings(max_examples=150, deadline=None)
@given(juries(), st.randoms(use_true_random=False), st.integers(2, 7))
def test_neither_the_order_of_scores_nor_the_scale_of_weights_matters(jury, random, factor):
    applications, weights, scores = jury
    shuffled = list(scores)
    random.shuffle(shuffled)
    scaled = {c: w * factor for c, w in weights.items()}

    def same(results, expected):
        # Means are rounded to 0.01 after summing floats in the order the scores came: allow that last digit,
        # and compare ranks where no two means are within it.
        assert [(r.application, r.jurors) for r in sorted(results, key=lambda r: r.application)] == \
            [(r.application, r.jurors) for r in sorted(expected, key=lambda r: r.application)]
        means = {r.application: r.mean for r in expected}
        for r in results:
            assert (r.mean is None) == (means[r.application] is None)
            assert r.mean is None or abs(r.mean - means[r.application]) <= 0.011
        values = sorted(m for m in means.values() if m is not None)
        if all(b - a > 0.011 for a, b in zip(values, values[1:], strict=False)):
            assert [(r.application, r.rank) for r in results] == [(r.application, r.rank) for r in expected]

    expected = rank(applications, weights, scores)
    same(rank(list(reversed(applications)), weights, shuffled), expected)
    same(rank(applications, scaled, scores), expected)


@settings(max_examples=150, deadline=None)
@given(juries(complete=True), st.data())
def test_a_better_score_never_lowers_the_mean(jury, data):
    applications, weights, scores = jury
    assume(scores)
    index = data.draw(st.integers(0, len(scores) - 1))
    better = list(scores)
    row = better[index]
    better[index] = ScoreRow(row.application, row.juror, row.criterion, data.draw(st.integers(row.value, MAX)))
    before = {r.application: r.mean for r in rank(applications, weights, scores)}
    after = {r.application: r.mean for r in rank(applications, weights, better)}
    assert after[row.application] >= before[row.application]
    assert all(after[a] == before[a] for a in applications if a != row.application)


@settings(max_examples=100, deadline=None)
@given(juries(complete=True))
def test_unanimous_jurors_do_not_disagree(jury):
    applications, weights, scores = jury
    # Every juror copies the first juror's scores: the totals are equal, so the disagreement is zero.
    first = {}
    for s in scores:
        first.setdefault((s.application, s.criterion), s.value)
    copied = [ScoreRow(s.application, s.juror, s.criterion, first[(s.application, s.criterion)]) for s in scores]
    for result in rank(applications, weights, copied):
        assert result.disagreement in (None, 0)


def test_scores_of_unknown_criteria_and_applications_are_ignored():
    scores = [ScoreRow(1, 1, 10, 8), ScoreRow(1, 1, 99, 0), ScoreRow(2, 1, 10, 5)]
    [result] = rank([1], {10: 100}, scores)
    assert (result.mean, result.rank, result.jurors) == (80.0, 1, 1)


@settings(max_examples=150, deadline=None)
@given(juries(), st.data())
def test_excluded_scores_are_reported_and_ranked_as_if_absent(jury, data):
    applications, weights, scores = jury
    pairs = sorted({(s.application, s.juror) for s in scores})
    dropped = set(data.draw(st.lists(st.sampled_from(pairs), unique=True))) if pairs else set()
    results = rank(applications, weights, scores, excluded={pair: "declared" for pair in dropped})
    without = rank(applications, weights, [s for s in scores if (s.application, s.juror) not in dropped])
    assert [(r.application, r.mean, r.disagreement, r.rank, r.juror_totals, r.criterion_means) for r in results] == \
        [(r.application, r.mean, r.disagreement, r.rank, r.juror_totals, r.criterion_means) for r in without]
    for result in results:
        assert set(result.excluded) == {j for a, j in dropped if a == result.application}
        assert set(result.excluded_totals) <= set(result.excluded)
        assert all(reason == "declared" for reason in result.excluded.values())


def test_disagreement_is_computed_on_the_included_scores_only():
    # Jurors 1 and 2 agree (80); juror 3's 0 is excluded: no disagreement, mean 80, juror 3's total shown apart.
    scores = [ScoreRow(1, 1, 10, 8), ScoreRow(1, 2, 10, 8), ScoreRow(1, 3, 10, 0)]
    [result] = rank([1], {10: 100}, scores, excluded={(1, 3): "structural"})
    assert (result.mean, result.disagreement, result.jurors) == (80.0, 0.0, 2)
    assert result.excluded == {3: "structural"} and result.excluded_totals == {3: 0.0}
