"""Life cycles of the knowledge centre as data for the core state machine (core/workflow.py).

Cases: draft → published (the buyer, once verified and the case complete) → archived.
Toolbox items: draft → in review (the authors) → published (a reviewer, who may instead send it back
to draft) → draft again for a revision (the public keeps seeing the published version) ; → archived.
Each publication of a toolbox item freezes a numbered `ToolboxVersion`.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.workflow import Transition, Workflow

from .choices import BUYER_KINDS, CaseStatus, ToolboxStatus
from .models import CaseTransition, ProcurementCase, ToolboxItem, ToolboxTransition, ToolboxVersion
from .permissions import REVIEW


def case_publication_problems(case: ProcurementCase, now: datetime) -> list[str]:
    """Why a case cannot be published yet; empty when it can."""
    problems = []
    if not case.buyer.has_verified_kind(BUYER_KINDS):
        problems.append(_("“%(name)s” is not verified as a public authority. Ask for verification on the "
                          "organisation's page.") % {"name": case.buyer.name})
    if not case.summary_en.strip():
        problems.append(_("An English summary is required, so that every partner country can read the case."))
    if not case.cpv_codes.exists():
        problems.append(_("Give at least one CPV code, so that peers buying the same find the case."))
    return problems


def _case_published(case: ProcurementCase, actor, now: datetime) -> None:
    case.published_at = case.published_at or now


def _case_index(case: ProcurementCase) -> None:
    from .services.cases import case_index

    case_index(case)


CASE_WORKFLOW = Workflow(
    statuses=CaseStatus, log_model=CaseTransition, log_object_field="case",
    transitions=[
        Transition(CaseStatus.DRAFT, CaseStatus.PUBLISHED, _lazy("Publish"), guard=case_publication_problems,
                   effect=_case_published, update_fields=("published_at",), on_commit=_case_index),
        Transition(CaseStatus.PUBLISHED, CaseStatus.ARCHIVED, _lazy("Archive"), danger=True),
        Transition(CaseStatus.ARCHIVED, CaseStatus.PUBLISHED, _lazy("Publish again")),
    ],
)


def toolbox_review_problems(item: ToolboxItem, now: datetime) -> list[str]:
    """What a toolbox item needs before it goes to review (and before it is published)."""
    problems = []
    if not item.summary.strip():
        problems.append(_("Write a summary."))
    if not item.audience:
        problems.append(_("Say who the item is for."))
    if item.is_module and (not item.lessons.exists() or not item.quiz_questions.exists()):
        problems.append(_("A self-study module needs at least one lesson and a quiz question."))
    return problems


def _toolbox_published(item: ToolboxItem, actor, now: datetime) -> None:
    item.version += 1
    item.published_at = now
    ToolboxVersion.objects.create(item=item, number=item.version, title=item.title, summary=item.summary,
                                  body=item.body, published_by=actor if getattr(actor, "pk", None) else None)


def _toolbox_index(item: ToolboxItem) -> None:
    from .services.toolbox import toolbox_index

    toolbox_index(item)


DRAFT, IN_REVIEW = ToolboxStatus.DRAFT, ToolboxStatus.IN_REVIEW
PUBLISHED, ARCHIVED = ToolboxStatus.PUBLISHED, ToolboxStatus.ARCHIVED
TOOLBOX_WORKFLOW = Workflow(
    statuses=ToolboxStatus, log_model=ToolboxTransition, log_object_field="item",
    transitions=[
        Transition(DRAFT, IN_REVIEW, _lazy("Submit for review"), guard=toolbox_review_problems),
        Transition(IN_REVIEW, PUBLISHED, _lazy("Approve and publish"), permission=REVIEW,
                   guard=toolbox_review_problems, effect=_toolbox_published,
                   update_fields=("version", "published_at"), on_commit=_toolbox_index),
        Transition(IN_REVIEW, DRAFT, _lazy("Send back to the authors"), permission=REVIEW),
        Transition(PUBLISHED, DRAFT, _lazy("Revise")),
        Transition((DRAFT, PUBLISHED), ARCHIVED, _lazy("Archive"), danger=True),
    ],
)
