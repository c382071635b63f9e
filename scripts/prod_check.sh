#!/usr/bin/env bash
# `make prod-check` (issue 19): the production configuration started on loopback and checked.
#
# A throwaway PostgreSQL database and a Redis server of its own (on NC_CHECK_REDIS_PORT, keeping
# nothing on disk), config.settings.prod with a random SECRET_KEY, `check --deploy`, collectstatic,
# gunicorn with config/gunicorn.conf.py (3 workers), a Celery worker and beat on that Redis; then
# scripts/prod_check.py asks /healthz, /readyz (before and after migrate), /metrics, the security
# headers, cookies and CSRF, static files, the JSON log lines, a task through the queue, and (with
# Chromium) that pages break no rule of the Content Security Policy. Everything is stopped and the
# database dropped at the end. Exit status non-zero on any failed check.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
port=${NC_CHECK_PORT:-8791}
redis_port=${NC_CHECK_REDIS_PORT:-6391}
pg=${NC_CHECK_PG:-postgres://postgres@127.0.0.1:5432}
work=$(mktemp -d /tmp/nc-prod-check.XXXXXX)
db="nc_prodcheck_$$"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  dropdb -h 127.0.0.1 -U postgres --if-exists "$db" 2>/dev/null || true
  [[ -n ${NC_CHECK_KEEP:-} ]] && echo "kept: $work" || rm -rf "$work"
}
trap cleanup EXIT INT TERM

export DJANGO_SETTINGS_MODULE=config.settings.prod
SECRET_KEY=$(.venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))")
export SECRET_KEY
export DATABASE_URL="$pg/$db"
export REDIS_URL="redis://127.0.0.1:$redis_port/0"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export NC_VAR_DIR="$work/var" STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media"
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export NC_REFERENCE_DOWNLOADS=0
export NC_BIND="127.0.0.1:$port" NC_WEB_WORKERS=${NC_CHECK_WORKERS:-3}
mkdir -p "$NC_VAR_DIR"
manage() { .venv/bin/python manage.py "$@"; }

echo "== redis on 127.0.0.1:$redis_port, database $db"
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
  >"$work/redis.log" 2>&1 &
pids+=($!)
createdb -h 127.0.0.1 -U postgres "$db"

echo "== manage.py check --deploy (config.settings.prod)"
manage check --deploy --fail-level WARNING
manage collectstatic --noinput -v0

echo "== gunicorn ($NC_WEB_WORKERS workers), before migrate"
.venv/bin/gunicorn -c config/gunicorn.conf.py config.wsgi >"$work/web.log" 2>&1 &
pids+=($!)
base="http://127.0.0.1:$port"
for _ in $(seq 90); do curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break; sleep 1; done
.venv/bin/python scripts/prod_check.py --base "$base" --phase unmigrated

echo "== migrate, worker and beat"
manage migrate --noinput -v0
manage createcachetable
manage load_reference_data --facts-only >/dev/null  # vocabularies, as a deployment loads them (README)
.venv/bin/celery -A config worker --loglevel=INFO --concurrency=1 --without-gossip --without-mingle \
  >"$work/worker.log" 2>&1 &
pids+=($!)
.venv/bin/celery -A config beat --loglevel=INFO --schedule "$work/celerybeat-schedule" >"$work/beat.log" 2>&1 &
pids+=($!)

echo "== checks"
.venv/bin/python scripts/prod_check.py --base "$base" --phase ready --web-log "$work/web.log" \
  --beat-log "$work/beat.log"
echo "== prod-check passed"
