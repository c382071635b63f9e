"""Schema declarations that responses contradicted (found by `make api-fuzz`): each fixed where it was wrong."""

import pytest
from drf_spectacular.generators import SchemaGenerator


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator(api_version="v1").get_schema(request=None, public=True)


def _component(schema, ref: str) -> dict:
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]


def _json_200(schema, path: str) -> dict:
    return schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]


def test_a_challenge_without_budget_has_a_null_budget_in_eur(schema, client, db):
    from django.urls import reverse

    from northern_connections.challenges.tests.factories import ChallengeFactory

    challenge = ChallengeFactory(budget_min=None, budget_max=None)
    body = client.get(reverse("api:v1:challenge-detail", args=[challenge.slug])).json()
    assert body["budget_min_eur"] is None
    assert schema["components"]["schemas"]["Challenge"]["properties"]["budget_min_eur"].get("nullable") is True


def test_the_ranking_is_one_list_not_a_page(schema):
    ranking = _json_200(schema, "/api/v1/challenges/{slug}/ranking/")
    assert ranking["type"] == "array" and "$ref" in ranking["items"]


@pytest.mark.parametrize(("path", "component"), [
    ("/api/v1/matchmaking/organisations/{slug}/challenges/", "ChallengeMatch"),
    ("/api/v1/matchmaking/challenges/{slug}/organisations/", "OrganisationMatch"),
])
def test_matched_facets_are_objects(schema, path, component):
    facets = schema["components"]["schemas"][component]["properties"]["matched_facets"]
    assert facets["type"] == "array"
    assert set(_component(schema, facets["items"]["$ref"])["properties"]) == {"facet", "sought", "found", "credit"}
