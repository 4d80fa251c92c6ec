# Two commands on a fresh clone: `make run` and `make test`. Everything else is set up here.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
VENV := .venv
PY := $(VENV)/bin/python
REFLEX := $(VENV)/bin/reflex
TOOLS := source scripts/tools.sh &&
export REFLEX_TELEMETRY_ENABLED := false
export PORT ?= 3000
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
# axe-core for the accessibility browser test (tests/e2e/axe.py reads it; keep both in step).
AXE_VERSION := 4.10.3
AXE := .tools/axe/node_modules/axe-core/.installed-$(AXE_VERSION)

.PHONY: run serve build test setup deps chromium axe migrate seed admin lint bench e2e unit clean

run: setup migrate seed serve ## migrate, seed an empty database, serve http://localhost:$(PORT)

serve: setup ## serve the production build; built once per source change, dead workers respawned
	$(TOOLS) exec $(PY) -m community_app.serve

build: setup ## build the frontend for $(PORT) unless it is up to date
	$(TOOLS) $(PY) -m community_app.serve build

# The unit tests run on every core (one file per worker: a file's tests share its Redis
# keys and fixtures); the browser tests share one live app, in one process, afterwards.
# Both parts always run; the target fails if either did.
test: setup chromium axe ## the whole suite, browser tests included
	@rc=0; $(TOOLS) $(PY) -m pytest -q -p no:cacheprovider -m "not browser" \
	  -n $(TEST_WORKERS) --dist loadfile || rc=$$?; \
	$(TOOLS) $(PY) -m pytest -q -p no:cacheprovider -m browser || rc=$$?; exit $$rc

setup: deps
	@$(TOOLS) node --version >/dev/null && echo "==> node $$(node --version), bun $$($$REFLEX_BUN_PATH --version)"

deps: $(VENV)/.deps-installed

$(VENV)/.deps-installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

chromium: ## Debian's Chromium for the browser tests (installed when missing and root)
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "==> installing chromium (apt)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	  else echo "!! chromium missing and not root: browser tests will fail"; fi; \
	fi

axe: $(AXE) ## axe-core from the npm registry into .tools/axe (offline afterwards)

$(AXE):
	npm install --prefix .tools/axe --no-audit --no-fund --loglevel=error --no-save \
	  axe-core@$(AXE_VERSION) >/dev/null
	@touch $@

migrate: setup
	$(TOOLS) $(REFLEX) db migrate

seed: setup ## a demo community when the database is empty
	$(PY) -m community_app.cli seed-demo

admin: setup migrate ## create an admin: make admin USERNAME=li NAME=李书记
	$(PY) -m community_app.cli create-admin --username "$(USERNAME)" --name "$(NAME)"

lint: deps
	$(VENV)/bin/ruff check .

unit: setup
	$(PY) -m pytest -q -p no:cacheprovider -m "not browser" -n $(TEST_WORKERS) --dist loadfile

e2e: setup chromium axe
	$(TOOLS) $(PY) -m pytest -q -m browser

bench: setup
	$(PY) -m bench.run

clean:
	rm -rf .web .states test-artifacts
