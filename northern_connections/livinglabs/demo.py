"""Demo Living Labs: 156 candidates in the 13 partner regions, a decided round with three assessors, labs' calls
and demonstrations.

Deterministic (seeded) and idempotent (update_or_create on slugs; the round is built once). The
candidates are typical North Sea renewable-energy test sites, proposed by the partner city, region
or cluster of their region. Each candidate has a hidden "true" quality per criterion; the three
demo assessors score it with their own noise (so their disagreement shows), in bulk (the audit
trail records the service writes of real rounds, not the demo's bulk load). The round is then
shortlisted and decided through the services, exactly as the coordinator would on the page.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction

from northern_connections.accounts.models import User
from northern_connections.core.audit import acting_as
from northern_connections.directory.models import NutsRegion, Organisation, ValueChain

from . import services
from .choices import CandidateStatus, CostModel, Facility, RoundStatus, SiteType
from .models import Candidate, Demonstration, LabCall, Score, SelectionRound

PASSWORD = "northern-demo"
ROUND_SLUG = "living-lab-selection-2026"
PER_REGION_CANDIDATES = 12

# NUTS 2 region → (place, latitude, longitude), partner slugs proposing there (facts: city positions)
REGIONS = {
    "DK04": ([("Aarhus", 56.15, 10.20), ("Herning", 56.14, 8.97), ("Viborg", 56.45, 9.40)], ["region-midtjylland"]),
    "DK03": ([("Esbjerg", 55.47, 8.45), ("Odense", 55.40, 10.39)], ["esbjerg-kommune", "energy-cluster-denmark"]),
    "DK05": ([("Aalborg", 57.05, 9.92), ("Frederikshavn", 57.44, 10.54)], ["aalborg-kommune"]),
    "NO0A": ([("Stavanger", 58.97, 5.73), ("Bergen", 60.39, 5.32)],
             ["stavanger-kommune", "rogaland-fylkeskommune", "bergen-kommune", "gce-ocean-technology"]),
    "SE23": ([("Göteborg", 57.71, 11.97), ("Lysekil", 58.27, 11.44)],
             ["goteborgs-stad", "region-vastra-gotaland", "johanneberg-science-park"]),
    "NL11": ([("Groningen", 53.22, 6.57), ("Eemshaven", 53.44, 6.83)],
             ["gemeente-groningen", "provincie-groningen", "new-energy-coalition"]),
    "NL32": ([("Den Helder", 52.96, 4.76), ("IJmuiden", 52.46, 4.61)], ["gemeente-den-helder"]),
    "DE50": ([("Bremen", 53.08, 8.80), ("Bremerhaven", 53.55, 8.58)], ["freie-hansestadt-bremen", "wab-ev"]),
    "DE94": ([("Oldenburg", 53.14, 8.21), ("Wilhelmshaven", 53.53, 8.11)], ["stadt-oldenburg"]),
    "DE60": ([("Hamburg", 53.55, 9.99), ("Hamburg-Harburg", 53.46, 9.98)], ["eehh-clusteragentur"]),
    "TLM5": ([("Aberdeen", 57.15, -2.09), ("Peterhead", 57.51, -1.78)], ["aberdeen-city-council"]),
    "TLM6": ([("Kirkwall", 58.98, -2.96), ("Stromness", 58.96, -3.30)], ["orkney-islands-council"]),
    "TLM7": ([("Dundee", 56.46, -2.97), ("Methil", 56.18, -3.01)], ["dundee-city-council"]),
}
# (site type, name pattern, facilities, value chains, TRL range)
SITES = [
    (SiteType.HARBOUR, "{place} harbour test quay", ["quay", "grid_connection", "workshop"],
     ["offshore-wind", "hydrogen-ptx"], (6, 8)),
    (SiteType.INDUSTRIAL_PARK, "{place} green industry park", ["grid_connection", "storage", "office"],
     ["hydrogen-ptx", "energy-storage"], (6, 9)),
    (SiteType.CAMPUS, "{place} university energy campus", ["test_equipment", "data_platform", "monitoring"],
     ["smart-grids", "solar"], (5, 7)),
    (SiteType.CITY_DISTRICT, "{place} smart energy district", ["data_platform", "monitoring"],
     ["smart-grids", "heating-cooling"], (6, 8)),
    (SiteType.TEST_CENTRE, "{place} offshore test centre", ["test_equipment", "quay", "monitoring"],
     ["offshore-wind", "ocean-energy"], (5, 8)),
    (SiteType.ENERGY_ISLAND, "{place} energy island pilot", ["grid_connection", "storage"],
     ["offshore-wind", "hydrogen-ptx"], (7, 9)),
    (SiteType.BUILDING, "{place} zero-energy public building", ["monitoring", "data_platform"],
     ["heating-cooling", "solar"], (6, 9)),
    (SiteType.GRID_SEGMENT, "{place} flexible grid segment", ["grid_connection", "data_platform"],
     ["smart-grids", "energy-storage"], (6, 8)),
    (SiteType.OTHER, "{place} biogas and heat hub", ["workshop", "storage"], ["bioenergy", "heating-cooling"],
     (5, 8)),
    (SiteType.HARBOUR, "{place} shore power berth", ["quay", "grid_connection"], ["smart-grids", "offshore-wind"],
     (7, 9)),
    (SiteType.TEST_CENTRE, "{place} hydrogen refuelling test site", ["test_equipment", "storage"],
     ["hydrogen-ptx"], (6, 8)),
    (SiteType.CAMPUS, "{place} onshore wind field lab", ["test_equipment", "monitoring"], ["onshore-wind"], (5, 7)),
]
# (code, name, weight, direction, what assessors look at)
CRITERIA = [
    ("s3-fit", "Fit with the regional smart specialisation strategy", 3, "benefit",
     "How well the lab serves the region's RIS3 priorities in renewable energy."),
    ("openness", "Openness to SMEs from other countries", 2, "benefit",
     "Access for foreign SMEs: language, rules, booking, support."),
    ("facilities", "Facilities", 2, "benefit", "Test equipment, grid connection, data platform, workshop space."),
    ("trl", "TRL coverage", 1.5, "benefit", "How much of TRL 5–9 the lab can support."),
    ("readiness", "Readiness", 1, "benefit", "How soon the lab can host demonstrations."),
    ("cost", "Cost for SMEs", 1.5, "cost", "What a demonstration costs an SME (higher score = more expensive)."),
    ("commitment", "Public–private commitment", 2, "benefit", "Signed commitments of the host and companies."),
]
ASSESSORS = [("assessor.one@example.org", "Demo assessor (Denmark)"),
             ("assessor.two@example.org", "Demo assessor (Norway)"),
             ("assessor.three@example.org", "Demo assessor (Netherlands)")]
DEMONSTRATIONS = [
    ("Floating substation monitoring", "Vibration and corrosion sensors on a floating substation mock-up.", 6, 7),
    ("Shore power for service vessels", "A containerised shore-power unit at one berth for three months.", 6, 8),
    ("Electrolyser stack endurance test", "A 1 MW electrolyser stack run against wind power profiles.", 5, 6),
    ("Low-temperature heat substations", "Prefabricated substations in ten older buildings.", 7, 8),
    ("Grid-forming battery inverter", "A battery inverter providing inertia on a weak feeder.", 6, None),
    ("Blade inspection drones", "Autonomous drone inspection of turbine blades with AI damage detection.", 7, 8),
    ("Biogas upgrading membrane", "A compact membrane unit upgrading farm biogas to grid quality.", 5, None),
    ("Tidal kite power take-off", "A new power take-off for a tidal kite, tested at the quay.", 5, 6),
]


def _user(email: str, name: str) -> User:
    from allauth.account.models import EmailAddress

    user = User.objects.filter(email=email).first() or User.objects.create_user(email=email, password=PASSWORD)
    user.full_name, user.is_demo = name, True
    user.save(update_fields=["full_name", "is_demo"])
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _candidates(rng: random.Random, chains: dict) -> list[Candidate]:
    partners = {o.slug: o for o in Organisation.objects.filter(slug__in=[s for _, p in REGIONS.values() for s in p])}
    regions = {r.code: r for r in NutsRegion.objects.filter(code__in=REGIONS)}
    candidates = []
    for code, (places, proposers) in REGIONS.items():
        region = regions.get(code)
        if region is None:
            continue
        for n, (site_type, pattern, facilities, chain_slugs, (low, high)) in enumerate(SITES[:PER_REGION_CANDIDATES]):
            place, lat, lon = places[n % len(places)]
            proposer = partners[proposers[n % len(proposers)]]
            name = pattern.format(place=place)
            candidate, _ = Candidate.objects.update_or_create(slug=f"demo-{code.lower()}-{n + 1}", defaults={
                "name": name, "proposed_by": proposer, "region": region, "site_type": site_type, "is_demo": True,
                "description": f"{name}: a {SiteType(site_type).label.lower()} offered by {proposer} as a Living "
                               f"Lab where SMEs test renewable-energy solutions in real conditions (demo data).",
                "themes": ", ".join(chain_slugs), "trl_min": low, "trl_max": high, "facilities": facilities,
                "open_to_foreign_smes": rng.random() < 0.8, "cost_model": rng.choice(CostModel.values),
                "access_conditions": "Booking through the lab coordinator; safety induction on site.",
                "capacity": rng.randint(1, 4), "ready_from": date(2026, rng.randint(1, 12), 1),
                "contact_name": f"Lab coordinator, {place}",
                "contact_email": f"lab.{code.lower()}.{n + 1}@example.org",
                "latitude": round(lat + rng.uniform(-0.08, 0.08), 4),
                "longitude": round(lon + rng.uniform(-0.12, 0.12), 4)})
            candidate.value_chains.set([chains[c] for c in chain_slugs if c in chains])
            candidate.hosts.set([proposer])
            candidates.append(candidate)
    return candidates


def _scores(selection: SelectionRound, candidates: list[Candidate], rng: random.Random) -> int:
    """Every assessor scores every candidate: a hidden quality per criterion plus the assessor's own noise."""
    criteria = list(selection.criteria.order_by("order"))
    assessors = list(selection.assessors.order_by("pk"))
    rows = []
    for candidate in candidates:
        quality = [rng.uniform(1.0, 4.6) for _ in criteria]
        for a, assessor in enumerate(assessors):
            for criterion, q in zip(criteria, quality, strict=True):
                value = min(5.0, max(0.0, round((q + rng.gauss(0.15 * (a - 1), 0.45)) * 2) / 2))
                rows.append(Score(assessor=assessor, candidate=candidate, criterion=criterion, value=value))
    Score.objects.bulk_create(rows)
    return len(rows)


def _round(coordinator_user: User, candidates: list[Candidate], rng: random.Random) -> SelectionRound:
    coordinator = Organisation.objects.get(slug="region-midtjylland")
    round = services.round_create(
        actor=coordinator_user, coordinator=coordinator, name="Living Lab selection 2026",
        description="The partnership's selection of two Living Labs per partner region from the candidates the "
                    "regions, cities and clusters proposed (demo data).",
        per_region=2, method="topsis", max_per_host=None, min_value_chains_per_country=None, perturbation=0.2,
        samples=1000, seed=2026, candidates=candidates)
    round.slug = ROUND_SLUG
    round.save(update_fields=["slug"])
    for order, (code, name, weight, direction, description) in enumerate(CRITERIA):
        services.criterion_save(actor=coordinator_user, round=round, code=code, name=name, weight=weight,
                                direction=direction, description=description, order=order)
    for email, name in ASSESSORS:
        services.assessor_add(actor=coordinator_user, round=round, user=_user(email, name))
    services.round_transition(actor=coordinator_user, round=round, to_status=RoundStatus.ASSESSMENT)
    _scores(round, candidates, rng)
    services.round_shortlist(actor=coordinator_user, round=round)
    return services.round_transition(actor=coordinator_user, round=round, to_status=RoundStatus.DECIDED,
                                     note="Decided by the Political Board (demo).")


def _demonstrations(rng: random.Random) -> int:
    labs = list(Candidate.objects.filter(status=CandidateStatus.SELECTED).order_by("region__code", "name"))
    smes = list(Organisation.objects.filter(kind="sme").order_by("slug")[:200])
    if not labs or not smes:
        return 0
    demo_sme = Organisation.objects.filter(memberships__user__email="sme@example.org").first()
    chosen = [labs[i] for i in range(0, len(labs), max(1, len(labs) // 6))][:6]
    count = 0
    for n, (title, plan, before, after) in enumerate(DEMONSTRATIONS):
        lab = chosen[n % len(chosen)]
        lead = demo_sme if n == 0 and demo_sme else smes[rng.randrange(len(smes))]
        start = date(2026, 3, 1) + timedelta(days=30 * n)
        demonstration, _ = Demonstration.objects.update_or_create(slug=f"demo-{n + 1}-{lab.slug}", defaults={
            "lab": lab, "title": title, "lead": lead, "plan": plan, "start_date": start,
            "end_date": start + timedelta(days=120), "trl_before": before, "trl_after": after,
            "trl_evidence": "Test report with measurements over the demonstration period, signed by the lab."
            if after else "", "results": "Met the target in the lab's operating conditions." if after else "",
            "lessons_learned": "Book grid access early; the lab's data platform saved weeks." if after else "",
            "status": "completed" if after else "running", "is_demo": True})
        demonstration.partners.set([smes[rng.randrange(len(smes))]])
        count += 1
    for lab in chosen[:4]:
        LabCall.objects.update_or_create(lab=lab, title=f"Open call: test your solution at {lab.name}", defaults={
            "text": "SMEs from every partner country can apply for up to three months of free test time, with "
                    "technical support from the lab team.", "deadline": date(2026, 12, 15)})
    return count


@transaction.atomic
def load(*, seed: int = 2024) -> dict[str, int]:
    """Build or update the Living Labs demo (after the directory's demo, which creates the partners)."""
    rng = random.Random(seed + 12)
    chains = {c.slug: c for c in ValueChain.objects.all()}
    coordinator_user = User.objects.filter(email="coordinator@example.org").first()
    if coordinator_user is None:
        raise RuntimeError("Load the directory demo first: its coordinator login runs the selection round")
    with acting_as(coordinator_user):
        candidates = _candidates(rng, chains)
        round = SelectionRound.objects.filter(slug=ROUND_SLUG).first()
        if round is None and candidates:
            round = _round(coordinator_user, candidates, rng)
        demonstrations = _demonstrations(rng)
    return {"candidates": len(candidates), "selected": Candidate.objects.filter(status=CandidateStatus.SELECTED,
                                                                              is_demo=True).count(),
            "assessors": len(ASSESSORS), "demonstrations": demonstrations, "facilities": len(Facility.values)}
