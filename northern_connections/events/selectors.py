"""Reads of events and B2B meetings, already restricted to the actor where they depend on the user.

`schedule_instance` is the bridge to the plain-Python scheduler (`events.scheduling`): it turns
the database into the instance format of issue 5 §5, so that the web run, the batch command and
the benchmarks feed the very same solver.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from northern_connections.accounts.selectors import member_organisation_ids
from northern_connections.core import clock
from northern_connections.core.permissions import CHANGE, VIEW, can
from northern_connections.directory.models import Organisation

from .choices import MeetingRequestStatus, ParticipantStatus
from .models import Event, MarketplaceItem, Meeting, MeetingBlock, MeetingRequest, Participant, Slot
from .permissions import own_participant_ids

log = logging.getLogger(__name__)


# --- events ---------------------------------------------------------------------------------------------------


def event_list(*, actor) -> QuerySet[Event]:
    return Event.objects.restrict(actor, VIEW).prefetch_related("organisers").order_by("starts_at", "pk")


def event_get(*, actor, slug: str, action: str = VIEW) -> Event | None:
    return (Event.objects.restrict(actor, action)
            .prefetch_related("organisers", "challenges", "sessions", "blocks")
            .filter(slug=slug).first())


def my_participants(*, actor, event: Event) -> list[Participant]:
    """The registrations (any status) the actor represents at this event."""
    if not actor.is_authenticated:
        return []
    return list(Participant.objects.filter(event=event, pk__in=own_participant_ids(actor))
                .select_related("organisation", "user"))


def my_participant(*, actor, event: Event, write: bool = False) -> Participant | None:
    """The actor's accepted registration at the event (the one meetings are requested for)."""
    if not actor.is_authenticated:
        return None
    return (Participant.objects.filter(event=event, status=ParticipantStatus.ACCEPTED,
                                       pk__in=own_participant_ids(actor, write=write))
            .select_related("organisation", "user", "event").order_by("pk").first())


def registrable_organisations(*, actor, event: Event) -> QuerySet[Organisation]:
    """The actor's organisations that may still register (not yet actively registered or rejected)."""
    if not actor.is_authenticated:
        return Organisation.objects.none()
    taken = Participant.objects.filter(event=event).exclude(status=ParticipantStatus.CANCELLED
                                                            ).values("organisation_id")
    return Organisation.objects.filter(pk__in=member_organisation_ids(actor)).exclude(pk__in=taken).order_by("name")


def event_detail_context(*, actor, event: Event) -> dict[str, Any]:
    counts = event.participants.aggregate(accepted=Count("pk", filter=Q(status=ParticipantStatus.ACCEPTED)),
                                          pending=Count("pk", filter=Q(status=ParticipantStatus.PENDING)))
    mine = my_participants(actor=actor, event=event)
    programme = [{"starts_at": s.starts_at, "ends_at": s.ends_at, "title": s.title, "location": s.location,
                  "description": s.description, "block": None} for s in event.sessions.all()]
    programme += [{"starts_at": b.slot_times()[0][0], "ends_at": b.ends_at, "title": b.name, "location": "",
                   "description": "", "block": b} for b in event.blocks.all()]
    programme.sort(key=lambda row: (row["starts_at"], row["title"]))
    return {
        "programme": programme,
        "registration_open": event.registration_open(clock.now()),
        "can_edit": can(actor, CHANGE, event),
        "accepted_count": counts["accepted"],
        "pending_count": counts["pending"],
        "places_left": None if event.capacity is None else max(0, event.capacity - counts["accepted"]),
        "my_participants": mine,
        "my_accepted": next((p for p in mine if p.status == ParticipantStatus.ACCEPTED), None),
        "registrable": list(registrable_organisations(actor=actor, event=event)),
        "challenges": event.challenges.all().restrict(actor, VIEW),
    }


# --- participants and the marketplace -------------------------------------------------------------------------


def participants_for_screening(*, event: Event, status: str | None = None) -> QuerySet[Participant]:
    """Every registration of the event with what screening needs (callers check the organiser right)."""
    queryset = (Participant.objects.filter(event=event).select_related("organisation", "user")
                .prefetch_related("marketplace_items", "unavailable_blocks")
                .annotate(items=Count("marketplace_items", distinct=True)))
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("status", "organisation__country", "organisation__name")


def accepted_participants(*, actor, event: Event) -> QuerySet[Participant]:
    return (Participant.objects.restrict(actor, VIEW).filter(event=event, status=ParticipantStatus.ACCEPTED)
            .select_related("organisation").prefetch_related("marketplace_items").order_by("organisation__name"))


def meeting_candidates(*, event: Event) -> QuerySet[Participant]:
    """Accepted participants the organiser can pair in a meeting (callers check the organiser right)."""
    return (Participant.objects.filter(event=event, status=ParticipantStatus.ACCEPTED)
            .select_related("organisation").order_by("organisation__name"))


def participant_for_agenda(pk: int) -> Participant:
    """A participant with what its agenda page, PDF and iCal show around the meetings."""
    return Participant.objects.select_related("event", "organisation", "user").get(pk=pk)


def marketplace_items(*, actor, event: Event, kind: str | None = None) -> QuerySet[MarketplaceItem]:
    queryset = (MarketplaceItem.objects.restrict(actor, VIEW).filter(participant__event=event)
                .select_related("participant__organisation").prefetch_related("value_chains"))
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("kind", "title", "pk")


def meeting_count(participant: Participant) -> int:
    return Meeting.objects.filter(Q(participant_a=participant) | Q(participant_b=participant)).count()


# --- meeting requests -----------------------------------------------------------------------------------------


def meeting_requests_of(*, participant: Participant) -> dict[str, list[MeetingRequest]]:
    related = ("requester__organisation", "recipient__organisation", "meeting__slot")
    return {
        "incoming": list(participant.requests_received.select_related(*related).order_by("status", "-created")),
        "outgoing": list(participant.requests_sent.select_related(*related).order_by("status", "-created")),
    }


def meeting_request_list(*, actor) -> QuerySet[MeetingRequest]:
    """The requests the actor's registrations sent or received (API)."""
    if not actor.is_authenticated:
        return MeetingRequest.objects.none()
    mine = own_participant_ids(actor)
    return (MeetingRequest.objects.restrict(actor, VIEW).filter(Q(requester__in=mine) | Q(recipient__in=mine))
            .select_related("event", "requester__organisation", "recipient__organisation").order_by("-created", "pk"))


def busy_partner_ids(participant: Participant) -> set[int]:
    """Participants this one already meets or has an open request with (not to be suggested again)."""
    ids = set()
    for a, b in Meeting.objects.filter(Q(participant_a=participant) | Q(participant_b=participant)
                                       ).values_list("participant_a_id", "participant_b_id"):
        ids.update((a, b))
    for a, b in MeetingRequest.objects.filter(Q(requester=participant) | Q(recipient=participant),
                                              status=MeetingRequestStatus.PENDING
                                              ).values_list("requester_id", "recipient_id"):
        ids.update((a, b))
    ids.discard(participant.pk)
    return ids


def _profile(participant: Participant) -> dict[str, Any]:
    organisation = participant.organisation
    items = list(participant.marketplace_items.all())
    chains = {vc.slug for vc in organisation.value_chains.all()}
    steps = {s.slug for s in organisation.value_chain_steps.all()}
    for item in items:
        chains.update(vc.slug for vc in item.value_chains.all())
    return {
        "text": " ".join(filter(None, [organisation.description] + [f"{i.title} {i.description}" for i in items])),
        "name": organisation.name,
        "chains": chains,
        "steps": steps,
        "kinds": {i.kind for i in items},
        "trl": organisation.trl,
        "country": organisation.country,
        "kind": organisation.kind,
        "activity": organisation.past_projects or 0,
    }


def suggested_partners(*, participant: Participant, limit: int = 5) -> list[dict[str, Any]]:
    """Fellow participants worth meeting, best first, each with a reason.

    Ranked by the matchmaking engine (text, value chains, TRL, cross-border preference) when it
    can be imported; otherwise by shared value chains and complementary marketplace items (an
    offer meets a request). Participants already met or asked are left out.
    """
    others = list(Participant.objects.filter(event_id=participant.event_id, status=ParticipantStatus.ACCEPTED)
                  .exclude(pk__in=busy_partner_ids(participant) | {participant.pk})
                  .select_related("organisation")
                  .prefetch_related("organisation__value_chains", "organisation__value_chain_steps",
                                    "marketplace_items__value_chains"))
    if not others:
        return []
    me = _profile(Participant.objects.select_related("organisation").prefetch_related(
        "organisation__value_chains", "organisation__value_chain_steps", "marketplace_items__value_chains"
    ).get(pk=participant.pk))
    profiles = {p.pk: _profile(p) for p in others}
    by_pk = {p.pk: p for p in others}
    try:
        ranked = _rank_with_engine(me, profiles, limit)
    except Exception:  # the engine is optional here: fall back rather than break the page
        log.info("matchmaking engine unavailable for suggestions", exc_info=True)
        ranked = None
    if ranked is None:
        ranked = _rank_by_overlap(me, profiles, limit)
    return [{"participant": by_pk[pk], "score": score, "why": why} for pk, score, why in ranked]


def _rank_with_engine(me: dict, profiles: dict[int, dict], limit: int) -> list[tuple[int, float, str]] | None:
    from northern_connections.matchmaking.engine import Document, MatchingEngine, Query

    documents = [Document(id=str(pk), fields={"name": p["name"], "text": p["text"]},
                          tags={"value_chains": sorted(p["chains"]), "steps": sorted(p["steps"])},
                          trl=p["trl"], kind=p["kind"], country=p["country"], activity=p["activity"])
                 for pk, p in profiles.items()]
    engine = MatchingEngine.build(documents)
    tags = {"value_chains": sorted(me["chains"])} if me["chains"] else {}
    query = Query(text=me["text"][:5000], tags=tags, country=me["country"] or None, cross_border="prefer",
                  top_k=limit)
    matches = engine.search(query)
    if not matches:
        return None
    return [(int(m.id), round(m.score, 3), m.why) for m in matches]


def _rank_by_overlap(me: dict, profiles: dict[int, dict], limit: int) -> list[tuple[int, float, str]]:
    from django.utils.translation import gettext as _

    complements = {"offer": "request", "request": "offer", "investment": "partnership", "partnership": "partnership"}
    rows = []
    for pk, p in profiles.items():
        shared = sorted(me["chains"] & p["chains"])
        complementary = any(complements.get(kind) in p["kinds"] for kind in me["kinds"])
        abroad = bool(me["country"] and p["country"] and me["country"] != p["country"])
        score = len(shared) + (1.0 if complementary else 0.0) + (0.5 if abroad else 0.0)
        if score <= 0.5:
            continue
        reasons = []
        if shared:
            reasons.append(_("shared value chains: %(chains)s") % {"chains": ", ".join(shared)})
        if complementary:
            reasons.append(_("their marketplace items complement yours"))
        if abroad:
            reasons.append(_("from another country"))
        rows.append((pk, score, "; ".join(reasons)))
    rows.sort(key=lambda r: (-r[1], r[0]))
    return rows[:limit]


# --- schedule -------------------------------------------------------------------------------------------------


def ordered_slots(event: Event) -> list[Slot]:
    """Slots in time order, a block's slots consecutive (the scheduler's contract)."""
    return list(Slot.objects.filter(event=event).select_related("block", "event")
                .order_by("block__date", "block__start_time", "block_id", "number"))


def schedule_instance(event: Event) -> tuple[dict, dict[str, tuple[str, int]], int]:
    """The scheduler's instance for the event, its fixed meetings and the schedule version read.

    Ids: ``s<slot pk>``, ``b<block pk>``, ``p<participant pk>``, ``m<meeting pk>``. Meetings of
    registrations that are no longer accepted are left out. Locked and published meetings are
    fixed at their slot and table; their slots count as available for their participants (a
    published meeting stays put even if someone narrowed their availability later; the grid
    shows it as a conflict for the organiser to resolve).
    """
    version = Event.objects.filter(pk=event.pk).values_list("schedule_version", flat=True).get()
    event = Event.objects.get(pk=event.pk)
    slots = ordered_slots(event)
    block_slots: dict[int, list[str]] = defaultdict(list)
    for slot in slots:
        block_slots[slot.block_id].append(f"s{slot.pk}")
    blocks = list(MeetingBlock.objects.filter(event=event))
    participants = list(Participant.objects.filter(event=event, status=ParticipantStatus.ACCEPTED)
                        .prefetch_related("unavailable_blocks"))
    accepted = {p.pk for p in participants}
    meetings = [m for m in Meeting.objects.filter(event=event).order_by("pk")
                if m.participant_a_id in accepted and m.participant_b_id in accepted]
    fixed = {f"m{m.pk}": (f"s{m.slot_id}", m.table) for m in meetings if m.slot_id and (m.locked or m.published)}
    fixed_slots: dict[int, set[str]] = defaultdict(set)
    fixed_count: dict[int, int] = defaultdict(int)
    for m in meetings:
        if f"m{m.pk}" in fixed:
            for pk in (m.participant_a_id, m.participant_b_id):
                fixed_slots[pk].add(f"s{m.slot_id}")
                fixed_count[pk] += 1
    involved = {pk for m in meetings for pk in (m.participant_a_id, m.participant_b_id)}
    out_participants = []
    for p in participants:
        if p.pk not in involved:
            continue
        row: dict[str, Any] = {"id": f"p{p.pk}",
                               "max_meetings": max(p.meeting_limit(event), fixed_count.get(p.pk, 0))}
        unavailable = {b.pk for b in p.unavailable_blocks.all()}
        if unavailable:
            available = [s for b in blocks if b.pk not in unavailable for s in block_slots[b.pk]]
            extra = fixed_slots.get(p.pk, set()) - set(available)
            row["available"] = [f"s{s.pk}" for s in slots if f"s{s.pk}" in set(available) | extra]
        out_participants.append(row)
    instance = {
        "slots": [{"id": f"s{s.pk}", "block": f"b{s.block_id}"} for s in slots],
        "tables": {f"b{b.pk}": b.tables for b in blocks},
        "participants": out_participants,
        "meetings": [{"id": f"m{m.pk}", "participants": [f"p{m.participant_a_id}", f"p{m.participant_b_id}"],
                      "priority": m.priority, "locked_slot": None} for m in meetings],
    }
    return instance, fixed, version


def schedule_grid(*, event: Event) -> dict[str, Any]:
    """The organiser's grid: per block, rows of slots × columns of tables, and the unscheduled meetings."""
    slots = ordered_slots(event)
    meetings = list(Meeting.objects.filter(event=event)
                    .select_related("participant_a__organisation", "participant_b__organisation", "slot"))
    unavailable = defaultdict(set)
    for participant_id, block_id in Participant.unavailable_blocks.through.objects.filter(
            participant__event=event).values_list("participant_id", "meetingblock_id"):
        unavailable[participant_id].add(block_id)
    at = {(m.slot_id, m.table): m for m in meetings if m.slot_id}
    blocks = []
    for block in MeetingBlock.objects.filter(event=event).order_by("date", "start_time", "pk"):
        rows = []
        for slot in (s for s in slots if s.block_id == block.pk):
            cells = []
            for table in range(1, block.tables + 1):
                meeting = at.get((slot.pk, table))
                if meeting is not None:
                    meeting.conflict = any(block.pk in unavailable[pid]
                                           for pid in (meeting.participant_a_id, meeting.participant_b_id))
                cells.append({"table": table, "meeting": meeting})
            rows.append({"slot": slot, "cells": cells, "used": sum(1 for c in cells if c["meeting"])})
        blocks.append({"block": block, "tables": range(1, block.tables + 1), "rows": rows})
    return {
        "blocks": blocks,
        "unscheduled": [m for m in meetings if m.slot_id is None],
        "scheduled_count": sum(1 for m in meetings if m.slot_id),
        "meeting_count": len(meetings),
        "published_count": sum(1 for m in meetings if m.published),
    }


def current_schedule(event: Event) -> dict[str, str]:
    """Meeting id -> slot id of the scheduled meetings, in the scheduler's ids (``m<pk>``, ``s<pk>``):
    the schedule a "keep improving" run resumes from."""
    return {f"m{pk}": f"s{slot_id}"
            for pk, slot_id in Meeting.objects.filter(event=event, slot__isnull=False).values_list("pk", "slot_id")}


def schedule_breaks(*, event: Event, stats: dict | None) -> dict[str, Any]:
    """Per participant with meetings: breaks in the current schedule, the proven fewest breaks
    (from the last scheduler run, when every meeting fitted) and the longest wait in slots.

    Breaks are counted like the scheduler does: a maximal run of free slots between two of the
    participant's meetings in one block. ``rows`` lists the participants with a break or a
    bound above zero; ``longest_wait`` is the longest such run over everyone.
    """
    bounds = (stats or {}).get("participant_bounds") or {}
    position: dict[int, tuple[int, int]] = {}
    per_block: dict[int, int] = defaultdict(int)
    for slot in ordered_slots(event):
        position[slot.pk] = (slot.block_id, per_block[slot.block_id])
        per_block[slot.block_id] += 1
    busy: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    names: dict[int, Any] = {}
    for m in (Meeting.objects.filter(event=event, slot__isnull=False)
              .select_related("participant_a__organisation", "participant_b__organisation")):
        block, pos = position[m.slot_id]
        for participant in (m.participant_a, m.participant_b):
            busy[participant.pk][block].append(pos)
            names[participant.pk] = participant
    rows, longest = [], 0
    for pk, blocks in busy.items():
        breaks = wait = 0
        for positions in blocks.values():
            ps = sorted(positions)
            gaps = [b - a - 1 for a, b in zip(ps, ps[1:], strict=False) if b - a > 1]
            breaks += len(gaps)
            wait = max([wait, *gaps])
        longest = max(longest, wait)
        bound = bounds.get(f"p{pk}")
        if breaks or bound:
            rows.append({"participant": names[pk], "breaks": breaks, "bound": bound, "longest_wait": wait,
                         "at_bound": bound is not None and breaks <= bound})
    rows.sort(key=lambda r: (-(r["breaks"] - (r["bound"] or 0)), -r["breaks"], str(r["participant"].organisation)))
    return {"rows": rows, "longest_wait": longest, "with_meetings": len(busy), "bounds_known": bool(bounds),
            "at_bound": sum(1 for r in rows if r["at_bound"])}


def agenda(*, participant: Participant, published_only: bool = True) -> list[Meeting]:
    """A participant's meetings in time order: what its personal agenda, PDF and iCal show."""
    queryset = (Meeting.objects.filter(Q(participant_a=participant) | Q(participant_b=participant),
                                       slot__isnull=False)
                .select_related("slot__block", "slot__event", "participant_a__organisation",
                                "participant_b__organisation").order_by("slot__starts_at", "pk"))
    if published_only:
        queryset = queryset.filter(published=True)
    meetings = list(queryset)
    for meeting in meetings:
        meeting.partner = meeting.other(participant)
    return meetings


def agenda_list(*, actor) -> QuerySet[Meeting]:
    """Published meetings of the actor's registrations (the API's own agenda)."""
    if not actor.is_authenticated:
        return Meeting.objects.none()
    mine = own_participant_ids(actor)
    return (Meeting.objects.restrict(actor, VIEW).filter(Q(participant_a__in=mine) | Q(participant_b__in=mine),
                                                         published=True, slot__isnull=False)
            .select_related("event", "slot__block", "participant_a__organisation", "participant_b__organisation")
            .order_by("slot__starts_at", "pk"))


def registration_list(*, actor) -> QuerySet[Participant]:
    """The registrations the actor represents, across events (the API's own registrations)."""
    if not actor.is_authenticated:
        return Participant.objects.none()
    return (Participant.objects.filter(pk__in=own_participant_ids(actor)).select_related("event", "organisation")
            .prefetch_related(Prefetch("unavailable_blocks")).order_by("event__starts_at", "pk"))

