"""Demo partnering: the real funding calls, partner requests of every type, two consortia in preparation.

Deterministic and idempotent. The calls come from the portal's file in the shared data folder
(`import_calls`; skipped when the file is missing). Region categories come from the app's reference
file (Decision (EU) 2021/1130). The partnership's own regions are all more developed (Norway and
Scotland have no category), so a few organisations from transition regions (Brandenburg, Sjælland,
Hainaut) and less developed regions (Podkarpackie, Śląskie, Latvia) join the demo: the builder can
then propose consortia with all three categories, as interregional innovation calls ask.

The journey relies on: Energy Cluster Denmark (demo login cluster.ecd@example.org) and the wind call
HORIZON-CL5-2026-09-D3-03 (an innovation action: three partners from three countries).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction

from northern_connections.core import clock
from northern_connections.directory.models import NutsRegion, Organisation, ValueChainStep
from northern_connections.directory.services import organisations_mark_verified
from northern_connections.matchmaking.selectors import PARTNER_REQUEST_KIND
from northern_connections.matchmaking.services import match_index_rebuild

from . import calls, regions, services
from .choices import VALIDITY, InterestStatus, MemberRole, MemberStatus, RequestStatus
from .models import Consortium, ConsortiumMember, ConsortiumTask, ExpressionOfInterest, FundingCall, PartnerRequest
from .references import next_reference

WIND_CALL = "HORIZON-CL5-2026-09-D3-03"
HYDROGEN_CALL = "I3-2026-INV2a"

# slug, name, kind, country, NUTS code, value-chain steps
ORGANISATIONS = [
    ("energiecluster-lausitz", "Energiecluster Lausitz", "cluster", "DE", "DE40",
     ["installation-construction", "operation-maintenance"]),
    ("sjaelland-offshore-service", "Sjælland Offshore Service ApS", "sme", "DK", "DK02",
     ["operation-maintenance", "decommissioning-recycling"]),
    ("hainaut-wind-components", "Hainaut Wind Components SA", "sme", "BE", "BE32", ["manufacturing-components"]),
    ("podkarpacki-klaster-energii", "Podkarpacki Klaster Energii", "cluster", "PL", "PL82",
     ["research-design", "manufacturing-components"]),
    ("silesia-blade-recycling", "Silesia Blade Recycling sp. z o.o.", "sme", "PL", "PL22",
     ["decommissioning-recycling", "operation-maintenance"]),
    ("riga-technical-university", "Riga Technical University", "knowledge_institution", "LV", "LV00",
     ["research-design", "development-planning"]),
]

# owner slug, kind, title, partnership type, steps, TRL, call topic, status, summary, partner sought
REQUESTS = [
    ("sjaelland-offshore-service", "TO", "Drone-based blade inspection for offshore O&M", "commercial",
     ["operation-maintenance"], 7, None, RequestStatus.PUBLISHED,
     "Autonomous drones inspect blades of running turbines and report erosion with a confidence score.",
     "Wind farm operators or O&M contractors for a paid pilot on five turbines."),
    ("podkarpacki-klaster-energii", "BR", "Distributors for small wind turbine components", "supplier",
     ["manufacturing-components"], 8, None, RequestStatus.PUBLISHED,
     "Twelve manufacturers of castings and gearboxes look for distributors in the North Sea countries.",
     "Distributors or service companies with a customer base in onshore wind."),
    ("esbjerg-kommune", "TR", "Port-side hydrogen bunkering for service vessels", "technical",
     ["installation-construction"], 6, HYDROGEN_CALL, RequestStatus.PUBLISHED,
     "The port of Esbjerg wants to refuel crew transfer vessels with green hydrogen by 2029.",
     "Technology providers for bunkering systems and safety assessment."),
    ("riga-technical-university", "RDR", "Partners for an innovation action on wind energy systems", "consortium",
     ["research-design", "operation-maintenance"], 5, WIND_CALL, RequestStatus.PUBLISHED,
     "Condition monitoring models for turbines in cold climates, to be demonstrated in a Horizon Europe action.",
     "A wind farm operator and an SME that builds sensors; a cluster to coordinate."),
    ("hainaut-wind-components", "BO", "Composite blade root inserts, made to order", "commercial",
     ["manufacturing-components"], 9, None, RequestStatus.PUBLISHED,
     "Short series of blade root inserts in carbon and glass composites, certified for 15 MW blades.",
     "Blade manufacturers and repair companies."),
    ("silesia-blade-recycling", "TO", "Recycling decommissioned blades into panels", "licence",
     ["decommissioning-recycling"], 6, None, RequestStatus.DRAFT,
     "A pyrolysis-free process that turns shredded blades into construction panels.",
     "Licensees in countries with many turbines reaching the end of their life."),
]

# consortium slug, name, acronym, call topic, coordinator, [(member slug, role, status, WPs led, budget)], tasks
CONSORTIA = [
    ("north-sea-wind-om", "North Sea Wind O&M Innovation", "NSWOM", WIND_CALL, "energy-cluster-denmark",
     [("energy-cluster-denmark", MemberRole.COORDINATOR, MemberStatus.JOINED, "WP1, WP5", 900_000),
      ("esbjerg-kommune", MemberRole.PARTNER, MemberStatus.JOINED, "WP4", 400_000),
      ("sjaelland-offshore-service", MemberRole.PARTNER, MemberStatus.JOINED, "WP2", 1_100_000),
      ("energiecluster-lausitz", MemberRole.PARTNER, MemberStatus.INVITED, "", 600_000),
      ("gce-ocean-technology", MemberRole.ASSOCIATED, MemberStatus.JOINED, "", 0)],
     [("Draft the impact section", 14), ("Collect letters of support from wind farm operators", 21),
      ("Agree the budget split", 28)]),
    ("hydrogen-valleys-link", "Hydrogen Valleys Link", "H2VL", HYDROGEN_CALL, "new-energy-coalition",
     [("new-energy-coalition", MemberRole.COORDINATOR, MemberStatus.JOINED, "WP1", 1_500_000),
      ("freie-hansestadt-bremen", MemberRole.PARTNER, MemberStatus.JOINED, "WP3", 2_000_000),
      ("johanneberg-science-park", MemberRole.PARTNER, MemberStatus.INVITED, "WP2", 800_000),
      ("podkarpacki-klaster-energii", MemberRole.PARTNER, MemberStatus.INVITED, "", 700_000)],
     [("Map the hydrogen valleys' investment pipelines", 10), ("Write the interregional value chain plan", 30)]),
]


def _calls() -> int:
    path = settings.SHARED_DATA_DIR / "cordis" / "calls_open_2026.jsonl.gz"
    if not path.exists():
        return 0
    rows = calls.parse(calls.decode(path.read_bytes(), str(path)), str(path))
    counts = services.calls_import(rows=rows, name=str(path))
    return counts["created"] + counts["updated"]


def _organisations() -> dict[str, Organisation]:
    steps = {s.slug: s for s in ValueChainStep.objects.all()}
    made = []
    for slug, name, kind, country, code, step_slugs in ORGANISATIONS:
        org, _ = Organisation.objects.update_or_create(slug=slug, defaults={
            "name": name, "kind": kind, "country": country, "description_language": "en",
            "nuts_region": NutsRegion.objects.filter(code=code).first(),
            "description": f"{name}: {', '.join(step_slugs).replace('-', ' ')} in renewable energy."})
        org.value_chain_steps.set([steps[s] for s in step_slugs if s in steps])
        made.append(org)
    organisations_mark_verified(organisations=made)
    return {o.slug: o for o in Organisation.objects.all().only("pk", "slug", "country", "name")}


def _requests(orgs: dict[str, Organisation], calls_by_topic: dict[str, FundingCall]) -> list[PartnerRequest]:
    steps = {s.slug: s for s in ValueChainStep.objects.all()}
    today = clock.now().date()
    made = []
    for n, (owner, kind, title, ptype, step_slugs, trl, topic, status, summary, sought) in enumerate(REQUESTS):
        if owner not in orgs:
            continue
        request, created = PartnerRequest.objects.get_or_create(owner=orgs[owner], title=title, defaults={
            "kind": kind, "partnership_type": ptype, "trl": trl, "call": calls_by_topic.get(topic),
            "summary": summary, "partner_sought": sought, "is_demo": True,
            "keywords": [w for w in title.lower().split() if len(w) > 4][:4]})
        if created and status == RequestStatus.PUBLISHED:
            published = today - timedelta(days=20 * n)
            request.status, request.published_on, request.valid_until = status, published, published + VALIDITY
            request.reference = next_reference(kind=kind, country=orgs[owner].country, day=published)
            request.save()
        request.value_chain_steps.set([steps[s] for s in step_slugs if s in steps])
        services.request_index(request)
        made.append(request)
    return made


def _interests(orgs, requests) -> int:
    pairs = [(requests[0], "gce-ocean-technology", InterestStatus.PENDING,
              "Our members run O&M for three Norwegian wind farms; a pilot in 2027 would suit them."),
             (requests[3], "energiecluster-lausitz", InterestStatus.ACCEPTED,
              "We can bring two operators from Brandenburg and coordinate the demonstration.")]
    for request, slug, status, message in pairs:
        if slug in orgs:
            ExpressionOfInterest.objects.get_or_create(request=request, organisation=orgs[slug],
                                                       defaults={"message": message, "status": status})
    return len(pairs)


def _consortia(orgs, calls_by_topic) -> int:
    count = 0
    today = clock.now().date()
    for slug, name, acronym, topic, coordinator, members, tasks in CONSORTIA:
        if topic not in calls_by_topic or coordinator not in orgs:
            continue
        consortium, _ = Consortium.objects.update_or_create(slug=slug, defaults={
            "name": name, "acronym": acronym, "call": calls_by_topic[topic], "is_demo": True,
            "summary": f"{name}: an interregional consortium in preparation for {topic}."})
        for member_slug, role, status, wps, budget in members:
            if member_slug in orgs:
                ConsortiumMember.objects.update_or_create(consortium=consortium, organisation=orgs[member_slug],
                                                          defaults={"role": role, "status": status,
                                                                    "work_packages_led": wps, "budget_eur": budget})
        owners = list(consortium.members.all())
        for n, (title, days) in enumerate(tasks):
            ConsortiumTask.objects.get_or_create(consortium=consortium, title=title, defaults={
                "deadline": today + timedelta(days=days), "owner": owners[n % len(owners)] if owners else None})
        count += 1
    return count


@transaction.atomic
def load(*, seed: int = 2024) -> dict[str, int]:
    """Calls, region categories, the extra organisations, requests, interests and consortia (see the module)."""
    call_count = _calls()
    categories = regions.region_categories_load()
    orgs = _organisations()
    calls_by_topic = {c.topic_identifier: c for c in FundingCall.objects.filter(topic_identifier__in=[
        WIND_CALL, HYDROGEN_CALL])}
    requests = _requests(orgs, calls_by_topic)
    # A fresh snapshot of the requests: the matchmaking demo built this kind's snapshot before any request existed
    transaction.on_commit(lambda: match_index_rebuild(kinds=[PARTNER_REQUEST_KIND]))
    return {"funding calls": call_count, "region categories set": categories, "partner requests": len(requests),
            "expressions of interest": _interests(orgs, requests) if len(requests) > 3 else 0,
            "consortia": _consortia(orgs, calls_by_topic)}
