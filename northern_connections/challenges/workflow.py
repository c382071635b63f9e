"""The life cycle of a challenge, declared as data for the core state machine (core/workflow.py).

draft → published → closed (by the system at the deadline, or the owner after it) → under
evaluation → decided → archived; any open stage can be cancelled. Every move is made by the
owner's editors or a platform administrator (the CHANGE scope of the challenge policy).
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.workflow import Transition, Workflow

from . import notifications
from .choices import ApplicationStatus, ChallengeStatus
from .models import Challenge, ChallengeTransition
from .permissions import OWNER_KINDS

DRAFT, PUBLISHED, CLOSED = ChallengeStatus.DRAFT, ChallengeStatus.PUBLISHED, ChallengeStatus.CLOSED
EVALUATING, DECIDED = ChallengeStatus.UNDER_EVALUATION, ChallengeStatus.DECIDED
ARCHIVED, CANCELLED = ChallengeStatus.ARCHIVED, ChallengeStatus.CANCELLED
PENDING_DECISION = (ApplicationStatus.SUBMITTED, ApplicationStatus.SHORTLISTED)


def publication_problems(challenge: Challenge, now: datetime) -> list[str]:
    """Why a draft cannot be published yet (empty when it can)."""
    problems = []
    if not challenge.owner.has_verified_kind(OWNER_KINDS):
        problems.append(_("“%(name)s” is not verified as a public authority or cluster: only a verified owner "
                          "publishes challenges. Ask for verification on the organisation's page.")
                        % {"name": challenge.owner.name})
    unverified = [o.name for o in challenge.co_owners.all() if not o.is_verified]
    if unverified:
        problems.append(_("Co-owners must be verified organisations: %(names)s.") % {"names": ", ".join(unverified)})
    if not challenge.title_en.strip() or not challenge.summary_en.strip():
        problems.append(_("An English title and summary are required, so that every partner country can read "
                          "the challenge."))
    if not challenge.application_deadline or challenge.application_deadline <= now:
        problems.append(_("Set an application deadline in the future."))
    weights = list(challenge.criteria.values_list("weight", flat=True))
    if not weights:
        problems.append(_("Add at least one evaluation criterion."))
    elif sum(weights) != 100:
        problems.append(_("The weights of the criteria must add up to 100 (they add up to %(total)s).")
                        % {"total": sum(weights)})
    return problems


def _published(challenge: Challenge, actor, now: datetime) -> None:
    from .services.challenges import challenge_index

    challenge.published_at = now
    challenge_index(challenge)


def _deadline_passed(challenge: Challenge, now: datetime) -> list[str]:
    # Applicants may rely on the published deadline; cancel the challenge instead of closing early.
    if challenge.application_deadline and challenge.application_deadline > now:
        return [_("The challenge closes at its deadline, not before.")]
    return []


def _decision_recorded(challenge: Challenge, now: datetime) -> list[str]:
    applications = challenge.applications
    if not applications.filter(status=ApplicationStatus.SELECTED).exists() and applications.filter(
            status__in=PENDING_DECISION).exists():
        return [_("Select at least one application, or reject them all, before recording the decision.")]
    return []


def _reject_the_rest(challenge: Challenge, actor, now: datetime) -> None:
    """Applications neither selected nor rejected when the decision is recorded are rejected."""
    for application in challenge.applications.filter(status__in=PENDING_DECISION):
        application.status = ApplicationStatus.REJECTED
        application.decided_at = now
        application.save(update_fields=["status", "decided_at", "updated"])


def _tell_the_applicants(challenge: Challenge) -> None:
    for application in challenge.applications.filter(status__in=(ApplicationStatus.SELECTED,
                                                                  ApplicationStatus.REJECTED)):
        notifications.application_decided(application)


CHALLENGE_WORKFLOW = Workflow(
    statuses=ChallengeStatus,
    log_model=ChallengeTransition,
    log_object_field="challenge",
    transitions=[
        Transition(DRAFT, PUBLISHED, _lazy("Publish"), guard=publication_problems, effect=_published,
                   update_fields=("published_at",)),
        Transition(PUBLISHED, CLOSED, _lazy("Close for applications"), guard=_deadline_passed),
        Transition(CLOSED, EVALUATING, _lazy("Start evaluation")),
        Transition(EVALUATING, DECIDED, _lazy("Record the decision"), guard=_decision_recorded,
                   effect=_reject_the_rest, on_commit=_tell_the_applicants),
        Transition((DECIDED, CANCELLED), ARCHIVED, _lazy("Archive")),
        Transition((DRAFT, PUBLISHED, CLOSED, EVALUATING), CANCELLED, _lazy("Cancel the challenge"), danger=True),
    ],
)
