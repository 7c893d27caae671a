# The two commands a newcomer needs:  `make run`  and  `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STORE  ?= data/actorgraph.sqlite
HOST   ?= 127.0.0.1
PORT   ?= 8000
LINTER := tools/cypher-lint

.PHONY: install run test lint format

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(LINTER)/node_modules/.installed: $(LINTER)/package.json $(LINTER)/package-lock.json
	npm ci --prefix $(LINTER) --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed

## install, load seeds/ into the embedded store, serve the API on http://$(HOST):$(PORT)
run: install
	$(VENV)/bin/actorgraph load seeds/ --store $(STORE)
	$(VENV)/bin/actorgraph serve --store $(STORE) --host $(HOST) --port $(PORT)

## the whole test suite: ruff lint + format check, Cypher lint, pytest (doctests included)
test: install $(LINTER)/node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
