"""The plain-Python rules of a survey (logic.py): conditions, validation, aggregation, comparison.

No database: the module has no Django imports. Aggregates are checked against figures computed by hand.
"""

import math

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from northern_connections.surveys import logic
from northern_connections.surveys.logic import Condition, QuestionSpec

USES = QuestionSpec("uses", logic.SINGLE, required=True, options=("yes", "no", "unsure"))
HOW = QuestionSpec("how", logic.MULTIPLE, options=("pcp", "ppi", "dialogue"),
                   condition=Condition("uses", logic.EQUALS, "yes"))
WHY_NOT = QuestionSpec("why_not", logic.TEXT, required=True,
                       condition=Condition("uses", logic.ANY_OF, ["no", "unsure"]))
PCP_BUDGET = QuestionSpec("pcp_budget", logic.NUMBER, minimum=0, maximum=1_000_000,
                          condition=Condition("how", logic.INCLUDES, "pcp"))
READY = QuestionSpec("ready", logic.SCALE, required=True, scale_min=1, scale_max=5)
SKILLS = QuestionSpec("skills", logic.MATRIX, options=("low", "high"), rows=("legal", "market"))
PRIORITIES = QuestionSpec("priorities", logic.RANKING, options=("energy", "mobility", "health"))
QUESTIONS = [USES, HOW, WHY_NOT, PCP_BUDGET, READY, SKILLS, PRIORITIES]


# --------------------------------------------------------------------------- conditions

def test_a_question_is_shown_only_when_its_condition_holds():
    assert logic.shown_keys(QUESTIONS, {"uses": "yes"}) == ["uses", "how", "ready", "skills", "priorities"]
    assert logic.shown_keys(QUESTIONS, {"uses": "no"}) == ["uses", "why_not", "ready", "skills", "priorities"]
    assert logic.shown_keys(QUESTIONS, {}) == ["uses", "ready", "skills", "priorities"]


def test_a_question_that_depends_on_a_hidden_question_is_hidden_too():
    # "how" is hidden for "no", so the stale "pcp" choice must not show the budget question
    assert "pcp_budget" not in logic.shown_keys(QUESTIONS, {"uses": "no", "how": ["pcp"]})
    assert "pcp_budget" in logic.shown_keys(QUESTIONS, {"uses": "yes", "how": ["pcp"]})


def test_operators():
    assert Condition("q", logic.AT_LEAST, 3).holds(3) and not Condition("q", logic.AT_LEAST, 3).holds(2)
    assert Condition("q", logic.AT_MOST, 3).holds(1) and not Condition("q", logic.AT_MOST, 3).holds(4)
    assert Condition("q", logic.NOT_EQUALS, "a").holds("b") and not Condition("q", logic.NOT_EQUALS, "a").holds("a")
    assert Condition("q", logic.ANSWERED).holds("x") and not Condition("q", logic.ANSWERED).holds("  ")
    assert not Condition("q", logic.AT_LEAST, 3).holds("5")  # text is not a number
    assert not Condition("q", "unknown", 3).holds(3)
    assert not Condition("q", logic.EQUALS, "a").holds(None)


# --------------------------------------------------------------------------- validation

def test_submitting_needs_every_required_shown_question():
    checked = logic.check_answers(QUESTIONS, {"uses": "no"}, complete=True)
    assert set(checked.problems) == {"why_not", "ready"}
    assert checked.problems["ready"][0].code == "required"


def test_saving_to_continue_later_accepts_missing_answers_but_not_wrong_ones():
    checked = logic.check_answers(QUESTIONS, {"uses": "no", "ready": 9}, complete=False)
    assert list(checked.problems) == ["ready"]
    assert checked.problems["ready"][0].code == "outside_scale"
    assert checked.answers == {"uses": "no"}


def test_answers_to_hidden_and_unknown_questions_are_dropped():
    checked = logic.check_answers(QUESTIONS, {"uses": "no", "why_not": "No budget", "how": ["pcp"], "ready": 2,
                                              "pcp_budget": 5, "invented": 1}, complete=True)
    assert checked.ok
    assert checked.answers == {"uses": "no", "why_not": "No budget", "ready": 2}


def test_each_kind_refuses_what_does_not_fit():
    cases = [
        (USES, "maybe", "not_an_option"), (HOW, ["pcp", "pcp"], "repeated_option"), (HOW, "pcp", "not_an_option"),
        (READY, True, "outside_scale"), (READY, 2.5, "outside_scale"), (PCP_BUDGET, -1, "below_minimum"),
        (PCP_BUDGET, 2_000_000, "above_maximum"), (PCP_BUDGET, float("nan"), "not_a_number"),
        (PCP_BUDGET, "12", "not_a_number"), (WHY_NOT, "x" * (logic.MAX_TEXT + 1), "too_long"),
        (WHY_NOT, 3, "not_text"), (SKILLS, {"legal": "low", "other": "low"}, "unknown_row"),
        (SKILLS, {"legal": "medium"}, "not_an_option"), (PRIORITIES, ["energy", "health"], "rank_every_option"),
        (PRIORITIES, ["energy", "energy", "health"], "rank_every_option"),
    ]
    for question, value, code in cases:
        assert [p.code for p in logic.answer_problems(question, value)] == [code], (question.key, value)


def test_a_required_matrix_needs_every_row_and_max_choices_is_kept():
    required = QuestionSpec("m", logic.MATRIX, required=True, options=("low", "high"), rows=("legal", "market"))
    assert logic.answer_problems(required, {"legal": "low"})[0].code == "rows_missing"
    assert logic.answer_problems(required, {"legal": "low", "market": "high"}) == []
    two = QuestionSpec("two", logic.MULTIPLE, options=("a", "b", "c"), max_choices=2)
    assert logic.answer_problems(two, ["a", "b", "c"])[0].param("maximum") == 2


def test_definition_problems():
    questions = [
        QuestionSpec("a", logic.SINGLE, options=("x",)),  # one option is no choice
        QuestionSpec("b", logic.TEXT, condition=Condition("c", logic.EQUALS, "x")),  # refers to a later one
        QuestionSpec("c", logic.SINGLE, options=("x", "y"), condition=Condition("a", logic.INCLUDES, "x")),
        QuestionSpec("d", logic.SCALE, scale_min=5, scale_max=5),
        QuestionSpec("e", logic.SINGLE, options=("x", "y"), condition=Condition("c", logic.EQUALS, "z")),
        QuestionSpec("e", logic.TEXT),
        QuestionSpec("f", logic.MATRIX, options=("x",)),
    ]
    codes = {key: [p.code for p in found] for key, found in logic.definition_problems(questions).items()}
    assert codes == {"a": ["needs_options"], "b": ["condition_not_earlier"], "c": ["operator_does_not_fit"],
                     "d": ["bad_scale"], "e": ["condition_value_not_an_option", "duplicate_key"],
                     "f": ["needs_rows"]}
    assert logic.definition_problems(QUESTIONS) == {}


# --------------------------------------------------------------------------- aggregation (by hand)

RESPONSES = [
    {"uses": "yes", "how": ["pcp", "ppi"], "pcp_budget": 100_000, "ready": 4,
     "skills": {"legal": "low", "market": "high"}, "priorities": ["energy", "mobility", "health"]},
    {"uses": "yes", "how": ["pcp"], "pcp_budget": 300_000, "ready": 5,
     "skills": {"legal": "high"}, "priorities": ["mobility", "energy", "health"]},
    {"uses": "no", "why_not": "No staff", "ready": 2, "skills": {"legal": "low", "market": "low"},
     "priorities": ["energy", "health", "mobility"]},
    {"uses": "unsure", "why_not": "Never heard of it", "ready": 1},
]


def test_single_choice_counts_and_percentages():
    result = logic.aggregate(USES, RESPONSES)
    assert (result.shown, result.answered) == (4, 4)
    assert [(c.value, c.count, c.percent) for c in result.counts] == [("yes", 2, 50.0), ("no", 1, 25.0),
                                                                      ("unsure", 1, 25.0)]


def test_multiple_choice_counts_those_shown_the_question():
    result = logic.aggregate(HOW, RESPONSES)
    assert (result.shown, result.answered) == (2, 2)  # only the two who use innovative procurement
    # pcp: 2 of 2 = 100 %, ppi: 1 of 2 = 50 %, dialogue 0
    assert [(c.value, c.count, c.percent) for c in result.counts] == [("pcp", 2, 100.0), ("ppi", 1, 50.0),
                                                                      ("dialogue", 0, 0.0)]


def test_scale_distribution_mean_and_median():
    result = logic.aggregate(READY, RESPONSES)
    # 4, 5, 2, 1: mean 12/4 = 3.0, median (2 + 4) / 2 = 3.0
    assert (result.mean, result.median, result.minimum, result.maximum) == (3.0, 3.0, 1.0, 5.0)
    assert [(c.value, c.count, c.percent) for c in result.counts] == [
        ("1", 1, 25.0), ("2", 1, 25.0), ("3", 0, 0.0), ("4", 1, 25.0), ("5", 1, 25.0)]


def test_number_statistics():
    result = logic.aggregate(PCP_BUDGET, RESPONSES)
    assert (result.answered, result.mean, result.median) == (2, 200_000.0, 200_000.0)


def test_matrix_counts_per_row():
    result = logic.aggregate(SKILLS, RESPONSES)
    assert result.answered == 3
    # legal: low, high, low -> low 2/3 = 66.7 %, high 1/3 = 33.3 %; market: high, low -> 50 % each
    assert [(c.value, c.count, c.percent) for c in result.rows["legal"]] == [("low", 2, 66.7), ("high", 1, 33.3)]
    assert [(c.value, c.count, c.percent) for c in result.rows["market"]] == [("low", 1, 50.0), ("high", 1, 50.0)]


def test_ranking_mean_rank_and_points():
    result = logic.aggregate(PRIORITIES, RESPONSES)
    # energy: places 1, 2, 1 -> mean 4/3 = 1.33, points (3-1)+(3-2)+(3-1) = 5
    # mobility: 2, 1, 3 -> 2.0, points 1+2+0 = 3; health: 3, 3, 2 -> 2.67, points 0+0+1 = 1
    assert result.mean_rank == {"energy": 1.33, "mobility": 2.0, "health": 2.67}
    assert result.points == {"energy": 5, "mobility": 3, "health": 1}


def test_free_text_is_listed_sorted_not_in_answer_order():
    assert logic.aggregate(WHY_NOT, RESPONSES).texts == ["Never heard of it", "No staff"]


def test_small_groups_are_suppressed():
    result = logic.aggregate(HOW, RESPONSES, minimum_group=3)
    assert result.suppressed and result.counts == [] and result.answered == 2
    assert not logic.aggregate(HOW, [], minimum_group=3).suppressed  # nothing to hide


def test_comparison_in_percentage_points():
    comparison = logic.compare(USES, RESPONSES[:2], RESPONSES[2:])
    assert [(d.value, d.first, d.second, d.change) for d in comparison.differences] == [
        ("yes", 100.0, 0.0, -100.0), ("no", 0.0, 50.0, 50.0), ("unsure", 0.0, 50.0, 50.0)]
    scale = logic.compare(READY, RESPONSES[:2], RESPONSES[2:])
    # means 4.5 and 1.5
    assert {d.value: d.change for d in scale.differences}["mean"] == -3.0
    assert logic.compare(WHY_NOT, RESPONSES[:2], RESPONSES[2:]).differences == []


# --------------------------------------------------------------------------- properties

# The machine is shared: generation may be slow, which says nothing about the rules.
RELAXED = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=60)
ANY_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
                        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                                    max_size=3), max_leaves=8)


@RELAXED
@given(st.dictionaries(st.sampled_from([q.key for q in QUESTIONS] + ["x"]), ANY_JSON), st.booleans())
def test_any_json_is_checked_without_an_error_and_what_is_kept_is_valid(answers, complete):
    checked = logic.check_answers(QUESTIONS, answers, complete=complete)
    shown = logic.shown_keys(QUESTIONS, checked.answers)
    by_key = {q.key: q for q in QUESTIONS}
    for key, value in checked.answers.items():
        assert key in shown
        assert logic.answer_problems(by_key[key], value) == []


ANSWER_SET = st.fixed_dictionaries({}, optional={
    "uses": st.sampled_from(USES.options), "how": st.lists(st.sampled_from(HOW.options), unique=True),
    "ready": st.integers(1, 5), "priorities": st.permutations(PRIORITIES.options)})


@RELAXED
@given(st.lists(ANSWER_SET, max_size=30))
def test_counts_add_up(answer_sets):
    uses = logic.aggregate(USES, answer_sets)
    assert sum(c.count for c in uses.counts) == uses.answered <= len(answer_sets)
    assume(uses.answered > 0)
    assert math.isclose(sum(c.percent for c in uses.counts), 100.0, abs_tol=0.2)
    ready = logic.aggregate(READY, answer_sets)
    assume(ready.answered > 0)
    assert ready.minimum <= ready.mean <= ready.maximum


@RELAXED
@given(st.lists(ANSWER_SET, min_size=1, max_size=20))
def test_ranking_points_add_up_to_each_respondents_share(answer_sets):
    result = logic.aggregate(PRIORITIES, answer_sets)
    assume(result.answered > 0)
    # each full ranking of 3 gives 2 + 1 + 0 points
    assert sum(result.points.values()) == 3 * result.answered


@RELAXED
@given(st.lists(ANSWER_SET, max_size=10), st.lists(ANSWER_SET, max_size=10))
def test_comparison_is_antisymmetric(first, second):
    forward, backward = logic.compare(USES, first, second), logic.compare(USES, second, first)
    assert [d.change for d in forward.differences] == [-d.change if d.change else d.change
                                                       for d in backward.differences]
