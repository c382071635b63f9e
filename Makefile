# Northern Connections — the two commands: `make run` and `make test` (README, DESIGN.md §6).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup install messages lint bench lock clean api-fuzz prod-check audit

## run: install, migrate the embedded SQLite database, load reference and demo data, serve with the worker
run: setup
	./scripts/serve.sh $(HOST) $(PORT)

## test: the whole suite (unit, permission matrix, browser journeys, accessibility)
test: install messages
	$(BIN)/python -m pytest

setup: install messages
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) load_reference_data
	$(MANAGE) load_demo_data
	$(MANAGE) collectstatic --noinput -v0

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --requirement requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## messages: compile the translations (.po → .mo; the .mo files are not committed)
messages: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v0

lint: install
	$(BIN)/ruff check .
	$(MANAGE) makemigrations --check --dry-run

## bench: performance figures named by the issues (see README, Benchmarks)
bench: install messages
	$(BIN)/python bench/run.py

## api-fuzz: schemathesis against the whole API on a throwaway demo database, anonymous and as each demo role
api-fuzz: install messages
	./scripts/api_fuzz.sh

## prod-check: the production configuration on loopback (gunicorn, PostgreSQL, Redis, Celery worker and beat), checked
prod-check: install messages
	./scripts/prod_check.sh

## audit: pip-audit over requirements.lock (PyPI's vulnerability data; --strict: a package it cannot look up fails)
audit: install
	$(BIN)/pip-audit --requirement requirements.lock --no-deps --disable-pip --strict --progress-spinner off

## lock: re-resolve requirements.lock after editing pyproject.toml (needs uv: pip install uv)
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock -q

clean:
	rm -rf $(VENV) node_modules var db.sqlite3*
