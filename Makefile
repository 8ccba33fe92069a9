# Two commands for a fresh clone (see README):  make serve  ·  make test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test check build bench browser clean
SCORM_RUNTIME := tests/scorm/node_modules/.package-lock.json

# Install everything, build the handbook and serve it with live reload on http://127.0.0.1:8000.
# After the first build, a save rebuilds only what changed (--dirty); search is re-indexed in the background.
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

# Install everything (Python packages, Debian's Chromium, the SCORM runtime the package tests use) and run all the tests
test: $(STAMP) browser $(SCORM_RUNTIME)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/pytest

check: $(STAMP)
	$(BIN)/kompetensi check

build: $(STAMP)
	$(BIN)/mkdocs build --strict

bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' || \
	  { echo "Butuh Python 3.11.5 atau lebih baru (python3 --version)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

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
	rm -rf site $(VENV) .pytest_cache .ruff_cache tests/scorm/node_modules
