# Two commands set everything up on a fresh machine:
#   make demo   — create .venv, install, migrate, load demo content, serve on http://127.0.0.1:$(PORT)/
#   make test   — create .venv if needed, install, run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
HOST ?= 127.0.0.1
BIN := $(VENV)/bin
MANAGE := cd example_project && ../$(BIN)/python manage.py

.PHONY: audit stack stack-stop demo test test-fast test-clock test-browser install lint format messages openapi clean frontend frontend-test compare matrix dist

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -e ".[test,example]"
	touch $@ $(VENV)/.installed-demo

# The demo needs only the package and the example project's extras, not the test toolchain.
$(VENV)/.installed-demo: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -e ".[example]"
	touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed-demo
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content --hostname $(HOST) --port $(PORT)
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest -n auto

# The quick loop while working: every test but those marked `slow` (browsers, servers and
# subprocesses, demo content, fuzzing and properties, large data). `make test` runs them all.
test-fast: install
	$(BIN)/python -m pytest -n auto -m "not slow"

# The tests marked `clock` (their outcome involves today's date) at each moment of
# tests/conftest.py CLOCK_CASES: every weekday, 23:59 and 00:00 in Asia/Ho_Chi_Minh, 29 February.
test-clock: install
	$(BIN)/python -m pytest -m clock --clock=all -n auto -q

# Only the tests that drive Chromium (also part of `make test`); screenshots: tests/artifacts/.
test-browser: install
	$(BIN)/python -m pytest -m browser -n auto

# The supported-versions matrix (noxfile.py): Python 3.11 to 3.13, Django 5.2 to 6.1, Wagtail
# 7.4 and 8, on SQLite, MariaDB and PostgreSQL; e.g. `make matrix SESSIONS=oldest`.
SESSIONS ?= oldest middle newest
matrix: install
	$(BIN)/nox --sessions $(SESSIONS)

# The sdist and the wheel in dist/, checked with twine (the contents: tests/test_packaging.py).
dist: install
	rm -rf dist
	$(BIN)/python -m build --outdir dist
	$(BIN)/twine check --strict dist/*

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the .po files after changing UI strings, then compile them (both are committed).
messages: install
	cd wagtail_govnews && ../$(BIN)/django-admin makemessages -l vi -l en --no-obsolete
	cd wagtail_govnews && ../$(BIN)/django-admin compilemessages

# Compare the package with stock Wagtail on the same data (docs/reference/performance.md).
# SQLite and 2,000 articles by default; e.g.
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres make compare ARGS="--grow 100000"
# for PostgreSQL, growing the same database to 100,000.
compare: install
	$(BIN)/python benchmarks/compare.py $(ARGS)

# The production-like stack on this machine (example_project/stack/stack.sh): nginx serving the
# static export on http://127.0.0.1:8080/ with gunicorn behind it, the task worker, a scheduler
# for periodic jobs, PostgreSQL and Redis. `make stack-stop` stops all of it.
stack: install
	PYTHON=$(BIN)/python example_project/stack/stack.sh up

stack-stop:
	PYTHON=$(BIN)/python example_project/stack/stack.sh down

# Outside audits (Lighthouse mobile + desktop, Nu HTML Checker) of the demo and the reference
# frontend, each on its own temp database and free ports: benchmarks/audit/run.sh. Needs
# Node.js, Java and Chromium; ARGS="--strict" fails under 100 or on an HTML error.
audit: install
	PYTHON=$(BIN)/python benchmarks/audit/run.sh $(ARGS)

clean:
	rm -rf $(VENV) .nox dist example_project/db.sqlite3 example_project/media

# Regenerate the committed OpenAPI snapshot of the headless API.
openapi: install
	cd example_project && DJANGO_SETTINGS_MODULE=example_project.settings ../$(BIN)/python -c "import django, json; django.setup(); from wagtail_govnews.contrib.api import api; print(json.dumps(api.get_openapi_schema(path_prefix='/api/govnews'), indent=2, ensure_ascii=False, sort_keys=True))" > ../docs/reference/openapi.json

# Build the documentation into docs/_build/html. Warnings are errors (-W -n: broken
# cross-references too); then every internal link and #anchor of the built HTML is checked.
.PHONY: docs
$(VENV)/.installed-docs: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install -e ".[docs]"
	touch $@

docs: $(VENV)/.installed-docs
	rm -rf docs/_build
	$(BIN)/sphinx-build -W --keep-going -n -b html docs docs/_build/html
	$(BIN)/python docs/check_links.py docs/_build/html

# The reference headless frontend (example_project/frontend/, Node.js 20+;
# docs/how-to/headless/frontend.md).
# `make frontend` runs its dev server against the site of `make demo` (another terminal);
# FRONTEND=build makes the static site in example_project/frontend/dist/, FRONTEND=serve serves it.
FRONTEND ?= dev
frontend:
	GOVNEWS_API_URL=$${GOVNEWS_API_URL:-http://$(HOST):$(PORT)} example_project/frontend/scripts/run.sh $(FRONTEND)

# Every frontend test: stale generated client, type check, unit tests, browser end to end.
frontend-test: install
	PYTHON=$(BIN)/python example_project/frontend/scripts/test.sh
