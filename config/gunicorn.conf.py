"""gunicorn in production (issue 19): `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Several workers, each a process (the platform keeps no state in memory that is the only copy of
anything), behind a reverse proxy that terminates TLS. Requests are logged by the application
(one JSON line each, core/observability.py), so gunicorn's own access log is off. The Prometheus
metrics of all workers are added up through prometheus_client's multiprocess directory, emptied at
start and told about each worker that exits.
"""

import multiprocessing
import os
import shutil
from pathlib import Path

bind = os.environ.get("NC_BIND", "127.0.0.1:8001")
# 2 × cores + 1 is gunicorn's rule for workers that mostly wait on the database; NC_WEB_WORKERS overrides.
workers = int(os.environ.get("NC_WEB_WORKERS", str(2 * multiprocessing.cpu_count() + 1)))
timeout = int(os.environ.get("NC_WEB_TIMEOUT", "60"))  # PDFs of large reports take seconds, never a minute
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (jittered so they do not all restart at once): bounds slow leaks.
max_requests = 2000
max_requests_jitter = 200
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The proxy's address: only its X-Forwarded-Proto is believed (Django reads it: SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("NC_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

_var = Path(os.environ.get("NC_VAR_DIR", Path(__file__).resolve().parent.parent / "var"))
# Set before any worker imports prometheus_client, which reads it at import time.
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(_var / "prometheus"))


def on_starting(server):
    """Metrics of a previous run are not this run's: start from an empty directory."""
    directory = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    """A worker's live gauges leave with it; its counters and histograms stay in the sum."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
