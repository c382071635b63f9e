"""Demo events: the Gothenburg Living Lab event with a published B2B schedule, and an open brokerage day.

Deterministic (seeded) and idempotent: the events are found by slug, registrations by
organisation, and requests, meetings and the schedule are only generated while the event has
none, so running `load_demo_data` again leaves a published schedule as it is. Dates are set
relative to today when an event is first created. The SME participants are the directory's demo
SMEs (`source="demo"`); their representatives are role-named demo accounts without a password,
except the Danish SME of the demo login `sme@example.org`, which takes part with its own user.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from northern_connections.accounts.models import Membership, User
from northern_connections.directory.models import Organisation

from .choices import ApprovalMode, EventKind, EventStatus, MeetingRequestStatus, ParticipantStatus
from .models import AgendaSession, Event, MarketplaceItem, Meeting, MeetingBlock, MeetingRequest, Participant, Slot

PARTNER_COUNTRIES = ("DK", "NO", "SE", "NL", "DE", "GB")
SMES_PER_COUNTRY = 8  # 48 accepted SMEs, like the 40+ applicants of the Gothenburg Living Lab event
PENDING_APPLICANTS = 4
REQUESTS = 104
GOTHENBURG = "gothenburg-living-lab-event"
ESBJERG = "north-sea-offshore-wind-brokerage-day"
SCHEDULE_SECONDS = 10.0  # keeps `make run` quick; the organiser can re-run it longer from the grid

# What an SME offers or seeks, by value chain (title, description).
OFFERS = {
    "heating-cooling": ("Heat pumps for multi-family buildings", "Retrofit heat pumps with predictive control."),
    "smart-grids": ("Flexibility platform for local grids", "Aggregates building loads for the grid operator."),
    "energy-storage": ("Second-life battery storage", "Containerised storage from used EV batteries."),
    "hydrogen-ptx": ("Small-scale electrolysers", "Containerised PEM electrolysers for depots and harbours."),
    "offshore-wind": ("Drone inspection of turbine blades", "Autonomous inspection and defect detection."),
    "onshore-wind": ("Low-noise blade retrofits", "Serrated trailing edges that cut noise by 3 dB."),
    "ocean-energy": ("Tidal kite components", "Moorings and power take-off for tidal kites."),
    "solar": ("Building-integrated solar facades", "Coloured PV panels accepted by heritage authorities."),
    "bioenergy": ("Compact biogas units", "Food-waste digesters for recycling centres."),
}
REQUESTS_SOUGHT = {
    "heating-cooling": ("Pilot site: a school or housing block", "We seek a municipality to pilot our system."),
    "smart-grids": ("Grid operator partner for a pilot", "Access to substation data for a six-month pilot."),
    "energy-storage": ("Investors for a storage scale-up", "Series A for manufacturing in the North Sea region."),
    "hydrogen-ptx": ("Partners for a Horizon Europe proposal", "Consortium on hydrogen for heavy transport."),
    "offshore-wind": ("Test access to an offshore wind farm", "Validation of our sensors at sea."),
    "onshore-wind": ("Municipal wind projects", "Planning partners for community wind."),
    "ocean-energy": ("Harbour test site", "A quay and grid connection for a demonstrator."),
    "solar": ("Listed building for a demonstration", "A public building whose facade we can retrofit."),
    "bioenergy": ("Food-waste supply partner", "A municipality with separately collected food waste."),
}
MESSAGES = [
    "We would like to discuss a pilot in your region.",
    "Your offer fits our planned Living Lab demonstration.",
    "Could we explore a joint proposal?",
    "We are looking for a partner with exactly this experience.",
    "Interested in your solution for our customers in the Nordics.",
]


def _representative(organisation: Organisation) -> User:
    """A role-named demo account without a usable password (no real person is invented)."""
    email = f"demo.{organisation.slug}@example.org"[:254]
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None)
        user.set_unusable_password()
    user.full_name = f"Demo representative, {organisation.short_name or organisation.name}"[:200]
    user.is_demo = True
    user.save()
    Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": "editor"})
    return user


def _make_blocks(event: Event, specs) -> list[MeetingBlock]:
    blocks = []
    for name, day, start, minutes, count, breaks, tables in specs:
        block, created = MeetingBlock.objects.get_or_create(
            event=event, name=name,
            defaults={"date": day, "start_time": start, "slot_minutes": minutes, "slot_count": count,
                      "breaks_after": breaks, "break_minutes": 20, "tables": tables})
        if created:
            block.full_clean()
            Slot.objects.bulk_create([Slot(block=block, event=event, number=n, starts_at=a, ends_at=b)
                                      for n, (a, b) in enumerate(block.slot_times(), start=1)])
        blocks.append(block)
    return blocks


def _event(slug: str, *, title: str, days_ahead: int, zone: str, start: time, end: time, **fields) -> Event:
    tz = ZoneInfo(zone)
    day = (timezone.now() + timedelta(days=days_ahead)).astimezone(tz).date()
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        now = timezone.now()
        event = Event(slug=slug, starts_at=datetime.combine(day, start, tzinfo=tz),
                      ends_at=datetime.combine(day, end, tzinfo=tz), time_zone=zone,
                      registration_opens_at=now - timedelta(days=40), published_at=now - timedelta(days=40))
    event.title = title
    for name, value in fields.items():
        setattr(event, name, value)
    event.status, event.is_demo = EventStatus.PUBLISHED, True
    event.full_clean()
    event.save()
    return event


def _items(participant: Participant, rng: random.Random, chains: dict) -> int:
    if participant.marketplace_items.exists():
        return 0
    organisation = participant.organisation
    own = [vc.slug for vc in organisation.value_chains.all()] or ["smart-grids"]
    created = 0
    for kind, catalogue in (("offer", OFFERS), ("request", REQUESTS_SOUGHT)):
        if kind == "request" and rng.random() < 0.35:
            continue
        chain = rng.choice(own)
        title, description = catalogue.get(chain, catalogue["smart-grids"])
        item = MarketplaceItem.objects.create(participant=participant, kind=kind, title=title,
                                              description=description, trl=organisation.trl)
        item.value_chains.set([chains[chain]] if chain in chains else [])
        created += 1
    if rng.random() < 0.15:
        MarketplaceItem.objects.create(participant=participant, kind="partnership",
                                       title="Cross-border partnership for a Living Lab demonstration",
                                       description="We look for a partner in another North Sea country.")
        created += 1
    return created


def _requests(event: Event, participants: list[Participant], rng: random.Random) -> int:
    """About a hundred requests, a few popular participants receiving many, most accepted."""
    if event.meeting_requests.exists():
        return 0
    popular = set(p.pk for p in rng.sample(participants, 5))
    weights = [6 if p.pk in popular else 1 for p in participants]
    counts = {p.pk: 0 for p in participants}
    # Nobody accepts more meetings than they have slots: a participant away for a block has fewer.
    slots = {b.pk: b.slot_count for b in event.blocks.all()}
    away = {p.pk: {b.pk for b in p.unavailable_blocks.all()} for p in participants}
    capacity = {p.pk: min(event.max_meetings, sum(n for pk, n in slots.items() if pk not in away[p.pk]))
                for p in participants}
    pairs = set()
    now = timezone.now()
    made = 0
    attempts = 0
    while made < REQUESTS and attempts < REQUESTS * 50:
        attempts += 1
        requester = rng.choice(participants)
        recipient = rng.choices(participants, weights=weights)[0]
        key = frozenset((requester.pk, recipient.pk))
        if requester.pk == recipient.pk or key in pairs:
            continue
        roll = rng.random()
        status = (MeetingRequestStatus.ACCEPTED if roll < 0.84 else MeetingRequestStatus.PENDING if roll < 0.92
                  else MeetingRequestStatus.DECLINED if roll < 0.97 else MeetingRequestStatus.EXPIRED)
        if status == MeetingRequestStatus.ACCEPTED and (counts[requester.pk] >= capacity[requester.pk]
                                                        or counts[recipient.pk] >= capacity[recipient.pk]
                                                        or not set(slots) - away[requester.pk] - away[recipient.pk]):
            continue
        pairs.add(key)
        sent = now - timedelta(hours=rng.randint(1, 400))
        expires = sent + timedelta(hours=event.meeting_request_hours)
        if status == MeetingRequestStatus.PENDING:
            sent, expires = now - timedelta(hours=rng.randint(1, 20)), now + timedelta(hours=rng.randint(20, 60))
        request = MeetingRequest.objects.create(
            event=event, requester=requester, recipient=recipient, message=rng.choice(MESSAGES), status=status,
            expires_at=expires, created_by=requester.user,
            responded_at=None if status in (MeetingRequestStatus.PENDING, MeetingRequestStatus.EXPIRED) else sent
            + timedelta(hours=rng.randint(1, 30)))
        MeetingRequest.objects.filter(pk=request.pk).update(created=sent)
        if status == MeetingRequestStatus.ACCEPTED:
            Meeting.objects.create(event=event, request=request, participant_a=requester, participant_b=recipient,
                                   priority=2 if recipient.pk in popular else 1, created_by=recipient.user)
            counts[requester.pk] += 1
            counts[recipient.pk] += 1
        made += 1
    return made


def _schedule(event: Event) -> dict:
    """Compute the schedule with the real scheduler (short time limit) and publish it, without e-mails."""
    from .services import compute_schedule

    if Meeting.objects.filter(event=event, slot__isnull=False).exists():
        return dict(event.schedule_stats)
    try:
        stats = compute_schedule(event, time_limit=SCHEDULE_SECONDS)
    except ImportError:  # the scheduler package is not importable: leave the meetings unscheduled
        return {}
    now = timezone.now()
    Meeting.objects.filter(event=event, slot__isnull=False).update(published=True, updated=now)
    Event.objects.filter(pk=event.pk).update(schedule_published_at=now)
    return stats


@transaction.atomic
def load(*, seed: int = 2024) -> dict[str, int]:
    rng = random.Random(seed + 5)
    from northern_connections.directory.models import ValueChain

    chains = {c.slug: c for c in ValueChain.objects.all()}
    organisers = {o.slug: o for o in Organisation.objects.filter(slug__in=["goteborgs-stad", "johanneberg-science-park",
                                                                          "energy-cluster-denmark",
                                                                          "esbjerg-kommune"])}
    if "goteborgs-stad" not in organisers:
        raise RuntimeError("Load the directory's demo data first (Göteborgs Stad is missing).")

    event = _event(
        GOTHENBURG, title="Gothenburg Living Lab event: heating, storage and smart grids", days_ahead=21,
        zone="Europe/Stockholm", start=time(8, 30), end=time(17, 0), kind=EventKind.LIVING_LAB,
        summary="Göteborgs Stad and Johanneberg Science Park invite SMEs from all North Sea partner countries to "
                "demonstrate solutions in the city's Living Labs and to meet city departments, housing companies "
                "and each other in pre-scheduled one-to-one meetings.",
        description="Morning: pitches of the Living Lab challenges and B2B meetings. Afternoon: site visits and a "
                    "second round of meetings. Applications were screened by the organisers.",
        venue="Johanneberg Science Park, Sven Hultins gata 9", city="Göteborg", country="SE",
        approval_mode=ApprovalMode.ORGANISER, capacity=60, meeting_request_hours=72, max_meetings=10,
        auto_accept_meetings=False)
    event.registration_closes_at = event.starts_at - timedelta(days=7)
    event.save(update_fields=["registration_closes_at"])
    event.organisers.set([organisers["goteborgs-stad"], organisers["johanneberg-science-park"]])
    from northern_connections.challenges.models import Challenge

    event.challenges.set(Challenge.objects.filter(owner__slug__in=["goteborgs-stad", "johanneberg-science-park"])
                         .exclude(status="draft").order_by("slug")[:3])
    day = event.local(event.starts_at).date()
    tz = event.tz
    if not event.sessions.exists():
        for title, start, end, where in [
            ("Welcome by Göteborgs Stad", time(8, 30), time(9, 0), "Auditorium"),
            ("Living Lab challenges: pitches", time(9, 0), time(9, 45), "Auditorium"),
            ("Lunch", time(12, 15), time(13, 15), "Foyer"),
            ("Site visits to the Living Labs", time(15, 30), time(17, 0), "Johanneberg campus"),
        ]:
            AgendaSession.objects.create(event=event, title=title, location=where,
                                         starts_at=datetime.combine(day, start, tzinfo=tz),
                                         ends_at=datetime.combine(day, end, tzinfo=tz))
    morning, afternoon = _make_blocks(event, [
        ("Morning meetings", day, time(9, 50), 20, 7, [4], 14),
        ("Afternoon meetings", day, time(13, 20), 20, 6, [3], 10),
    ])

    sme_user = User.objects.filter(email="sme@example.org").first()
    demo_sme = Organisation.objects.filter(memberships__user=sme_user, kind="sme").first() if sme_user else None
    accepted, pending = [], []
    for country in PARTNER_COUNTRIES:
        pool = list(Organisation.objects.filter(source="demo", kind="sme", country=country)
                    .exclude(pk=getattr(demo_sme, "pk", None)).order_by("slug"))
        chosen = rng.sample(pool, min(len(pool), SMES_PER_COUNTRY + 1))
        if country == "DK" and demo_sme is not None:
            chosen = [demo_sme] + chosen[: SMES_PER_COUNTRY - 1] + chosen[SMES_PER_COUNTRY - 1:]
        accepted += chosen[:SMES_PER_COUNTRY]
        pending += chosen[SMES_PER_COUNTRY:]
    pending = pending[:PENDING_APPLICANTS]
    participants = []
    for organisation, status in [(o, ParticipantStatus.ACCEPTED) for o in accepted] + \
            [(o, ParticipantStatus.PENDING) for o in pending]:
        user = sme_user if organisation == demo_sme else _representative(organisation)
        participant, created = Participant.objects.get_or_create(
            event=event, organisation=organisation,
            defaults={"user": user, "status": status, "decided_at": timezone.now() if status == "accepted" else None,
                      "note": f"{organisation.short_name or organisation.name} would like to demonstrate its "
                              "solution in a Göteborg Living Lab."})
        if created and status == ParticipantStatus.ACCEPTED:
            roll = rng.random()
            if roll < 0.15:
                participant.unavailable_blocks.set([afternoon])
            elif roll < 0.22:
                participant.unavailable_blocks.set([morning])
        if participant.status == ParticipantStatus.ACCEPTED:
            participants.append(participant)
    for participant in (Participant.objects.filter(event=event).select_related("organisation")
                        .prefetch_related("organisation__value_chains")):
        _items(participant, rng, chains)
    _requests(event, participants, rng)
    stats = _schedule(event)

    # A second, open event where the demo logins can register and try the meeting requests themselves.
    brokerage = _event(
        ESBJERG, title="North Sea offshore wind brokerage day", days_ahead=45, zone="Europe/Copenhagen",
        start=time(9, 0), end=time(16, 0), kind=EventKind.BROKERAGE,
        summary="Energy Cluster Denmark and Esbjerg Kommune bring together offshore wind developers, ports and "
                "suppliers from the North Sea countries for one-to-one meetings.",
        venue="Esbjerg Harbour Conference Centre", city="Esbjerg", country="DK",
        approval_mode=ApprovalMode.AUTOMATIC, capacity=120, meeting_request_hours=48, max_meetings=12,
        auto_accept_meetings=False)
    brokerage.organisers.set([o for slug, o in organisers.items() if slug in ("energy-cluster-denmark",
                                                                              "esbjerg-kommune")])
    brokerage_day = brokerage.local(brokerage.starts_at).date()
    _make_blocks(brokerage, [("Meetings", brokerage_day, time(10, 0), 30, 8, [4], 20)])

    from northern_connections.core import search

    search.bulk_index((e, " ".join([e.title, e.summary, e.description, e.city]), "en") for e in (event, brokerage))
    return {
        "events": 2,
        "participants": Participant.objects.filter(event=event).count(),
        "countries": len({p.organisation.country for p in participants}),
        "marketplace items": MarketplaceItem.objects.filter(participant__event=event).count(),
        "requests": MeetingRequest.objects.filter(event=event).count(),
        "meetings": Meeting.objects.filter(event=event).count(),
        "scheduled": Meeting.objects.filter(event=event, slot__isnull=False).count(),
        "breaks": stats.get("breaks", 0) or 0,
    }
