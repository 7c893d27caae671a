# The two commands a newcomer needs:  `make run`  and  `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STORE  ?= data/actorgraph.sqlite
HOST   ?= 127.0.0.1
PORT   ?= 8000
LINTER := tools/cypher-lint
WEB    := web

.PHONY: install run test lint format chromium screenshot vendor

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(LINTER)/node_modules/.installed: $(LINTER)/package.json $(LINTER)/package-lock.json
	npm ci --prefix $(LINTER) --no-audit --no-fund --loglevel=error
	touch $@

## refresh the pages' browser libraries (api/static/vendor/, committed package data) from the
## pins in web/package.json; a clone, `pip install .` and a wheel need neither npm nor this
vendor: $(VENV)/.installed
	npm ci --prefix $(WEB) --no-audit --no-fund --loglevel=error
	$(PY) tools/vendor_web.py

## Debian's chromium, for the browser tests. The one thing `make test` installs outside the
## project: as root it runs apt-get (said before it does); otherwise it stops and says what to run.
chromium:
	@command -v chromium >/dev/null && exit 0; \
	if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then \
	  echo "make test needs Debian's chromium for its browser tests: install it (sudo apt-get install --no-install-recommends chromium) or run make test as root, which installs it" >&2; \
	  exit 1; fi; \
	echo "make test: installing Debian's chromium system-wide (apt-get install --no-install-recommends chromium) for the browser tests"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null

install: $(VENV)/.installed

## install, load seeds/ into the embedded store, serve the API on http://$(HOST):$(PORT)
run: install
	$(VENV)/bin/actorgraph load seeds/ --store $(STORE)
	$(VENV)/bin/actorgraph serve --store $(STORE) --host $(HOST) --port $(PORT)

## the whole test suite: ruff lint + format check, import directions, types, Cypher lint,
## pytest (doctests included)
test: install $(LINTER)/node_modules/.installed chromium
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## retake the README's explorer screenshot (docs/explorer.png) with the end-to-end test
screenshot: install chromium
	ACTORGRAPH_SCREENSHOT=1 $(VENV)/bin/pytest tests/web -k 'search_pick_see_click_read or region_narrows'
