"""The life cycle of a selection round, declared as data for the core state machine (core/workflow.py).

draft (criteria, weights, assessors, candidates) → assessment (assessors score; the coordinator
runs shortlists) → decided (frozen: weights, scores and result are a record, the chosen
candidates become Living Labs). A round in assessment can go back to draft. Every move is made
by the coordinator's editors or a platform administrator (the round policy's CHANGE scope).
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.workflow import Transition, Workflow

from .choices import RoundStatus
from .models import RoundTransition, SelectionRound

DRAFT, ASSESSMENT, DECIDED = RoundStatus.DRAFT, RoundStatus.ASSESSMENT, RoundStatus.DECIDED


def opening_problems(round: SelectionRound, now: datetime) -> list[str]:
    """Why a draft round cannot go to assessment yet (empty when it can)."""
    from .selectors import short_regions

    problems = []
    if not round.criteria.exists():
        problems.append(_("Add at least one criterion with a weight."))
    if not round.assessors.exists():
        problems.append(_("Appoint at least one assessor."))
    if not round.candidates.exists():
        problems.append(_("Add the candidates to assess."))
    for region, count in short_regions(round):
        problems.append(_("Region %(region)s has %(count)s candidate(s); the round selects %(k)s per region.")
                        % {"region": region, "count": count, "k": round.per_region})
    return problems


def decision_problems(round: SelectionRound, now: datetime) -> list[str]:
    """A round is decided on a shortlist computed from the scores and weights as they are now."""
    from .selectors import current_run

    if current_run(round) is None:
        return [_("Run the shortlist again: the scores, weights or rules changed since the last run "
                  "(or there is none yet).")]
    return []


def _decided(round: SelectionRound, actor, now: datetime) -> None:
    from .services import round_freeze

    round.decided_at = now
    round_freeze(round=round)


ROUND_WORKFLOW = Workflow(
    statuses=RoundStatus, log_model=RoundTransition, log_object_field="round",
    transitions=[
        Transition(DRAFT, ASSESSMENT, _lazy("Open the assessment"), guard=opening_problems),
        Transition(ASSESSMENT, DRAFT, _lazy("Back to draft")),
        Transition(ASSESSMENT, DECIDED, _lazy("Decide and freeze"), guard=decision_problems, effect=_decided,
                   update_fields=("decided_at", "frozen"), danger=True),
    ],
)
