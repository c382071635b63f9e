from django.urls import reverse

from northern_connections.challenges import services

from .factories import ChallengeFactory


def test_api_filters_like_the_page(world, client):
    ChallengeFactory(slug="oslo-one", owner__country="NO", owner__kind="municipality")
    response = client.get(reverse("api:v1:challenge-list"), {"country": "NO"})
    assert [c["slug"] for c in response.json()["results"]] == ["oslo-one"]


def test_api_refuses_a_stale_version(people, client):
    challenge = ChallengeFactory(owner=people["owner_org"])
    application = services.application_create(actor=people["sme"], challenge=challenge, applicant=people["sme_org"])
    client.force_login(people["sme"])
    path = reverse("api:v1:application-detail", args=[application.pk])
    first = client.patch(path, {"title": "One", "version": 1}, content_type="application/json")
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = client.patch(path, {"title": "Two", "version": 1}, content_type="application/json")
    assert stale.status_code == 400 and "changed by someone else" in str(stale.json())


def test_api_application_after_deadline_is_refused(people, client, frozen):
    from datetime import timedelta

    challenge = ChallengeFactory(owner=people["owner_org"])
    frozen(challenge.application_deadline + timedelta(seconds=1))
    client.force_login(people["sme"])
    response = client.post(reverse("api:v1:application-list"),
                           {"challenge": challenge.slug, "applicant": people["sme_org"].slug},
                           content_type="application/json")
    assert response.status_code == 400 and "has passed" in str(response.json())
