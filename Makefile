# Two commands for a fresh clone (see README):  make serve  ·  make test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# ProperDocs, the maintained fork of MkDocs 1.x, in an environment of its own (tests/test_properdocs.py
# builds the handbook with it and compares every page with the MkDocs build).
PD_VENV := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# The site generator. ProperDocs is the maintained drop-in fork of MkDocs 1.x that `make test` already
# builds and compares with (see README): moving is this line and the mkdocs pin in pyproject.toml.
GENERATOR := mkdocs

.PHONY: serve test check build bench browser properdocs clean
SCORM_RUNTIME := tests/scorm/node_modules/.package-lock.json

# Install everything, build the handbook and serve it with live reload on http://127.0.0.1:8000.
# After the first build, a save rebuilds only what changed (--dirty); search is re-indexed in the background.
serve: $(STAMP)
	$(BIN)/$(GENERATOR) serve --dirty --dev-addr 127.0.0.1:8000

# Install everything (Python packages, ProperDocs' own environment, Debian's Chromium, the SCORM runtime the
# package tests use) and run all the tests
test: $(STAMP) $(PD_STAMP) browser $(SCORM_RUNTIME)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/pytest

check: $(STAMP)
	$(BIN)/kompetensi check

build: $(STAMP)
	$(BIN)/$(GENERATOR) build --strict

bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' || \
	  { echo "Butuh Python 3.11.5 atau lebih baru (python3 --version)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The same pinned stack with ProperDocs instead of MkDocs. Material and mkdocs-quiz declare `mkdocs` as a
# requirement, so pip brings it; it is removed again because ProperDocs answers every `mkdocs.*` import
# itself, and a build that could fall back on MkDocs' code would prove nothing.
$(PD_STAMP): pyproject.toml
	test -x $(PD_VENV)/bin/python || $(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PD_VENV)/bin/python -m pip install --quiet -e '.[properdocs]'
	$(PD_VENV)/bin/python -m pip uninstall --quiet --yes mkdocs mkdocs-get-deps
	touch $(PD_STAMP)

# Build with both generators and compare the two sites (what tests/test_properdocs.py does inside `make test`).
properdocs: $(STAMP) $(PD_STAMP)
	rm -rf build/mkdocs build/properdocs
	$(BIN)/mkdocs build --strict --quiet --site-dir build/mkdocs
	$(PD_VENV)/bin/properdocs build --strict --quiet --site-dir build/properdocs
	$(BIN)/python scripts/compare_sites.py build/mkdocs build/properdocs

# Browser tests drive Debian's Chromium (playwright cannot download browsers here).
browser:
	@bash scripts/ensure-chromium.sh

# scorm-again, an independent SCORM 1.2 runtime, pinned in tests/scorm/package-lock.json (tests/test_scorm.py).
# Without npm the SCORM browser tests are skipped with a message; in CI they fail.
$(SCORM_RUNTIME): tests/scorm/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/scorm --no-audit --no-fund --loglevel=error; \
	elif [ -n "$$CI" ]; then echo "npm tidak ada: uji paket SCORM butuh Node.js 20 atau lebih baru." >&2; exit 1; \
	else echo "npm tidak ada: uji paket SCORM akan dilewati (pasang Node.js 20 atau lebih baru)."; fi

clean:
	rm -rf site build $(VENV) $(PD_VENV) .pytest_cache .ruff_cache tests/scorm/node_modules
