"""The API: results for owners, and responses that keep an anonymous survey anonymous."""

import pytest
from django.urls import reverse

from northern_connections.surveys import services
from northern_connections.surveys.models import Response

from .factories import FEEDBACK, survey

pytestmark = pytest.mark.django_db


def _answered(people, **settings):
    opened = survey(people.member, people.organisation, open_link=True, **settings)
    for user in (people.outsider, people.admin, None):
        started = services.response_start_open(survey=opened, user=user)
        services.response_save(response=started.response, answers=FEEDBACK, submit=True)
    return opened


def test_results_are_aggregates_for_the_owners(client, people):
    opened = _answered(people)
    client.force_login(people.member)
    data = client.get(reverse("api:v1:survey-results", args=[opened.slug])).json()
    overall = next(q for q in data["questions"] if q["key"] == "overall")
    assert data["responses"] == 3 and overall["mean"] == 4.0
    assert [c["count"] for c in overall["counts"]] == [0, 0, 0, 3, 0]
    filtered = client.get(reverse("api:v1:survey-results", args=[opened.slug]), {"country": "DK"}).json()
    assert filtered["responses"] == 1 and next(q for q in filtered["questions"] if q["key"] == "overall")[
        "suppressed"]


def test_anonymous_responses_in_the_api_have_no_id_and_no_attributes(client, people):
    opened = _answered(people)
    client.force_login(people.member)
    data = client.get(reverse("api:v1:survey-responses", args=[opened.slug])).json()
    assert data["anonymous"] and len(data["results"]) == 3
    assert all(set(item) == {"answers"} for item in data["results"])
    text = str(data)
    for response in Response.objects.filter(survey=opened):
        assert str(response.pk) not in text
    assert people.outsider.email not in text


def test_named_responses_in_the_api_carry_the_person(client, people):
    named = survey(people.member, people.organisation, open_link=True, template="sme-internationalisation")
    started = services.response_start_open(survey=named, user=people.outsider)
    services.response_save(response=started.response, submit=True, answers={
        "exporting": "regularly", "barriers": {r: "no" for r in ("partners", "rules", "finance", "culture",
                                                                 "tenders")}})
    client.force_login(people.member)
    data = client.get(reverse("api:v1:survey-responses", args=[named.slug])).json()
    assert data["results"][0]["respondent"] == people.outsider.email
    client.force_login(people.outsider)
    assert client.get(reverse("api:v1:survey-responses", args=[named.slug])).status_code == 403
