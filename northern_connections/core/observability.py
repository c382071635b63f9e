"""Operations (issue 19): probes, one JSON log line per request, Prometheus metrics.

`ProbeMiddleware` stands first in MIDDLEWARE and answers three paths itself, before host
validation, the HTTPS redirect, sessions and authentication, so that a load balancer or a
Prometheus server reaching a web process by its address gets an answer:

- `/healthz`: the process is alive (no database, no Redis; 200 whenever Python answers);
- `/readyz`: the database answers, Redis answers (when `REDIS_URL` is set) and every migration
  is applied (503 with the failing checks otherwise);
- `/metrics`: Prometheus text format; only for the bearer of `NC_METRICS_TOKEN`, or without a
  token set, only from loopback with no proxy header (never public through a reverse proxy).

`RequestLogMiddleware` times every other request, writes one line to the `nc.request` logger
(`JsonFormatter` makes it JSON in production) and counts it in the metrics: a latency histogram
per view name (the URL pattern's name, never the raw path, so the number of series is bounded)
and responses per view and status. Celery's queue lengths are read from the broker when the
metrics are scraped. With several gunicorn workers the metrics are aggregated across processes
through prometheus_client's multiprocess mode (`PROMETHEUS_MULTIPROC_DIR`, see
config/gunicorn.conf.py).
"""

import hmac
import ipaddress
import json
import logging
import os
import re
import time
import uuid

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse, JsonResponse
from django.utils.functional import empty
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

logger = logging.getLogger("nc.request")

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 2.0, 5.0, 10.0, 30.0)
REQUEST_LATENCY = Histogram("nc_http_request_duration_seconds", "Time to answer a request, per view name",
                            ["view", "method"], buckets=LATENCY_BUCKETS)
RESPONSES = Counter("nc_http_responses", "Responses per view name and status code", ["view", "status"])
PROBE_PATHS = ("/healthz", "/readyz", "/metrics")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
PROXY_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")


class ProbeMiddleware:
    """Answers /healthz, /readyz and /metrics before anything else runs (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return JsonResponse({"status": "ok"})
        if request.path_info == "/readyz":
            problems = readiness_problems()
            return JsonResponse({"status": "fail" if problems else "ok", "problems": problems},
                                status=503 if problems else 200)
        if request.path_info == "/metrics":
            if not metrics_allowed(request.META):
                return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
            return HttpResponse(metrics_text(), content_type=CONTENT_TYPE_LATEST)
        return self.get_response(request)


class RequestLogMiddleware:
    """One log line and two metrics per request; the request id travels in X-Request-ID."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
        started = time.perf_counter()
        response = self.get_response(request)
        duration = time.perf_counter() - started
        match = getattr(request, "resolver_match", None)
        view = (match.view_name or match._func_path) if match else "<unresolved>"
        REQUEST_LATENCY.labels(view=view, method=request.method).observe(duration)
        RESPONSES.labels(view=view, status=str(response.status_code)).inc()
        response.setdefault("X-Request-ID", request.request_id)
        logger.info("%s %s %s", request.method, request.path, response.status_code, extra={"http": {
            "method": request.method, "path": request.path, "status": response.status_code,
            "duration_ms": round(duration * 1000, 1), "view": view, "request_id": request.request_id,
            "user_id": _user_id(request)}})
        return response


def _user_id(request) -> int | None:
    """The signed-in user's id, if the request already looked the user up (never a query of its own)."""
    user = request.__dict__.get("user")
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is None or wrapped is empty:
        return None
    return wrapped.pk if wrapped.is_authenticated else None


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the request's fields, any traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
                 "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        entry.update(getattr(record, "http", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)

    converter = time.gmtime


_migrations_applied = False


def readiness_problems() -> list[str]:
    """What keeps this process from serving: an unreachable database or Redis, unapplied migrations."""
    global _migrations_applied
    problems = []
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure means "not ready", said in one line
        return [f"database: {type(error).__name__}: {error}".strip()[:200]]
    if not _migrations_applied:
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        # Once applied they stay applied for this process's code: later probes skip reading the graph.
        _migrations_applied = not pending
        if pending:
            problems.append(f"migrations: {len(pending)} not applied")
    if os.environ.get("REDIS_URL"):
        try:
            import redis

            redis.Redis.from_url(os.environ["REDIS_URL"], socket_timeout=2, socket_connect_timeout=2).ping()
        except Exception as error:  # noqa: BLE001
            problems.append(f"redis: {type(error).__name__}: {error}"[:200])
    return problems


def metrics_allowed(meta: dict) -> bool:
    """The token's bearer, or (no token configured) a direct request from loopback."""
    token = getattr(settings, "METRICS_TOKEN", "")
    if token:
        given = meta.get("HTTP_AUTHORIZATION", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
    if any(meta.get(header) for header in PROXY_HEADERS):
        return False
    try:
        return ipaddress.ip_address(meta.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


class CeleryQueueCollector:
    """Messages waiting in each Celery queue, read from the broker at scrape time."""

    def collect(self):
        length = GaugeMetricFamily("nc_celery_queue_length", "Messages waiting in a Celery queue", labels=["queue"])
        up = GaugeMetricFamily("nc_celery_broker_up", "1 when the broker answered the queue-length question")
        try:
            for name, size in celery_queue_lengths().items():
                length.add_metric([name], size)
            up.add_metric([], 1)
        except Exception:  # noqa: BLE001 - a broker that does not answer is a metric, not an error page
            up.add_metric([], 0)
        yield length
        yield up


def celery_queue_lengths() -> dict[str, int]:
    """Queue name -> waiting messages, through kombu (Redis lists or the file-system folder alike)."""
    from celery import current_app

    names = list(current_app.amqp.queues) or [current_app.conf.task_default_queue]
    with current_app.connection_for_read() as connection:
        connection.ensure_connection(max_retries=1, timeout=2)
        channel = connection.default_channel
        sizes = {}
        for name in names:
            try:
                sizes[name] = channel.queue_declare(queue=name, passive=True).message_count
            except Exception:  # noqa: BLE001 - a queue nobody has declared yet holds nothing
                sizes[name] = 0
        return sizes


def metrics_text() -> bytes:
    """The exposition: this process's registry, or every worker's with the multiprocess directory."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        from prometheus_client import REGISTRY as registry
    scrape = CollectorRegistry()
    scrape.register(CeleryQueueCollector())
    return generate_latest(registry) + generate_latest(scrape)
