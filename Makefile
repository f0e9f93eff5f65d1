# Deventer Werk — see README.md. Needs only Python 3.11 and make.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEV    := $(PY) -m deventer_werk.devservices
PYTEST_ARGS ?=

.PHONY: run test lint format check schema clean-data bench

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

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make check: Django system checks and no missing migrations
check: $(STAMP)
	$(DEV) exec -- $(PY) manage.py check
	$(DEV) exec -- $(PY) manage.py makemigrations --check --dry-run

clean-data:
	rm -rf .data

## make bench: city-scale benchmark in its own database dw_bench (see bench/README.md)
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/dw_bench
BENCH_SIZE ?= city
bench: $(STAMP)
	$(PY) -m bench.generate --size $(BENCH_SIZE) --database-url $(BENCH_DB)
	$(PY) -m bench.run --database-url $(BENCH_DB)
