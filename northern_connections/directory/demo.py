"""The demo world of the directory: the Northern Connections partnership, clusters and SMEs.

Deterministic (seeded) and idempotent: running `load_demo_data` again updates the same rows.
Partner names are real public names of cities, regions and clusters (facts); no real person is
invented; the SMEs are real company names from the CORDIS H2020 directory whose renewable-energy
profiles are synthetic, and every demo record is marked `source="demo"`.
"""

from __future__ import annotations

import csv
import logging
import random
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from northern_connections.accounts.choices import MembershipRole
from northern_connections.accounts.models import Membership, User
from northern_connections.core import search
from northern_connections.core.db import analyze

from . import reference_files
from .choices import OrganisationKind, OrganisationSource
from .cities import normalise_city, region_for_city
from .countries import iso_country
from .imports import clean_text
from .models import (
    ClusterMembership,
    NaceCode,
    NutsRegion,
    Organisation,
    Partner,
    Partnership,
    ValueChain,
    ValueChainStep,
)
from .services import organisations_mark_verified
from .synthetic import generate_organisations

logger = logging.getLogger(__name__)

DEMO_PASSWORD = "northern-demo"

# (slug, name, short name, kind, country, city, NUTS code, value chains, role)
PARTNERS = [
    (
        "region-midtjylland",
        "Region Midtjylland",
        "RM",
        "regional_authority",
        "DK",
        "Viborg",
        "DK041",
        ["onshore-wind", "heating-cooling"],
        "lead",
    ),
    (
        "esbjerg-kommune",
        "Esbjerg Kommune",
        "Esbjerg",
        "municipality",
        "DK",
        "Esbjerg",
        "DK032",
        ["offshore-wind", "hydrogen-ptx"],
        "partner",
    ),
    (
        "aalborg-kommune",
        "Aalborg Kommune",
        "Aalborg",
        "municipality",
        "DK",
        "Aalborg",
        "DK050",
        ["heating-cooling", "energy-storage"],
        "partner",
    ),
    (
        "energy-cluster-denmark",
        "Energy Cluster Denmark",
        "ECD",
        "cluster",
        "DK",
        "Odense",
        "DK031",
        ["offshore-wind", "smart-grids", "hydrogen-ptx"],
        "partner",
    ),
    (
        "stavanger-kommune",
        "Stavanger kommune",
        "Stavanger",
        "municipality",
        "NO",
        "Stavanger",
        "NO0A1",
        ["offshore-wind", "hydrogen-ptx"],
        "partner",
    ),
    (
        "rogaland-fylkeskommune",
        "Rogaland fylkeskommune",
        "Rogaland",
        "regional_authority",
        "NO",
        "Stavanger",
        "NO0A1",
        ["offshore-wind"],
        "partner",
    ),
    (
        "bergen-kommune",
        "Bergen kommune",
        "Bergen",
        "municipality",
        "NO",
        "Bergen",
        "NO0A2",
        ["ocean-energy", "smart-grids"],
        "partner",
    ),
    (
        "gce-ocean-technology",
        "GCE Ocean Technology",
        "GCE OT",
        "cluster",
        "NO",
        "Bergen",
        "NO0A2",
        ["ocean-energy", "offshore-wind"],
        "partner",
    ),
    (
        "goteborgs-stad",
        "Göteborgs Stad",
        "Göteborg",
        "municipality",
        "SE",
        "Göteborg",
        "SE23",
        ["heating-cooling", "smart-grids"],
        "partner",
    ),
    (
        "region-vastra-gotaland",
        "Västra Götalandsregionen",
        "VGR",
        "regional_authority",
        "SE",
        "Vänersborg",
        "SE23",
        ["bioenergy", "hydrogen-ptx"],
        "partner",
    ),
    (
        "johanneberg-science-park",
        "Johanneberg Science Park",
        "JSP",
        "cluster",
        "SE",
        "Göteborg",
        "SE23",
        ["smart-grids", "energy-storage"],
        "partner",
    ),
    (
        "gemeente-groningen",
        "Gemeente Groningen",
        "Groningen",
        "municipality",
        "NL",
        "Groningen",
        "NL11",
        ["heating-cooling", "hydrogen-ptx"],
        "partner",
    ),
    (
        "provincie-groningen",
        "Provincie Groningen",
        "Prov. Groningen",
        "regional_authority",
        "NL",
        "Groningen",
        "NL11",
        ["hydrogen-ptx"],
        "partner",
    ),
    (
        "new-energy-coalition",
        "New Energy Coalition",
        "NEC",
        "cluster",
        "NL",
        "Groningen",
        "NL11",
        ["hydrogen-ptx", "smart-grids"],
        "partner",
    ),
    (
        "gemeente-den-helder",
        "Gemeente Den Helder",
        "Den Helder",
        "municipality",
        "NL",
        "Den Helder",
        "NL32",
        ["offshore-wind"],
        "partner",
    ),
    (
        "freie-hansestadt-bremen",
        "Freie Hansestadt Bremen",
        "Bremen",
        "regional_authority",
        "DE",
        "Bremen",
        "DE50",
        ["offshore-wind", "hydrogen-ptx"],
        "partner",
    ),
    (
        "stadt-oldenburg",
        "Stadt Oldenburg",
        "Oldenburg",
        "municipality",
        "DE",
        "Oldenburg",
        "DE94",
        ["smart-grids", "solar"],
        "partner",
    ),
    (
        "eehh-clusteragentur",
        "Erneuerbare Energien Hamburg Clusteragentur",
        "EEHH",
        "cluster",
        "DE",
        "Hamburg",
        "DE60",
        ["onshore-wind", "offshore-wind", "hydrogen-ptx"],
        "partner",
    ),
    ("wab-ev", "WAB e.V.", "WAB", "cluster", "DE", "Bremerhaven", "DE50", ["offshore-wind"], "associated"),
    (
        "aberdeen-city-council",
        "Aberdeen City Council",
        "Aberdeen",
        "municipality",
        "GB",
        "Aberdeen",
        "TLM5",
        ["offshore-wind", "hydrogen-ptx"],
        "partner",
    ),
    (
        "orkney-islands-council",
        "Orkney Islands Council",
        "Orkney",
        "municipality",
        "GB",
        "Kirkwall",
        "TLM6",
        ["ocean-energy", "hydrogen-ptx"],
        "partner",
    ),
    (
        "dundee-city-council",
        "Dundee City Council",
        "Dundee",
        "municipality",
        "GB",
        "Dundee",
        "TLM7",
        ["heating-cooling", "energy-storage"],
        "partner",
    ),
]
SME_COUNTRIES = ("DK", "NO", "SE", "NL", "DE", "UK", "BE")
SME_COUNT = 360

# Demo logins (role-named, no real people): e-mail → (name, organisation slug, role).
DEMO_USERS = {
    "officer.goteborg@example.org": ("Demo officer, Göteborg", "goteborgs-stad", MembershipRole.ADMIN),
    "officer.aberdeen@example.org": ("Demo officer, Aberdeen", "aberdeen-city-council", MembershipRole.ADMIN),
    "cluster.ecd@example.org": (
        "Demo cluster manager, Energy Cluster Denmark",
        "energy-cluster-denmark",
        MembershipRole.ADMIN,
    ),
    "coordinator@example.org": ("Demo project coordinator", "region-midtjylland", MembershipRole.ADMIN),
}


def _synthetic_smes(count: int, seed: int) -> list[dict]:
    """Rows shaped like the H2020 file's, from the synthetic generator: the demo offline (issue 10, item 5)."""
    rows = []
    for number, profile in enumerate(generate_organisations(count, seed=seed + 2)):
        rows.append({"orgId": f"synthetic{number:05d}", "name": profile["name"], "shortName": profile["short_name"],
                     "country": profile["country"], "city": profile["city"], "numProjects": str(profile["activity"])})
    return rows


def _h2020_smes(path: Path, count: int, rng: random.Random) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["activityType"] == "PRC" and r["country"] in SME_COUNTRIES]
    rows.sort(key=lambda r: r["orgId"])
    return rng.sample(rows, min(count, len(rows)))


@transaction.atomic
def load(*, seed: int = 2024, scale: int = 0, report: Callable[[str], None] = logger.warning) -> dict[str, int]:
    """Build or update the demo world; `report` gets one line per reference file that is missing."""
    if not settings.DEMO_DATA_ALLOWED:  # the command checks too; this keeps the demo administrator out of prod
        raise RuntimeError("demo data is not allowed under these settings (DEMO_DATA_ALLOWED is off)")
    rng = random.Random(seed)
    chains = {c.slug: c for c in ValueChain.objects.all()}
    steps = {s.slug: s for s in ValueChainStep.objects.all()}
    if not chains:
        raise RuntimeError("Load the reference data first: manage.py load_reference_data")
    regions = dict(NutsRegion.objects.values_list("code", "pk"))
    nace = dict(NaceCode.objects.values_list("code", "pk"))
    nuts3_by_name = {
        (country, normalise_city(name)): code
        for code, name, country in NutsRegion.objects.filter(level=3).values_list("code", "name", "country")
    }

    partnership, _ = Partnership.objects.update_or_create(
        slug="northern-connections",
        defaults={
            "name": "Northern Connections",
            "acronym": "NC",
            "programme": "Interreg North Sea Region",
            "description": "Cities, regions and clusters from six North Sea countries connecting public-sector "
            "innovation demand, cluster support and SME supply across borders (demo data).",
        },
    )
    partners = {}
    for slug, name, short, kind, country, city, code, chain_slugs, role in PARTNERS:
        organisation, _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "country": country,
                "city": city,
                "nuts_region_id": regions.get(code),
                "source": OrganisationSource.DEMO,
                "languages": ["en"],
                "description_language": "en",
                "description": f"{name} is a partner of the Northern Connections demo partnership.",
            },
        )
        organisation.value_chains.set([chains[c] for c in chain_slugs])
        Partner.objects.update_or_create(partnership=partnership, organisation=organisation, defaults={"role": role})
        partners[slug] = organisation
    # The partnership's 22 partners (its clusters among them) are known public bodies: verified (issue 9 §1).
    organisations_mark_verified(organisations=partners.values())

    smes = _load_smes(seed, rng, report, chains=chains, steps=steps, regions=regions, nace=nace,
                      nuts3_by_name=nuts3_by_name)

    clusters = [o for o in partners.values() if o.kind == OrganisationKind.CLUSTER]
    for cluster in clusters:
        same_country = [s for s in smes if s.country == cluster.country]
        members = same_country + rng.sample(smes, 10)
        for member in members:
            ClusterMembership.objects.get_or_create(cluster=cluster, member=member)

    synthetic = _load_synthetic(scale, seed, chains, steps, regions, nace, nuts3_by_name) if scale else []

    _demo_users(partners, smes)

    everything = list(partners.values()) + smes + synthetic
    search.bulk_index((o, o.search_text(), o.description_language or None) for o in everything)
    analyze(Organisation, Organisation.value_chains.through, Organisation.value_chain_steps.through)
    return {"partners": len(partners), "smes": len(smes), "synthetic": len(synthetic), "users": len(DEMO_USERS) + 2}


def _load_smes(seed, rng, report, *, chains, steps, regions, nace, nuts3_by_name) -> list[Organisation]:
    """The demo SMEs: real names from the H2020 file when it can be found, synthetic ones otherwise."""
    profiles = generate_organisations(SME_COUNT, seed=seed)
    smes = []
    source = reference_files.locate(reference_files.H2020_ORGANISATIONS, report=report)
    rows = _h2020_smes(source, SME_COUNT, rng) if source else _synthetic_smes(SME_COUNT, seed)
    for row, profile in zip(rows, profiles, strict=False):
        country = iso_country(row["country"])
        city = clean_text(row["city"]).title()
        organisation, _ = Organisation.objects.update_or_create(
            external_id=f"demo-{row['orgId']}",
            defaults={
                "name": clean_text(row["name"])[:300],
                "short_name": clean_text(row["shortName"])[:100],
                "slug": slugify(f"{row['shortName'] or row['name']}")[:100] + f"-{row['orgId'][-4:]}",
                "kind": OrganisationKind.SME,
                "country": country,
                "city": city,
                "nuts_region_id": regions.get(region_for_city(country, city, nuts3_by_name) or ""),
                "description": profile["description"],
                "description_language": profile["description_language"],
                "trl": profile["trl"],
                "languages": profile["languages"],
                "staff_headcount": rng.randint(3, 240),
                "turnover_eur": rng.randint(200, 40_000) * 1000,
                "past_projects": int(row["numProjects"] or 0),
                "source": OrganisationSource.DEMO,
            },
        )
        organisation.full_clean(exclude=["slug", "external_id"])
        Organisation.objects.filter(pk=organisation.pk).update(size_class=organisation.size_class)
        organisation.value_chains.set([chains[c] for c in profile["value_chains"]])
        organisation.value_chain_steps.set([steps[s] for s in profile["value_chain_steps"]])
        organisation.nace_codes.set([nace[c] for c in profile["nace_codes"] if c in nace])
        smes.append(organisation)
    return smes


def _demo_users(partners: dict[str, Organisation], smes: list[Organisation]) -> None:
    """The role-named demo logins, the demo SME manager and the demo platform administrator."""
    for email, (name, slug, role) in DEMO_USERS.items():
        user = User.objects.filter(email=email).first() or User.objects.create_user(email=email, password=DEMO_PASSWORD)
        user.full_name, user.is_demo = name, True
        user.save(update_fields=["full_name", "is_demo"])
        _verified(user)
        Membership.objects.update_or_create(user=user, organisation=partners[slug], defaults={"role": role})
    sme_user = User.objects.filter(email="sme@example.org").first() or User.objects.create_user(
        email="sme@example.org", password=DEMO_PASSWORD
    )
    sme_user.full_name, sme_user.is_demo = "Demo SME manager", True
    sme_user.save(update_fields=["full_name", "is_demo"])
    _verified(sme_user)
    danish_sme = next(s for s in smes if s.country == "DK")
    Membership.objects.update_or_create(user=sme_user, organisation=danish_sme, defaults={"role": MembershipRole.ADMIN})
    admin = User.objects.filter(email="admin@example.org").first() or User.objects.create_superuser(
        email="admin@example.org", password=DEMO_PASSWORD
    )
    admin.full_name, admin.is_demo = "Demo platform administrator", True
    admin.save(update_fields=["full_name", "is_demo"])
    _verified(admin)


def _verified(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})


def _load_synthetic(scale, seed, chains, steps, regions, nace, nuts3_by_name) -> list[Organisation]:
    """`--scale N`: N synthetic organisations for benchmarks, bulk-inserted (slug prefix `synthetic-`)."""
    profiles = generate_organisations(scale, seed=seed + 1)
    existing = set(Organisation.objects.filter(slug__startswith="synthetic-").values_list("slug", flat=True))
    new = []
    for number, profile in enumerate(profiles):
        slug = f"synthetic-{seed}-{number}"
        if slug in existing:
            continue
        code = region_for_city(profile["country"], profile["city"], nuts3_by_name)
        new.append(
            Organisation(
                slug=slug,
                name=profile["name"][:300],
                short_name=profile["short_name"][:100],
                kind=profile["kind"],
                country=profile["country"],
                city=profile["city"],
                nuts_region_id=regions.get(code or ""),
                description=profile["description"],
                description_language=profile["description_language"],
                trl=profile["trl"],
                languages=profile["languages"],
                past_projects=profile["activity"],
                source=OrganisationSource.DEMO,
            )
        )
    Organisation.objects.bulk_create(new, batch_size=2000)
    created = {o.slug: o for o in Organisation.objects.filter(slug__in=[o.slug for o in new])}
    chain_links, step_links = [], []
    through_chain, through_step = Organisation.value_chains.through, Organisation.value_chain_steps.through
    for number, profile in enumerate(profiles):
        organisation = created.get(f"synthetic-{seed}-{number}")
        if organisation is None:
            continue
        chain_links += [
            through_chain(organisation_id=organisation.pk, valuechain_id=chains[c].pk) for c in profile["value_chains"]
        ]
        step_links += [
            through_step(organisation_id=organisation.pk, valuechainstep_id=steps[s].pk)
            for s in profile["value_chain_steps"]
        ]
    through_chain.objects.bulk_create(chain_links, batch_size=5000)
    through_step.objects.bulk_create(step_links, batch_size=5000)
    return list(created.values())
