# liboauth1 — the front door. `make demo` and `make test` do all set-up on a
# fresh machine (Rust, Python 3 and gcc present); tools go under target/ and .venv/.

CONFORMANCE_DIR ?= tests/conformance/vectors
export CONFORMANCE_DIR
CARGO ?= cargo

# Each mk/*.mk adds its own targets to these lists.
TEST_TARGETS :=
CONFORMANCE_TARGETS :=
BENCH_TARGETS :=

.PHONY: all test lint conformance bench demo rust-test
all: test

include $(sort $(wildcard mk/*.mk))

## test: everything — lint, unit and doc tests, conformance in every language, bindings, examples.
test: lint rust-test conformance $(TEST_TARGETS)
	@echo "make test: all suites passed"

## lint: formatting and clippy, warnings are errors.
lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## rust-test: unit tests, doctests (README examples included) and the vectors via cargo.
rust-test:
	$(CARGO) test --workspace

## conformance: every vector file in CONFORMANCE_DIR through every language; non-zero on any failure.
conformance:
	@$(MAKE) --no-print-directory -k $(CONFORMANCE_TARGETS)

## bench: speed figures as ratios against peers measured in the same run.
bench: $(BENCH_TARGETS)
