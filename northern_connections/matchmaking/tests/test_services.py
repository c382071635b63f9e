"""Saved searches and their e-mail digests: new matches once, never twice, one-click unsubscribe."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from northern_connections.matchmaking import services, tasks
from northern_connections.matchmaking.models import AlertDelivery, SavedSearch

from .factories import challenge, vocabulary


def save_search(market, **fields):
    fields.setdefault("name", "Heat pumps abroad")
    fields.setdefault("text", "heat pumps district heating")
    fields.setdefault("frequency", "daily")
    return services.savedsearch_create(actor=market.sme_user, organisation=market.sme, **fields)


@pytest.fixture
def publish(market, django_capture_on_commit_callbacks):
    """Publish a challenge and commit, so that the change log (and so the shared index) sees it."""
    def publish(slug, *, owner=None, chains=("heating-cooling",), **fields):
        fields.setdefault("title_en", "Heat pumps for a new district heating network")
        fields.setdefault("summary_en", "Heat pumps and controls for district heating.")
        with django_capture_on_commit_callbacks(execute=True):
            return challenge(owner or market.owner, chains=chains, slug=slug, **fields)
    return publish


def send(frequency="daily", now=None, capture=None):
    with capture(execute=True):
        return services.match_digests_send(frequency=frequency, now=now or timezone.now())


def test_saving_a_search_for_an_organisation_one_belongs_to(market):
    search = save_search(market, value_chains=[vocabulary().chains["heating-cooling"]], countries=["se", "NO"],
                         trl_min=6, trl_max=8)
    assert search.user == market.sme_user and search.countries == ["NO", "SE"]
    assert list(search.value_chains.values_list("slug", flat=True)) == ["heating-cooling"]
    assert "trl_min=6" in search.get_absolute_url() and "countries=NO" in search.get_absolute_url()
    with pytest.raises(PermissionDenied):
        services.savedsearch_create(actor=market.owner_user, organisation=market.sme, name="Not mine")
    with pytest.raises(ValidationError):
        save_search(market, trl_min=8, trl_max=6)
    with pytest.raises(ValidationError):
        save_search(market, cross_border="sideways")


def test_only_its_user_changes_or_deletes_a_search(market):
    search = save_search(market)
    with pytest.raises(PermissionDenied):
        services.savedsearch_update(actor=market.owner_user, saved_search=search, name="Hijacked")
    with pytest.raises(PermissionDenied):
        services.savedsearch_delete(actor=market.owner_user, saved_search=search)
    services.savedsearch_update(actor=market.sme_user, saved_search=search, name="Renamed", frequency="weekly")
    search.refresh_from_db()
    assert (search.name, search.frequency) == ("Renamed", "weekly")
    services.savedsearch_delete(actor=market.sme_user, saved_search=search)
    assert not SavedSearch.objects.filter(user=market.sme_user).exists()


def test_accepting_the_recommendation_feed_twice_keeps_one_feed(market):
    first = services.savedsearch_feed_accept(actor=market.sme_user, organisation=market.sme)
    services.savedsearch_unsubscribe(token=first.unsubscribe_token)
    again = services.savedsearch_feed_accept(actor=market.sme_user, organisation=market.sme, frequency="daily")
    assert again.pk == first.pk and again.active and again.is_feed and again.frequency == "daily"
    assert (again.text, list(again.value_chains.all())) == ("", [])  # follows the profile


def test_the_digest_sends_new_matches_once(market, publish, django_capture_on_commit_callbacks):
    # Given a saved search, and challenges that already existed when it was saved
    search = save_search(market)
    assert send(capture=django_capture_on_commit_callbacks) == 0 and mail.outbox == []

    # When two matching challenges and one unrelated one are published
    first = publish("new-se-heat")
    second = publish("new-no-heat", owner=market.others.norwegian_sme,
                                title_en="District heating heat pumps in Stavanger")
    publish("new-solar", chains=["solar"], title_en="Solar carports",
            summary_en="Photovoltaic carports for the town hall.")
    assert send(capture=django_capture_on_commit_callbacks) == 1
    # Then one e-mail lists both, and running the digest again sends nothing
    [message] = mail.outbox
    assert message.to == [market.sme_user.email]
    assert first.title_en in message.body and second.title_en in message.body and "Solar carports" not in message.body
    assert "Why this match" in message.body and "heat pumps" in message.body.lower()
    assert set(AlertDelivery.objects.filter(saved_search=search).values_list("challenge__slug", flat=True)) == {
        "new-se-heat", "new-no-heat"}
    assert send(capture=django_capture_on_commit_callbacks) == 0 and len(mail.outbox) == 1

    # And a challenge published later triggers exactly one more e-mail, with only that challenge
    third = publish("later-heat", title_en="Heat pumps for swimming pools and district heating")
    assert send(now=timezone.now() + timedelta(days=1), capture=django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 2 and third.title_en in mail.outbox[1].body and first.title_en not in mail.outbox[1].body
    assert send(now=timezone.now() + timedelta(days=2), capture=django_capture_on_commit_callbacks) == 0


def test_the_digest_respects_eligibility_frequency_and_unsubscribe(market, publish, django_capture_on_commit_callbacks):
    daily, weekly = save_search(market), save_search(market, name="Weekly", frequency="weekly")
    publish("norway-and-sweden-only", eligible_countries=["NO", "SE"])
    assert send(capture=django_capture_on_commit_callbacks) == 0  # the Danish SME may not apply
    publish("for-everyone")
    services.savedsearch_unsubscribe(token=daily.unsubscribe_token)
    assert send(capture=django_capture_on_commit_callbacks) == 0  # the daily one is unsubscribed
    assert send("weekly", capture=django_capture_on_commit_callbacks) == 1
    assert mail.outbox[0].subject == "1 new challenge matches “Weekly”"
    assert list(AlertDelivery.objects.values_list("saved_search", flat=True)) == [weekly.pk]


def test_the_digest_has_a_one_click_unsubscribe(market, publish, django_capture_on_commit_callbacks, settings):
    settings.PLATFORM_URL = "https://nc.example.org"
    search = save_search(market)
    publish("with-unsubscribe")
    send(capture=django_capture_on_commit_callbacks)
    [message] = mail.outbox
    link = f"https://nc.example.org/matchmaking/unsubscribe/{search.unsubscribe_token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body and link in message.alternatives[0][0]
    assert services.savedsearch_unsubscribe(token=search.unsubscribe_token).active is False
    assert services.savedsearch_unsubscribe(token="no-such-token") is None


def test_the_digest_speaks_the_users_language(market, publish, django_capture_on_commit_callbacks):
    market.sme_user.preferred_language = "da"
    market.sme_user.save()
    save_search(market)
    publish("in-danish")
    send(capture=django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.subject == "1 ny udfordring matcher “Heat pumps abroad”"
    assert "Hvorfor dette match" in message.body and "Stop disse e-mails" in message.body


def test_the_task_sends_the_digests(market, publish, django_capture_on_commit_callbacks):
    save_search(market)
    publish("by-the-task")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_match_digests("daily") == 1
    assert len(mail.outbox) == 1
    with pytest.raises(ValidationError):
        services.match_digests_send(frequency="hourly")
