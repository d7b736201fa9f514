# The Python wheel (bindings/python: the package, stubs and pyproject; its
# PyO3 crate is crates/oauth1-python): `make wheel`, and the Python parts of
# `make test`, `make conformance` and `make bench`. Everything goes into
# .venv (created here with the machine's python3) and target/python.

PYTHON ?= python3
VENV := .venv
VENV_PY := $(VENV)/bin/python
PY_TARGET_DIR := target/python
WHEEL_DIR := $(PY_TARGET_DIR)/wheels
PY_REQUIREMENTS := bindings/python/requirements-dev.txt
PY_SOURCES := $(shell find crates/oauth1-python/src bindings/python/python crates/oauth1/src -type f 2>/dev/null) \
	crates/oauth1-python/Cargo.toml bindings/python/pyproject.toml bindings/python/README.md crates/oauth1/Cargo.toml

TEST_TARGETS += python-lint python-test
CONFORMANCE_TARGETS += conformance-python
BENCH_TARGETS += bench-python

.PHONY: wheel python-venv python-install python-lint python-test python-typecheck conformance-python bench-python

$(VENV)/.requirements-stamp: $(PY_REQUIREMENTS)
	test -x $(VENV_PY) || $(PYTHON) -m venv $(VENV)
	$(VENV_PY) -m pip install -q --disable-pip-version-check -r $(PY_REQUIREMENTS)
	touch $@

python-venv: $(VENV)/.requirements-stamp

## wheel: the abi3 wheel (CPython 3.9+) in target/python/wheels.
wheel: $(WHEEL_DIR)/.stamp

# The workspace's own target dir: the release build reuses the core and the
# dependencies that the C library's release build compiled (a clean CI run
# would otherwise compile them a second time); only pyo3 and the module are
# built here (maturin sets PYO3_BUILD_EXTENSION_MODULE itself).
$(WHEEL_DIR)/.stamp: $(VENV)/.requirements-stamp $(PY_SOURCES)
	rm -f $(WHEEL_DIR)/liboauth1-*.whl
	cd bindings/python && CARGO_TARGET_DIR=$(CURDIR)/target $(CURDIR)/$(VENV)/bin/maturin build --release -o $(CURDIR)/$(WHEEL_DIR)
	touch $@

# The wheel installed into .venv, not an editable build: the tests see what users get.
$(VENV)/.wheel-stamp: $(WHEEL_DIR)/.stamp
	$(VENV_PY) -m pip install -q --disable-pip-version-check --force-reinstall --no-deps $(WHEEL_DIR)/liboauth1-*.whl
	touch $@

python-install: $(VENV)/.wheel-stamp

# Every Python file of the repository (ruff.toml at the top says which).
PY_LINTED := $(shell git ls-files '*.py' '*.pyi' 2>/dev/null)

## python-lint: ruff check and ruff format --check over every Python file (config: ruff.toml).
python-lint: python-venv
	$(VENV)/bin/ruff check $(PY_LINTED)
	$(VENV)/bin/ruff format --check $(PY_LINTED)

# mypy --strict over the package, its stubs, the tests and the examples;
# stubtest checks the stubs against the installed native module.
python-typecheck: python-install
	$(VENV)/bin/mypy --strict --config-file bindings/python/pyproject.toml \
		bindings/python/python/oauth1 tests/python examples/python
	$(VENV_PY) -m mypy.stubtest --mypy-config-file bindings/python/pyproject.toml oauth1._oauth1

## python-test: mypy --strict, then pytest (API, interop with peers, HTTP round trips, examples, fresh-venv install).
python-test: python-typecheck
	OAUTH1_WHEEL_DIR=$(WHEEL_DIR) $(VENV)/bin/pytest -q -p no:cacheprovider tests/python

conformance-python: python-install
	@$(VENV_PY) tests/python/conformance.py "$(CONFORMANCE_DIR)"

bench-python: python-install
	$(VENV_PY) tests/python/bench.py
