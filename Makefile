# Simpul IKM — `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SIMPUL := $(BIN)/simpul
PORT ?= 8000
HOST ?= 127.0.0.1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run setup test test-postgres lint format clean

$(BIN)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

var/vendor/htmx.min.js: node_modules/.installed $(BIN)/.installed
	$(SIMPUL) vendor_static

setup: $(BIN)/.installed var/vendor/htmx.min.js
	mkdir -p var
	$(SIMPUL) migrate --noinput -v 0
	$(SIMPUL) collectstatic --noinput -v 0
	$(SIMPUL) load_regions
	$(SIMPUL) load_kbli --builtin --if-empty
	$(SIMPUL) seed_demo --if-empty

run: setup
	$(SIMPUL) demo_logins
	@echo "Simpul IKM berjalan di http://$(HOST):$(PORT)  (Ctrl+C untuk berhenti)"
	@$(BIN)/simpul db_worker --interval 1 & WORKER=$$!; \
	trap "kill $$WORKER 2>/dev/null" EXIT INT TERM; \
	DEBUG=$${DEBUG:-1} $(BIN)/gunicorn simpul.config.wsgi --bind $(HOST):$(PORT) \
	  --workers 2 --threads 4 --access-logfile - --log-level warning

test: $(BIN)/.installed var/vendor/htmx.min.js
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres:
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(MAKE) test

lint: $(BIN)/.installed
	mkdir -p var
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(SIMPUL) makemigrations --check --dry-run

format: $(BIN)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf var/staticfiles var/vendor
