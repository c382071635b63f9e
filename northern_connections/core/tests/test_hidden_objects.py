"""A hidden object (a draft, someone else's application) and one that does not exist get the same answer,
on pages and in the API: an error message must not tell an outsider that a draft exists (issue 9, item 6)."""

import pytest
from django.urls import reverse

from northern_connections.challenges.tests.factories import ApplicationFactory, ChallengeFactory
from northern_connections.events.tests.factories import EventFactory


def _answer(client, method, path, data, hidden, unknown):
    """Status and body of the request for `hidden` and for `unknown`, with the given key blanked out."""
    answers = []
    for value in (hidden, unknown):
        body = {key: (value if item == "{}" else item) for key, item in data.items()}
        response = getattr(client, method)(path, body, content_type="application/json")
        answers.append((response.status_code, response.content.decode().replace(str(value), "…")))
    return answers


@pytest.fixture
def drafts(people):
    return {"challenge": ChallengeFactory(owner=people.organisation, slug="secret-draft", status="draft",
                                          published_at=None),
            "event": EventFactory(organisers=[people.organisation], slug="secret-event", status="draft",
                                  published_at=None)}


API_CASES = {
    "application": ("api:v1:application-list", {"challenge": "{}", "applicant": "dk"}, "challenge"),
    "clarification": ("api:v1:clarification-list", {"challenge": "{}", "organisation": "dk", "question": "Why?"},
                      "challenge"),
    "recommendation": ("api:v1:recommendation-list", {"challenge": "{}", "cluster": "dk", "organisations": ["dk"],
                                                      "message": "Look"}, "challenge"),
    "jury": ("api:v1:juryassignment-list", {"challenge": "{}", "email": "someone@example.org"}, "challenge"),
    "registration": ("api:v1:registration-list", {"event": "{}", "organisation": "dk"}, "event"),
}


@pytest.mark.parametrize("name", API_CASES)
def test_the_api_answers_a_draft_as_if_it_did_not_exist(name, people, drafts, client):
    url_name, data, kind = API_CASES[name]
    data = {key: (people.other_organisation.slug if value == "dk" else
                  [people.other_organisation.slug] if value == ["dk"] else value) for key, value in data.items()}
    client.force_login(people.outsider)
    hidden, unknown = _answer(client, "post", reverse(url_name), data, drafts[kind].slug, "no-such-slug")
    assert hidden == unknown


@pytest.mark.parametrize("url_name", ["api:v1:applicationpartner-list", "api:v1:attachment-list"])
def test_the_api_answers_someone_elses_draft_application_as_if_it_did_not_exist(url_name, people, client):
    other = ApplicationFactory(challenge=ChallengeFactory(owner=people.organisation))
    client.force_login(people.outsider)
    hidden, unknown = _answer(client, "post", reverse(url_name), {"application": "{}", "organisation": "x"},
                              other.pk, other.pk + 1000)
    assert hidden == unknown


@pytest.mark.parametrize("url_name", ["challenges:application_add", "challenges:challenge_detail",
                                      "challenges:clarification_add"])
def test_pages_answer_a_draft_challenge_as_if_it_did_not_exist(url_name, people, drafts, client):
    client.force_login(people.outsider)
    method = "get" if url_name.endswith("detail") else "post"
    answers = [getattr(client, method)(reverse(url_name, args=[slug]), {"applicant": people.other_organisation.pk})
               for slug in ("secret-draft", "no-such-slug")]
    assert [a.status_code for a in answers] == [404, 404]
    assert answers[0].content.decode().replace("secret-draft", "…") == \
        answers[1].content.decode().replace("no-such-slug", "…")


def test_pages_answer_a_draft_event_as_if_it_did_not_exist(people, drafts, client):
    client.force_login(people.outsider)
    answers = [client.post(reverse("events:event_register", args=[slug]),
                           {"organisation": people.other_organisation.pk}) for slug in ("secret-event", "no-such")]
    assert [a.status_code for a in answers] == [404, 404]
