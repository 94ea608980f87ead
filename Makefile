# The two commands of the quick start. Both create .venv and install the project on their own, with the
# exact versions in constraints.txt, so every machine and CI test the same packages.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONSTRAINTS := constraints.txt
# A separate environment holding the newest versions the package index serves, without the constraints:
# `make lock` writes its versions to constraints.txt, `make test-latest` runs the suite in it.
LATEST := .venv-latest

.PHONY: build test lint format clean lock test-latest latest-venv

# Re-installs whenever pyproject.toml or the constraints change.
$(STAMP): pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/kompiler build standards -o output

# The suite runs in worker processes, one test file per worker at a time (module fixtures are built once):
# on two cores it takes about half as long as in one process.
PYTEST_WORKERS := -n auto --maxprocesses=4 --dist loadfile

test: $(STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_WORKERS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

latest-venv:
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST)/bin/python -m pip install --quiet -e '.[test]'

# Exact versions of everything `.[test]` brings (pip included, the project itself and setuptools not), for
# the Python and platform that run it.
lock: latest-venv
	{ echo "# Exact versions of every package that pip install -e '.[test]' brings, for"; \
	  echo "# $$($(LATEST)/bin/python -c 'import platform; print("Python", platform.python_version(), "on", platform.system(), platform.machine())')."; \
	  echo "# make build, make test and .ci/run install with them. Refresh: make lock (see README)."; \
	  $(LATEST)/bin/python -m pip freeze --all --exclude-editable | grep -v -e '^setuptools==' -e '^wheel=='; \
	} > $(CONSTRAINTS).new
	mv $(CONSTRAINTS).new $(CONSTRAINTS)

test-latest: latest-venv
	$(LATEST)/bin/python -m pytest -q $(PYTEST_WORKERS)

clean:
	rm -rf $(VENV) $(LATEST) output .pytest_cache .ruff_cache
