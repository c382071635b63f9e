"""Probes, request log lines and metrics (issue 19, core/observability.py)."""

import json
import logging

import pytest
from django.test import override_settings

from northern_connections.core import observability


def test_healthz_answers_without_the_database(client):
    # No django_db mark: any query would raise. A probe by address is answered (no ALLOWED_HOSTS check).
    response = client.get("/healthz", HTTP_HOST="10.1.2.3")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_checks_database_and_migrations(client, monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setattr(observability, "_migrations_applied", False)
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "problems": []}


@pytest.mark.django_db
def test_readyz_fails_when_redis_does_not_answer(client, monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")  # nothing listens on port 1
    response = client.get("/readyz")
    assert response.status_code == 503
    assert [p.split(":")[0] for p in response.json()["problems"]] == ["redis"]


def test_readyz_fails_when_the_database_does_not_answer(client, monkeypatch):
    class Broken:
        def cursor(self):
            raise OSError("connection refused")
    monkeypatch.setattr(observability, "connections", {"default": Broken()})
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["problems"][0].startswith("database: OSError")


@pytest.mark.parametrize(("meta", "allowed"), [
    ({"REMOTE_ADDR": "127.0.0.1"}, True),
    ({"REMOTE_ADDR": "::1"}, True),
    ({"REMOTE_ADDR": "192.0.2.7"}, False),
    # A reverse proxy on the same host forwards public requests from loopback: it says so in a header.
    ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.7"}, False),
    ({"REMOTE_ADDR": "127.0.0.1", "HTTP_FORWARDED": "for=192.0.2.7"}, False),
    ({"REMOTE_ADDR": "not-an-address"}, False),
])
def test_metrics_without_a_token_are_for_loopback_only(meta, allowed):
    assert observability.metrics_allowed(meta) is allowed


@override_settings(METRICS_TOKEN="s3cret")
def test_metrics_with_a_token_need_it_from_anywhere(client):
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    response = client.get("/metrics", REMOTE_ADDR="192.0.2.7", HTTP_AUTHORIZATION="Bearer s3cret")
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_request_is_logged_once_and_counted_per_view(client, caplog):
    with caplog.at_level(logging.INFO, logger="nc.request"):
        response = client.get("/health/", HTTP_X_REQUEST_ID="probe-42")
    assert response["X-Request-ID"] == "probe-42"
    (record,) = [r for r in caplog.records if r.name == "nc.request"]
    line = json.loads(observability.JsonFormatter().format(record))
    assert {k: line[k] for k in ("method", "path", "status", "view", "request_id", "user_id")} == {
        "method": "GET", "path": "/health/", "status": 200, "view": "core:health", "request_id": "probe-42",
        "user_id": None}
    assert line["duration_ms"] >= 0 and line["level"] == "INFO" and line["time"].endswith("Z")
    text = client.get("/metrics").content.decode()
    assert 'nc_http_request_duration_seconds_bucket{le="0.3",method="GET",view="core:health"}' in text
    assert 'nc_http_responses_total{status="200",view="core:health"}' in text
    assert "nc_celery_broker_up" in text


@pytest.mark.django_db
def test_the_log_line_names_the_signed_in_user(client, people, caplog):
    client.force_login(people.member)
    with caplog.at_level(logging.INFO, logger="nc.request"):
        client.get("/account/profile/")
    (record,) = [r for r in caplog.records if r.name == "nc.request"]
    assert record.http["user_id"] == people.member.pk


@pytest.mark.django_db
def test_an_unsafe_request_id_is_replaced(client):
    response = client.get("/health/", HTTP_X_REQUEST_ID="<script>")
    assert response["X-Request-ID"] != "<script>" and len(response["X-Request-ID"]) == 32


def test_queue_lengths_come_from_the_broker(settings, tmp_path):
    from celery import current_app

    queue = tmp_path / "queue"
    queue.mkdir()
    current_app.conf.broker_transport_options = {"data_folder_in": str(queue), "data_folder_out": str(queue),
                                                 "control_folder": str(tmp_path / "control")}
    try:
        with current_app.connection_for_write("filesystem://") as connection:
            producer = connection.Producer()
            for n in range(3):
                producer.publish({"n": n}, routing_key="celery", declare=[current_app.amqp.queues["celery"]])
        current_app.conf.broker_url = "filesystem://"
        assert observability.celery_queue_lengths()["celery"] == 3
    finally:
        current_app.conf.broker_transport_options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
        current_app.conf.broker_url = settings.CELERY_BROKER_URL
