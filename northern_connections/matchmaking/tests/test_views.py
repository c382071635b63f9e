"""Matchmaking pages: recommendations with their explanations, saving searches, unsubscribing."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from northern_connections.matchmaking.models import SavedSearch

from .factories import challenge


def recommendations(market, client, **params):
    client.force_login(market.sme_user)
    return client.get(reverse("matchmaking:challenges_for_organisation", args=[market.sme.slug]), params)


def test_recommendations_explain_why_a_foreign_challenge_matched(market, client):
    response = recommendations(market, client)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Heat pumps for the district heating network" in page  # the Swedish challenge
    assert "Why this match:" in page and "based in Sweden (abroad)" in page and "Abroad" in page
    assert "Score breakdown" in page and "Cross-border preference" in page
    assert "Bergen" not in page  # Norway and Sweden only
    assert "Save this search" in page and "Accept the recommendation feed" in page


def test_filters_and_the_cross_border_selector(market, client):
    page = recommendations(market, client, cross_border="only").content.decode()
    assert "Heat pumps for the district heating network" in page and "Heat pumps for district heating<" not in page
    bad = recommendations(market, client, trl_min=8, trl_max=3)
    assert bad.status_code == 200 and "must not be below" in bad.content.decode()


def test_the_page_runs_a_constant_number_of_queries(market, client, django_assert_max_num_queries,
                                                    django_capture_on_commit_callbacks):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    recommendations(market, client)  # loads the index copy
    with CaptureQueriesContext(connection) as few:
        recommendations(market, client)
    baseline = len(few.captured_queries)
    assert 0 < baseline <= 25, baseline
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(12):
            challenge(market.owner, chains=["heating-cooling"], slug=f"more-{n}",
                      title_en=f"Heat pumps for district heating, lot {n}", summary_en="District heating heat pumps.")
    recommendations(market, client)  # replays the log
    reset_queries()  # the query log is not cleared between the two measurements otherwise
    with django_assert_max_num_queries(baseline):
        response = recommendations(market, client)
    assert response.content.decode().count('class="card"') > 12


def test_saving_the_current_search(market, client):
    client.force_login(market.sme_user)
    response = client.post(reverse("matchmaking:savedsearch_add", args=[market.sme.slug]), {
        "name": "Heat abroad", "text": "heat pumps", "value_chains": ["heating-cooling"], "trl_min": "6",
        "trl_max": "8", "countries": ["SE", "NO"], "cross_border": "only", "frequency": "daily", "active": "True"})
    search = SavedSearch.objects.get(user=market.sme_user)
    assert response.status_code == 302 and response.url == search.get_absolute_url()
    assert (search.user, search.organisation, search.text, search.trl_min, search.countries, search.cross_border) == (
        market.sme_user, market.sme, "heat pumps", 6, ["NO", "SE"], "only")
    assert client.get(response.url).status_code == 200
    home = client.get(reverse("matchmaking:home")).content.decode()
    assert "Heat abroad" in home and "Daily" in home


def test_saving_without_a_name_is_refused_with_a_message(market, client):
    client.force_login(market.sme_user)
    response = client.post(reverse("matchmaking:savedsearch_add", args=[market.sme.slug]), {"frequency": "daily"},
                           follow=True)
    assert "could not be saved" in response.content.decode()
    assert not SavedSearch.objects.filter(user=market.sme_user).exists()


def test_accepting_the_feed_from_the_recommendations_page(market, client):
    client.force_login(market.sme_user)
    response = client.post(reverse("matchmaking:savedsearch_feed", args=[market.sme.slug]), {"frequency": "daily"},
                           follow=True)
    feed = SavedSearch.objects.get(user=market.sme_user, is_feed=True)
    assert feed.frequency == "daily" and "You receive new recommendations" in response.content.decode()


def test_editing_and_deleting_a_saved_search(market, client):
    from .factories import SavedSearchFactory

    search = SavedSearchFactory(user=market.sme_user, organisation=market.sme)
    client.force_login(market.sme_user)
    edit = reverse("matchmaking:savedsearch_edit", args=[search.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"name": "Weekly heat", "frequency": "weekly", "cross_border": "neutral",
                                  "trl_min": "7", "trl_max": "5"})
    assert response.status_code == 400
    assert client.post(edit, {"name": "Weekly heat", "frequency": "weekly", "cross_border": "neutral"}).status_code \
        == 302
    search.refresh_from_db()
    assert (search.name, search.frequency, search.active) == ("Weekly heat", "weekly", False)
    client.post(reverse("matchmaking:savedsearch_delete", args=[search.pk]))
    assert not SavedSearch.objects.filter(user=market.sme_user).exists()


def test_unsubscribe_confirms_on_get_and_needs_neither_login_nor_csrf(market):
    from .factories import SavedSearchFactory

    search = SavedSearchFactory(user=market.sme_user, organisation=market.sme)
    browser = Client(enforce_csrf_checks=True)
    url = reverse("matchmaking:unsubscribe", args=[search.unsubscribe_token])
    page = browser.get(url)
    assert page.status_code == 200 and "Unsubscribe" in page.content.decode()
    search.refresh_from_db()
    assert search.active  # a link scanner's GET changes nothing
    done = browser.post(url)
    search.refresh_from_db()
    assert done.status_code == 200 and not search.active and "no longer receive" in done.content.decode()


def test_rfc8058_one_click_post(market):
    from .factories import SavedSearchFactory

    search = SavedSearchFactory(user=market.sme_user, organisation=market.sme)
    response = Client(enforce_csrf_checks=True).post(
        reverse("matchmaking:unsubscribe", args=[search.unsubscribe_token]), {"List-Unsubscribe": "One-Click"})
    search.refresh_from_db()
    assert response.status_code == 200 and not search.active


def test_organisations_for_a_challenge_page(market, client):
    client.force_login(market.owner_user)
    response = client.get(reverse("matchmaking:organisations_for_challenge", args=["se-heat"]))
    page = response.content.decode()
    assert response.status_code == 200 and "Fjordvarme AS" in page and "Windbau" not in page
    assert "Why this match:" in page and "past collaborations" in page
    narrowed = client.get(reverse("matchmaking:organisations_for_challenge", args=["se-heat"]),
                          {"kinds": ["knowledge_institution"]}).content.decode()
    assert "Delft Energy Institute" in narrowed and "Fjordvarme AS" not in narrowed


def test_home_lists_organisations_and_challenges_to_match(market, client, make_user):
    from northern_connections.accounts.models import Membership

    from .factories import OrganisationFactory

    client.force_login(market.owner_user)
    page = client.get(reverse("matchmaking:home")).content.decode()
    assert reverse("matchmaking:organisations_for_challenge", args=["se-heat"]) in page
    assert reverse("matchmaking:organisations_for_challenge", args=["dk-heat"]) not in page
    manager = make_user("manager@cluster.example")
    Membership.objects.create(user=manager, organisation=OrganisationFactory(kind="cluster"), role="admin")
    client.force_login(manager)
    page = client.get(reverse("matchmaking:home")).content.decode()
    assert reverse("matchmaking:organisations_for_challenge", args=["dk-heat"]) in page
