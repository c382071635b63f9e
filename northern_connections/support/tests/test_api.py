"""The support map's API: the same services and rules as the pages."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from northern_connections.support.models import SupportMeasure

from .factories import SupportMeasureFactory


@pytest.fixture
def api():
    return APIClient()


def test_a_provider_creates_a_draft_and_an_outsider_cannot_patch_it(api, map_people):
    api.force_authenticate(map_people.users["provider"])
    data = {"provider": map_people.region.slug, "name": "API voucher", "kind": "voucher", "scope": "regional",
            "areas": ["DK03"], "eligibility": "any", "value_chains": ["offshore-wind"], "trl_min": 6,
            "target_groups": ["sme"], "continuous": True}
    response = api.post(reverse("api:v1:supportmeasure-list"), data, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "draft" and response.json()["trl_max"] is None
    slug = response.json()["slug"]
    api.force_authenticate(map_people.outsider)
    assert api.get(reverse("api:v1:supportmeasure-detail", args=[slug])).status_code == 404  # a draft
    api.force_authenticate(map_people.users["provider"])
    patched = api.patch(reverse("api:v1:supportmeasure-detail", args=[slug]), {"scope": "national"}, format="json")
    assert patched.status_code == 400 and "areas" in patched.json()  # DK03 is not a country


def test_the_provider_field_cannot_move_a_measure(api, map_people):
    measure = SupportMeasureFactory(provider=map_people.region)
    api.force_authenticate(map_people.users["provider"])
    api.patch(reverse("api:v1:supportmeasure-detail", args=[measure.slug]),
              {"provider": map_people.organisation.slug, "name": "Moved?"}, format="json")
    measure.refresh_from_db()
    assert measure.provider == map_people.region and measure.name == "Moved?"


def test_coordinators_verify_through_the_api(api, map_people):
    measure = SupportMeasureFactory(provider=map_people.region)
    api.force_authenticate(map_people.users["provider"])
    assert api.post(reverse("api:v1:supportmeasure-verify", args=[measure.slug])).status_code == 403
    api.force_authenticate(map_people.member)
    response = api.post(reverse("api:v1:supportmeasure-verify", args=[measure.slug]))
    assert response.status_code == 200 and response.json()["last_verified"]


def test_the_coverage_endpoint_speaks_the_commands_json(api, map_people):
    SupportMeasureFactory(provider=map_people.region, trl_min=5, trl_max=5)
    response = api.get(reverse("api:v1:support-coverage"), {"scope": "dk03", "value_chain": "offshore-wind"})
    data = response.json()
    assert response.status_code == 200 and data["scope"] == "DK03" and len(data["cells"]) == 35
    assert api.get(reverse("api:v1:support-coverage"), {"scope": "XX9", "value_chain": "offshore-wind"}
                   ).status_code == 400
    assert api.get(reverse("api:v1:support-coverage"), {"value_chain": "tidal-kites"}).status_code == 400
    assert SupportMeasure.objects.count() == 1
