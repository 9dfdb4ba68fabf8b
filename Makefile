# Two commands do everything on a fresh machine:
#   make run   installs, migrates, loads the demo site and serves it on SQLite
#   make test  installs what the tests need and runs them
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev migrate demo serve lint messages bench bench-search clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_data

serve: install
	$(PY) manage.py runserver $(HOST):$(PORT)

run: demo serve

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

# Regenerate the Spanish catalog after changing source strings, then translate and compile.
messages: install
	$(PY) manage.py makemessages -l es --ignore=.venv --ignore=bench --ignore=tests
	$(PY) manage.py compilemessages -l es --ignore=.venv

bench: install-dev
	$(PY) bench/run_all.py

# SEARCH_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_bench for PostgreSQL.
bench-search: install-dev
	$(PY) bench/run_all.py search

clean:
	rm -rf $(VENV) db.sqlite3 media .test-media static_collected
