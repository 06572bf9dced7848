# The two commands of the README: `make run` and `make test`. Both set everything up on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PACKAGES := graph ontology loaders queries api cli
EXPLORER_SRC := $(wildcard explorer/src/* explorer/src/*/*) explorer/build.mjs explorer/package-lock.json
SAMPLE := var/sample
NODE_STAMP := explorer/node_modules/.installed-stamp

.PHONY: run test setup explorer chromium lint typecheck jslint

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# The explorer's npm packages (esbuild, eslint, the page's libraries), exactly as the lock file pins them.
$(NODE_STAMP): explorer/package-lock.json
	cd explorer && npm ci --no-audit --no-fund
	touch $@

# The explorer's assets are built from explorer/ with esbuild (npm packages, no CDN at run time).
api/static/explorer.js: $(EXPLORER_SRC) $(NODE_STAMP)
	cd explorer && npm run build

explorer: api/static/explorer.js

# ESLint over the explorer's source and build scripts (explorer/eslint.config.js); warnings fail it.
jslint: $(NODE_STAMP)
	cd explorer && npm run --silent lint

# Browser tests drive Debian's Chromium (never a downloaded browser build).
chromium:
	@test -x /usr/bin/chromium || (apt-get update -q && apt-get install -y -q chromium)

# A modest synthetic sample (plainly marked synthetic) so the demo has something to show.
$(SAMPLE)/.written: | setup
	$(BIN)/cograph sample --projects 2000 --seed 7 --out $(SAMPLE)
	touch $@

run: setup explorer
	@if [ -z "$$NEO4J_URI" ]; then $(BIN)/cograph neo4j start; fi
	$(BIN)/cograph init
	@$(MAKE) --no-print-directory $(SAMPLE)/.written
	$(BIN)/cograph load $(SAMPLE)/*.xml
	$(BIN)/cograph serve --host 127.0.0.1 --port 8000

lint: setup
	$(BIN)/ruff check $(PACKAGES) tests bench

typecheck: setup
	$(BIN)/mypy

# The local Neo4j's jars are fetched before pytest starts, so a first run shows Maven's progress.
test: lint typecheck jslint explorer chromium
	@if [ -z "$$NEO4J_URI" ]; then $(BIN)/python -m graph.maven fetch; fi
	$(BIN)/pytest --durations=15
