"""The self-assessment's scoring against values computed by hand (knowledge/scoring.py)."""

from northern_connections.knowledge.scoring import (
    Profile,
    Question,
    answer_problems,
    benchmark,
    comparable_group,
    dimension_scores,
    overall_score,
    unanswered,
    weakest_dimensions,
)

# Two dimensions. Strategy: q1 weight 2 (5 options), q2 weight 1 (3 options). Funding: q3 weight 1 (4 options).
QUESTIONS = [Question(1, "strategy", 2.0, 5), Question(2, "strategy", 1.0, 3), Question(3, "funding", 1.0, 4)]


def test_dimension_scores_are_weighted_shares_of_the_points():
    # strategy: (2 * 3/4 + 1 * 1/2) / 3 = (1.5 + 0.5) / 3 = 0.6667 -> 66.7; funding: 1/3 -> 33.3
    assert dimension_scores(QUESTIONS, {1: 3, 2: 1, 3: 1}) == {"strategy": 66.7, "funding": 33.3}


def test_extreme_answers_score_zero_and_a_hundred():
    assert dimension_scores(QUESTIONS, {1: 0, 2: 0, 3: 3}) == {"strategy": 0.0, "funding": 100.0}


def test_a_skipped_question_is_left_out_not_counted_as_zero():
    # strategy only from q1: 2 * 4/4 / 2 = 1 -> 100; funding unanswered -> None
    assert dimension_scores(QUESTIONS, {1: 4}) == {"strategy": 100.0, "funding": None}
    assert unanswered(QUESTIONS, {1: 4}) == [2, 3]


def test_overall_is_the_mean_of_the_scored_dimensions():
    assert overall_score({"strategy": 66.7, "funding": 33.3}) == 50.0
    assert overall_score({"strategy": 80.0, "funding": None}) == 80.0
    assert overall_score({"funding": None}) is None


def test_answers_outside_the_options_are_problems():
    assert answer_problems(QUESTIONS, {1: 5, 2: 2, 3: -1, 99: 7}) == [1, 3]
    assert answer_problems(QUESTIONS, {1: "2"}) == [1]


def test_benchmark_averages_each_dimension_over_the_peers_that_scored_it():
    peers = [{"strategy": 50.0, "funding": None}, {"strategy": 70.0, "funding": 40.0}, {"strategy": 90.0,
                                                                                        "funding": 20.0}]
    assert benchmark(peers) == {"strategy": 70.0, "funding": 30.0}


def test_comparable_group_widens_until_it_is_big_enough_and_never_contains_the_sme():
    me = Profile(1, "small", frozenset({"wind"}))
    same_chain = [Profile(i, "small", frozenset({"wind"})) for i in range(2, 7)]  # 5 peers
    others = [Profile(i, "micro", frozenset({"wind"})) for i in range(10, 20)]
    assert comparable_group(me, [me, *same_chain, *others]) == [2, 3, 4, 5, 6]
    # only 3 of the same size and chain, 5 of the same size: the size class alone
    small_other_chain = [Profile(7, "small", frozenset({"solar"})), Profile(8, "small")]
    assert comparable_group(me, [*same_chain[:3], *small_other_chain, *others]) == [2, 3, 4, 7, 8]
    # too few of the same size: everyone
    assert len(comparable_group(me, [*same_chain[:2], *others])) == 12
    assert comparable_group(me, same_chain[:2]) == []


def test_weakest_dimensions_are_those_below_the_threshold_or_the_benchmark_lowest_first():
    scores = {"strategy": 75.0, "funding": 30.0, "market": 55.0, "partners": 90.0, "skipped": None}
    assert weakest_dimensions(scores) == ["funding", "market"]
    assert weakest_dimensions(scores, {"strategy": 80.0, "partners": 85.0}) == ["funding", "market", "strategy"]
    assert weakest_dimensions(scores, limit=1) == ["funding"]
