# The two commands a newcomer needs:  `make run`  and  `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STORE  ?= data/actorgraph.sqlite
HOST   ?= 127.0.0.1
PORT   ?= 8000
LINTER := tools/cypher-lint
WEB    := web
VENDOR := api/static/vendor/cytoscape.min.js
# the explorer's npm libraries (web/package.json): <package>/<file>, each copied with its licence
VENDORED := cytoscape/dist/cytoscape.min.js layout-base/layout-base.js cose-base/cose-base.js \
            cytoscape-fcose/cytoscape-fcose.js

.PHONY: install run test lint format chromium screenshot

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(LINTER)/node_modules/.installed: $(LINTER)/package.json $(LINTER)/package-lock.json
	npm ci --prefix $(LINTER) --no-audit --no-fund --loglevel=error
	touch $@

$(VENDOR): $(WEB)/package.json $(WEB)/package-lock.json
	npm ci --prefix $(WEB) --no-audit --no-fund --loglevel=error
	mkdir -p $(dir $(VENDOR))
	for f in $(VENDORED); do package=$${f%%/*}; \
	  cp $(WEB)/node_modules/$$f $(dir $(VENDOR)) && \
	  cp $(WEB)/node_modules/$$package/LICENSE $(dir $(VENDOR))$$package.LICENSE || exit 1; done
	touch $@

## the headless browser the explorer's end-to-end test drives (Debian's chromium)
chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

install: $(VENV)/.installed $(VENDOR)

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

## retake the README's explorer screenshots (docs/explorer*.png) with the end-to-end tests
screenshot: install chromium
	ACTORGRAPH_SCREENSHOT=1 $(VENV)/bin/pytest tests/web \
	  -k "search_pick_see_click_read or start_screen or 100_actor_neighbourhood"
