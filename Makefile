# Two commands for a fresh clone (see README):  make serve  ·  make test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test check build bench browser clean

# Install everything, build the handbook and serve it with live reload on http://127.0.0.1:8000.
# After the first build, a save rebuilds only what changed (--dirty); search is re-indexed in the background.
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

# Install everything (Python packages and Debian's Chromium) and run all the tests
test: $(STAMP) browser
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

clean:
	rm -rf site $(VENV) .pytest_cache .ruff_cache
