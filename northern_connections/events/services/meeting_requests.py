"""Meeting requests between participants: create, accept, decline, cancel, expire."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core import clock
from northern_connections.core.permissions import CHANGE, locked_for

from .. import notifications, selectors
from ..choices import MeetingRequestStatus, ParticipantStatus
from ..models import Meeting, MeetingRequest, Participant
from ..permissions import RESPOND
from .blocks import _bump_schedule


def _lock_participants(*participants: Participant) -> list[Participant]:
    """Lock the rows in a fixed order: counting meetings against a maximum must not race."""
    ids = sorted(p.pk for p in participants)
    locked = {p.pk: p for p in Participant.objects.select_for_update().filter(pk__in=ids).select_related("event")}
    return [locked[p.pk] for p in participants]


def _check_capacity(*participants: Participant, adding: int = 1) -> None:
    for participant in participants:
        count = selectors.meeting_count(participant)
        if count + adding > participant.meeting_limit():
            raise ValidationError(_("%(org)s already has its maximum of %(n)s meetings.") % {
                "org": participant.organisation, "n": participant.meeting_limit()})


def _check_pair(a: Participant, b: Participant) -> None:
    if a.pk == b.pk:
        raise ValidationError(_("A meeting needs two different participants."))
    if a.event_id != b.event_id:
        raise ValidationError(_("Both participants must take part in the same event."))
    for p in (a, b):
        if p.status != ParticipantStatus.ACCEPTED:
            raise ValidationError(_("%(org)s is not an accepted participant.") % {"org": p.organisation})
    pair = Q(participant_a=a, participant_b=b) | Q(participant_a=b, participant_b=a)
    if Meeting.objects.filter(pair).exists():
        raise ValidationError(_("%(a)s and %(b)s already have a meeting.") % {"a": a.organisation,
                                                                               "b": b.organisation})


def _make_meeting(request: MeetingRequest, actor: User | None) -> Meeting:
    now = clock.now()
    request.status = MeetingRequestStatus.ACCEPTED
    request.responded_at = now
    request.save(update_fields=["status", "responded_at", "updated"])
    meeting = Meeting(event=request.event, request=request, participant_a=request.requester,
                      participant_b=request.recipient, created_by=actor)
    meeting.full_clean()
    meeting.save()
    _bump_schedule(request.event)
    return meeting


def meeting_request_create(*, actor: User, requester: Participant, recipient: Participant, message: str = ""
                           ) -> MeetingRequest:
    """Ask another participant for a meeting.

    Both must be accepted participants of the same event without a meeting or open request
    between them, and both must have room below their maximum of meetings. The request expires
    after the event's chosen number of hours (at the event's start at the latest). If the
    organiser chose automatic acceptance, the meeting exists at once.
    """
    with transaction.atomic():
        requester = locked_for(actor, CHANGE, requester)
        requester, recipient = _lock_participants(requester, recipient)
        event = requester.event
        _check_pair(requester, recipient)
        now = clock.now()
        if now >= event.starts_at and not event.auto_accept_meetings:
            raise ValidationError(_("The event has started; ask the organisers for a meeting."))
        open_pair = (Q(requester=requester, recipient=recipient) | Q(requester=recipient, recipient=requester))
        if MeetingRequest.objects.filter(open_pair, status=MeetingRequestStatus.PENDING).exists():
            raise ValidationError(_("There is already an open request between %(a)s and %(b)s.") % {
                "a": requester.organisation, "b": recipient.organisation})
        _check_capacity(requester, recipient)
        request = MeetingRequest(
            event=event, requester=requester, recipient=recipient, message=message, created_by=actor,
            expires_at=min(now + timedelta(hours=event.meeting_request_hours), max(event.starts_at, now)),
        )
        request.full_clean()
        request.save()
        if event.auto_accept_meetings:
            _make_meeting(request, actor)
            transaction.on_commit(lambda: notifications.meeting_request_answered(request))
        else:
            transaction.on_commit(lambda: notifications.meeting_requested(request))
    return request


def _expire_if_due(request: MeetingRequest, now) -> bool:
    if request.status == MeetingRequestStatus.PENDING and request.expires_at <= now:
        request.status = MeetingRequestStatus.EXPIRED
        request.save(update_fields=["status", "updated"])
        return True
    return False


def meeting_request_accept(*, actor: User, request: MeetingRequest) -> Meeting:
    """The recipient accepts: the meeting exists (and waits to be scheduled)."""
    with transaction.atomic():
        request = locked_for(actor, RESPOND, request)
        expired = _expire_if_due(request, clock.now())
        if not expired:
            if request.status != MeetingRequestStatus.PENDING:
                raise ValidationError(_("This request was already answered or withdrawn."))
            requester, recipient = _lock_participants(request.requester, request.recipient)
            _check_pair(requester, recipient)
            _check_capacity(requester, recipient)
            meeting = _make_meeting(request, actor)
            transaction.on_commit(lambda: notifications.meeting_request_answered(request))
    if expired:
        # Outside the atomic block, so that the expiry is kept while the answer is refused.
        raise ValidationError(_("This request has expired."))
    return meeting


def _close_pending(actor: User, request: MeetingRequest, *, action: str, status: str, refusal) -> MeetingRequest:
    """End a pending request (declined by the recipient, withdrawn by the requester) inside the caller's transaction."""
    request = locked_for(actor, action, request)
    if request.status != MeetingRequestStatus.PENDING:
        raise ValidationError(refusal)
    request.status = status
    request.responded_at = clock.now()
    request.save(update_fields=["status", "responded_at", "updated"])
    return request


def meeting_request_decline(*, actor: User, request: MeetingRequest) -> MeetingRequest:
    with transaction.atomic():
        request = _close_pending(actor, request, action=RESPOND, status=MeetingRequestStatus.DECLINED,
                                 refusal=_("This request was already answered or withdrawn."))
        transaction.on_commit(lambda: notifications.meeting_request_answered(request))
    return request


def meeting_request_cancel(*, actor: User, request: MeetingRequest) -> MeetingRequest:
    """The requester withdraws a pending request."""
    with transaction.atomic():
        return _close_pending(actor, request, action=CHANGE, status=MeetingRequestStatus.CANCELLED,
                              refusal=_("Only pending requests can be withdrawn."))


def meeting_requests_expire(*, now=None) -> int:
    """Mark every pending request past its expiry as expired (system task, run by Celery beat)."""
    now = now or clock.now()
    with transaction.atomic():
        return MeetingRequest.objects.filter(status=MeetingRequestStatus.PENDING, expires_at__lte=now).update(
            status=MeetingRequestStatus.EXPIRED, updated=now)


