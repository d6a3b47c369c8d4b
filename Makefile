# famtui: `make run` opens the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

LOCK   := requirements-test.lock

.PHONY: run test test-slow lint bench data-check clean lock

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# Tests and CI install the pinned, hashed versions in $(LOCK) (make lock refreshes it);
# users' `pip install .` still resolves the ranges in pyproject.toml.
$(VENV)/.installed-test: $(VENV)/.installed $(LOCK)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

lock: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --upgrade --generate-hashes --extra test --strip-extras \
		--no-emit-index-url --no-emit-find-links --allow-unsafe -o $(LOCK) pyproject.toml

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
