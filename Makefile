# Two commands set everything up on a fresh machine:
#   make demo   — create .venv, install, migrate, load demo content, serve on http://127.0.0.1:$(PORT)/
#   make test   — create .venv if needed, install, run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
HOST ?= 127.0.0.1
BIN := $(VENV)/bin
MANAGE := cd example_project && ../$(BIN)/python manage.py

.PHONY: demo test install lint format messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -e ".[test]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content --hostname $(HOST) --port $(PORT)
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest -n auto

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the .po files after changing UI strings, then compile them (both are committed).
messages: install
	cd wagtail_govnews && ../$(BIN)/django-admin makemessages -l vi -l en --no-obsolete
	cd wagtail_govnews && ../$(BIN)/django-admin compilemessages

clean:
	rm -rf $(VENV) example_project/db.sqlite3 example_project/media
