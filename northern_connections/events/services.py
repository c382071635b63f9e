"""Every write of events and B2B meetings, with every rule (DESIGN.md §4.2).

Pages, the API, the Celery tasks and the demo loader call these functions only. Each starts by
re-reading its object through the permission gate inside a transaction (`locked_for`), so a rule
cannot be bypassed by a different front door. Organiser actions are "change" rights on the event;
a participant's own actions are "change" rights on its registration.

The meeting scheduler itself is the plain-Python package `events.scheduling`; the bridge from
the database to its instance format is `selectors.schedule_instance`, and `schedule_event` below
writes its answer back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from northern_connections.accounts.models import Membership, User
from northern_connections.core import search
from northern_connections.core.models import Job
from northern_connections.core.permissions import CHANGE, DELETE, can_add, locked_for, require_add
from northern_connections.directory.models import Organisation

from . import clock, notifications, selectors
from .choices import (
    ACTIVE_PARTICIPANT_STATUSES,
    ApprovalMode,
    EventStatus,
    MeetingRequestStatus,
    ParticipantStatus,
)
from .models import AgendaSession, Event, MarketplaceItem, Meeting, MeetingBlock, MeetingRequest, Participant, Slot
from .permissions import RESPOND

log = logging.getLogger(__name__)

EVENT_M2M = ("organisers", "challenges")
EVENT_FIELDS = ("title", "kind", "summary", "description", "venue", "city", "country", "online_url", "starts_at",
                "ends_at", "time_zone", "registration_opens_at", "registration_closes_at", "capacity",
                "approval_mode", "auto_accept_meetings", "meeting_request_hours", "max_meetings")
SCHEDULE_JOB_KIND = "events.schedule"


# --- events ---------------------------------------------------------------------------------------------------


RESERVED_SLUGS = {"new"}  # path segments of events/urls.py that an event's slug must not shadow


def _unique_slug(title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:100] or "event"
    if base in RESERVED_SLUGS:
        base = f"{base}-event"
    slug, n = base, 1
    queryset = Event.objects.exclude(pk=exclude_pk) if exclude_pk else Event.objects.all()
    while queryset.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def event_index(event: Event) -> None:
    text = " ".join(filter(None, [event.title, event.summary, event.description, event.venue, event.city]))
    search.index_object(event, text)


def _apply_event_fields(event: Event, fields: dict) -> dict:
    relations = {name: fields.pop(name) for name in EVENT_M2M if name in fields}
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(event, name, value)
    return relations


def event_create(*, actor: User, organisers: Iterable[Organisation], **fields: Any) -> Event:
    """A new draft event; the actor must edit at least one of its organisers."""
    organisers = list(organisers)
    with transaction.atomic():
        if not organisers:
            raise ValidationError({"organisers": _("An event has at least one organiser.")})
        if not any(can_add(actor, Event, organisation=o) for o in organisers):
            require_add(actor, Event, organisation=organisers[0])
        event = Event(created_by=actor if actor and actor.is_authenticated else None)
        relations = _apply_event_fields(event, fields)
        event.slug = _unique_slug(event.title)
        event.full_clean()
        event.save()
        event.organisers.set(organisers)
        if "challenges" in relations:
            event.challenges.set(relations["challenges"])
        event_index(event)
    return event


def event_update(*, actor: User, event: Event, **fields: Any) -> Event:
    """Edit an event; its organisers keep at least one organisation the actor edits."""
    with transaction.atomic():
        event = locked_for(actor, CHANGE, event)
        relations = _apply_event_fields(event, fields)
        if "organisers" in relations:
            organisers = list(relations["organisers"])
            if not organisers:
                raise ValidationError({"organisers": _("An event has at least one organiser.")})
            if not actor.is_superuser and not Membership.objects.filter(
                    user=actor, organisation__in=organisers, role__in=("admin", "editor")).exists():
                raise ValidationError({"organisers": _("Keep at least one organisation you edit among the "
                                                       "organisers.")})
        if event.blocks.exists():
            first = min(b.slot_times()[0][0] for b in event.blocks.all())
            last = max(b.ends_at for b in event.blocks.all())
            if first < event.starts_at or last > event.ends_at:
                raise ValidationError({"starts_at": _("The meeting blocks must stay within the event's dates.")})
        event.full_clean()
        event.save()
        for name, value in relations.items():
            getattr(event, name).set(value)
        event_index(event)
    return event


def event_publish(*, actor: User, event: Event) -> Event:
    """Make a draft event public (its page, iCal and registration)."""
    with transaction.atomic():
        event = locked_for(actor, CHANGE, event)
        if event.status == EventStatus.PUBLISHED:
            raise ValidationError(_("The event is already published."))
        event.full_clean()
        event.status = EventStatus.PUBLISHED
        event.published_at = clock.now()
        event.save(update_fields=["status", "published_at", "updated"])
    return event


def agenda_sessions_set(*, actor: User, event: Event, sessions: list[dict]) -> list[AgendaSession]:
    """Replace the programme of the event; sessions lie within the event's dates."""
    with transaction.atomic():
        event = locked_for(actor, CHANGE, event)
        event.sessions.all().delete()
        out = []
        for row in sessions:
            if not (row.get("title") or "").strip():
                continue
            session = AgendaSession(event=event, title=row["title"].strip(), starts_at=row["starts_at"],
                                    ends_at=row["ends_at"], location=row.get("location", ""),
                                    description=row.get("description", ""))
            session.full_clean()
            if session.starts_at < event.starts_at or session.ends_at > event.ends_at:
                raise ValidationError(_("“%(title)s” must lie within the event's dates.") % {"title": session.title})
            session.save()
            out.append(session)
    return out


# --- meeting blocks and slots ---------------------------------------------------------------------------------

BLOCK_FIELDS = ("name", "date", "start_time", "slot_minutes", "slot_count", "breaks_after", "break_minutes", "tables")
SLOT_SHAPE = ("date", "start_time", "slot_minutes", "slot_count", "breaks_after", "break_minutes")


def _bump_schedule(event: Event) -> None:
    Event.objects.filter(pk=event.pk).update(schedule_version=F("schedule_version") + 1)


def meeting_block_save(*, actor: User, event: Event, block: MeetingBlock | None = None, **fields: Any) -> MeetingBlock:
    """Create or change a meeting block and (re)generate its slots.

    The times of a block whose slots hold meetings cannot change (the meetings would silently move);
    its tables can, down to the highest table in use. Blocks of one event never overlap, because
    the scheduler treats different blocks as different times.
    """
    with transaction.atomic():
        event = locked_for(actor, CHANGE, event)
        if block is None:
            block = MeetingBlock(event=event)
            old = None
        else:
            block = MeetingBlock.objects.select_for_update().get(pk=block.pk, event=event)
            old = {name: getattr(block, name) for name in BLOCK_FIELDS}
        if "breaks_after" in fields:
            fields["breaks_after"] = sorted(set(fields["breaks_after"] or []))
        for name, value in fields.items():
            if name not in BLOCK_FIELDS:
                raise TypeError(f"unknown block field {name!r}")
            setattr(block, name, value)
        block.event = event
        block.full_clean()
        scheduled = Meeting.objects.filter(slot__block=block) if block.pk else Meeting.objects.none()
        shape_changed = old is None or any(old[name] != getattr(block, name) for name in SLOT_SHAPE)
        if old is not None and shape_changed and scheduled.exists():
            raise ValidationError(_("Meetings are scheduled in this block: unschedule them before you change its "
                                    "times."))
        highest = scheduled.order_by("-table").values_list("table", flat=True).first()
        if highest and block.tables < highest:
            raise ValidationError({"tables": _("Table %(table)s is in use; the block needs at least that many "
                                               "tables.") % {"table": highest}})
        times = block.slot_times()
        for other in event.blocks.exclude(pk=block.pk):
            other_times = other.slot_times()
            if times[0][0] < other_times[-1][1] and other_times[0][0] < times[-1][1]:
                raise ValidationError(_("The block overlaps “%(other)s”.") % {"other": other.name})
        block.save()
        if shape_changed:
            block.slots.all().delete()
            Slot.objects.bulk_create([Slot(block=block, event=event, number=n, starts_at=start, ends_at=end)
                                      for n, (start, end) in enumerate(times, start=1)])
        _bump_schedule(event)
    return block


def meeting_block_delete(*, actor: User, block: MeetingBlock) -> None:
    with transaction.atomic():
        locked_for(actor, CHANGE, block.event)
        if Meeting.objects.filter(slot__block=block).exists():
            raise ValidationError(_("Meetings are scheduled in this block: unschedule them first."))
        block.delete()
        _bump_schedule(block.event)


# --- registration ---------------------------------------------------------------------------------------------


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
        if not actor.is_superuser and not Membership.objects.filter(user=actor, organisation=organisation).exists():
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


# --- marketplace ----------------------------------------------------------------------------------------------

ITEM_FIELDS = ("kind", "title", "description", "trl")


def marketplace_item_create(*, actor: User, participant: Participant, value_chains=(), **fields: Any
                            ) -> MarketplaceItem:
    with transaction.atomic():
        participant = locked_for(actor, CHANGE, participant)
        if participant.status not in ACTIVE_PARTICIPANT_STATUSES:
            raise ValidationError(_("Only active registrations can add marketplace items."))
        item = MarketplaceItem(participant=participant, **{k: v for k, v in fields.items() if k in ITEM_FIELDS})
        item.full_clean()
        item.save()
        item.value_chains.set(value_chains)
    return item


def marketplace_item_update(*, actor: User, item: MarketplaceItem, value_chains=None, **fields: Any
                            ) -> MarketplaceItem:
    with transaction.atomic():
        item = locked_for(actor, CHANGE, item)
        for name, value in fields.items():
            if name in ITEM_FIELDS:
                setattr(item, name, value)
        item.full_clean()
        item.save()
        if value_chains is not None:
            item.value_chains.set(value_chains)
    return item


def marketplace_item_delete(*, actor: User, item: MarketplaceItem) -> None:
    with transaction.atomic():
        locked_for(actor, DELETE, item).delete()


# --- meeting requests -----------------------------------------------------------------------------------------


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


def meeting_request_decline(*, actor: User, request: MeetingRequest) -> MeetingRequest:
    with transaction.atomic():
        request = locked_for(actor, RESPOND, request)
        if request.status != MeetingRequestStatus.PENDING:
            raise ValidationError(_("This request was already answered or withdrawn."))
        request.status = MeetingRequestStatus.DECLINED
        request.responded_at = clock.now()
        request.save(update_fields=["status", "responded_at", "updated"])
        transaction.on_commit(lambda: notifications.meeting_request_answered(request))
    return request


def meeting_request_cancel(*, actor: User, request: MeetingRequest) -> MeetingRequest:
    """The requester withdraws a pending request."""
    with transaction.atomic():
        request = locked_for(actor, CHANGE, request)
        if request.status != MeetingRequestStatus.PENDING:
            raise ValidationError(_("Only pending requests can be withdrawn."))
        request.status = MeetingRequestStatus.CANCELLED
        request.responded_at = clock.now()
        request.save(update_fields=["status", "responded_at", "updated"])
    return request


def meeting_requests_expire(*, now=None) -> int:
    """Mark every pending request past its expiry as expired (system task, run by Celery beat)."""
    now = now or clock.now()
    with transaction.atomic():
        return MeetingRequest.objects.filter(status=MeetingRequestStatus.PENDING, expires_at__lte=now).update(
            status=MeetingRequestStatus.EXPIRED, updated=now)


# --- meetings and the schedule --------------------------------------------------------------------------------


def meeting_add(*, actor: User, event: Event, participant_a: Participant, participant_b: Participant,
                priority: int = 1) -> Meeting:
    """The organiser adds a meeting directly (no request), within both participants' maximum."""
    with transaction.atomic():
        event = locked_for(actor, CHANGE, event)
        a, b = _lock_participants(participant_a, participant_b)
        if a.event_id != event.pk:
            raise ValidationError(_("Both participants must take part in this event."))
        _check_pair(a, b)
        _check_capacity(a, b)
        MeetingRequest.objects.filter(Q(requester=a, recipient=b) | Q(requester=b, recipient=a),
                                      status=MeetingRequestStatus.PENDING).update(
            status=MeetingRequestStatus.CANCELLED, responded_at=clock.now())
        meeting = Meeting(event=event, participant_a=a, participant_b=b, priority=priority, created_by=actor)
        meeting.full_clean()
        meeting.save()
        _bump_schedule(event)
    return meeting


def _lock_meeting(actor: User, meeting: Meeting) -> Meeting:
    meeting = locked_for(actor, CHANGE, meeting)
    return Meeting.objects.select_related("event", "slot__block", "participant_a__organisation",
                                          "participant_b__organisation").get(pk=meeting.pk)


def move_conflicts(meeting: Meeting, slot: Slot, table: int) -> list[str]:
    """Why `meeting` cannot sit at `table` in `slot` (empty when it can): the organiser's conflict checks."""
    problems = []
    if slot.event_id != meeting.event_id:
        return [_("That slot belongs to another event.")]
    block = slot.block
    if not 1 <= table <= block.tables:
        problems.append(_("“%(block)s” has tables 1 to %(n)s.") % {"block": block.name, "n": block.tables})
    taken = Meeting.objects.filter(slot=slot, table=table).exclude(pk=meeting.pk).first()
    if taken is not None:
        problems.append(_("Table %(table)s is taken by %(other)s in this slot.") % {"table": table, "other": taken})
    for participant in meeting.participants:
        if participant.status != ParticipantStatus.ACCEPTED:
            problems.append(_("%(org)s is not an accepted participant.") % {"org": participant.organisation})
        busy = (Meeting.objects.filter(Q(participant_a=participant) | Q(participant_b=participant), slot=slot)
                .exclude(pk=meeting.pk).first())
        if busy is not None:
            problems.append(_("%(org)s already has a meeting in this slot (%(other)s).") % {
                "org": participant.organisation, "other": busy})
        if participant.unavailable_blocks.filter(pk=block.pk).exists():
            problems.append(_("%(org)s is not available in “%(block)s”.") % {"org": participant.organisation,
                                                                            "block": block.name})
    return problems


def _notify_change(meeting: Meeting) -> None:
    pk = meeting.pk
    transaction.on_commit(lambda: notifications.meeting_changed(
        Meeting.objects.select_related("event", "slot__event", "participant_a__organisation",
                                       "participant_a__user", "participant_b__organisation",
                                       "participant_b__user").get(pk=pk),
        [meeting.participant_a, meeting.participant_b]))


def meeting_move(*, actor: User, meeting: Meeting, slot: Slot, table: int) -> Meeting:
    """Place a meeting at a table in a slot, after the conflict checks; a locked meeting stays put.

    Moving a published meeting is allowed (the organiser's decision) and tells both participants.
    """
    with transaction.atomic():
        meeting = _lock_meeting(actor, meeting)
        Event.objects.select_for_update().filter(pk=meeting.event_id).first()
        if meeting.locked:
            raise ValidationError(_("The meeting is locked; unlock it before moving it."))
        slot = Slot.objects.select_related("block").get(pk=slot.pk)
        problems = move_conflicts(meeting, slot, table)
        if problems:
            raise ValidationError(problems)
        meeting.slot, meeting.table = slot, table
        meeting.full_clean()
        meeting.save(update_fields=["slot", "table", "updated"])
        _bump_schedule(meeting.event)
        if meeting.published:
            _notify_change(meeting)
    return meeting


def meeting_set_locked(*, actor: User, meeting: Meeting, locked: bool) -> Meeting:
    """Lock a scheduled meeting in place (the scheduler will not move it), or unlock it."""
    with transaction.atomic():
        meeting = _lock_meeting(actor, meeting)
        meeting.locked = locked
        meeting.full_clean()
        meeting.save(update_fields=["locked", "updated"])
        _bump_schedule(meeting.event)
    return meeting


def meeting_unschedule(*, actor: User, meeting: Meeting) -> Meeting:
    """Take a meeting off the grid (it stays accepted and can be placed again)."""
    with transaction.atomic():
        meeting = _lock_meeting(actor, meeting)
        if meeting.locked:
            raise ValidationError(_("The meeting is locked; unlock it before taking it off the schedule."))
        if meeting.slot_id is None:
            raise ValidationError(_("The meeting is not scheduled."))
        was_published = meeting.published
        meeting.slot, meeting.table, meeting.published = None, None, False
        meeting.save(update_fields=["slot", "table", "published", "updated"])
        _bump_schedule(meeting.event)
        if was_published:
            _notify_change(meeting)
    return meeting


def schedule_publish(*, actor: User, event: Event) -> int:
    """Announce the schedule: every scheduled meeting becomes published and participants are told.

    Published meetings are kept where they are by any later rescheduling.
    """
    with transaction.atomic():
        event = locked_for(actor, CHANGE, event)
        scheduled = Meeting.objects.filter(event=event, slot__isnull=False)
        if not scheduled.exists():
            raise ValidationError(_("No meeting is scheduled yet."))
        count = scheduled.filter(published=False).update(published=True, updated=clock.now())
        event.schedule_published_at = clock.now()
        event.save(update_fields=["schedule_published_at", "updated"])
        _bump_schedule(event)
        from . import tasks

        transaction.on_commit(lambda: tasks.notify_schedule_published.delay(event.pk))
    return count


class ScheduleChanged(Exception):
    """The meetings changed while the scheduler was running; its answer is out of date."""


def schedule_event_start(*, actor: User, event: Event, time_limit: float = 30.0) -> Job:
    """Queue a scheduler run (Celery) and return the Job whose progress the organiser watches."""
    with transaction.atomic():
        event = locked_for(actor, CHANGE, event)
        if not event.slots.exists():
            raise ValidationError(_("Add a meeting block first."))
        if not Meeting.objects.filter(event=event).exists():
            raise ValidationError(_("There are no meetings to schedule yet."))
        running = event.schedule_job
        if (running is not None and running.status in (Job.Status.PENDING, Job.Status.RUNNING)
                and running.created > clock.now() - timedelta(seconds=max(600.0, 3 * float(time_limit)))):
            # Two runs would race for the same meetings; the second would be refused at the end anyway.
            raise ValidationError(_("A scheduler run is already in progress for this event."))
        job = Job.objects.create(kind=SCHEDULE_JOB_KIND, owner=actor, message=_("Waiting for a worker…"))
        Event.objects.filter(pk=event.pk).update(schedule_job=job)
        from . import tasks

        transaction.on_commit(lambda: tasks.schedule_event_task.delay(job.pk, event.pk, actor.pk, float(time_limit)))
    return job


def schedule_event(*, actor: User, event: Event, time_limit: float = 30.0, job: Job | None = None,
                   method: str = "auto") -> dict:
    """Compute an optimal schedule for the event's meetings and store it.

    Locked and published meetings stay at their slot and table; every other meeting may move.
    Runs outside any transaction while solving (progress goes to `job` where everyone polling it
    sees it) and writes all assignments in one transaction at the end.
    """
    if not Event.objects.restrict(actor, CHANGE).filter(pk=event.pk).exists():
        raise PermissionDenied(_("You may not change this event."))
    return compute_schedule(event, time_limit=time_limit, job=job, method=method)


def _job_update(job: Job | None, **fields) -> None:
    if job is not None:
        Job.objects.filter(pk=job.pk).update(**fields)


def compute_schedule(event: Event, *, time_limit: float = 30.0, job: Job | None = None, method: str = "auto"
                     ) -> dict:
    """The scheduler run without the permission check (callers: `schedule_event` and the demo loader)."""
    from . import scheduling

    _job_update(job, status=Job.Status.RUNNING, progress=0.0, message=_("Reading the meetings…"))
    instance, fixed, version = selectors.schedule_instance(event)

    def progress(fraction: float, message: str) -> None:
        _job_update(job, progress=round(min(0.99, max(0.0, fraction)), 3), message=str(message)[:500])

    try:
        if not instance["meetings"]:
            raise scheduling.InstanceError(_("There are no meetings to schedule."))
        used = method
        try:
            schedule = scheduling.solve(instance, time_limit=time_limit, method=method, fixed=fixed,
                                        progress=progress)
            used = getattr(schedule, "method", method)
        except scheduling.InstanceError:
            raise
        except Exception:
            if method == "greedy":
                raise
            # OR-Tools missing or an optimiser failure: the organiser still gets a valid schedule from the
            # pure-Python heuristic (checked against the hard rules like every result), and the log says why.
            log.exception("optimiser failed for event %s; falling back to the greedy heuristic", event.pk)
            progress(0.9, _("The optimiser failed; using the fast heuristic instead."))
            schedule = scheduling.solve(instance, time_limit=min(time_limit, 10.0), method="greedy", fixed=fixed,
                                        progress=progress)
            used = "greedy (fallback)"
        result = scheduling.schedule_to_json(schedule)
        # beyond the file contract: with priorities the organiser compares the weight, not the count
        result["stats"].update(method=used, weight=schedule.stats["weight"],
                               bound_weight=schedule.stats["bound_weight"])
        _write_schedule(event, result, fixed, version)
    except scheduling.InstanceError as error:
        _job_update(job, status=Job.Status.FAILED, message=str(error)[:500])
        raise ValidationError(str(error)) from error
    except ScheduleChanged:
        message = _("The meetings changed while the schedule was computed; run the scheduler again.")
        _job_update(job, status=Job.Status.FAILED, message=message)
        raise ValidationError(message) from None
    except Exception:
        log.exception("scheduling event %s failed", event.pk)
        _job_update(job, status=Job.Status.FAILED, message=_("The scheduler failed; the schedule is unchanged."))
        raise
    stats = result["stats"]
    _job_update(job, status=Job.Status.DONE, progress=1.0, result={"event": event.pk, **stats},
                message=_("%(scheduled)s of %(requested)s meetings scheduled, %(breaks)s breaks.") % stats)
    return stats


def _write_schedule(event: Event, result: dict, fixed: dict, version: int) -> None:
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.schedule_version != version:
            raise ScheduleChanged
        fixed_ids = [int(mid[1:]) for mid in fixed]
        movable = Meeting.objects.filter(event=locked).exclude(pk__in=fixed_ids)
        movable.update(slot=None, table=None, locked=False, published=False)
        placed = {int(a["meeting"][1:]): (int(a["slot"][1:]), a["table"]) for a in result["assignments"]}
        meetings = list(Meeting.objects.filter(event=locked, pk__in=[pk for pk in placed if pk not in fixed_ids]))
        for meeting in meetings:
            meeting.slot_id, meeting.table = placed[meeting.pk]
        Meeting.objects.bulk_update(meetings, ["slot", "table"], batch_size=500)
        stats = dict(result["stats"], at=clock.now().isoformat(timespec="seconds"))
        Event.objects.filter(pk=locked.pk).update(schedule_version=F("schedule_version") + 1, schedule_stats=stats)


def participant_meeting_counts(event: Event) -> list[tuple[Participant, int]]:
    """(participant, published meetings) of everyone with a published meeting (for the notification)."""
    a = Count("meetings_as_a", filter=Q(meetings_as_a__published=True), distinct=True)
    b = Count("meetings_as_b", filter=Q(meetings_as_b__published=True), distinct=True)
    rows = (Participant.objects.filter(event=event, status=ParticipantStatus.ACCEPTED)
            .select_related("user", "organisation").annotate(na=a, nb=b))
    return [(p, p.na + p.nb) for p in rows if p.na + p.nb]
