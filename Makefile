# The two commands of the README: `make run` and `make test`. Both set everything up on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PACKAGES := graph ontology loaders queries api cli

.PHONY: run test setup lint typecheck

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	@if [ -z "$$NEO4J_URI" ]; then $(BIN)/cograph neo4j start; fi
	$(BIN)/cograph init
	$(BIN)/cograph serve --host 127.0.0.1 --port 8000

lint: setup
	$(BIN)/ruff check $(PACKAGES) tests bench

typecheck: setup
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/pytest
