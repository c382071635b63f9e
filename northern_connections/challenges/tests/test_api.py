from django.urls import reverse

from northern_connections.challenges import services

from .factories import ApplicationFactory, ChallengeFactory


def test_api_filters_like_the_page(db, client):
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


def test_api_consortium_invite_respond_and_attach(people, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    challenge = ChallengeFactory(owner=people["owner_org"])
    application = services.application_create(actor=people["sme"], challenge=challenge, applicant=people["sme_org"])
    client.force_login(people["sme"])
    invited = client.post(reverse("api:v1:applicationpartner-list"),
                          {"application": application.pk, "organisation": "fjord-heat", "role": "Installer"},
                          content_type="application/json")
    assert invited.status_code == 201 and invited.json()["status"] == "invited"
    respond = reverse("api:v1:applicationpartner-respond", args=[invited.json()["id"]])
    assert client.post(respond, {"accept": True}, content_type="application/json").status_code == 403  # not theirs
    client.force_login(people["partner"])
    answered = client.post(respond, {"accept": True}, content_type="application/json")
    assert answered.status_code == 200 and answered.json()["status"] == "confirmed"
    # A confirmed partner's editors may add files; the type is checked from the bytes
    upload = reverse("api:v1:attachment-list")
    refused = client.post(upload, {"application": application.pk, "file": SimpleUploadedFile("a.pdf", b"GIF89a...")})
    assert refused.status_code == 400 and "Only PDF" in str(refused.json())
    stored = client.post(upload, {"application": application.pk, "file": SimpleUploadedFile("a.pdf", b"%PDF-1.7\n")})
    assert stored.status_code == 201
    assert stored.json()["content_type"] == "application/pdf" and stored.json()["title"] == "a.pdf"
    assert stored.json()["download"].endswith(reverse("challenges:attachment_download", args=[stored.json()["id"]]))


def test_api_jury_conflict_and_recommendation(people, client, django_capture_on_commit_callbacks):
    from django.core import mail

    from northern_connections.accounts.models import Membership
    from northern_connections.directory.models import ClusterMembership
    from northern_connections.directory.tests.factories import OrganisationFactory

    challenge = ChallengeFactory(owner=people["owner_org"], status="under_evaluation")
    application = ApplicationFactory(challenge=challenge, applicant=people["sme_org"], status="submitted")
    client.force_login(people["owner"])
    missing = client.post(reverse("api:v1:juryassignment-list"), {"challenge": challenge.slug,
                                                                  "email": "nobody@example.org"},
                          content_type="application/json")
    assert missing.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        added = client.post(reverse("api:v1:juryassignment-list"),
                            {"challenge": challenge.slug, "email": people["juror_a"].email},
                            content_type="application/json")
    assert added.status_code == 201 and any(people["juror_a"].email in m.to for m in mail.outbox)
    client.force_login(people["juror_a"])
    declared = client.post(reverse("api:v1:conflictdeclaration-list"),
                           {"application": application.pk, "reason": "My former employer"},
                           content_type="application/json")
    assert declared.status_code == 201 and declared.json()["challenge"] == challenge.slug
    score = client.post(reverse("api:v1:score-list"), {"application": application.pk,
                                                       "criterion": challenge.criteria.first().pk, "value": 5},
                        content_type="application/json")
    assert score.status_code == 403 and "conflict" in str(score.json())

    # A cluster manager recommends an open challenge to a member SME, which is notified
    open_challenge = ChallengeFactory(owner=people["owner_org"])
    cluster = OrganisationFactory(kind="cluster", country="DK", slug="offshore-cluster")
    ClusterMembership.objects.create(cluster=cluster, member=people["sme_org"])
    Membership.objects.create(user=people["juror_b"], organisation=cluster, role="admin")
    client.force_login(people["juror_b"])
    with django_capture_on_commit_callbacks(execute=True):
        recommended = client.post(reverse("api:v1:recommendation-list"),
                                  {"challenge": open_challenge.slug, "cluster": "offshore-cluster",
                                   "organisations": [people["sme_org"].slug], "message": "Your heat pumps fit."},
                                  content_type="application/json")
    assert recommended.status_code == 201
    assert [r["organisation"] for r in recommended.json()] == [people["sme_org"].slug]
    assert any(people["sme"].email in m.to and "recommends" in m.subject for m in mail.outbox)
    client.force_login(people["sme"])
    received = client.get(reverse("api:v1:recommendation-list"), {"challenge": open_challenge.pk}).json()
    assert [r["message"] for r in received["results"]] == ["Your heat pumps fit."]


def _patch(client, challenge, body):
    return client.patch(reverse("api:v1:challenge-detail", args=[challenge.slug]), body,
                        content_type="application/json")


def test_api_refused_criteria_change_leaves_nothing_saved(people, client):
    # Regression: the title was saved in one transaction, then the criteria change was refused in another.
    challenge = ChallengeFactory(owner=people["owner_org"])  # published: criteria are fixed
    client.force_login(people["owner"])
    response = _patch(client, challenge, {"title": "Changed title",
                                          "criteria": [{"name": "Price", "weight": 100}]})
    assert response.status_code == 400 and "draft" in str(response.json())
    challenge.refresh_from_db()
    assert challenge.title != "Changed title"
    assert list(challenge.criteria.values_list("name", "weight")) == [("Innovation", 60), ("Feasibility", 40)]


def test_api_draft_with_bad_weights_keeps_its_fields_and_criteria(people, client):
    challenge = ChallengeFactory(owner=people["owner_org"], status="draft", published_at=None)
    client.force_login(people["owner"])
    response = _patch(client, challenge, {"title": "Changed title",
                                          "criteria": [{"name": "Price", "weight": 30}]})
    assert response.status_code == 400 and "add up to 100" in str(response.json())
    challenge.refresh_from_db()
    assert challenge.title != "Changed title" and challenge.criteria.count() == 2
    saved = _patch(client, challenge, {"title": "Changed title", "criteria": [{"name": "Price", "weight": 100}]})
    assert saved.status_code == 200
    challenge.refresh_from_db()
    assert challenge.title == "Changed title"
    assert list(challenge.criteria.values_list("name", "weight")) == [("Price", 100)]
