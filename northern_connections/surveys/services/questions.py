"""Sections and questions of a draft survey: each write re-checks the whole survey's definition (logic.py)."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core.permissions import CHANGE, DELETE, locked_for

from .. import logic
from ..models import Question, Section, Survey
from ..workflow import definition_messages
from .surveys import with_text

QUESTION_SETTINGS = ("kind", "required", "scale_min", "scale_max", "minimum", "maximum", "max_choices", "section")


def _editable(actor: User, survey: Survey) -> Survey:
    survey = locked_for(actor, CHANGE, survey)
    if not survey.is_editable:
        raise ValidationError(_("The questions of a survey that has opened stay as they were (respondents "
                                "answered them); start a new round to change them."))
    return survey


def _language(survey: Survey, language: str) -> str:
    if language not in survey.languages:
        raise ValidationError({"language": _("Choose one of the survey's languages.")})
    return language


def merge_labels(existing: list[dict], pairs: Sequence[tuple[str, str]], language: str) -> list[dict]:
    """Choices given as (value, label) in `language`, keeping the labels of the other languages. An empty
    value is made from the label, so a first draft can be typed as labels only."""
    by_value = {o["value"]: o for o in existing or []}
    merged = []
    for value, label in pairs:
        value = slugify(value or label)[:40] or f"option-{len(merged) + 1}"
        old = by_value.get(value, {"value": value, "label": {}})
        merged.append({"value": value, "label": with_text(old.get("label"), language, label)})
    return merged


def _check_definition(survey: Survey) -> None:
    problems = logic.definition_problems(survey.specs())
    if problems:
        raise ValidationError(definition_messages(problems))


def _unique_key(survey: Survey, wanted: str, text: str, exclude_pk=None) -> str:
    base = slugify(wanted or text)[:32].strip("-") or "q"
    taken = set(survey.questions.exclude(pk=exclude_pk).values_list("key", flat=True))
    if wanted and slugify(wanted) in taken:
        raise ValidationError({"key": _("Another question of this survey has this key.")})
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def _apply(question: Question, language: str, *, text: str, help: str = "", options=None, rows=None,
           low_label: str = "", high_label: str = "", condition: dict | None = None, **fields) -> None:
    question.text = with_text(question.text, language, text)
    question.help = with_text(question.help, language, help)
    question.low_label = with_text(question.low_label, language, low_label)
    question.high_label = with_text(question.high_label, language, high_label)
    if options is not None:
        question.options = merge_labels(question.options, options, language)
    if rows is not None:
        question.rows = merge_labels(question.rows, rows, language)
    question.condition = condition or None
    for name, value in fields.items():
        if name in QUESTION_SETTINGS:
            setattr(question, name, value)
    if question.section_id and question.section.survey_id != question.survey_id:
        raise ValidationError({"section": _("Choose a section of this survey.")})


def question_create(*, actor: User, survey: Survey, language: str, text: str, kind: str, key: str = "",
                    **fields) -> Question:
    """A new question at the end of its section (default: the last section)."""
    with transaction.atomic():
        survey = _editable(actor, survey)
        _language(survey, language)
        section = fields.pop("section", None) or survey.sections.order_by("order", "pk").last()
        question = Question(survey=survey, kind=kind, section=section,
                            key=_unique_key(survey, key, text),
                            order=(survey.questions.aggregate(m=Max("order"))["m"] or 0) + 1)
        _apply(question, language, text=text, **fields)
        question.full_clean()
        question.save()
        _check_definition(survey)
    return question


def question_update(*, actor: User, question: Question, language: str, text: str, key: str = "",
                    **fields) -> Question:
    """Edit a question's texts in `language` and its settings."""
    with transaction.atomic():
        question = locked_for(actor, CHANGE, question)
        survey = _editable(actor, question.survey)
        _language(survey, language)
        if key and key != question.key:
            question.key = _unique_key(survey, key, text, exclude_pk=question.pk)
        _apply(question, language, text=text, **fields)
        question.full_clean()
        question.save()
        _check_definition(survey)
    return question


def question_delete(*, actor: User, question: Question) -> None:
    """Remove a question; refused while a later question's condition refers to it."""
    with transaction.atomic():
        question = locked_for(actor, DELETE, question)
        survey = _editable(actor, question.survey)
        question.delete()
        _check_definition(survey)


def question_move(*, actor: User, question: Question, direction: str) -> Question:
    """Swap a question with its neighbour in the survey's order ("up" or "down"), within or across sections."""
    with transaction.atomic():
        question = locked_for(actor, CHANGE, question)
        survey = _editable(actor, question.survey)
        ordered = list(survey.ordered_questions())
        index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
        other_index = index - 1 if direction == "up" else index + 1
        if not 0 <= other_index < len(ordered):
            return question
        other = ordered[other_index]
        if other.section_id != question.section_id:
            question.section_id = other.section_id  # over a section's edge: the first or last of the next one
        else:
            ordered[index], ordered[other_index] = other, question
        for position, item in enumerate(ordered):
            if item.order != position or item is question:
                item.order = position
                item.save(update_fields=["order", "section", "updated"])
        _check_definition(survey)
    return question


def section_create(*, actor: User, survey: Survey, language: str, title: str) -> Section:
    with transaction.atomic():
        survey = _editable(actor, survey)
        _language(survey, language)
        order = (survey.sections.aggregate(m=Max("order"))["m"] or 0) + 1
        section = Section(survey=survey, title=with_text({}, language, title), order=order)
        section.full_clean()
        section.save()
    return section


def section_update(*, actor: User, section: Section, language: str, title: str) -> Section:
    """A section's title in `language` (other languages keep theirs); while the survey is a draft."""
    with transaction.atomic():
        section = locked_for(actor, CHANGE, section)
        _language(_editable(actor, section.survey), language)
        section.title = with_text(section.title, language, title)
        section.full_clean()
        section.save(update_fields=["title", "updated"])
    return section


def section_delete(*, actor: User, section: Section) -> None:
    """Remove an empty section (move or delete its questions first)."""
    with transaction.atomic():
        section = locked_for(actor, DELETE, section)
        _editable(actor, section.survey)
        if section.questions.exists():
            raise ValidationError(_("Move or delete the section's questions first."))
        section.delete()
