"""Pages of partnering: the workspace's checklist and region categories, the builder, adopting a proposal."""

import pytest
from django.urls import reverse

from northern_connections.directory.models import NutsRegion, ValueChainStep
from northern_connections.directory.tests.factories import OrganisationFactory
from northern_connections.partnering import regions, services
from northern_connections.partnering.choices import MemberStatus

from .factories import FundingCallFactory

pytestmark = pytest.mark.django_db
STEPS = ["research-design", "manufacturing-components", "installation-construction", "operation-maintenance"]


def region(code, country):
    return NutsRegion.objects.get_or_create(code=code, defaults={"name": code, "level": 2, "country": country})[0]


@pytest.fixture
def world(people):
    steps = {slug: ValueChainStep.objects.get_or_create(slug=slug, defaults={"name": slug, "order": i})[0]
             for i, slug in enumerate(STEPS)}
    places = {"DK03": region("DK03", "DK"), "DE40": region("DE40", "DE"), "PL82": region("PL82", "PL"),
              "SE23": region("SE23", "SE")}
    regions.region_categories_load()
    people.organisation.nuts_region = places["SE23"]
    people.organisation.save()
    people.organisation.value_chain_steps.set([steps["research-design"]])
    orgs = []
    for code, country, step in [("DK03", "DK", "manufacturing-components"), ("DE40", "DE", "installation-construction"),
                                ("PL82", "PL", "operation-maintenance"), ("DK03", "DK", "operation-maintenance")]:
        org = OrganisationFactory(country=country, nuts_region=places[code])
        org.value_chain_steps.set([steps[step]])
        orgs.append(org)
    call = FundingCallFactory(min_partners=4, min_countries=3, required_categories=["transition", "less_developed"])
    consortium = services.consortium_create(actor=people.users["member"], funding_call=call,
                                            coordinator=people.organisation, name="Four Steps")
    return people, consortium, orgs


def test_the_workspace_shows_categories_and_the_live_checklist(world, client):
    people, consortium, orgs = world
    client.force_login(people.users["member"])
    page = client.get(reverse("partnering:consortium_detail", args=[consortium.slug])).content.decode()
    assert "Eligibility checklist" in page and "At least 4 partners (now 1)" in page
    assert "A partner from a transition region" in page and "2021/1130" in page
    services.member_invite(actor=people.users["member"], consortium=consortium, organisation=orgs[1])
    page = client.get(reverse("partnering:consortium_detail", args=[consortium.slug])).content.decode()
    assert "Transition region" in page and "(DE40)" in page


def test_the_builder_proposes_and_adopting_invites(world, client):
    people, consortium, orgs = world
    client.force_login(people.users["member"])
    url = reverse("partnering:consortium_builder", args=[consortium.slug])
    query = {"steps": STEPS, "categories": ["more_developed", "transition", "less_developed"], "min_size": 4,
             "max_size": 5}
    page = client.get(url, query).content.decode()
    assert "Proposal 1" in page and "Proposal 3" not in page  # only two distinct consortia exist
    assert "the only member from a transition region" in page
    response = client.post(url, {"member": [str(o.pk) for o in orgs[:3]], f"why-{orgs[0].pk}": "covers manufacturing"})
    assert response.status_code == 302
    members = {m.organisation_id: m for m in consortium.members.all()}
    assert set(members) == {people.organisation.pk, *(o.pk for o in orgs[:3])}
    assert members[orgs[0].pk].status == MemberStatus.INVITED and members[orgs[0].pk].why == "covers manufacturing"


def test_impossible_requirements_name_the_rule(world, client):
    people, consortium, _ = world
    client.force_login(people.users["member"])
    page = client.get(reverse("partnering:consortium_builder", args=[consortium.slug]),
                      {"steps": STEPS, "categories": ["transition"], "min_size": 1, "max_size": 2}).content.decode()
    assert "No consortium keeps every rule" in page and "max_size: at most 2 members" in page


def test_request_pages_and_references(people, client, frozen):
    from datetime import UTC, datetime

    frozen(datetime(2026, 12, 1, 9, tzinfo=UTC))
    client.force_login(people.users["member"])
    response = client.post(reverse("partnering:request_add"), {
        "kind": "TO", "title": "Blade drones", "summary": "Drones.", "partner_sought": "Operators.",
        "partnership_type": "commercial", "owner": people.organisation.pk, "keywords_text": "drones, blades",
        "countries_text": "dk, no"})
    assert response.status_code == 302
    request = people.organisation.partner_requests.get()
    assert request.keywords == ["drones", "blades"] and request.target_countries == ["DK", "NO"]
    client.post(reverse("partnering:request_transition", args=[request.pk]), {"to_status": "published"})
    request.refresh_from_db()
    assert request.reference == "TOSE20261201001"
    page = client.get(reverse("partnering:request_list"), {"reference": "TOSE2026"}).content.decode()
    assert "Blade drones" in page


def test_the_engine_suggests_matching_requests(people, client):
    from northern_connections.partnering.selectors import similar_requests

    from .factories import PartnerRequestFactory

    mine = PartnerRequestFactory(owner=people.organisation, status="published", reference="TOSE20261201001",
                                 title="Blade inspection drones", summary="Drones that inspect turbine blades.")
    theirs = PartnerRequestFactory(owner=people.other_organisation, status="published", reference="TRDK20261201001",
                                   kind="TR", title="Looking for blade inspection by drone",
                                   summary="We need drones to inspect the blades of our turbines.")
    PartnerRequestFactory(owner=people.other_organisation, title="Unpublished drones for blade inspection")
    found = similar_requests(actor=people.users["member"], partner_request=mine)
    assert [r.object for r in found] == [theirs]
    client.force_login(people.users["member"])
    page = client.get(reverse("partnering:request_detail", args=[mine.pk])).content.decode()
    assert "Matching partner requests" in page and "TRDK20261201001" in page


def test_workspace_forms_post_with_their_prefixes(world, client):
    people, consortium, orgs = world
    client.force_login(people.users["member"])
    client.post(reverse("partnering:task_add", args=[consortium.slug]), {"task-title": "Write WP1"})
    client.post(reverse("partnering:member_invite", args=[consortium.slug]),
                {"invite-organisation": orgs[0].pk, "invite-role": "partner", "invite-budget_eur": "250000"})
    assert consortium.tasks.get().title == "Write WP1"
    assert consortium.members.get(organisation=orgs[0]).budget_eur == 250_000
    page = client.get(reverse("partnering:consortium_detail", args=[consortium.slug])).content.decode()
    assert page.count('id="id_task-title"') == 1 and 'id="id_title"' not in page


def test_a_failing_match_index_leaves_the_request_page_without_suggestions(people, client, monitor_engine_failure):
    """Regression: a partner_request snapshot built empty and then caught up made the engine raise a
    ValueError, and the request page answered 500 (seen on the demo database)."""
    from .factories import PartnerRequestFactory

    request = PartnerRequestFactory(owner=people.organisation, status="published", reference="TOSE20261201001")
    client.force_login(people.users["member"])
    response = client.get(reverse("partnering:request_detail", args=[request.pk]))
    assert response.status_code == 200 and "Matching partner requests" not in response.content.decode()


@pytest.fixture
def monitor_engine_failure(monkeypatch):
    from northern_connections.matchmaking import selectors as matchmaking_selectors

    def broken(**kwargs):
        raise ValueError("matmul: dimension mismatch")

    monkeypatch.setattr(matchmaking_selectors, "partners_for_request", broken)
