"""The Living Labs API: proposing through the gate, the shortlist run, decided rounds in public."""

import pytest
from django.urls import reverse

from northern_connections.livinglabs import services
from northern_connections.livinglabs.choices import RoundStatus

from .conftest import score_everything
from .factories import region

pytestmark = pytest.mark.django_db


def _payload(people, **extra):
    return {"proposed_by": people.organisation.slug, "name": "API test quay", "region": region("SE23").code,
            "site_type": "harbour", "value_chains": [], "facilities": ["quay"], **extra}


def test_a_verified_city_proposes_through_the_api_an_sme_cannot(client, people):
    client.force_login(people.member)
    created = client.post(reverse("api:v1:candidate-list"), _payload(people), content_type="application/json")
    assert created.status_code == 201 and created.json()["slug"] == "api-test-quay"
    client.force_login(people.outsider)
    sme = _payload(people, proposed_by=people.other_organisation.slug)
    refused = client.post(reverse("api:v1:candidate-list"), sme, content_type="application/json")
    assert refused.status_code == 403


def test_bad_facility_is_a_field_error(client, people):
    client.force_login(people.member)
    response = client.post(reverse("api:v1:candidate-list"), _payload(people, facilities=["moon base"]),
                           content_type="application/json")
    assert response.status_code == 400 and "facilities" in response.json()


def test_coordinator_runs_the_shortlist_through_the_api_outsiders_see_nothing(client, lab_world):
    round, member = lab_world["round"], lab_world["people"].member
    services.round_transition(actor=member, round=round, to_status=RoundStatus.ASSESSMENT)
    score_everything(lab_world)
    url = reverse("api:v1:selectionround-shortlist", args=[round.slug])
    client.force_login(lab_world["people"].outsider)
    assert client.post(url).status_code == 404  # an open round is not even visible to outsiders
    client.force_login(member)
    run = client.post(url)
    assert run.status_code == 201 and len(run.json()["selected"]) == 4
    assert client.get(url).json()["selected"] == run.json()["selected"]
