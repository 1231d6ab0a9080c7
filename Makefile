# The registry's everyday commands. `make run` serves the app with the seminar's data on
# SQLite; `make test` runs the whole suite. Both build the virtual environment they need.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed
# The checkers the markup and accessibility tests run (package.json): npm's packages, for the
# tests only; `make run` needs neither node nor npm.
NODE_STAMP := node_modules/.installed
RUN_ENV := DJANGO_DEBUG=1
# Tests run with production settings (debug off); the key only signs test sessions.
TEST_ENV := DJANGO_SECRET_KEY=test-only-not-a-secret DJANGO_DEBUG=0
# The suite runs on every core (pytest-xdist), each worker with its own test database.
# WORKERS=1 runs it in this one process instead, in pytest's own order (for --pdb, say).
WORKERS ?= auto
# The port `make run` serves on: `make run PORT=8200` when 8000 is taken.
PORT ?= 8000
PYTEST := $(TEST_ENV) $(BIN)/python -m pytest $(if $(filter 1,$(WORKERS)),-p no:xdist,-n $(WORKERS))
# The first Python >= 3.12 on the PATH (.python-version selects 3.12 under pyenv).
PYTHON := $(shell for p in python3.12 python3.13 python3.14 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$p; break; }; \
	done)

.PHONY: help venv run test test-fast fuzz lint fmt migrate fixtures superuser clean bench load wrk

help:
	@echo "make run    serve the registry with the 24th seminar's data on http://127.0.0.1:8000"
	@echo "            (PORT=8200: on another port)"
	@echo "make test   run the whole test suite, on every core (WORKERS=1: in one process)"
	@echo "make test-fast   the suite without the browser tests, for everyday loops"
	@echo "make fuzz   the suite's property tests at length: 10,000 query strings per public URL"
	@echo "make lint   check style (ruff);  make fmt  format the code"
	@echo "make superuser   create an admin login"
	@echo "make bench  measure exports, pages and throughput at 1,000,000 delegates (PostgreSQL)"
	@echo "make load   drive two gunicorn servers on one PostgreSQL database for 60 s"

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (pyenv install 3.12)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dev]'
	@touch $@

venv: $(STAMP)

# Installed without their install scripts: vnu-jar ships vnu.jar and would otherwise fetch a
# Java of its own; the tests run Debian's. Without npm the tests that need them skip and say so.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm is missing: the markup and accessibility tests will skip (apt-get install npm)"; fi

# The benchmark's own packages, kept out of the test and production installs.
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	@touch $@

# The load tool, Debian's wrk: installed when missing if we may, else say how.
wrk:
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y -q wrk || { apt-get update -q && apt-get install -y -q wrk; }; \
		else echo "wrk is missing: sudo apt-get install wrk"; exit 2; fi; }

migrate: $(STAMP)
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput

fixtures: migrate
	$(RUN_ENV) $(BIN)/python manage.py load_report_data

run: fixtures
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

superuser: migrate
	$(RUN_ENV) $(BIN)/python manage.py createsuperuser

test: $(STAMP) $(NODE_STAMP)
	$(PYTEST)

# Everything but the tests that drive Chromium (marked "browser").
test-fast: $(STAMP)
	$(PYTEST) -m "not browser"

# The modules with hypothesis tests, 10,000 examples each (the "fuzz" profile in
# tests/conftest.py). Set DATABASE_URL to fuzz against PostgreSQL.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PYTEST) tests/test_fuzz.py tests/test_exports.py

# Both use PostgreSQL from DATABASE_URL (default: the local server) and their own database on
# it, BENCH_DATABASE (default registry_bench), seeded on the first run and reused after.
bench: $(BENCH_STAMP) wrk
	$(BIN)/python -m bench.run

load: $(BENCH_STAMP) wrk
	$(BIN)/python -m bench.load

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules var staticfiles .pytest_cache .ruff_cache .hypothesis
