"""The API ranks exactly like the pages (same forms and selectors) and keeps saved searches private."""

import pytest
from django.urls import reverse

from northern_connections.matchmaking.models import SavedSearch


def test_challenges_for_an_organisation_with_explanations(market, client):
    client.force_login(market.sme_user)
    url = reverse("api:v1:matchmaking-challenges-for-organisation", args=[market.sme.slug])
    data = client.get(url, {"cross_border": "prefer", "top": 5}).json()
    assert data["organisation"] == market.sme.slug
    first = data["results"][0]
    assert first["rank"] == 1 and first["challenge"]["slug"] in ("se-heat", "dk-heat")
    assert first["why"] and first["matched_terms"]
    assert {"facet": "value_chains", "sought": "heating-cooling", "found": "heating-cooling", "credit": 1.0} in \
        first["matched_facets"]
    assert set(first["breakdown"]) >= {"lexical", "facets", "activity", "cross_border", "total"}
    only = client.get(url, {"cross_border": "only"}).json()["results"]
    abroad = [r["challenge"]["slug"] for r in only]
    assert "se-heat" in abroad and "dk-heat" not in abroad
    assert client.get(url, {"trl_min": "9", "trl_max": "2"}).status_code == 400
    assert client.get(url, {"top": "0"}).status_code == 400


def test_organisations_for_a_challenge(market, client):
    client.force_login(market.owner_user)
    url = reverse("api:v1:matchmaking-organisations-for-challenge", args=["se-heat"])
    results = client.get(url, {"kinds": ["sme"]}).json()["results"]
    assert {r["organisation"]["slug"] for r in results} == {"fjordvarme", market.sme.slug}
    assert all(r["why"] for r in results)


def test_saved_searches_are_private_and_go_through_the_services(market, client):
    client.force_login(market.sme_user)
    created = client.post(reverse("api:v1:savedsearch-list"), {
        "organisation": market.sme.slug, "name": "Heat", "value_chains": ["heating-cooling"], "countries": ["SE"],
        "cross_border": "only", "frequency": "daily"}, content_type="application/json")
    assert created.status_code == 201 and created.json()["value_chains"] == ["heating-cooling"]
    search = SavedSearch.objects.get(user=market.sme_user)
    assert search.user == market.sme_user and search.countries == ["SE"]
    client.force_login(market.owner_user)
    assert search.pk not in [r["id"] for r in client.get(reverse("api:v1:savedsearch-list")).json()["results"]]
    invalid = client.post(reverse("api:v1:savedsearch-list"), {
        "organisation": market.owner.slug, "name": "Bad", "trl_min": 8, "trl_max": 2}, content_type="application/json")
    assert invalid.status_code == 400 and "trl_max" in invalid.json()


@pytest.mark.parametrize("top", ["²", "٣", "0", "101", "-1", "x"])
def test_top_must_be_a_whole_number_in_ascii_digits(market, client, top):
    # Regression: "²".isdigit() is True, so int("²") raised and the request was a server error.
    client.force_login(market.sme_user)
    url = reverse("api:v1:matchmaking-challenges-for-organisation", args=[market.sme.slug])
    response = client.get(url, {"top": top})
    assert response.status_code == 400
    assert "top" in response.json()
