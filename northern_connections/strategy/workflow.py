"""Life cycles of the policy bodies' records, as data for the core state machine (core/workflow.py).

A policy brief: draft (generated, then edited by whoever runs the board) → issued (final, public).
An action point: open → in progress → done, or cancelled; a done one may be reopened.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.workflow import Transition, Workflow

from .choices import ActionStatus, BriefStatus
from .models import ActionPointTransition, BriefTransition, PolicyBrief


def issue_problems(brief: PolicyBrief, now: datetime) -> list[str]:
    """Why a brief cannot be issued yet."""
    if not (brief.title.strip() and brief.summary.strip()):
        return [_("A brief needs a title and a summary before it is issued.")]
    return []


def _issued(brief: PolicyBrief, actor, now: datetime) -> None:
    brief.issued_at = now


BRIEF_WORKFLOW = Workflow(
    statuses=BriefStatus, log_model=BriefTransition, log_object_field="brief",
    transitions=[Transition(BriefStatus.DRAFT, BriefStatus.ISSUED, _lazy("Issue the brief"), guard=issue_problems,
                            effect=_issued, update_fields=("issued_at",))],
)

OPEN, IN_PROGRESS, DONE, CANCELLED = ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE, \
    ActionStatus.CANCELLED

ACTION_POINT_WORKFLOW = Workflow(
    statuses=ActionStatus, log_model=ActionPointTransition, log_object_field="action_point",
    transitions=[
        Transition(OPEN, IN_PROGRESS, _lazy("Start")),
        Transition((OPEN, IN_PROGRESS), DONE, _lazy("Mark as done")),
        Transition(DONE, IN_PROGRESS, _lazy("Reopen")),
        Transition((OPEN, IN_PROGRESS), CANCELLED, _lazy("Cancel"), danger=True),
    ],
)
