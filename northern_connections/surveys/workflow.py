"""The life cycle of a survey, as data for the core state machine (core/workflow.py).

draft → open (questions complete in the main language, conditions sound) → closed → open again
(reopened, while the closing time has not passed) ; closed → archived. Every move is the owner's
editors' (the CHANGE scope); closing at `closes_at` is the system's (tasks.close_due_surveys).
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.workflow import Transition, Workflow

from . import logic
from .choices import SurveyStatus
from .models import Survey, SurveyTransition

DRAFT, OPEN, CLOSED, ARCHIVED = SurveyStatus.DRAFT, SurveyStatus.OPEN, SurveyStatus.CLOSED, SurveyStatus.ARCHIVED


def definition_messages(problems: dict[str, list[logic.Problem]]) -> list[str]:
    """logic.definition_problems in words."""
    from .texts import problem_text

    return [f"{key}: {problem_text(p)}" for key, found in problems.items() for p in found]


def opening_problems(survey: Survey, now: datetime) -> list[str]:
    """Why a survey cannot open (or reopen) yet; empty when it can."""
    questions = list(survey.ordered_questions())
    problems = []
    if not questions:
        problems.append(_("Add at least one question."))
    if not survey.title.get(survey.default_language):
        problems.append(_("Give the survey a title in its main language."))
    untranslated = [q.key for q in questions if not q.text.get(survey.default_language)]
    if untranslated:
        problems.append(_("These questions have no text in the main language: %(keys)s.")
                        % {"keys": ", ".join(untranslated)})
    problems += definition_messages(logic.definition_problems(survey.specs(questions)))
    if survey.closes_at and survey.closes_at <= now:
        problems.append(_("The closing time has passed: set a later one first."))
    return problems


def _opened(survey: Survey, actor, now: datetime) -> None:
    survey.opened_at = survey.opened_at or now


def _closed(survey: Survey) -> None:
    from .services.responses import unclaimed_ballots_discard

    unclaimed_ballots_discard(survey=survey)


SURVEY_WORKFLOW = Workflow(
    statuses=SurveyStatus,
    log_model=SurveyTransition,
    log_object_field="survey",
    transitions=[
        Transition(DRAFT, OPEN, _lazy("Open for answers"), guard=opening_problems, effect=_opened,
                   update_fields=("opened_at",)),
        Transition(OPEN, CLOSED, _lazy("Close"), on_commit=_closed),
        Transition(CLOSED, OPEN, _lazy("Reopen"), guard=opening_problems),
        Transition(CLOSED, ARCHIVED, _lazy("Archive"), danger=True),
    ],
)
