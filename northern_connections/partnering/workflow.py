"""The life cycles of partner requests and expressions of interest, as data for core/workflow.py.

Partner request: draft → published (the owner: a reference, a year's validity) → expired (the
system, at the end of its validity) → published again by the one extension (`partner_request_extend`);
draft, published or expired → withdrawn (the owner). Expression of interest: pending → accepted or
declined (the request owner's editors) or withdrawn (the sender).
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from northern_connections.core.workflow import Transition, Workflow

from .choices import VALIDITY, InterestStatus, RequestStatus
from .models import InterestTransition, PartnerRequest, PartnerRequestTransition
from .permissions import RESPOND, WITHDRAW
from .references import next_reference

DRAFT, PUBLISHED = RequestStatus.DRAFT, RequestStatus.PUBLISHED
EXPIRED, CLOSED = RequestStatus.EXPIRED, RequestStatus.CLOSED


def publication_problems(request: PartnerRequest, now: datetime) -> list[str]:
    """Why a request cannot be published yet; empty when it can."""
    problems = []
    if not request.summary.strip():
        problems.append(_("Write a summary: it is what the networks show first."))
    if not request.partner_sought.strip():
        problems.append(_("Say which partner you are looking for."))
    if request.interest_deadline and request.interest_deadline < now.date():
        problems.append(_("The deadline for expressions of interest has passed; give a later one or none."))
    return problems


def _published(request: PartnerRequest, actor, now: datetime) -> None:
    request.published_on = now.date()
    request.valid_until = now.date() + VALIDITY
    if not request.reference:
        request.reference = next_reference(kind=request.kind, country=request.owner.country, day=now.date())


def extended(request: PartnerRequest, actor, now: datetime) -> None:
    """The one extension: another year from the end of the validity (from today if it has passed)."""
    request.valid_until = max(request.valid_until or now.date(), now.date()) + VALIDITY
    request.extended = True


REQUEST_WORKFLOW = Workflow(
    statuses=RequestStatus,
    log_model=PartnerRequestTransition,
    log_object_field="request",
    transitions=[
        Transition(DRAFT, PUBLISHED, _lazy("Publish"), guard=publication_problems, effect=_published,
                   update_fields=("published_on", "valid_until", "reference")),
        Transition(PUBLISHED, EXPIRED, _lazy("Expire"), permission=None),
        Transition(EXPIRED, PUBLISHED, _lazy("Extend and publish again"), permission=None, effect=extended,
                   update_fields=("valid_until", "extended")),
        Transition((DRAFT, PUBLISHED, EXPIRED), CLOSED, _lazy("Withdraw"), danger=True),
    ],
)

PENDING, ACCEPTED = InterestStatus.PENDING, InterestStatus.ACCEPTED
DECLINED, WITHDRAWN = InterestStatus.DECLINED, InterestStatus.WITHDRAWN

INTEREST_WORKFLOW = Workflow(
    statuses=InterestStatus,
    log_model=InterestTransition,
    log_object_field="interest",
    transitions=[
        Transition(PENDING, ACCEPTED, _lazy("Accept"), permission=RESPOND, update_fields=("answer",)),
        Transition(PENDING, DECLINED, _lazy("Decline"), permission=RESPOND, update_fields=("answer",), danger=True),
        Transition(PENDING, WITHDRAWN, _lazy("Withdraw"), permission=WITHDRAW, danger=True),
    ],
)
