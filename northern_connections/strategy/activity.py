"""What regions have done together on the platform, and the scorecard's facts, read from the other apps.

Each *activity source* is a function giving `synergy.ActivityGroup`s (organisations that acted
together once); each *fact source* gives `scorecard.Fact`s for the regions asked for. Sources are
registered in `ACTIVITY_SOURCES` / `FACT_SOURCES`: an app that lands later (partnering's consortia)
adds its own with `register_activity_source` / `register_fact_source`, and a source whose app is not
installed gives nothing, so the analysis uses what exists. `missing_indicators()` names scorecard
indicators no installed app can supply, shown as "no data" rather than zero.

Everything here reads the other apps' tables with `values_list` (one or two queries per source,
whatever the number of rows): these figures are aggregates of public activity, not records shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from django.apps import apps

from northern_connections.directory.models import Organisation

from . import scorecard
from .synergy import ActivityGroup, region_of

ActivitySource = Callable[[], Iterable[ActivityGroup]]
FactSource = Callable[[Callable[[int], str | None], Callable[[object], str]], Iterable[scorecard.Fact]]

ACTIVITY_SOURCES: dict[str, tuple[str, ActivitySource]] = {}
FACT_SOURCES: dict[str, tuple[str, tuple[str, ...], FactSource]] = {}


def register_activity_source(name: str, app_label: str, source: ActivitySource) -> None:
    ACTIVITY_SOURCES[name] = (app_label, source)


def register_fact_source(name: str, app_label: str, indicators: tuple[str, ...], source: FactSource) -> None:
    FACT_SOURCES[name] = (app_label, indicators, source)


def _installed(app_label: str) -> bool:
    return apps.is_installed(f"northern_connections.{app_label}")


def activity_groups() -> list[ActivityGroup]:
    """Every installed source's groups."""
    return [group for label, source in ACTIVITY_SOURCES.values() if _installed(label) for group in source()]


def organisation_regions(regions: Sequence[str]) -> Callable[[int], str | None]:
    """organisation id → the strategy region containing its NUTS region (or None)."""
    codes = dict(Organisation.objects.filter(nuts_region__isnull=False).values_list("pk", "nuts_region__code"))
    found = {pk: region_of(code, regions) for pk, code in codes.items()}
    return found.get


def missing_indicators() -> set[str]:
    supplied = {ind for label, indicators, _ in FACT_SOURCES.values() if _installed(label) for ind in indicators}
    return set(scorecard.COUNTED) - supplied


def facts(regions: Sequence[str], period_of: Callable[[object], str]) -> list[scorecard.Fact]:
    where = organisation_regions(regions)
    return [fact for label, _, source in FACT_SOURCES.values() if _installed(label)
            for fact in source(where, period_of)]


def _grouped(rows) -> dict[object, set]:
    groups: dict[object, set] = defaultdict(set)
    for key, organisation in rows:
        if organisation is not None:
            groups[key].add(organisation)
    return groups


# --------------------------------------------------------------------------- challenges


def _challenge_groups() -> list[ActivityGroup]:
    from northern_connections.challenges.choices import PUBLIC_STATUSES, ApplicationStatus, PartnerStatus
    from northern_connections.challenges.models import Application, ApplicationPartner, Challenge

    public = Challenge.objects.filter(status__in=PUBLIC_STATUSES)
    applied = Application.objects.filter(challenge__in=public).exclude(status=ApplicationStatus.DRAFT)
    groups = _grouped(public.values_list("pk", "owner_id"))
    for key, members in _grouped(public.values_list("pk", "co_owners")).items():
        groups[key] |= members
    for key, members in _grouped(applied.values_list("challenge_id", "applicant_id")).items():
        groups[key] |= members
    partners = ApplicationPartner.objects.filter(application__in=applied, status=PartnerStatus.CONFIRMED)
    for key, members in _grouped(partners.values_list("application__challenge_id", "organisation_id")).items():
        groups[key] |= members
    return [ActivityGroup("challenge", str(key), frozenset(members)) for key, members in groups.items()]


def _challenge_facts(where, period_of) -> list[scorecard.Fact]:
    """A challenge published by an organisation of the region; its applications, and those from abroad."""
    from northern_connections.challenges.choices import PUBLIC_STATUSES, ApplicationStatus
    from northern_connections.challenges.models import Application, Challenge

    found = []
    challenges = Challenge.objects.filter(status__in=PUBLIC_STATUSES, published_at__isnull=False)
    for owner, published in challenges.values_list("owner_id", "published_at"):
        if (region := where(owner)) is not None:
            found.append(scorecard.Fact(region, period_of(published), scorecard.CHALLENGES))
    applications = Application.objects.filter(challenge__in=challenges).exclude(status=ApplicationStatus.DRAFT)
    rows = applications.values_list("challenge__owner_id", "challenge__owner__country", "applicant__country",
                                    "submitted_at", "challenge__published_at")
    for owner, home, country, submitted, published in rows:
        if (region := where(owner)) is None:
            continue
        period = period_of(submitted or published)
        found.append(scorecard.Fact(region, period, scorecard.APPLICATIONS))
        if country != home:
            found.append(scorecard.Fact(region, period, scorecard.FOREIGN_APPLICATIONS))
    return found


# --------------------------------------------------------------------------- events


def _event_groups() -> list[ActivityGroup]:
    from northern_connections.events.choices import EventStatus, ParticipantStatus
    from northern_connections.events.models import Event, Participant

    events = Event.objects.filter(status=EventStatus.PUBLISHED)
    groups = _grouped(events.values_list("pk", "organisers"))
    attending = Participant.objects.filter(event__in=events, status=ParticipantStatus.ACCEPTED)
    for key, members in _grouped(attending.values_list("event_id", "organisation_id")).items():
        groups[key] |= members
    return [ActivityGroup("event", str(key), frozenset(members)) for key, members in groups.items()]


def _event_facts(where, period_of) -> list[scorecard.Fact]:
    """Cross-border matches (accepted meeting requests) and meetings, counted for each side's region."""
    from northern_connections.events.choices import MeetingRequestStatus
    from northern_connections.events.models import Meeting, MeetingRequest

    found = []
    pairs = [(scorecard.MATCHES, MeetingRequest.objects.filter(status=MeetingRequestStatus.ACCEPTED).values_list(
        "requester__organisation_id", "requester__organisation__country", "recipient__organisation_id",
        "recipient__organisation__country", "event__starts_at")),
        (scorecard.MEETINGS, Meeting.objects.values_list(
            "participant_a__organisation_id", "participant_a__organisation__country",
            "participant_b__organisation_id", "participant_b__organisation__country", "event__starts_at"))]
    for indicator, rows in pairs:
        for a, country_a, b, country_b, when in rows:
            if country_a == country_b:
                continue
            for region in {where(a), where(b)} - {None}:
                found.append(scorecard.Fact(region, period_of(when), indicator))
    return found


# --------------------------------------------------------------------------- support map


def _support_facts(where, period_of) -> list[scorecard.Fact]:
    """Published measures available in the region (an area inside it or containing it: a national measure
    counts in each of the country's regions) that SMEs from other countries may use; counted in the period
    the measure was last changed (the support map shows today's measures, not their history)."""
    from northern_connections.support.choices import COUNTED_STATUSES, Eligibility
    from northern_connections.support.coverage import SME, related
    from northern_connections.support.models import SupportMeasure

    from .selectors import strategy_regions

    regions = strategy_regions()
    measures = SupportMeasure.objects.filter(status__in=COUNTED_STATUSES, eligibility=Eligibility.ANY)
    when = {pk: updated for pk, updated, groups in measures.values_list("pk", "updated", "target_groups")
            if not groups or SME in groups}
    areas = defaultdict(set)
    through = SupportMeasure.areas.through
    for pk, code in through.objects.filter(supportmeasure__in=measures).values_list("supportmeasure_id",
                                                                                    "nutsregion__code"):
        areas[pk] |= {region for region in regions if related(code, region)}
    return [scorecard.Fact(region, period_of(when[pk]), scorecard.OPEN_MEASURES)
            for pk, found in areas.items() if pk in when for region in sorted(found)]


# --------------------------------------------------------------------------- Living Labs


def _demonstration_facts(where, period_of) -> list[scorecard.Fact]:
    """Demonstrations led by a company from another country in a lab of the region."""
    try:
        demonstration = apps.get_model("livinglabs", "Demonstration")
    except LookupError:
        return []
    from .selectors import strategy_regions

    regions = strategy_regions()
    rows = demonstration.objects.values_list("lab__region__code", "lab__region__country", "lead__country",
                                             "start_date", "created")
    found = []
    for code, lab_country, lead_country, start, created in rows:
        region = region_of(code, regions)
        if region is not None and lead_country != lab_country:
            found.append(scorecard.Fact(region, period_of(start or created), scorecard.DEMONSTRATIONS))
    return found


def _demonstration_groups() -> list[ActivityGroup]:
    try:
        demonstration = apps.get_model("livinglabs", "Demonstration")
    except LookupError:
        return []
    groups = _grouped(demonstration.objects.values_list("pk", "lead_id"))
    for key, members in _grouped(demonstration.objects.values_list("pk", "lab__proposed_by_id")).items():
        groups[key] |= members
    return [ActivityGroup("demonstration", str(key), frozenset(members)) for key, members in groups.items()]


# --------------------------------------------------------------------------- partnering


def _consortium_groups() -> list[ActivityGroup]:
    """A consortium that applied (submitted or closed; one in preparation is its members' private workspace
    and says nothing yet), with the members who joined it."""
    from northern_connections.partnering.choices import ConsortiumStatus, MemberStatus
    from northern_connections.partnering.models import ConsortiumMember

    members = ConsortiumMember.objects.filter(status=MemberStatus.JOINED).exclude(
        consortium__status=ConsortiumStatus.PREPARATION)
    return [ActivityGroup("consortium", str(key), frozenset(found))
            for key, found in _grouped(members.values_list("consortium_id", "organisation_id")).items()]


register_activity_source("challenges", "challenges", _challenge_groups)
register_activity_source("partnering", "partnering", _consortium_groups)
register_activity_source("events", "events", _event_groups)
register_activity_source("livinglabs", "livinglabs", _demonstration_groups)
register_fact_source("challenges", "challenges", (scorecard.CHALLENGES, scorecard.APPLICATIONS,
                                                  scorecard.FOREIGN_APPLICATIONS), _challenge_facts)
register_fact_source("events", "events", (scorecard.MATCHES, scorecard.MEETINGS), _event_facts)
register_fact_source("support", "support", (scorecard.OPEN_MEASURES,), _support_facts)
register_fact_source("livinglabs", "livinglabs", (scorecard.DEMONSTRATIONS,), _demonstration_facts)
