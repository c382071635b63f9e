"""The answer pages' parsing of a POST: whatever a browser (or anyone) sends, it is read without an error
and what logic.py keeps is valid."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from northern_connections.surveys import answering, logic
from northern_connections.surveys.assessments import PROCUREMENT
from northern_connections.surveys.models import Question, Survey


def _questions() -> list[Question]:
    survey = Survey(default_language="en", languages=["en"])
    found = []
    for _title, questions in PROCUREMENT.sections:
        for data in questions:
            question = Question(survey=survey, key=data["key"], kind=data["kind"], text={"en": data["text"]},
                                required=data.get("required", False), condition=data.get("condition"),
                                scale_min=data.get("scale_min", 1), scale_max=data.get("scale_max", 5),
                                minimum=data.get("minimum"), maximum=data.get("maximum"),
                                max_choices=data.get("max_choices"),
                                options=[{"value": v, "label": {"en": t}} for v, t in data.get("options", ())],
                                rows=[{"value": v, "label": {"en": t}} for v, t in data.get("rows", ())])
            found.append(question)
    return found


QUESTIONS = _questions()
NAMES = sorted({q.key for q in QUESTIONS} | {f"{q.key}{answering.SEP}{o}" for q in QUESTIONS
                                              for o in q.option_values() + tuple(r["value"] for r in q.rows)})
VALUES = st.one_of(st.text(max_size=8), st.sampled_from(["1", "2", "5", "yes", "no", "pcp", "basic", "-3", "1e9",
                                                         "nan", "inf", "4,5", ""]))


def test_a_whole_ranking_is_read_in_the_order_of_its_places():
    from django.http import QueryDict

    post = QueryDict("priorities.energy=2&priorities.mobility=1&priorities.care=5&priorities.circular=3"
                     "&priorities.digital=4&procedures=12,5&readiness=4&used=yes&methods=pcp&methods=ppi")
    answers = answering.parse(QUESTIONS, post)
    assert answers["priorities"] == ["mobility", "energy", "circular", "digital", "care"]
    assert answers["procedures"] == 12.5 and answers["readiness"] == 4 and answers["methods"] == ["pcp", "ppi"]


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=80)
@given(st.lists(st.tuples(st.sampled_from(NAMES), VALUES), max_size=25))
def test_any_post_is_read_and_what_is_kept_is_valid(pairs):
    from django.http import QueryDict

    post = QueryDict(mutable=True)
    for name, value in pairs:
        post.appendlist(name, value)
    answers = answering.parse(QUESTIONS, post)
    specs = [q.as_spec() for q in QUESTIONS]
    checked = logic.check_answers(specs, answers, complete=False)
    by_key = {s.key: s for s in specs}
    assert all(logic.answer_problems(by_key[key], value) == [] for key, value in checked.answers.items())
