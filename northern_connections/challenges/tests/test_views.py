"""The board's pages, end to end through the test client (the issue's journey, without a browser)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from northern_connections.challenges import services
from northern_connections.challenges.models import Application, Challenge
from northern_connections.directory.models import ValueChain

from .factories import ChallengeFactory


def test_journey_publish_find_ask_apply_late_edit_score_shortlist_decide(people, client, frozen,
                                                                         django_capture_on_commit_callbacks):
    heating = ValueChain.objects.create(slug="heating-cooling", name="Heating and cooling")
    deadline = timezone.now() + timedelta(days=20)
    # Given a city officer who drafts and publishes a challenge
    client.force_login(people["owner"])
    response = client.post(reverse("challenges:challenge_add"), {
        "owner": people["owner_org"].pk, "language": "sv", "title": "Fjärrvärme med låg temperatur",
        "summary": "Vi vill sänka temperaturen i fjärrvärmenätet.", "title_en": "Low-temperature district heating",
        "summary_en": "We want to lower the temperature of the district-heating network.", "route": "pcp",
        "currency": "SEK", "budget_max": 1_000_000, "max_consortium_size": 3, "consortia_allowed": "on",
        "time_zone": "Europe/Stockholm", "value_chains": [heating.pk],
        "application_deadline": timezone.localtime(deadline).strftime("%Y-%m-%dT%H:%M"),
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    challenge = Challenge.objects.get(title_en="Low-temperature district heating")
    client.post(reverse("challenges:challenge_criteria", args=[challenge.slug]), {
        "form-TOTAL_FORMS": 2, "form-INITIAL_FORMS": 0, "form-0-name": "Innovation", "form-0-weight": 70,
        "form-1-name": "Price", "form-1-weight": 30})
    client.post(reverse("challenges:challenge_transition", args=[challenge.slug]), {"to_status": "published"})
    challenge.refresh_from_db()
    assert challenge.status == "published"

    # When an SME in another country finds it by filter and search
    client.force_login(people["sme"])
    listing = client.get(reverse("challenges:challenge_list"), {"value_chain": "heating-cooling", "country": "SE",
                                                                "q": "district heating"})
    assert "Low-temperature district heating" in listing.content.decode()
    assert "Low-temperature" not in client.get(reverse("challenges:challenge_list"), {"country": "NO"}).content.decode()
    # ...asks a clarification, which the officer answers for everyone
    client.post(reverse("challenges:clarification_add", args=[challenge.slug]),
                {"organisation": people["sme_org"].pk, "question": "Which supply temperature today?"})
    question = challenge.clarifications.get()
    client.force_login(people["owner"])
    client.post(reverse("challenges:clarification_answer", args=[question.pk]), {"answer": "About 85 °C."})
    assert "About 85 °C." in client.get(challenge.get_absolute_url()).content.decode()

    # ...and applies with a partner, who confirms
    client.force_login(people["sme"])
    client.post(reverse("challenges:application_add", args=[challenge.slug]), {"applicant": people["sme_org"].pk})
    application = Application.objects.get(challenge=challenge)
    client.post(application.get_absolute_url(), {"title": "Smart substations", "solution_summary": "Retrofit kit",
                                                  "trl": 7, "currency": "EUR", "version": application.version})
    client.post(reverse("challenges:partner_invite", args=[application.pk]), {"organisation": "fjord-heat"})
    client.force_login(people["partner"])
    partner = application.partners.get()
    client.post(reverse("challenges:partner_respond", args=[partner.pk]), {"accept": "1"})
    client.force_login(people["sme"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("challenges:application_submit", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == "submitted"

    # Then, after the deadline, a late edit is refused with a clear message
    frozen(deadline + timedelta(minutes=1))
    response = client.post(application.get_absolute_url(), {"title": "Late", "solution_summary": "x", "trl": 7,
                                                            "currency": "EUR", "version": application.version})
    assert response.status_code == 400
    assert "deadline" in response.content.decode() and "has passed" in response.content.decode()
    services.challenges_close_due()

    # Two jurors score; the officer shortlists and decides
    client.force_login(people["owner"])
    for juror in ("juror_a", "juror_b"):
        client.post(reverse("challenges:challenge_jury", args=[challenge.slug]), {"email": people[juror].email})
    client.post(reverse("challenges:challenge_transition", args=[challenge.slug]), {"to_status": "under_evaluation"})
    criteria = list(challenge.criteria.all())
    for juror, values in (("juror_a", (9, 6)), ("juror_b", (7, 8))):
        client.force_login(people[juror])
        response = client.post(reverse("challenges:application_score", args=[application.pk]), {
            f"score_{criteria[0].pk}": values[0], f"score_{criteria[1].pk}": values[1]})
        assert response.status_code == 302
    client.force_login(people["owner"])
    ranking = client.get(reverse("challenges:challenge_ranking", args=[challenge.slug])).content.decode()
    # Juror a: 9×70 % + 6×30 % = 81; juror b: 7×70 % + 8×30 % = 73 → mean 77, disagreement (std. dev.) 4.
    assert '<td class="num">77.0</td>' in ranking and '<td class="num">4.0</td>' in ranking
    client.post(reverse("challenges:application_shortlist", args=[application.pk]))
    client.post(reverse("challenges:application_decide", args=[application.pk]),
                {"selected": "1", "feedback": "Convincing retrofit plan."})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("challenges:challenge_transition", args=[challenge.slug]), {"to_status": "decided"})
    xlsx = client.get(reverse("challenges:challenge_ranking_xlsx", args=[challenge.slug]))
    assert xlsx.content[:2] == b"PK"

    # And the SME sees the decision and its feedback
    client.force_login(people["sme"])
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Your application was selected." in page and "Convincing retrofit plan." in page
    assert any("Decision" in m.subject for m in mail.outbox)


def test_list_query_count_is_constant(world, client, django_assert_max_num_queries):
    for _ in range(30):
        ChallengeFactory()
    with django_assert_max_num_queries(12):
        response = client.get(reverse("challenges:challenge_list"), {"per_page": 100})
    assert response.status_code == 200


def test_feeds_list_open_challenges(client, db):
    challenge = ChallengeFactory(title_en="Harbour shore power")
    ChallengeFactory(status="draft", title_en="Secret draft", published_at=None)
    atom = client.get(reverse("challenges:challenge_feed")).content.decode()
    assert "Harbour shore power" in atom and "Secret draft" not in atom
    ical = client.get(reverse("challenges:challenge_ical"))
    assert ical["Content-Type"].startswith("text/calendar")
    assert f"challenge-{challenge.pk}-deadline" in ical.content.decode()


def test_reach_counts_views_by_country(people, client):
    challenge = ChallengeFactory(owner=people["owner_org"])
    client.force_login(people["sme"])
    client.get(challenge.get_absolute_url())
    client.logout()
    client.get(challenge.get_absolute_url())
    client.force_login(people["owner"])
    page = client.get(reverse("challenges:challenge_reach", args=[challenge.slug])).content.decode()
    assert "<td>DK</td><td class=\"num\">1</td>" in page


@pytest.mark.parametrize("upload_name", ["offer.pdf"])
def test_a_png_named_pdf_is_refused_on_the_page(people, client, upload_name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    challenge = ChallengeFactory(owner=people["owner_org"])
    application = services.application_create(actor=people["sme"], challenge=challenge, applicant=people["sme_org"])
    client.force_login(people["sme"])
    response = client.post(reverse("challenges:attachment_add", args=[application.pk]),
                           {"file": SimpleUploadedFile(upload_name, b"\x89PNG\r\n\x1a\n" + b"0" * 20)}, follow=True)
    assert "but its content is image/png" in response.content.decode()
    assert not application.attachments.exists()
