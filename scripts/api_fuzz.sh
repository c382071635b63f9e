#!/usr/bin/env bash
# Schemathesis against the whole API (issue 9): a throwaway SQLite database with reference and
# demo data, a server on loopback, then `st run` against /api/schema/ with the checks
# not_a_server_error and response_schema_conformance, as anonymous and as each demo role (token
# auth). Writes happen too (the demo roles create, edit and delete): the database is thrown away.
#
#   scripts/api_fuzz.sh                 # or: make api-fuzz
#   NC_FUZZ_MAX_EXAMPLES=25 NC_FUZZ_ROLES="anonymous sme@example.org" scripts/api_fuzz.sh
#
# Exit status: non-zero when any run found a failure. Reports: $NC_FUZZ_REPORT_DIR (junit per role).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

port=${NC_FUZZ_PORT:-8765}
max_examples=${NC_FUZZ_MAX_EXAMPLES:-5}
seed=${NC_FUZZ_SEED:-1}
phases=${NC_FUZZ_PHASES:-examples,fuzzing}
roles=${NC_FUZZ_ROLES:-anonymous admin@example.org officer.goteborg@example.org officer.aberdeen@example.org \
cluster.ecd@example.org coordinator@example.org sme@example.org}
work=$(mktemp -d /tmp/nc-api-fuzz.XXXXXX)
report_dir=${NC_FUZZ_REPORT_DIR:-$work/reports}
base="http://127.0.0.1:$port"

export DJANGO_SETTINGS_MODULE=config.settings.dev
export DEBUG=0 # a server error is a 500, never a debug page
export DATABASE_URL="sqlite:///$work/db.sqlite3"
export NC_VAR_DIR="$work/var"
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export NC_REFERENCE_DOWNLOADS=0
# The fuzzer sends far more than a client may: the rate limits would answer 429 to most of it.
for scope in ANON USER MATCHING SCHEDULING; do export "NC_API_RATE_$scope=1000000/min"; done

server=""
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  [[ -n ${NC_FUZZ_KEEP:-} ]] || rm -rf "$work"
}
trap cleanup EXIT INT TERM

manage() { .venv/bin/python manage.py "$@"; }
echo "== throwaway database in $work"
manage migrate --noinput -v0
manage createcachetable
manage load_reference_data >/dev/null
manage load_demo_data >/dev/null
manage collectstatic --noinput -v0  # pages linked from API responses render with the manifest

declare -A tokens
for role in $roles; do
  [[ $role == anonymous ]] && continue
  tokens[$role]=$(manage create_api_token --email "$role")  # prints the key, once
done

echo "== server on $base"
.venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$port" --workers 2 --timeout 120 \
  --access-logfile /dev/null >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 60); do
  curl -fsS -o /dev/null "$base/api/schema/" 2>/dev/null && break
  sleep 1
done

status=0
for role in $roles; do
  echo "== st run as $role"
  auth=()
  [[ $role == anonymous ]] || auth=(--header "Authorization: Token ${tokens[$role]}")
  # st keeps its own files in the working directory: run it in the throwaway one.
  (cd "$work" && "$root/.venv/bin/st" run "$base/api/schema/?format=json" --checks not_a_server_error,response_schema_conformance \
    --max-examples "$max_examples" --seed "$seed" --phases "$phases" --workers 1 --no-color \
    --request-timeout 60 --generation-database none --report junit --report-dir "$report_dir/${role%%@*}" \
    "${auth[@]}") || status=1
done
if [[ -s $work/server.log ]] && grep -q "Traceback" "$work/server.log"; then
  echo "== server tracebacks (from $work/server.log):"
  grep -E "^Internal Server Error|^[A-Za-z_.]+(Error|Exception): " "$work/server.log" | sort | uniq -c | sort -rn | head -40
  status=1
fi
exit $status
