"""The generic action view: one service call per POST, refusals as messages, the gate for look-ups."""

import pytest
from django.contrib.messages import get_messages

from northern_connections.core.models import Job

from . import generic_urls

pytestmark = [pytest.mark.django_db, pytest.mark.urls("northern_connections.core.tests.generic_urls")]


@pytest.fixture
def owner_job(make_user):
    owner = make_user("owner@example.org")
    return owner, Job.objects.create(kind="test", owner=owner)


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_get_asks_for_confirmation_and_changes_nothing(client, owner_job):
    owner, job = owner_job
    client.force_login(owner)
    response = client.get(f"/test-jobs/{job.pk}/finish/")
    assert response.status_code == 200
    assert b"<form method=\"post\">" in response.content
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING


def test_post_calls_the_service_once_with_actor_object_and_request_arguments(client, owner_job):
    owner, job = owner_job
    generic_urls.CALLS.clear()
    client.force_login(owner)
    response = client.post(f"/test-jobs/{job.pk}/finish/", {"message": "all good"})
    assert response.status_code == 302 and response["Location"] == "/done/"
    assert _messages(response) == ["Finished."]
    assert [(c["actor"], c["job"].pk, c["message"]) for c in generic_urls.CALLS] == [(owner, job.pk, "all good")]


def test_a_refusal_becomes_a_message_not_an_error_page(client, owner_job):
    owner, job = owner_job
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE)
    client.force_login(owner)
    response = client.post(f"/test-jobs/{job.pk}/finish/")
    assert response.status_code == 302 and response["Location"] == "/failed/"
    assert _messages(response) == ["This job is finished already."]


def test_the_object_is_looked_up_through_the_gate(client, owner_job, make_user):
    _, job = owner_job
    client.force_login(make_user("stranger@example.org"))
    assert client.post(f"/test-jobs/{job.pk}/finish/").status_code == 404
    client.logout()
    response = client.post(f"/test-jobs/{job.pk}/finish/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
