import factory

from northern_connections.directory.models import NutsRegion
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.livinglabs.models import Candidate, Criterion, Demonstration, SelectionRound


def region(code: str, name: str | None = None) -> NutsRegion:
    """A NUTS 2 region (test databases hold no reference data)."""
    obj, _ = NutsRegion.objects.get_or_create(code=code, defaults={"name": name or f"Region {code}", "level": 2,
                                                                    "country": code[:2]})
    return obj


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    name = factory.Sequence(lambda n: f"Harbour test site {n}")
    slug = factory.Sequence(lambda n: f"site-{n}")
    description = "A quay with grid connection and a data platform."
    proposed_by = factory.SubFactory(OrganisationFactory, kind="municipality", country="SE")
    region = factory.LazyFunction(lambda: region("SE23", "Västsverige"))
    site_type = "harbour"
    facilities = ["grid_connection", "data_platform"]
    latitude = 57.7
    longitude = 11.9


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelectionRound

    name = factory.Sequence(lambda n: f"Selection round {n}")
    slug = factory.Sequence(lambda n: f"round-{n}")
    coordinator = factory.SubFactory(OrganisationFactory, kind="regional_authority", country="DK")
    samples = 200


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    round = factory.SubFactory(RoundFactory)
    code = factory.Sequence(lambda n: f"c{n}")
    name = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1.0


class DemonstrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Demonstration

    lab = factory.SubFactory(CandidateFactory, status="selected")
    title = factory.Sequence(lambda n: f"Shore power pilot {n}")
    slug = factory.Sequence(lambda n: f"demo-{n}")
    lead = factory.SubFactory(OrganisationFactory, kind="sme")
    plan = "Install and measure for three months."
    trl_before = 6
