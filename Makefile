# Deventer Werk — see README.md. Needs only Python 3.11 and make.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEV    := $(PY) -m deventer_werk.devservices
PYTEST_ARGS ?=

.PHONY: run test test-fast lint format check schema clean-data

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 niet gevonden (zet PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## make run: web (http://127.0.0.1:8000), Celery worker and beat; embedded PostgreSQL/Redis
run: $(STAMP)
	$(DEV) run

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
