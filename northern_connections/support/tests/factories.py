"""Factories of the support map and the small vocabulary its tests use."""

import factory

from northern_connections.directory.models import NutsRegion, ValueChain, ValueChainStep
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.directory.vocabularies import VALUE_CHAIN_STEPS
from northern_connections.support.models import SupportMeasure

REGIONS = [("DK", "Denmark", 0, "DK"), ("DK03", "Syddanmark", 2, "DK"), ("DK032", "Sydjylland", 3, "DK"),
           ("DK01", "Hovedstaden", 2, "DK"), ("NO", "Norway", 0, "NO"), ("NO0A", "Vestlandet", 2, "NO"),
           ("SE", "Sweden", 0, "SE"), ("SE23", "Västsverige", 2, "SE"), ("DE", "Germany", 0, "DE"),
           ("DEF0", "Schleswig-Holstein", 2, "DE")]


def vocabulary() -> dict:
    """NUTS regions of three countries, two value chains and the seven steps (idempotent)."""
    regions = {}
    for code, name, level, country in REGIONS:
        parent = regions.get(code[:-1] if level > 1 else code[:2]) if level else None
        regions[code], _ = NutsRegion.objects.get_or_create(
            code=code, defaults={"name": name, "level": level, "country": country, "parent": parent})
    chains = {slug: ValueChain.objects.get_or_create(slug=slug, defaults={"name": name, "order": i})[0]
              for i, (slug, name) in enumerate([("offshore-wind", "Offshore wind"), ("hydrogen-ptx", "Hydrogen")])}
    steps = {slug: ValueChainStep.objects.get_or_create(slug=slug, defaults={"name": name, "order": i})[0]
             for i, (slug, name) in enumerate(VALUE_CHAIN_STEPS)}
    return {"regions": regions, "chains": chains, "steps": steps}


class SupportMeasureFactory(factory.django.DjangoModelFactory):
    """A published regional offshore-wind O&M measure at TRL 5-7 in DK03, open continuously."""

    class Meta:
        model = SupportMeasure
        skip_postgeneration_save = True

    provider = factory.SubFactory(OrganisationFactory, kind="regional_authority")
    name = factory.Sequence(lambda n: f"Measure {n}")
    slug = factory.Sequence(lambda n: f"measure-{n}")
    summary_en = "Support for SMEs."
    kind = "grant"
    scope = "regional"
    eligibility = "local"
    trl_min, trl_max = 5, 7
    target_groups = factory.LazyFunction(lambda: ["sme"])
    continuous = True
    status = "published"

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        codes = extracted if extracted is not None else ["DK03"]
        self.areas.set(NutsRegion.objects.filter(code__in=codes))

    @factory.post_generation
    def value_chains(self, create, extracted, **kwargs):
        slugs = extracted if extracted is not None else ["offshore-wind"]
        self.value_chains.set(ValueChain.objects.filter(slug__in=slugs))

    @factory.post_generation
    def value_chain_steps(self, create, extracted, **kwargs):
        slugs = extracted if extracted is not None else ["operation-maintenance"]
        self.value_chain_steps.set(ValueChainStep.objects.filter(slug__in=slugs))
