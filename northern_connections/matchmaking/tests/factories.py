"""Factories and a small cross-border market for the matchmaking tests."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import factory
from django.utils import timezone

from northern_connections.challenges.tests.factories import ChallengeFactory
from northern_connections.directory.models import ValueChain, ValueChainStep
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.matchmaking.models import SavedSearch


class SavedSearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedSearch

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Saved search {n}")
    text = "district heating heat pumps"
    frequency = "daily"


def vocabulary() -> SimpleNamespace:
    chains = {slug: ValueChain.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in [
        ("heating-cooling", "Heating and cooling"), ("offshore-wind", "Offshore wind"),
        ("hydrogen-ptx", "Hydrogen and power-to-X"), ("solar", "Solar energy")]}
    steps = {slug: ValueChainStep.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in [
        ("operation-maintenance", "Operation and maintenance"),
        ("manufacturing-components", "Manufacturing and components")]}
    return SimpleNamespace(chains=chains, steps=steps)


def challenge(owner, *, chains=(), steps=(), trl=(6, 9), **fields):
    """A published challenge of ``owner``, deadline in three weeks."""
    vocab = vocabulary()
    fields.setdefault("application_deadline", timezone.now() + timedelta(days=21))
    obj = ChallengeFactory(owner=owner, trl_min=trl[0], trl_max=trl[1], **fields)
    obj.value_chains.set([vocab.chains[c] for c in chains])
    obj.value_chain_steps.set([vocab.steps[s] for s in steps])
    return obj


def organisation(*, chains=(), steps=(), **fields):
    vocab = vocabulary()
    obj = OrganisationFactory(**fields)
    obj.value_chains.set([vocab.chains[c] for c in chains])
    obj.value_chain_steps.set([vocab.steps[s] for s in steps])
    return obj


def build_market(people) -> SimpleNamespace:
    """The `people` fixture's Danish SME (administered by "outsider") looking for challenges abroad and at home.

    Challenges (all published): a Swedish and a Danish district-heating one that fit the SME, a
    Norwegian heat one that excludes Danish applicants, a Dutch solar one that does not fit, and a
    German heat one for clusters only. Organisations for the Swedish challenge: the SME, a Norwegian
    heat-pump SME with a long track record, a Dutch university and an unrelated wind company.
    """
    sme = people.other_organisation
    sme.description = "We make heat pumps and controls for district heating networks in Danish towns."
    sme.trl, sme.past_projects, sme.languages = 7, 3, ["da", "en"]
    sme.save()
    vocab = vocabulary()
    sme.value_chains.set([vocab.chains["heating-cooling"]])
    sme.value_chain_steps.set([vocab.steps["manufacturing-components"]])

    owner_se = people.organisation
    owner_dk = OrganisationFactory(kind="municipality", country="DK", name="Aarhus Kommune", slug="aarhus")
    owner_no = OrganisationFactory(kind="municipality", country="NO", name="Bergen kommune", slug="bergen")
    owner_nl = OrganisationFactory(kind="municipality", country="NL", name="Gemeente Utrecht", slug="utrecht")
    owner_de = OrganisationFactory(kind="cluster", country="DE", name="Wärme Cluster", slug="waerme-cluster")
    heat = "District heating with heat pumps: we need heat pumps and smart controls for our district heating network."
    challenges = SimpleNamespace(
        swedish=challenge(owner_se, chains=["heating-cooling"], steps=["operation-maintenance"],
                          slug="se-heat", title_en="Heat pumps for the district heating network", summary_en=heat),
        danish=challenge(owner_dk, chains=["heating-cooling"], slug="dk-heat", language="da",
                         title="Varmepumper til fjernvarmenettet", title_en="Heat pumps for district heating",
                         summary_en=heat),
        norwegian=challenge(owner_no, chains=["heating-cooling"], slug="no-heat", eligible_countries=["NO", "SE"],
                            title_en="Heat pumps for Bergen's district heating", summary_en=heat),
        dutch=challenge(owner_nl, chains=["solar"], slug="nl-solar", title_en="Solar roofs on listed buildings",
                        summary_en="Integrated photovoltaic tiles that the heritage authority accepts."),
        german=challenge(owner_de, chains=["heating-cooling"], slug="de-heat", eligible_kinds=["cluster"],
                         title_en="Heat pumps in district heating, for clusters", summary_en=heat),
    )
    others = SimpleNamespace(
        norwegian_sme=organisation(kind="sme", country="NO", name="Fjordvarme AS", slug="fjordvarme",
                                   description="Heat pumps and district heating controls for Norwegian cities.",
                                   chains=["heating-cooling"], trl=8, past_projects=25),
        university=organisation(kind="knowledge_institution", country="NL", name="Delft Energy Institute",
                                 slug="delft", description="Research on heat pumps and district heating.",
                                 chains=["heating-cooling"], trl=3, past_projects=80),
        wind=organisation(kind="large_enterprise", country="DE", name="Windbau GmbH", slug="windbau",
                          description="Offshore wind foundations and rotor blades.", chains=["offshore-wind"],
                          trl=9, past_projects=40),
    )
    return SimpleNamespace(sme=sme, sme_user=people.outsider, owner=owner_se,
                           owner_user=people.member, challenges=challenges, others=others, people=people)
