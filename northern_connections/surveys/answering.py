"""The answer pages: one section at a time, read from the POST and shown as fieldsets (templates render them).

The inputs are plain HTML (radios, checkboxes, a select per ranked option, number and text fields), so
every question works with the keyboard and without JavaScript; a question whose condition depends on an
answer in the same section is shown with a note and its answer dropped when the condition does not hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import logic
from .choices import ConditionOperator
from .models import Question, Section, localized

SEP = "."  # field names of a matrix row or a ranked option: "<key>.<row>"


def _number(raw: str):
    raw = raw.strip().replace(",", ".")
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        return raw  # logic says "enter a number"
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def _ranking(question: Question, post) -> list | None:
    places = {}
    for option in question.option_values():
        raw = post.get(f"{question.key}{SEP}{option}", "").strip()
        if raw.isdecimal():
            places[option] = int(raw)
    if not places:
        return None
    if len(places) != len(question.options) or sorted(places.values()) != list(range(1, len(places) + 1)):
        return list(places)  # incomplete or tied: logic says "give every option a different place"
    return sorted(places, key=places.get)


def parse(questions: list[Question], post) -> dict:
    """The answers a section's POST gives, by question key (None: cleared)."""
    answers: dict = {}
    for question in questions:
        key = question.key
        if question.kind == logic.MULTIPLE:
            answers[key] = [v for v in post.getlist(key) if v] or None
        elif question.kind == logic.SCALE:
            raw = post.get(key, "").strip()
            answers[key] = int(raw) if raw.lstrip("-").isdecimal() else (raw or None)
        elif question.kind == logic.NUMBER:
            answers[key] = _number(post.get(key, ""))
        elif question.kind == logic.MATRIX:
            chosen = {row: post.get(f"{key}{SEP}{row}", "") for row in (r["value"] for r in question.rows)}
            answers[key] = {row: value for row, value in chosen.items() if value} or None
        elif question.kind == logic.RANKING:
            answers[key] = _ranking(question, post)
        else:
            answers[key] = post.get(key, "").strip() or None
    return answers


@dataclass
class Shown:
    """One question as the page shows it."""

    question: Question
    text: str
    help: str
    note: str = ""
    errors: list[str] = field(default_factory=list)
    choices: list[tuple[str, str, bool]] = field(default_factory=list)
    rows: list[tuple[str, str, list[tuple[str, str, bool]]]] = field(default_factory=list)
    places: list[tuple[str, str, int | None]] = field(default_factory=list)
    value: object = None
    low: str = ""
    high: str = ""

    @property
    def field_id(self) -> str:
        return f"q-{self.question.key}"

    @property
    def described_by(self) -> str:
        ids = [f"{self.field_id}-help"] if self.help or self.note else []
        return " ".join(ids + ([f"{self.field_id}-errors"] if self.errors else []))


def _condition_note(question: Question, by_key: dict[str, Question], language: str) -> str:
    condition = question.condition or {}
    source = by_key.get(condition.get("question"))
    if source is None:
        return ""
    value = condition.get("value")
    labels = source.labels(language)
    shown = ", ".join(labels.get(str(v), str(v)) for v in value) if isinstance(value, list) else \
        labels.get(str(value), "" if value is None else str(value))
    return _("Answer this only if your answer to “%(question)s” %(operator)s %(value)s.") % {
        "question": localized(source.text, language, source.survey.default_language),
        "operator": ConditionOperator(condition["operator"]).label if condition.get("operator") in
        ConditionOperator.values else "", "value": f"“{shown}”" if shown else ""}


def present(questions: list[Question], answers: dict, errors: dict, language: str, *, same_page: set[str],
            every_question: list[Question]) -> list[Shown]:
    """The section's questions with their labels, the saved answers and the errors, in `language`."""
    by_key = {q.key: q for q in every_question}
    fallback = questions[0].survey.default_language if questions else "en"
    shown = []
    for question in questions:
        value = answers.get(question.key)
        item = Shown(question, localized(question.text, language, fallback), localized(question.help, language,
                     fallback), errors=list(errors.get(question.key, [])), value=value,
                     low=localized(question.low_label, language, fallback),
                     high=localized(question.high_label, language, fallback))
        if question.condition and question.condition.get("question") in same_page:
            item.note = _condition_note(question, by_key, language)
        labels = question.labels(language)
        chosen = value if isinstance(value, list) else [value]
        item.choices = [(v, labels[v], v in chosen) for v in question.option_values()]
        if question.kind == logic.SCALE:
            item.choices = [(str(n), str(n), value == n) for n in range(question.scale_min, question.scale_max + 1)]
        if question.kind == logic.MATRIX:
            picked = value if isinstance(value, dict) else {}
            item.rows = [(row, label, [(v, labels[v], picked.get(row) == v) for v in question.option_values()])
                         for row, label in question.row_labels(language).items()]
        if question.kind == logic.RANKING:
            order = value if isinstance(value, list) else []
            item.places = [(v, labels[v], order.index(v) + 1 if v in order else None)
                           for v in question.option_values()]
        shown.append(item)
    return shown


def pages(sections: list[Section], questions: list[Question], answers: dict) -> list[tuple[Section | None, list]]:
    """The sections that have a question to show for the answers so far, each with those questions."""
    specs = [q.as_spec() for q in questions]
    visible = set(logic.shown_keys(specs, answers))
    result = []
    for section in sections:
        own = [q for q in questions if q.section_id == section.pk]
        keys = {q.key for q in own}
        # a question whose condition refers to this very section is shown (with a note) until it is answered
        kept = [q for q in own if q.key in visible or (q.condition and q.condition.get("question") in keys)]
        if kept:
            result.append((section, kept))
    loose = [q for q in questions if q.section_id is None and q.key in visible]
    if loose:
        result.append((None, loose))
    return result
