"""Demo challenges: 44 challenges of the partner cities, regions and clusters, with applications.

Deterministic (seeded) and idempotent (update_or_create on the slug). Each challenge is written
in its owner's language with an English title and summary; the problems are typical public-sector
renewable-energy needs of the North Sea region. Dates are relative to today so that the board
always shows open, closed and decided challenges.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from northern_connections.directory.demo import PARTNERS
from northern_connections.directory.models import CpvCode, Organisation, ValueChain, ValueChainStep

from .choices import ApplicationStatus, ChallengeStatus, RouteKind
from .models import Application, Challenge, ChallengeTransition, EvaluationCriterion
from .services import challenge_index

LANGUAGE_OF_COUNTRY = {"DK": "da", "NO": "nb", "SE": "sv", "NL": "nl", "DE": "de", "GB": "en"}
ZONE_OF_COUNTRY = {"DK": "Europe/Copenhagen", "NO": "Europe/Oslo", "SE": "Europe/Stockholm",
                   "NL": "Europe/Amsterdam", "DE": "Europe/Berlin", "GB": "Europe/London"}
CURRENCY_OF_COUNTRY = {"DK": "DKK", "NO": "NOK", "SE": "SEK", "GB": "GBP"}

# (key, value chains, steps, CPV, English title, English summary, titles by language)
THEMES = [
    ("school-energy", ["heating-cooling", "smart-grids"], ["operation-maintenance"], "09300000-2",
     "Cutting the energy use of municipal school buildings",
     "Our schools use too much energy for heating and ventilation outside teaching hours. We look for sensors, "
     "controls or services that cut energy use by at least 20 % without reducing indoor climate quality.",
     {"da": "Lavere energiforbrug i kommunens skoler", "nb": "Lavere energibruk i kommunale skolebygg",
      "sv": "Minskad energianvändning i kommunala skolbyggnader",
      "nl": "Minder energieverbruik in gemeentelijke scholen",
      "de": "Weniger Energieverbrauch in städtischen Schulgebäuden"}),
    ("shore-power", ["offshore-wind", "smart-grids"], ["installation-construction"], "31000000-6",
     "Shore power for ferries and service vessels in the harbour",
     "Vessels at berth run diesel generators. We need a shore-power solution for ferries and offshore service "
     "vessels that fits a constrained grid connection and can be piloted at one quay.",
     {"da": "Landstrøm til færger og servicefartøjer i havnen", "nb": "Landstrøm til ferjer og servicefartøy i havnen",
      "sv": "Landström till färjor och servicefartyg i hamnen", "nl": "Walstroom voor veerboten en servicevaartuigen",
      "de": "Landstrom für Fähren und Serviceschiffe im Hafen"}),
    ("district-heat", ["heating-cooling", "energy-storage"], ["development-planning"], "09323000-9",
     "Low-temperature district heating in an existing neighbourhood",
     "We want to convert an older district-heating area to low-temperature supply. We seek planning tools, "
     "substations or heat-pump concepts that keep older buildings comfortable at lower flow temperatures.",
     {"da": "Lavtemperatur-fjernvarme i et eksisterende kvarter",
      "nb": "Lavtemperatur fjernvarme i et eksisterende strøk",
      "sv": "Lågtempererad fjärrvärme i ett befintligt bostadsområde",
      "nl": "Lagetemperatuur-warmtenet in een bestaande wijk", "de": "Niedertemperatur-Fernwärme im Bestandsquartier"}),
    ("fleet-charging", ["smart-grids", "energy-storage"], ["operation-maintenance"], "31158100-9",
     "Smart charging for the municipal vehicle fleet",
     "Our electric vans and buses charge at the same depot in the evening peak. We look for smart charging and "
     "storage that avoids a costly grid upgrade.",
     {"da": "Intelligent opladning af kommunens køretøjer", "nb": "Smart lading for kommunens kjøretøypark",
      "sv": "Smart laddning för kommunens fordonsflotta", "nl": "Slim laden voor het gemeentelijke wagenpark",
      "de": "Intelligentes Laden für den städtischen Fuhrpark"}),
    ("hydrogen-buses", ["hydrogen-ptx"], ["research-design", "operation-maintenance"], "34121000-1",
     "Green hydrogen supply for regional buses",
     "The region will run hydrogen buses on rural routes. We seek a local electrolysis and refuelling concept "
     "using surplus wind power, with a pilot at one depot.",
     {"da": "Grøn brint til regionale busser", "nb": "Grønn hydrogen til regionale busser",
      "sv": "Grön vätgas till regionala bussar", "nl": "Groene waterstof voor regionale bussen",
      "de": "Grüner Wasserstoff für Regionalbusse"}),
    ("solar-roofs", ["solar"], ["installation-construction"], "09331200-0",
     "Solar power on listed and historic public buildings",
     "Many of our public buildings are listed. We look for solar solutions that the heritage authority can "
     "accept, for example integrated panels or tiles, with a pilot on one building.",
     {"da": "Solceller på fredede offentlige bygninger", "nb": "Solceller på verneverdige offentlige bygg",
      "sv": "Solceller på kulturhistoriska offentliga byggnader",
      "nl": "Zonnepanelen op monumentale overheidsgebouwen", "de": "Photovoltaik auf denkmalgeschützten Gebäuden"}),
    ("wind-recycling", ["offshore-wind", "onshore-wind"], ["decommissioning-recycling"], "90500000-2",
     "Recycling decommissioned wind-turbine blades",
     "Blades from decommissioned turbines end up in landfill. We want solutions that reuse or recycle blade "
     "material locally, ideally in public construction projects.",
     {"da": "Genanvendelse af udtjente vindmøllevinger", "nb": "Gjenvinning av utrangerte vindturbinblader",
      "sv": "Återvinning av uttjänta vindkraftsblad", "nl": "Recycling van afgedankte windturbinebladen",
      "de": "Recycling ausgedienter Rotorblätter"}),
    ("ocean-sensors", ["ocean-energy", "offshore-wind"], ["operation-maintenance"], "38000000-5",
     "Monitoring marine life around offshore energy sites",
     "We need low-cost, autonomous monitoring of fish and marine mammals around wave, tidal and offshore wind "
     "sites, with open data the municipality can publish.",
     {"da": "Overvågning af havmiljøet ved havenergianlæg", "nb": "Overvåking av livet i havet rundt havenergianlegg",
      "sv": "Övervakning av marint liv kring havsenergianläggningar",
      "nl": "Monitoring van zeeleven rond offshore-energielocaties",
      "de": "Monitoring des Meereslebens an Offshore-Energiestandorten"}),
    ("biogas-waste", ["bioenergy"], ["development-planning", "operation-maintenance"], "90513000-6",
     "Biogas from municipal food waste",
     "Separately collected food waste is transported far for treatment. We look for compact biogas solutions "
     "that can run at our recycling centre and fuel municipal vehicles.",
     {"da": "Biogas fra kommunalt madaffald", "nb": "Biogass fra kommunalt matavfall",
      "sv": "Biogas från kommunalt matavfall", "nl": "Biogas uit gemeentelijk voedselafval",
      "de": "Biogas aus kommunalen Speiseabfällen"}),
    ("energy-community", ["smart-grids", "solar"], ["cross-cutting-services"], "72000000-5",
     "Digital platform for local energy communities",
     "Citizens want to share solar power within their neighbourhood. We seek a platform and business model for "
     "energy communities that works with the local grid operator and respects data protection.",
     {"da": "Digital platform for lokale energifællesskaber", "nb": "Digital plattform for lokale energisamfunn",
      "sv": "Digital plattform för lokala energigemenskaper", "nl": "Digitaal platform voor lokale energiecoöperaties",
      "de": "Digitale Plattform für lokale Energiegemeinschaften"}),
    ("heat-storage", ["energy-storage", "heating-cooling"], ["research-design"], "44611000-6",
     "Seasonal heat storage for surplus summer heat",
     "Industry and data centres waste heat in summer. We want seasonal storage that keeps this heat for the "
     "district-heating network in winter.",
     {"da": "Sæsonlager til overskudsvarme om sommeren", "nb": "Sesonglagring av overskuddsvarme om sommeren",
      "sv": "Säsongslager för överskottsvärme på sommaren", "nl": "Seizoensopslag van zomerse restwarmte",
      "de": "Saisonaler Wärmespeicher für sommerliche Abwärme"}),
]

ROUTES = [RouteKind.NONE, RouteKind.LIVING_LAB, RouteKind.PCP, RouteKind.PROCUREMENT]
PROCEDURES = ["innovation", "comp-dial", "open", "neg-w-call"]
SUMMARY_TEMPLATES = {
    "da": "{owner} søger innovative løsninger. Læs den engelske sammenfatning for detaljer.",
    "nb": "{owner} søker innovative løsninger. Les det engelske sammendraget for detaljer.",
    "sv": "{owner} söker innovativa lösningar. Läs den engelska sammanfattningen för detaljer.",
    "nl": "{owner} zoekt innovatieve oplossingen. Lees de Engelse samenvatting voor details.",
    "de": "{owner} sucht innovative Lösungen. Details in der englischen Zusammenfassung.",
}
# (status, days from today to the deadline)
LIFE = [(ChallengeStatus.PUBLISHED, 45), (ChallengeStatus.PUBLISHED, 20), (ChallengeStatus.CLOSED, -5),
        (ChallengeStatus.UNDER_EVALUATION, -20), (ChallengeStatus.DECIDED, -60), (ChallengeStatus.PUBLISHED, 75),
        (ChallengeStatus.DRAFT, 90), (ChallengeStatus.PUBLISHED, 10), (ChallengeStatus.ARCHIVED, -200),
        (ChallengeStatus.PUBLISHED, 30), (ChallengeStatus.CANCELLED, 15)]
PATH = {
    ChallengeStatus.DRAFT: [],
    ChallengeStatus.PUBLISHED: [ChallengeStatus.PUBLISHED],
    ChallengeStatus.CLOSED: [ChallengeStatus.PUBLISHED, ChallengeStatus.CLOSED],
    ChallengeStatus.UNDER_EVALUATION: [ChallengeStatus.PUBLISHED, ChallengeStatus.CLOSED,
                                       ChallengeStatus.UNDER_EVALUATION],
    ChallengeStatus.DECIDED: [ChallengeStatus.PUBLISHED, ChallengeStatus.CLOSED, ChallengeStatus.UNDER_EVALUATION,
                              ChallengeStatus.DECIDED],
    ChallengeStatus.ARCHIVED: [ChallengeStatus.PUBLISHED, ChallengeStatus.CLOSED, ChallengeStatus.UNDER_EVALUATION,
                               ChallengeStatus.DECIDED, ChallengeStatus.ARCHIVED],
    ChallengeStatus.CANCELLED: [ChallengeStatus.PUBLISHED, ChallengeStatus.CANCELLED],
}
CRITERIA = [("Innovation and fit to the problem", 40), ("Feasibility of the pilot", 30), ("Cost and scalability", 30)]


@transaction.atomic
def load(*, seed: int = 2024) -> dict[str, int]:
    rng = random.Random(seed)
    owners = {o.slug: o for o in Organisation.objects.filter(slug__in=[p[0] for p in PARTNERS])
              .select_related("nuts_region")}
    if not owners:
        raise RuntimeError("Load the directory demo first (its partners own the challenges).")
    chains = {c.slug: c for c in ValueChain.objects.all()}
    steps = {s.slug: s for s in ValueChainStep.objects.all()}
    cpv = {c.code: c for c in CpvCode.objects.filter(code__in=[t[3] for t in THEMES])}
    candidates = Organisation.objects.filter(kind="sme", country__in=list(LANGUAGE_OF_COUNTRY) + ["BE"])
    if candidates.filter(source="demo").exists():
        candidates = candidates.filter(source="demo")
    smes = list(candidates.order_by("pk").values_list("pk", "country")[:2000])
    now = timezone.now().replace(second=0, microsecond=0)
    counts = {"challenges": 0, "applications": 0}
    index = 0
    for slug in [p[0] for p in PARTNERS]:
        owner = owners.get(slug)
        if owner is None:
            continue
        for _ in range(2):
            theme = THEMES[index % len(THEMES)]
            key, chain_slugs, step_slugs, cpv_code, title_en, summary_en, titles = theme
            status, days = LIFE[index % len(LIFE)]
            language = LANGUAGE_OF_COUNTRY.get(owner.country, "en")
            route = ROUTES[index % len(ROUTES)]
            currency = CURRENCY_OF_COUNTRY.get(owner.country, "EUR")
            budget = rng.choice([50_000, 100_000, 250_000, 500_000, 1_000_000]) * (10 if currency in ("DKK", "NOK",
                                                                                                     "SEK") else 1)
            deadline = (now + timedelta(days=days)).replace(hour=12, minute=0)
            challenge, _created = Challenge.objects.update_or_create(
                slug=f"{owner.slug}-{key}",
                defaults={
                    "owner": owner, "country": owner.country, "status": status, "language": language,
                    "title": titles.get(language, title_en) if language != "en" else title_en,
                    "summary": SUMMARY_TEMPLATES[language].format(owner=owner.name) if language != "en" else summary_en,
                    "title_en": title_en, "summary_en": summary_en,
                    "problem": summary_en, "desired_outcome": "A pilot within twelve months and a plan to scale it.",
                    "nuts_region": owner.nuts_region, "trl_min": rng.choice([5, 6, 7]), "trl_max": 9,
                    "budget_min": budget // 5, "budget_max": budget, "currency": currency,
                    "route": route, "procedure_type": PROCEDURES[index % len(PROCEDURES)]
                    if route == RouteKind.PROCUREMENT else "",
                    "eligible_countries": [] if index % 4 else ["DK", "NO", "SE", "NL", "DE", "GB", "BE"],
                    "smes_only": index % 3 == 0, "consortia_allowed": index % 5 != 0, "max_consortium_size": 3,
                    "blind_evaluation": index % 6 == 0, "time_zone": ZONE_OF_COUNTRY.get(owner.country, "UTC"),
                    "contact_name": f"Innovation office, {owner.short_name or owner.name}",
                    "contact_email": f"innovation@{owner.slug}.example.org",
                    "published_at": None if status == ChallengeStatus.DRAFT else deadline - timedelta(days=60),
                    "clarification_deadline": deadline - timedelta(days=7),
                    "application_deadline": deadline, "decision_date": (deadline + timedelta(days=30)).date(),
                    "is_demo": True,
                },
            )
            challenge.budget_max_eur = None
            challenge.clean()
            challenge.save(update_fields=["budget_max_eur", "country"])
            challenge.value_chains.set([chains[s] for s in chain_slugs if s in chains])
            challenge.value_chain_steps.set([steps[s] for s in step_slugs if s in steps])
            challenge.cpv_codes.set([cpv[cpv_code]] if cpv_code in cpv else [])
            if not challenge.criteria.exists():
                EvaluationCriterion.objects.bulk_create([
                    EvaluationCriterion(challenge=challenge, name=name, weight=weight, order=order)
                    for order, (name, weight) in enumerate(CRITERIA)])
            if not challenge.transitions.exists():
                previous = ChallengeStatus.DRAFT
                for step, target in enumerate(PATH[status]):
                    ChallengeTransition.objects.create(challenge=challenge, from_status=previous, to_status=target,
                                                       at=challenge.published_at + timedelta(days=step * 30))
                    previous = target
            counts["applications"] += _applications(challenge, status, smes, rng)
            challenge_index(challenge)
            counts["challenges"] += 1
            index += 1
    return counts


def _applications(challenge: Challenge, status: str, smes: list[tuple[int, str]], rng: random.Random) -> int:
    """Applications from SMEs of other countries for challenges that have been open a while."""
    if status in (ChallengeStatus.DRAFT, ChallengeStatus.CANCELLED) or not smes:
        return 0
    foreign = [pk for pk, country in smes if country != challenge.country]
    chosen = rng.sample(foreign, min(len(foreign), rng.randint(1, 4)))
    decided = status in (ChallengeStatus.DECIDED, ChallengeStatus.ARCHIVED)
    for position, pk in enumerate(chosen):
        if decided:
            app_status = ApplicationStatus.SELECTED if position == 0 else ApplicationStatus.REJECTED
        elif status == ChallengeStatus.PUBLISHED and position == len(chosen) - 1:
            app_status = ApplicationStatus.DRAFT
        else:
            app_status = ApplicationStatus.SUBMITTED
        Application.objects.update_or_create(
            challenge=challenge, applicant_id=pk,
            defaults={
                "status": app_status, "title": f"Pilot proposal for “{challenge.title_en}”",
                "solution_summary": "A tested solution adapted to the site, with a twelve-month pilot plan.",
                "trl": rng.choice([6, 7, 8]), "budget": challenge.budget_max, "currency": challenge.currency,
                "submitted_at": None if app_status == ApplicationStatus.DRAFT
                else challenge.application_deadline - timedelta(days=2),
                "feedback": "Clear pilot plan and strong references." if app_status == ApplicationStatus.SELECTED
                else ("Good idea, but the pilot plan was less mature than the selected one." if decided else ""),
            },
        )
    return len(chosen)
