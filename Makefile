# Two commands for a fresh machine: `make run` codes seeds/ into output/; `make test` runs the checks.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install run test lint clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

run: install
	$(BIN)/eventcoder code seeds/ --out output/

lint: install
	$(BIN)/ruff check eventcoder tests benchmarks
	$(BIN)/mypy eventcoder

test: lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) output/*.parquet output/manifest.json output/DATA_DICTIONARY.md .pytest_cache .mypy_cache .ruff_cache
