#!/usr/bin/env bash
# Serve the platform with its background worker (embedded default: file-system broker, no server).
set -euo pipefail
cd "$(dirname "$0")/.."
host=${1:-127.0.0.1}
port=${2:-8000}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.dev}
mkdir -p var/queue var/queue-processed var/mail
# --beat runs the periodic jobs (deadlines, digests) inside the single embedded worker.
.venv/bin/celery -A config worker --beat --schedule var/celerybeat-schedule --loglevel=INFO --pool=solo \
  --concurrency=1 >var/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Worker started (log: var/worker.log). Demo logins: admin@example.org / northern-demo (see README)."
.venv/bin/python manage.py runserver "$host:$port" --noreload
