"""Pages of the surveys app: building, answering section by section, results with filters, exports."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from northern_connections.core.testing import response_text
from northern_connections.surveys import services
from northern_connections.surveys.models import Response

from .factories import FEEDBACK, survey

pytestmark = pytest.mark.django_db


def _answered(people, count=3, **settings):
    opened = survey(people.member, people.organisation, open_link=True, **settings)
    for n in range(count):
        started = services.response_start_open(survey=opened, user=None)
        services.response_save(response=started.response, answers={**FEEDBACK, "overall": n + 3,
                                                                   "improve": f"Answer {n}"}, submit=True)
    return opened


def test_an_officer_builds_a_survey_from_a_template_in_two_languages(client, people):
    client.force_login(people.member)
    page = client.post(reverse("surveys:survey_add"), {
        "owner": people.organisation.pk, "template": "procurement-readiness", "language": "en",
        "languages": ["en", "da"], "anonymous": "on"})
    assert page.status_code == 302
    detail = client.get(page.url + "?language=da")
    assert detail.status_code == 200
    assert "Innovative procurement" in detail.content.decode()
    made = detail.context["object"]
    page = client.post(reverse("surveys:question_add", args=[made.slug]) + "?language=en", {
        "language": "en", "kind": "single", "text": "Do you have a strategy?", "options": "Yes\nNo",
        "condition_question": "used", "condition_operator": "equals", "condition_value": "yes"})
    assert page.status_code == 302, page.content.decode()[:2000]
    question = made.questions.get(key="do-you-have-a-strategy")
    assert question.condition == {"question": "used", "operator": "equals", "value": "yes"}
    page = client.post(reverse("surveys:question_add", args=[made.slug]), {
        "language": "en", "kind": "single", "text": "Broken", "options": "Yes\nNo", "condition_question": "used",
        "condition_operator": "equals", "condition_value": "perhaps"})
    assert page.status_code == 400 and "choices" in page.content.decode()


def test_answering_section_by_section_with_the_keyboard_friendly_form(client, people):
    opened = survey(people.member, people.organisation, open_link=True, template="procurement-readiness")
    start = client.post(reverse("surveys:survey_answer", args=[opened.slug]))
    ballot = start.url
    first = client.get(ballot)
    html = first.content.decode()
    assert '<fieldset class="question" id="q-role"' in html and "<legend" in html
    page = client.post(ballot, {"page": "0", "action": "next", "role": "procurement", "procedures": "abc"})
    assert page.status_code == 400
    html = page.content.decode()
    assert 'aria-describedby="q-procedures-errors"' in html and 'id="q-procedures-errors"' in html
    assert 'href="#q-procedures"' in html  # the error summary links to the question
    page = client.post(ballot, {"page": "0", "action": "next", "role": "procurement", "procedures": "40"})
    assert page.status_code == 302
    second = client.get(page.url).content.decode()
    assert "Answer this only if" in second  # "methods" depends on "used" on the same page
    page = client.post(ballot, {"page": "1", "action": "later", "used": "no", "barriers": ["budget"]})
    assert "Your answers are saved" in page.content.decode()
    page = client.post(ballot, {"page": "1", "action": "next", "used": "no", "barriers": ["budget"],
                                "readiness": "2"})
    page = client.post(ballot, {"page": "2", "action": "submit", "priorities.energy": "1",
                                "priorities.mobility": "2", "priorities.care": "3", "priorities.circular": "4",
                                "priorities.digital": "5", "skills.dialogue": "basic"})
    assert page.status_code == 302 and page.url.endswith("/thanks/")
    response = Response.objects.get(survey=opened, submitted=True)
    assert response.answers["priorities"] == ["energy", "mobility", "care", "circular", "digital"]
    assert response.answers["procedures"] == 40 and "methods" not in response.answers
    assert client.get(ballot).status_code == 404  # the resume key is spent


def test_results_with_filters_and_suppression(client, people):
    opened = _answered(people, count=3)
    client.force_login(people.member)
    page = client.get(reverse("surveys:survey_results", args=[opened.slug]))
    html = page.content.decode()
    assert page.status_code == 200 and "Answer 0" in html and "<svg" in html
    assert 'id="q0-overall-table"' in html  # the chart's table twin
    few = client.get(reverse("surveys:survey_results", args=[opened.slug]), {"tag": "nothing"})
    assert "Answer 0" not in few.content.decode()


def test_exports_of_an_anonymous_survey_carry_no_person(client, people):
    opened = _answered(people, count=3)
    client.force_login(people.member)
    xlsx = client.get(reverse("surveys:results_export", args=[opened.slug]))
    book = load_workbook(io.BytesIO(xlsx.content))
    rows = list(book.worksheets[1].iter_rows(values_only=True))
    assert rows[0][:2] == ("overall", "useful") and len(rows) == 4
    text = response_text(xlsx)
    for response in Response.objects.filter(survey=opened):
        assert str(response.pk) not in text
    pdf = client.get(reverse("surveys:results_export", args=[opened.slug]), {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    # Review fix: this assertion ended in "or pdf.content" and could not fail; the PDF's own text is read now.
    pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert opened.questions.exists() and all(str(r.pk) not in pdf_text for r in Response.objects.filter(survey=opened))
    assert "3 submitted responses" in pdf_text and "satisfied were you with the event overall" in pdf_text


def test_published_results_are_public_without_free_text(client, people):
    opened = _answered(people, count=3)
    services.survey_publish_results(actor=people.member, survey=opened)
    page = client.get(reverse("surveys:survey_published", args=[opened.slug]))
    assert page.status_code == 200 and "Answer 0" not in page.content.decode()
    services.survey_publish_results(actor=people.member, survey=opened, publish=False)
    assert client.get(reverse("surveys:survey_published", args=[opened.slug])).status_code == 404


def test_comparison_of_two_groups(client, people):
    opened = _answered(people, count=3)
    client.force_login(people.member)
    page = client.get(reverse("surveys:survey_compare", args=[opened.slug]))
    assert page.status_code == 200 and "Group A" in page.content.decode()


def test_the_owner_sees_who_answered_a_named_survey_and_nobody_else_does(client, people):
    named = survey(people.member, people.organisation, open_link=True, template="sme-internationalisation")
    started = services.response_start_open(survey=named, user=people.outsider)
    services.response_save(response=started.response, submit=True, answers={
        "exporting": "regularly", "barriers": {r: "no" for r in ("partners", "rules", "finance", "culture",
                                                                 "tenders")}})
    client.force_login(people.member)
    page = client.get(reverse("surveys:survey_results", args=[named.slug]))
    assert "Who answered" in page.content.decode() and people.outsider.email in page.content.decode()
    anonymous = _answered(people, count=3)
    page = client.get(reverse("surveys:survey_results", args=[anonymous.slug]))
    assert "Who answered" not in page.content.decode()
    client.force_login(people.outsider)
    assert client.get(reverse("surveys:survey_results", args=[named.slug])).status_code == 403


def test_starting_to_answer_is_rate_limited(client, people, settings):
    from django.core.cache import cache

    opened = survey(people.member, people.organisation, open_link=True)
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "answering": "2/min"}}
    cache.clear()
    url = reverse("surveys:survey_answer", args=[opened.slug])
    assert [client.post(url).status_code for _ in range(3)] == [302, 302, 429]
    cache.clear()
