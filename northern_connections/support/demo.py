"""Demo support measures: about 260 measures of the partner regions, national agencies and Interreg.

Deterministic (seeded) and idempotent (update_or_create on the slug). Each partner region offers the
usual regional instruments for its own value chains: vouchers and grants for research and design,
test beds for demonstration, coaching towards the market, procurement and networks. The gaps are the
ones the partnership's analysis keeps finding: regional support thins out between demonstration and
market (TRL 7-8), most of all in operation and maintenance and in decommissioning, and regional
instruments are mostly closed to SMEs from elsewhere. National agencies fill some of it for their own
country; a few test beds and Interreg calls are open across borders, which the complements show.

The journeys rely on two facts: Syddanmark (DK03, Esbjerg) has no offshore-wind O&M support at
TRL 7-8 (a bottleneck between its demonstration grant and its market finance), and the Vestland
(NO0A) and North-East Scotland (TLM5) offshore O&M test beds are open to foreign SMEs.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction

from northern_connections.core.search import bulk_index
from northern_connections.directory.choices import OrganisationKind, OrganisationSource
from northern_connections.directory.demo import PARTNERS
from northern_connections.directory.models import NutsRegion, Organisation, ValueChain, ValueChainStep
from northern_connections.directory.services import organisations_mark_verified

from .choices import Eligibility, FundingSource, GeographicScope, MeasureKind, MeasureStatus
from .models import SupportMeasure

STEPS = ["development-planning", "research-design", "manufacturing-components", "installation-construction",
         "operation-maintenance", "decommissioning-recycling", "cross-cutting-services"]
EARLY_STEPS = ["research-design", "manufacturing-components"]

# (slug suffix, name pattern, kind, TRL from, TRL to, steps, eligibility, funding, target groups)
REGIONAL_TEMPLATES = [
    ("voucher", "{region} innovation voucher for {chain}", MeasureKind.VOUCHER, 4, 6, EARLY_STEPS,
     Eligibility.LOCAL, FundingSource.REGIONAL, ["sme", "startup"]),
    ("demo-grant", "{region} demonstration grant: {chain}", MeasureKind.GRANT, 5, 6,
     ["research-design", "manufacturing-components", "installation-construction"], Eligibility.LOCAL,
     FundingSource.ERDF, ["sme"]),
    ("test-bed", "{region} {chain} test and demonstration site", MeasureKind.TEST_FACILITY, 5, 7,
     ["manufacturing-components", "installation-construction"], Eligibility.NATIONAL, FundingSource.REGIONAL,
     []),
    ("coaching", "{region} market readiness coaching ({chain})", MeasureKind.ADVISORY, 8, 9,
     ["development-planning", "cross-cutting-services"], Eligibility.LOCAL, FundingSource.REGIONAL, ["sme"]),
    ("scale-up", "{region} scale-up loan for {chain} suppliers", MeasureKind.FINANCE, 9, None,
     ["manufacturing-components", "operation-maintenance"], Eligibility.LOCAL, FundingSource.REGIONAL, ["sme"]),
    ("network", "{region} {chain} supplier network", MeasureKind.NETWORK, None, None, ["cross-cutting-services"],
     Eligibility.ANY, FundingSource.REGIONAL, []),
    ("procurement", "{region} innovation procurement pilots ({chain})", MeasureKind.PROCUREMENT, 7, 8,
     ["development-planning", "installation-construction"], Eligibility.ANY, FundingSource.REGIONAL, []),
    ("skills", "{region} {chain} skills programme", MeasureKind.TRAINING, 6, 9,
     ["installation-construction", "operation-maintenance"], Eligibility.LOCAL, FundingSource.ERDF, ["sme"]),
    ("om-grant", "{region} O&M innovation grant ({chain})", MeasureKind.GRANT, 5, 6, ["operation-maintenance"],
     Eligibility.LOCAL, FundingSource.ERDF, ["sme"]),
]

# Agencies that fund innovation nationally (kind "other", verified) and their country's level-0 code.
AGENCIES = [
    ("innovationsfonden", "Innovationsfonden", "DK", "DK", "Copenhagen"),
    ("innovasjon-norge", "Innovasjon Norge", "NO", "NO", "Oslo"),
    ("vinnova", "Vinnova", "SE", "SE", "Stockholm"),
    ("rvo", "Rijksdienst voor Ondernemend Nederland", "NL", "NL", "Den Haag"),
    ("ptj", "Projektträger Jülich", "DE", "DE", "Jülich"),
    ("scottish-enterprise", "Scottish Enterprise", "GB", "TL", "Glasgow"),
    ("interreg-north-sea", "Interreg North Sea Programme", "DK", "", "Viborg"),
]

# (slug, name, kind, TRL from, TRL to, steps, chains, eligibility, funding)
NATIONAL_TEMPLATES = [
    ("grand-solutions", "{agency} large-scale demonstration", MeasureKind.GRANT, 6, 7, EARLY_STEPS + [
        "installation-construction"], [], Eligibility.NATIONAL, FundingSource.NATIONAL),
    ("innobooster", "{agency} SME innovation booster", MeasureKind.GRANT, 4, 7, EARLY_STEPS, [], Eligibility.NATIONAL,
     FundingSource.NATIONAL),
    ("export", "{agency} export and market entry", MeasureKind.ADVISORY, 8, 9, ["cross-cutting-services"], [],
     Eligibility.NATIONAL, FundingSource.NATIONAL),
    ("green-loan", "{agency} green growth loan", MeasureKind.FINANCE, 8, None, ["manufacturing-components",
                                                                                   "installation-construction"], [],
     Eligibility.NATIONAL, FundingSource.NATIONAL),
    ("tax", "{agency} R&D tax credit", MeasureKind.TAX, 3, 8, ["research-design"], [], Eligibility.NATIONAL,
     FundingSource.NATIONAL),
]

# Hand-written measures the journeys and the analysis depend on: (slug, provider, area, name, kind, TRL from,
# TRL to, steps, chains, eligibility, summary).
ANCHORS = [
    ("vestland-offshore-om-test-bed", "gce-ocean-technology", "NO0A", "Vestland offshore O&M test bed",
     MeasureKind.TEST_FACILITY, 6, 8, ["operation-maintenance"], ["offshore-wind", "ocean-energy"], Eligibility.ANY,
     "Test inspection robots, drones and condition monitoring on operating offshore turbines off Bergen; open to "
     "SMEs from every partner country."),
    ("aberdeen-om-accelerator", "aberdeen-city-council", "TLM5", "Aberdeen offshore O&M accelerator",
     MeasureKind.ADVISORY, 7, 8, ["operation-maintenance", "decommissioning-recycling"], ["offshore-wind"],
     Eligibility.ANY, "Six months of coaching, operator introductions and a paid pilot on an operating wind farm."),
    ("groningen-hydrogen-valley-pilots", "new-energy-coalition", "NL11", "Hydrogen Valley pilot programme",
     MeasureKind.GRANT, 7, 8, ["installation-construction", "operation-maintenance"], ["hydrogen-ptx"],
     Eligibility.ANY, "Co-funds pilots of electrolysis, storage and hydrogen use in the Northern Netherlands."),
    ("bremen-blade-recycling-lab", "freie-hansestadt-bremen", "DE50", "Bremen blade recycling lab",
     MeasureKind.TEST_FACILITY, 5, 7, ["decommissioning-recycling"], ["offshore-wind", "onshore-wind"],
     Eligibility.ANY, "Material testing and pilot lines for recycling rotor blades."),
    ("esbjerg-demonstration-grant", "esbjerg-kommune", "DK03", "Esbjerg offshore demonstration grant",
     MeasureKind.GRANT, 5, 6, ["operation-maintenance", "installation-construction"], ["offshore-wind"],
     Eligibility.LOCAL, "Grants for SMEs from Syddanmark demonstrating offshore service technology."),
    ("syddanmark-market-finance", "esbjerg-kommune", "DK03", "Syddanmark offshore market finance",
     MeasureKind.FINANCE, 9, None, ["operation-maintenance"], ["offshore-wind"], Eligibility.LOCAL,
     "Loans for local suppliers that have a first commercial O&M contract."),
]

LIFE = [MeasureStatus.PUBLISHED] * 8 + [MeasureStatus.CLOSED, MeasureStatus.DRAFT]


def _region_of(code: str) -> str:
    return code[:4] if len(code) > 4 else code


def _agencies() -> dict[str, Organisation]:
    agencies = {}
    for slug, name, country, _area, city in AGENCIES:
        kind = OrganisationKind.EU_OFFICE if slug == "interreg-north-sea" else OrganisationKind.OTHER
        agencies[slug], _ = Organisation.objects.update_or_create(slug=slug, defaults={
            "name": name, "kind": kind, "country": country, "city": city, "source": OrganisationSource.DEMO,
            "description": f"{name} funds innovation (demo data).", "description_language": "en"})
    organisations_mark_verified(organisations=agencies.values())
    return agencies


def _save(slug: str, *, provider, areas, chains, steps, vocab, **fields) -> SupportMeasure | None:
    regions = [vocab["regions"][code] for code in areas if code in vocab["regions"]]
    if not regions:
        return None
    measure, _ = SupportMeasure.objects.update_or_create(slug=slug, defaults={
        "provider": provider, "is_demo": True, "description_language": "en", **fields})
    measure.areas.set(regions)
    measure.value_chains.set([vocab["chains"][c] for c in chains if c in vocab["chains"]])
    measure.value_chain_steps.set([vocab["steps"][s] for s in steps if s in vocab["steps"]])
    return measure


def _regional(rng, partners, vocab, today) -> list[SupportMeasure]:
    made = []
    for slug, _name, _short, _kind, _country, _city, nuts, chains, _role in PARTNERS:
        provider = partners.get(slug)
        if provider is None:
            continue
        region = _region_of(nuts)
        region_name = vocab["regions"][region].name if region in vocab["regions"] else region
        for chain in chains:
            chain_name = str(vocab["chains"][chain]) if chain in vocab["chains"] else chain
            for key, pattern, kind, low, high, steps, eligibility, funding, groups in rng.sample(REGIONAL_TEMPLATES, 5):
                status = LIFE[rng.randrange(len(LIFE))]
                measure = _save(f"{slug}-{chain}-{key}", provider=provider, areas=[region], chains=[chain],
                                steps=steps, vocab=vocab, name=pattern.format(region=region_name, chain=chain_name),
                                summary_en=f"{pattern.format(region=region_name, chain=chain_name)}, offered by "
                                           f"{provider.name}.", kind=kind, scope=GeographicScope.REGIONAL,
                                eligibility=eligibility, trl_min=low, trl_max=high, target_groups=groups,
                                funding_source=funding, continuous=rng.random() < 0.6, status=status,
                                budget_eur=rng.choice([100_000, 250_000, 500_000, 1_000_000, 2_500_000]),
                                aid_intensity=rng.choice([None, 35, 50, 70]),
                                last_verified=today - timedelta(days=rng.randrange(0, 700)),
                                website=f"https://example.org/{slug}/{key}")
                if measure is not None:
                    made.append(measure)
    return made


def _deadline_fields(measure: SupportMeasure, rng, today) -> None:
    if not measure.continuous and measure.deadline is None:
        measure.deadline = today + timedelta(days=rng.randrange(30, 300))
        measure.save(update_fields=["deadline"])


def _national(rng, agencies, vocab, today) -> list[SupportMeasure]:
    made = []
    for slug, name, _country, area, _city in AGENCIES:
        if not area:
            continue
        for key, pattern, kind, low, high, steps, chains, eligibility, funding in NATIONAL_TEMPLATES:
            measure = _save(f"{slug}-{key}", provider=agencies[slug], areas=[area], chains=chains, steps=steps,
                            vocab=vocab, name=pattern.format(agency=name), summary_en=pattern.format(agency=name) + ".",
                            kind=kind, scope=GeographicScope.NATIONAL, eligibility=eligibility, trl_min=low,
                            trl_max=high, target_groups=["sme", "startup"], funding_source=funding, continuous=True,
                            status=MeasureStatus.PUBLISHED,
                            last_verified=today - timedelta(days=rng.randrange(0, 400)))
            if measure is not None:
                made.append(measure)
    return made


def _transnational(agencies, vocab, today) -> list[SupportMeasure]:
    countries = [area for _slug, _name, _country, area, _city in AGENCIES if area]
    made = []
    for chain in ("offshore-wind", "hydrogen-ptx", "smart-grids", "heating-cooling"):
        chain_name = str(vocab["chains"][chain]) if chain in vocab["chains"] else chain
        measure = _save(f"interreg-north-sea-{chain}-pilots", provider=agencies["interreg-north-sea"], areas=countries,
                        chains=[chain], steps=["development-planning", "installation-construction"], vocab=vocab,
                        name=f"Interreg North Sea transnational pilots: {chain_name}",
                        summary_en="Transnational pilot projects of partners from at least three countries.",
                        kind=MeasureKind.GRANT, scope=GeographicScope.TRANSNATIONAL, eligibility=Eligibility.ANY,
                        trl_min=6, trl_max=8, target_groups=[], funding_source=FundingSource.INTERREG,
                        continuous=False, deadline=today + timedelta(days=120), status=MeasureStatus.PUBLISHED,
                        last_verified=today - timedelta(days=30))
        if measure is not None:
            made.append(measure)
    return made


def _anchors(partners, vocab, today) -> list[SupportMeasure]:
    made = []
    for slug, provider_slug, area, name, kind, low, high, steps, chains, eligibility, summary in ANCHORS:
        provider = partners.get(provider_slug)
        if provider is None:
            continue
        measure = _save(slug, provider=provider, areas=[area], chains=chains, steps=steps, vocab=vocab, name=name,
                        summary_en=summary, kind=kind, scope=GeographicScope.REGIONAL, eligibility=eligibility,
                        trl_min=low, trl_max=high, target_groups=["sme"], funding_source=FundingSource.REGIONAL,
                        continuous=True, status=MeasureStatus.PUBLISHED, last_verified=today - timedelta(days=60),
                        website=f"https://example.org/{slug}")
        if measure is not None:
            made.append(measure)
    return made


def _drop_journey_cover(vocab) -> None:
    """The regional generator must not fill the Esbjerg bottleneck the journeys show (DK03, offshore O&M,
    TRL 7-8): a random template that would is moved to the neighbouring steps."""
    clash = SupportMeasure.objects.filter(is_demo=True, areas__code="DK03", value_chains__slug="offshore-wind",
                                          value_chain_steps__slug="operation-maintenance").exclude(
        slug__in=[a[0] for a in ANCHORS])
    for measure in clash:
        low, high = measure.trl_min or 1, measure.trl_max or 9
        if low <= 8 and high >= 7:
            measure.value_chain_steps.remove(vocab["steps"]["operation-maintenance"])


@transaction.atomic
def load(*, seed: int = 2024) -> dict[str, int]:
    rng = random.Random(seed)
    partners = {o.slug: o for o in Organisation.objects.filter(slug__in=[p[0] for p in PARTNERS])}
    if not partners:
        raise RuntimeError("Load the directory demo first (its partners provide the measures).")
    vocab = {"regions": {r.code: r for r in NutsRegion.objects.filter(level__lte=2)},
             "chains": {c.slug: c for c in ValueChain.objects.all()},
             "steps": {s.slug: s for s in ValueChainStep.objects.all()}}
    today = date.today()
    agencies = _agencies()
    measures = (_regional(rng, partners, vocab, today) + _national(rng, agencies, vocab, today)
                + _transnational(agencies, vocab, today) + _anchors(partners, vocab, today))
    for measure in measures:
        _deadline_fields(measure, rng, today)
    _drop_journey_cover(vocab)
    bulk_index((m, m.search_text(), "en") for m in measures)
    return {"measures": len(measures), "published": sum(1 for m in measures if m.is_counted),
            "agencies": len(agencies)}
