# Meedoen: `make run` serves the demo, `make test` runs the tests.
# Both install what is missing first (Debian packages, virtualenv, database).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup system venv node db locale messages demo lint format benchmark loadtest clean-venv \
	deploy-check backup restore

# Beside the server, the search index worker: it writes Elasticsearch (when
# ELASTICSEARCH_URL is set) off the request path, and stops with the server.
# Links in open data, feeds and mails use the address the server runs on.
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data
	$(MANAGE) search_index update
	$(MANAGE) ensure_admin
	$(MANAGE) ensure_demo_users
	@echo "Meedoen draait op http://$(HOST):$(PORT)/  (beheer: http://$(HOST):$(PORT)/admin/)"
	$(MANAGE) search_index worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

test: setup
	$(MANAGE) makemigrations --check --dry-run --settings=marketplace.settings.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check --quiet .
	$(VENV)/bin/pytest

setup: system venv node db locale

# The interface's translations (docs/languages.md): Dutch is the source
# language; `make messages` collects the marked strings into one catalogue per
# shipped language (commit them), `locale` compiles them for Django.
LANGS := en ar uk tr pl
MESSAGES_OPTS := --no-location --no-obsolete --ignore=node_modules --ignore=staticfiles \
	--ignore=tests --ignore=docs --ignore=deploy --ignore=scripts --ignore=backups --ignore=media
messages: venv
	$(MANAGE) makemessages $(addprefix -l ,$(LANGS)) $(MESSAGES_OPTS)
	$(MANAGE) makemessages -d djangojs $(addprefix -l ,$(LANGS)) $(MESSAGES_OPTS)

locale: locale/.compiled

locale/.compiled: $(wildcard locale/*/LC_MESSAGES/*.po) | venv
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --ignore=staticfiles
	touch $@

# The NL Design System CSS the pages load (served from node_modules through
# staticfiles, docs/theme.md) and axe-core for the browser tests.
node: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

system:
	@bash scripts/install-system.sh

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

db: venv
	@bash scripts/ensure-db.sh

demo: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Fill the database with N synthetic listings (default 100000) for benchmarks.
N ?= 100000
synthetic: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data --synthetic $(N)

# Load test (docs/benchmarks.md), on a database of its own: the demo plus
# 100,000 synthetic listings, gunicorn and wrk on loopback, 60 s per target:
# the search page, the API, a visitor mix and visitors who pause (docs/scaling.md).
LOADTEST_DATABASE_URL ?= postgis://postgres@127.0.0.1:5432/meedoen_load
loadtest: setup
	@command -v wrk >/dev/null || { echo "Installing wrk"; $$( [ "$$(id -u)" -eq 0 ] || echo sudo ) apt-get install -y -qq wrk >/dev/null; }
	DATABASE_URL=$(LOADTEST_DATABASE_URL) $(PY) scripts/create_db.py
	DATABASE_URL=$(LOADTEST_DATABASE_URL) $(MANAGE) migrate --noinput
	DATABASE_URL=$(LOADTEST_DATABASE_URL) $(MANAGE) load_test

# Django's deployment checks and the project's own (core/checks.py) with the
# production settings and the environment as it is (docs/deploy.md); a warning
# fails it too.
deploy-check:
	$(MANAGE) check --deploy --fail-level WARNING --settings=marketplace.settings.production

# A backup into BACKUP_DIR (or OUTPUT=dir), encrypted when BACKUP_ENCRYPTION_KEY
# is set; `make restore BACKUP=path` into an empty database (docs/deploy.md).
backup:
	$(MANAGE) backup $(if $(OUTPUT),--output "$(OUTPUT)")

restore:
	@test -n "$(BACKUP)" || { echo "Gebruik: make restore BACKUP=/pad/naar/meedoen-JJJJMMDD-UUMMSS"; exit 2; }
	$(MANAGE) restore "$(BACKUP)"

clean-venv:
	rm -rf $(VENV)
