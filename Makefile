# Two commands: `make run` serves the curriculum, `make test` runs every test.
# Both create .venv on first use and reinstall only when pyproject.toml changes.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8866

.PHONY: run test test-services demo-data clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/onthemove serve --port $(PORT)

test-services:
	bash scripts/install_test_services.sh

# Tests keep their drafts and school folders in artifacts/, never in the user's own store.
test: $(STAMP) test-services
	mkdir -p artifacts
	ONTHEMOVE_DB=$(CURDIR)/artifacts/test-drafts.db ONTHEMOVE_CACHE=$(CURDIR)/artifacts/cache $(BIN)/python -m pytest tests notebooks --ignore=tests/fixtures --nbval-lax --nbval-cell-timeout=300

demo-data: $(STAMP)
	$(BIN)/onthemove demo-data --out datasets/anywhere_sd

clean:
	rm -rf $(VENV) .pytest_cache artifacts
