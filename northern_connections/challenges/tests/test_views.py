"""The board's pages, end to end through the test client (the issue's journey, without a browser)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from northern_connections.challenges import services
from northern_connections.challenges.models import Application, Challenge
from northern_connections.directory.models import ValueChain

from .factories import ApplicationFactory, ChallengeFactory


def _publish_through_the_pages(client, people, deadline):
    """Given a city officer who drafts a challenge, adds weighted criteria and publishes it."""
    heating = ValueChain.objects.create(slug="heating-cooling", name="Heating and cooling")
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
    return challenge


def test_journey_publish_find_ask_apply_late_edit_score_shortlist_decide(people, client, frozen,
                                                                         django_capture_on_commit_callbacks):
    deadline = timezone.now() + timedelta(days=20)
    challenge = _publish_through_the_pages(client, people, deadline)

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


@pytest.mark.parametrize("query", ["", "&country=SE&value_chain=heating-cooling&trl=7&route=pcp&language=sv",
                                   "&q=schools&deadline_after=2020-01-01"])
@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_list_query_count_is_the_same_for_25_and_50_rows(people, client, query, who):
    """A constant number of queries per page (issue 3; bench/bench_challenges.py measures it at 10,000)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from northern_connections.core.search import bulk_index

    heating = ValueChain.objects.create(slug="heating-cooling", name="Heating and cooling")
    challenges = [ChallengeFactory(route="pcp", trl_min=5, trl_max=8) for _ in range(55)]  # 55 different owners
    for challenge in challenges:
        challenge.value_chains.add(heating)
    bulk_index((c, c.title_en, "en") for c in challenges)
    if who == "member":
        client.force_login(people["owner"])
    counts = {}
    for size in (25, 50):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("challenges:challenge_list") + f"?per_page={size}{query}")
        assert response.status_code == 200
        assert response.content.decode().count('<tr><td><a href="/challenges/') == size
        counts[size] = len(queries)
    assert counts[25] == counts[50] <= 14, counts


def test_api_list_query_count_is_the_same_for_25_and_100_rows(db, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(101):
        ChallengeFactory()
    counts = {}
    for size in (25, 100):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("api:v1:challenge-list"), {"page_size": size})
        assert len(response.json()["results"]) == size
        counts[size] = len(queries)
    assert counts[25] == counts[100] <= 8, counts


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
    assert '<th scope="row">Denmark (DK)</th><td class="num">1</td>' in page
    assert 'role="img" aria-labelledby="reach-views-title"' in page  # the chart beside its table twin


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


# --- regressions found by the browser journey (e2e/test_challenge_journey.py) ---------------------------------


def test_the_filter_forms_default_submission_does_not_filter_on_trl(client, db):
    """The TRL select had no blank choice, so submitting the form sent trl=1 and hid TRL 6–9 challenges."""
    challenge = ChallengeFactory(title_en="Seasonal heat storage", trl_min=6, trl_max=9)
    page = client.get(reverse("challenges:challenge_list")).content.decode()
    trl_select = page[page.index('name="trl"'):]
    assert trl_select[:trl_select.index("</select>")].index('<option value=""') < trl_select.index('value="1"')
    # What the browser submits when nobody touches the TRL select
    response = client.get(reverse("challenges:challenge_list"), {"q": "", "trl": "", "region": ""})
    assert challenge.title_en in response.content.decode()
    assert challenge.title_en not in client.get(reverse("challenges:challenge_list"), {"trl": "3"}).content.decode()


def test_a_single_organisation_is_preselected_in_the_question_and_application_forms(people, client):
    """A required select starting on "---------" silently blocked the browser's submit for one-organisation users."""
    challenge = ChallengeFactory(owner=people["owner_org"])
    client.force_login(people["partner"])  # the admin of one Norwegian SME
    page = client.get(challenge.get_absolute_url()).content.decode()
    for name in ("organisation", "applicant"):
        select = page[page.index(f'name="{name}"'):]
        select = select[:select.index("</select>")]
        assert "---------" not in select and f'value="{people["partner_org"].pk}" selected' in select


def test_two_organisations_still_have_to_choose(people):
    from northern_connections.accounts.models import Membership
    from northern_connections.challenges.forms import ClarificationForm
    from northern_connections.challenges.selectors import user_organisations

    Membership.objects.create(user=people["partner"], organisation=people["sme_org"], role="editor")
    form = ClarificationForm(organisations=user_organisations(people["partner"]))
    assert [label for _value, label in form.fields["organisation"].choices][0] == "---------"


def test_a_save_after_the_deadline_shows_why_it_was_refused(people, client):
    """The refusal used to be swallowed: past the deadline the page hid the form together with its error."""
    challenge = ChallengeFactory(owner=people["owner_org"])
    application = services.application_create(actor=people["sme"], challenge=challenge, applicant=people["sme_org"])
    client.force_login(people["sme"])
    assert 'name="team"' in client.get(application.get_absolute_url()).content.decode()  # the form is open
    Challenge.objects.filter(pk=challenge.pk).update(application_deadline=timezone.now() - timedelta(minutes=1))
    response = client.post(application.get_absolute_url(), {"title": "Late", "solution_summary": "x", "trl": 7,
                                                            "currency": "EUR", "team": "More people",
                                                            "version": application.version})
    assert response.status_code == 400
    page = response.content.decode()
    alert = page[page.index('role="alert"'):]
    assert "The application deadline" in alert[:alert.index("</div>")] and "has passed" in alert[:alert.index("</div>")]
    application.refresh_from_db()
    assert application.team == ""


def test_open_and_deadline_tag_follow_the_boards_clock(people, client, frozen):
    challenge = ChallengeFactory(owner=people["owner_org"])
    assert challenge.is_open
    frozen(challenge.application_deadline + timedelta(seconds=1))
    assert not challenge.is_open and not challenge.clarifications_open
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "Deadline passed" in page and "This challenge is not open for applications." in page


# --- documents, translations, receipt and feedback letter -------------------------------------------------------


PDF_BYTES = b"%PDF-1.4\n%%EOF\n"


def test_owner_adds_documents_removes_them_only_from_a_draft_and_applicants_download_them(people, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    challenge = ChallengeFactory(owner=people["owner_org"], status="draft", published_at=None)
    client.force_login(people["owner"])
    page = reverse("challenges:challenge_documents", args=[challenge.slug])
    response = client.post(page, {"title": "Site plan", "file": SimpleUploadedFile("plan.pdf", PDF_BYTES)})
    assert response.status_code == 302
    refused = client.post(page, {"title": "Fake", "file": SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf")})
    assert refused.status_code == 400 and "Only PDF, DOCX, XLSX, PNG and JPG files are accepted." in \
        refused.content.decode()
    [document] = challenge.documents.all()
    assert (document.title, document.content_type, document.size) == ("Site plan", "application/pdf", len(PDF_BYTES))
    download = reverse("challenges:document_download", args=[document.pk])
    client.force_login(people["sme"])
    assert client.get(download).status_code == 404  # a draft's documents are the owner's
    services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="published")
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert download in client.get(challenge.get_absolute_url()).content.decode()
    # Once published, a document stays: applicants may rely on it
    client.force_login(people["owner"])
    response = client.post(reverse("challenges:document_delete", args=[document.pk]), follow=True)
    assert "stay available to applicants" in response.content.decode() and challenge.documents.exists()


def test_documents_are_removed_from_a_draft_and_frozen_once_decided(people):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    challenge = ChallengeFactory(owner=people["owner_org"], status="draft", published_at=None)
    document = services.challenge_document_add(actor=people["owner"], challenge=challenge, title="",
                                               file=SimpleUploadedFile("tender.pdf", PDF_BYTES))
    assert document.title == "tender.pdf"
    services.challenge_document_delete(actor=people["owner"], document=document)
    assert not challenge.documents.exists()
    Challenge.objects.filter(pk=challenge.pk).update(status="decided")
    with pytest.raises(ValidationError, match="draft or open"):
        services.challenge_document_add(actor=people["owner"], challenge=challenge, title="Late",
                                        file=SimpleUploadedFile("late.pdf", PDF_BYTES))


def test_translations_are_shown_searchable_and_never_duplicate_the_original_or_english(people, client):
    from django.core.exceptions import ValidationError

    challenge = ChallengeFactory(owner=people["owner_org"], language="sv")
    client.force_login(people["owner"])
    page = reverse("challenges:challenge_translations", args=[challenge.slug])
    form = client.get(page).content.decode()
    form = form[form.index('name="language" id="id_language"'):]
    form = form[:form.index("</select>")]
    assert 'value="da"' in form and 'value="sv"' not in form and 'value="en"' not in form
    response = client.post(page, {"language": "da", "title": "Energieffektive skoler",
                                  "summary": "Vi søger varmepumper til skolebygninger."})
    assert response.status_code == 302
    for language in ("sv", "en"):
        with pytest.raises(ValidationError):
            services.challenge_translation_save(actor=people["owner"], challenge=challenge, language=language,
                                                title="x", summary="y")
    # Replacing keeps one translation per language
    services.challenge_translation_save(actor=people["owner"], challenge=challenge, language="da",
                                        title="Energieffektive skoler", summary="Vi søger varmepumper.")
    [translation] = challenge.translations.all()
    client.logout()
    assert "Energieffektive skoler" in client.get(challenge.get_absolute_url()).content.decode()
    # A Danish word found only in the translation finds the challenge
    listing = client.get(reverse("challenges:challenge_list"), {"q": "varmepumper"}).content.decode()
    assert challenge.title_en in listing
    client.force_login(people["owner"])
    client.post(reverse("challenges:translation_delete", args=[translation.pk]))
    assert not challenge.translations.exists()
    client.logout()
    listing = client.get(reverse("challenges:challenge_list"), {"q": "varmepumper"}).content.decode()
    assert challenge.title_en not in listing


def test_receipt_pdf_is_for_the_applicants_side_once_submitted(people, client):
    challenge = ChallengeFactory(owner=people["owner_org"])
    application = services.application_create(actor=people["sme"], challenge=challenge, applicant=people["sme_org"],
                                              title="Heat pumps", solution_summary="Retrofit", trl=7)
    receipt = reverse("challenges:application_receipt", args=[application.pk])
    client.force_login(people["sme"])
    assert client.get(receipt).status_code == 404  # nothing submitted yet
    services.application_submit(actor=people["sme"], application=application)
    page = client.get(application.get_absolute_url()).content.decode()
    assert receipt in page
    response = client.get(receipt)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    client.force_login(people["owner"])  # sees the submitted application, but the receipt is the applicant's
    assert receipt not in client.get(application.get_absolute_url()).content.decode()
    assert client.get(receipt).status_code == 403


def test_feedback_letter_page_and_pdf_after_the_decision(people, client, django_capture_on_commit_callbacks):
    challenge = ChallengeFactory(owner=people["owner_org"], status="under_evaluation", contact_email="it@goteborg.se")
    application = ApplicationFactory(challenge=challenge, applicant=people["sme_org"], status="shortlisted")
    services.application_decide(actor=people["owner"], application=application, selected=True,
                                feedback="Strong pilot plan.")
    letter = reverse("challenges:application_feedback", args=[application.pk])
    client.force_login(people["sme"])
    assert client.get(letter).status_code == 404  # not published before the challenge is decided
    with django_capture_on_commit_callbacks(execute=True):
        services.challenge_transition(actor=people["owner"], challenge=challenge, to_status="decided")
    page = client.get(letter).content.decode()
    assert "Your application was selected." in page and "Strong pilot plan." in page and "it@goteborg.se" in page
    assert letter in client.get(application.get_absolute_url()).content.decode()
    assert any(letter in m.body for m in mail.outbox if "Decision" in m.subject)
    pdf = client.get(reverse("challenges:application_feedback_pdf", args=[application.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


@pytest.mark.django_db
def test_country_choices_are_current_even_after_a_form_field_was_built_earlier():
    """Regression: the API schema generator built the field once, and its empty choices stuck."""
    from northern_connections.challenges.filtersets import ChallengeFilterSet
    from northern_connections.challenges.models import Challenge
    from northern_connections.challenges.tests.factories import ChallengeFactory

    ChallengeFilterSet.base_filters["country"].field  # noqa: B018  (what drf-spectacular does)
    ChallengeFactory(status="published", country="SE")
    form = ChallengeFilterSet(None, queryset=Challenge.objects.all()).form
    assert "SE" in [code for code, _label in form.fields["country"].choices]


def test_challenge_headings_are_not_taken_from_the_admins_catalogue(people, client):
    # regression: Django admin's "History" (de "Geschichte") and "Summary" (sv "Översikt") came
    # first in the merged catalogue; the board's own wording has a context of its own
    from northern_connections.challenges.models import ChallengeTransition

    challenge = ChallengeFactory(owner=people["owner_org"])
    ChallengeTransition.objects.create(challenge=challenge, from_status="draft", to_status="published")
    people["owner"].preferred_language = "de"
    people["owner"].save()
    client.force_login(people["owner"])
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "<h2>Verlauf</h2>" in page and "Geschichte" not in page
    people["owner"].preferred_language = "sv"
    people["owner"].save()
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "<h2>Sammanfattning</h2>" in page and "Översikt" not in page
