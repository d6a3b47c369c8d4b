# famtui: `make run` opens the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test test-slow lint bench data-check clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/famtui

test: $(VENV)/.installed-test
	$(BIN)/ruff check famtui tests
	$(BIN)/famtui check-data
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-slow: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m slow $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check famtui tests

bench: $(VENV)/.installed
	$(BIN)/python -m famtui.bench

data-check: $(VENV)/.installed
	$(BIN)/famtui check-data --stats

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
