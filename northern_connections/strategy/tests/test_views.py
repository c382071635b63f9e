"""The pages as people use them: synergies with untapped pairs, putting a pair on the agenda, the brief as PDF."""

import datetime as dt

import pytest
from django.urls import reverse

from northern_connections.directory.models import NutsRegion

from .factories import RegionalStrategyFactory, priority

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategies(policy_people, frozen):
    frozen(dt.datetime(2030, 1, 10, tzinfo=dt.UTC))
    dk = RegionalStrategyFactory(maintainer=policy_people.region, title="Syddanmark S3")
    priority(dk, "economic:D", "chain:offshore-wind", name="Offshore wind")
    no = RegionalStrategyFactory(region=NutsRegion.objects.get(code="NO0A"), title="Vestland strategy")
    priority(no, "economic:D", "chain:offshore-wind", "scientific:05", name="Ocean energy")
    return dk, no


def test_the_synergy_page_offers_untapped_pairs_for_the_next_meeting(client, policy_people, strategies):
    client.force_login(policy_people.users["chair"])
    page = client.get(reverse("strategy:synergies") + "?domain=economic:D")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Syddanmark – Vestlandet" in text
    assert reverse("strategy:agenda_pair_add", args=[policy_people.meeting.pk]) in text
    assert "Strongest pairs" in text and "<svg" in text
    response = client.post(reverse("strategy:agenda_pair_add", args=[policy_people.meeting.pk]),
                           {"region_a": "DK03", "region_b": "NO0A", "description": "Similarity 0.67"})
    assert response.status_code == 302
    assert policy_people.meeting.agenda.get().region_b.code == "NO0A"


def test_visitors_see_no_agenda_buttons(client, strategies):
    text = client.get(reverse("strategy:synergies")).content.decode()
    assert "Put on the agenda" not in text and "Syddanmark" in text


def test_a_bad_threshold_is_a_form_error(client, strategies):
    assert client.get(reverse("strategy:synergies") + "?threshold=7").status_code == 400


def test_scorecard_and_strategy_pages(client, strategies):
    assert "Syddanmark" in client.get(reverse("strategy:scorecard")).content.decode()
    page = client.get(strategies[0].get_absolute_url()).content.decode()
    assert "Offshore wind" in page and "Add a priority" not in page


def test_a_brief_is_generated_issued_and_downloaded(client, policy_people, strategies):
    client.force_login(policy_people.member)
    response = client.post(reverse("strategy:brief_generate", args=[policy_people.meeting.pk]))
    brief = policy_people.meeting.briefs.get()
    assert response.url == brief.get_absolute_url()
    client.post(reverse("strategy:brief_edit", args=[brief.pk]), {"title": "Brief", "summary": "Edited."})
    client.post(reverse("strategy:brief_transition", args=[brief.pk]), {"to_status": "issued"})
    brief.refresh_from_db()
    assert brief.is_issued and brief.summary == "Edited."
    client.logout()
    pdf = client.get(reverse("strategy:brief_pdf", args=[brief.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_lists_run_a_constant_number_of_queries(client, strategies, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(reverse("strategy:strategy_list"))


def test_the_api_gives_the_matrix_and_the_scorecard(client, strategies):
    data = client.get(reverse("api:v1:strategy-synergies")).json()
    assert data["regions"] == ["DK03", "NO0A"] and data["untapped"][0]["a"] == "DK03"
    cards = client.get(reverse("api:v1:strategy-scorecard")).json()
    assert cards["DK03"]["periods"] == ["2028", "2029", "2030"]


def test_a_seat_is_given_by_the_person_s_e_mail_address(client, policy_people):
    client.force_login(policy_people.member)
    url = reverse("strategy:member_add", args=[policy_people.board.slug])
    client.post(url, {"organisation": policy_people.other_organisation.pk, "person_email": "OUTSIDER@example.org",
                      "role": "observer"})
    seat = policy_people.board.members.get(role="observer")
    assert seat.person == policy_people.outsider
    response = client.post(url, {"organisation": policy_people.other_organisation.pk,
                                 "person_email": "nobody@example.org", "role": "member"})
    assert response.status_code == 302 and policy_people.board.members.filter(role="member").count() == 1  # refused
    page = client.get(policy_people.board.get_absolute_url()).content.decode()
    assert "outsider@example.org" not in page  # the form asks for an address; it never lists accounts
