# Two commands do everything on a fresh machine:
#   make run   installs, migrates, loads the demo site and serves it on SQLite
#   make test  installs what the tests need and runs them
# `make help` lists the other targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
TEMPLATE_DIRS := templates importer/templates accounts/templates health/templates participa/templates encuestas/templates inscripciones/templates

.PHONY: help run test install install-dev migrate demo serve lint format messages \
	messages-check bench bench-search backup restore clean serve-production screenshots

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  %-15s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the runtime dependencies

install-dev: $(VENV)/.installed-dev ## Also install the test and development tools

migrate: install ## Apply the database migrations
	$(PY) manage.py migrate --noinput

demo: migrate ## Load (or refresh) the Palmira 2021 demo site
	$(PY) manage.py load_demo_data

serve: install ## Serve the site at http://$(HOST):$(PORT)
	$(PY) manage.py runserver $(HOST):$(PORT)

run: demo serve ## Install, migrate, load the demo site and serve it (SQLite)

# Production settings with gunicorn (deploy/gunicorn.conf.py) on PostgreSQL and Redis, static
# files by WhiteNoise; prints the local values it sets (docs/deploy.md). SERVE_DEMO=0: no demo.
SERVE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal_serve
SERVE_REDIS_URL ?= redis://127.0.0.1:6379/4
serve-production: install ## Serve the production settings with gunicorn (PostgreSQL, Redis)
	SERVE_DATABASE_URL=$(SERVE_DATABASE_URL) SERVE_REDIS_URL=$(SERVE_REDIS_URL) \
		HOST=$(HOST) PORT=$(PORT) PY=$(PY) deploy/serve-production.sh

test: install-dev ## Run the whole test suite, with a branch-coverage report
	$(PY) -m pytest --cov --cov-report=term $(PYTEST_ARGS)

lint: install-dev ## Ruff (rules and format), template indentation, migrations, catalog
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check $(TEMPLATE_DIRS)
	$(PY) manage.py makemigrations --check --dry-run
	$(MAKE) messages-check

format: install-dev ## Rewrite code and templates in the house style
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml $(TEMPLATE_DIRS)

# Regenerate the Spanish catalog after changing source strings, then translate and compile.
messages: install ## Extract the Spanish catalog and compile it
	$(PY) manage.py makemessages -l es --ignore=.venv --ignore=bench --ignore=tests
	$(PY) manage.py compilemessages -l es --ignore=.venv

messages-check: ## Fail if a compiled catalog is not its source catalog compiled
	@for catalog in locale/es/LC_MESSAGES/django locale_overrides/es/LC_MESSAGES/django; do \
		msgfmt --check-format -o /tmp/rendicion-django.mo $$catalog.po || exit 1; \
		cmp -s /tmp/rendicion-django.mo $$catalog.mo || { \
			echo "$$catalog.mo is stale: run 'make messages' and commit it"; exit 1; }; \
	done

screenshots: install-dev ## PNGs of the public page types at 375 and 1280 px in screenshots/ (Chromium)
	$(PY) tests/tools/screenshots.py

bench: install-dev ## Run every benchmark under bench/ (prints figures)
	$(PY) bench/run_all.py

# SEARCH_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_bench for PostgreSQL.
bench-search: install-dev ## Run the search benchmark only
	$(PY) bench/run_all.py search

backup: install ## Back up the database and media to BACKUP_DIR (docs/operations.md)
	$(PY) manage.py backup

# make restore BACKUP=backups/rendicion-backup-…  (asks before replacing anything)
restore: install ## Restore the database and media from BACKUP=folder (docs/operations.md)
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/rendicion-backup-…"; exit 2; }
	$(PY) manage.py restore "$(BACKUP)"

clean: ## Remove the virtualenv, the SQLite database and media
	rm -rf $(VENV) db.sqlite3 media media-serve .test-media static_collected
