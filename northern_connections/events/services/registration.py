"""Registration of organisations for an event, and the organiser's screening."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core import clock
from northern_connections.core.permissions import CHANGE, REPRESENT, can, locked_for, require_add
from northern_connections.directory.models import Organisation

from .. import notifications, selectors
from ..choices import ACTIVE_PARTICIPANT_STATUSES, ApprovalMode, EventStatus, MeetingRequestStatus, ParticipantStatus
from ..models import Event, Meeting, MeetingBlock, MeetingRequest, Participant
from .blocks import _bump_schedule


def _accepted_count(event: Event) -> int:
    return event.participants.filter(status=ParticipantStatus.ACCEPTED).count()


def _check_blocks(event: Event, blocks: Iterable[MeetingBlock]) -> list[MeetingBlock]:
    blocks = list(blocks)
    if any(b.event_id != event.pk for b in blocks):
        raise ValidationError({"unavailable_blocks": _("Choose meeting blocks of this event.")})
    return blocks


def participant_register(*, actor: User, event: Event, organisation: Organisation, note: str = "",
                         max_meetings: int | None = None,
                         unavailable_blocks: Iterable[MeetingBlock] = ()) -> Participant:
    """Register `organisation` for `event`, represented by the actor (a member of it).

    Rules: the event is published and its registration window open; with automatic approval the
    registration counts at once and needs a free place; with approval by the organiser it waits
    for screening (more may apply than there are places, as at the Gothenburg Living Lab event).
    A cancelled registration is re-opened; a rejected one stays rejected.
    """
    with transaction.atomic():
        require_add(actor, Participant)
        event = Event.objects.select_for_update().filter(pk=event.pk).first()
        if event is None or event.status != EventStatus.PUBLISHED:
            raise ValidationError(_("This event is not open for registration."))
        if not can(actor, REPRESENT, organisation):
            raise PermissionDenied(_("You can only register an organisation you belong to."))
        now = clock.now()
        if not event.registration_open(now):
            if event.registration_opens_at and now < event.registration_opens_at:
                raise ValidationError(_("Registration opens on %(when)s.") % {
                    "when": f"{event.local(event.registration_opens_at):%Y-%m-%d %H:%M}"})
            raise ValidationError(_("Registration for this event is closed."))
        participant = Participant.objects.select_for_update().filter(event=event, organisation=organisation).first()
        if participant is not None:
            if participant.status == ParticipantStatus.REJECTED:
                raise ValidationError(_("The organisers declined this organisation's registration."))
            if participant.status in ACTIVE_PARTICIPANT_STATUSES:
                raise ValidationError(_("%(org)s is already registered.") % {"org": organisation})
        else:
            participant = Participant(event=event, organisation=organisation)
        participant.user = actor
        participant.note = note
        participant.max_meetings = max_meetings
        if event.approval_mode == ApprovalMode.AUTOMATIC:
            if event.capacity is not None and _accepted_count(event) >= event.capacity:
                raise ValidationError(_("The event is full."))
            participant.status = ParticipantStatus.ACCEPTED
            participant.decided_at = now
        else:
            participant.status = ParticipantStatus.PENDING
            participant.decided_at = None
        participant.decided_by = None
        participant.full_clean()
        participant.save()
        participant.unavailable_blocks.set(_check_blocks(event, unavailable_blocks))
    return participant


def participant_update(*, actor: User, participant: Participant, note: str | None = None,
                       max_meetings: int | None = None,
                       unavailable_blocks: Iterable[MeetingBlock] | None = None) -> Participant:
    """A participant changes its availability, its maximum or its note.

    Availability cannot be withdrawn from a block in which it already has a scheduled meeting,
    and the maximum cannot fall below the meetings it already has: the organiser moves or removes
    those first, so that a schedule never silently breaks.
    """
    with transaction.atomic():
        participant = locked_for(actor, CHANGE, participant)
        if participant.status not in ACTIVE_PARTICIPANT_STATUSES:
            raise ValidationError(_("This registration is no longer active."))
        event = participant.event
        if note is not None:
            participant.note = note
        participant.max_meetings = max_meetings
        participant.full_clean()
        count = selectors.meeting_count(participant)
        if participant.meeting_limit(event) < count:
            raise ValidationError({"max_meetings": _("You already have %(count)s meetings.") % {"count": count}})
        if unavailable_blocks is not None:
            blocks = _check_blocks(event, unavailable_blocks)
            busy = (Meeting.objects.filter(Q(participant_a=participant) | Q(participant_b=participant),
                                           slot__block__in=blocks).select_related("slot__block").first())
            if busy is not None:
                raise ValidationError({"unavailable_blocks": _(
                    "You have a meeting in “%(block)s”; ask the organisers to move it first.") % {
                    "block": busy.slot.block.name}})
            participant.unavailable_blocks.set(blocks)
            _bump_schedule(event)
        participant.save()
    return participant


def _drop_meetings(participant: Participant) -> None:
    """Requests of a registration that ends are cancelled and its meetings removed."""
    MeetingRequest.objects.filter(Q(requester=participant) | Q(recipient=participant),
                                  status=MeetingRequestStatus.PENDING).update(status=MeetingRequestStatus.CANCELLED,
                                                                              responded_at=clock.now())
    Meeting.objects.filter(Q(participant_a=participant) | Q(participant_b=participant)).delete()
    _bump_schedule(participant.event)


def participant_cancel(*, actor: User, participant: Participant) -> Participant:
    with transaction.atomic():
        participant = locked_for(actor, CHANGE, participant)
        if participant.status not in ACTIVE_PARTICIPANT_STATUSES:
            raise ValidationError(_("This registration is no longer active."))
        participant.status = ParticipantStatus.CANCELLED
        participant.save(update_fields=["status", "updated"])
        _drop_meetings(participant)
    return participant


def participants_screen(*, actor: User, event: Event, participant_ids: Iterable[int], accept: bool) -> int:
    """Accept or reject many registrations at once (the organisers' screening of applicants).

    Accepting respects the capacity: either all selected registrations fit, or none is accepted
    and the error says how many places are left. Each participant gets an e-mail.
    """
    with transaction.atomic():
        event = locked_for(actor, CHANGE, event)
        ids = {int(pk) for pk in participant_ids}
        if not ids:
            raise ValidationError(_("Select at least one registration."))
        chosen = list(Participant.objects.select_for_update().filter(event=event, pk__in=ids)
                      .exclude(status=ParticipantStatus.CANCELLED))
        if len(chosen) != len(ids):
            raise ValidationError(_("Some selected registrations do not belong to this event or were cancelled."))
        target = ParticipantStatus.ACCEPTED if accept else ParticipantStatus.REJECTED
        changing = [p for p in chosen if p.status != target]
        if accept and event.capacity is not None:
            free = event.capacity - _accepted_count(event)
            if len(changing) > free:
                raise ValidationError(_("Only %(free)s places are left; you selected %(n)s registrations to accept.")
                                      % {"free": max(free, 0), "n": len(changing)})
        now = clock.now()
        for participant in changing:
            participant.status = target
            participant.decided_at = now
            participant.decided_by = actor
            participant.save(update_fields=["status", "decided_at", "decided_by", "updated"])
            if not accept:
                _drop_meetings(participant)
        if changing:
            ids = [p.pk for p in changing]
            transaction.on_commit(lambda: notifications.registration_decided(
                Participant.objects.filter(pk__in=ids).select_related("event", "organisation", "user")))
    return len(changing)


