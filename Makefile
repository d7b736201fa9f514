# liboauth1 — the front door. `make demo` and `make test` do all set-up on a
# fresh machine (Rust, Python 3 and gcc present); tools go under target/ and .venv/.

CONFORMANCE_DIR ?= tests/conformance/vectors
export CONFORMANCE_DIR
CARGO ?= cargo

# Each mk/*.mk adds its own targets to these lists.
TEST_TARGETS :=
CONFORMANCE_TARGETS :=
BENCH_TARGETS :=

.PHONY: all test lint msrv conformance bench demo rust-test
all: test

include $(sort $(wildcard mk/*.mk))

## test: everything — lint, unit and doc tests, conformance in every language, bindings, examples.
test: lint msrv rust-test conformance $(TEST_TARGETS)
	@echo "make test: all suites passed"

## lint: formatting and clippy, warnings are errors.
lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# The one MSRV of every crate (rust-version in Cargo.toml): the workspace is
# checked with exactly that toolchain, which rustup adds when it is missing.
# The lock file holds versions that toolchain can build (resolver 3 picks them).
MSRV := $(shell sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
MSRV_TOOLCHAIN := $(MSRV).0

## msrv: `cargo check` of every crate and target with the declared MSRV's toolchain.
msrv:
	@rustup run $(MSRV_TOOLCHAIN) cargo --version >/dev/null 2>&1 || \
	  rustup toolchain install $(MSRV_TOOLCHAIN) --profile minimal >/dev/null
	@rustup run $(MSRV_TOOLCHAIN) cargo check -q --workspace --all-targets --locked --target-dir target/msrv
	@echo "msrv: the workspace builds with Rust $(MSRV_TOOLCHAIN), the declared rust-version"

## rust-test: unit tests, doctests (README examples included) and the vectors via cargo.
rust-test:
	$(CARGO) test --workspace

## conformance: every vector file in CONFORMANCE_DIR through every language; non-zero on any failure.
conformance:
	@$(MAKE) --no-print-directory -k $(CONFORMANCE_TARGETS)

## bench: speed figures as ratios against peers measured in the same run, then every target's line again: `bench WHAT: RATIO (target ...) met|NOT met`.
bench:
	@mkdir -p target
	@bash -o pipefail -c '$(MAKE) --no-print-directory $(BENCH_TARGETS) 2>&1 | tee target/bench.log'
	@echo "== bench: the targets, each measured against its peer in this run (target/bench.log has the figures)"
	@grep -E '^bench .*(met|NOT met)$$' target/bench.log || echo "bench: no target lines were printed"
	@echo "bench: $$(grep -E '^bench .* met$$' target/bench.log | grep -vc 'NOT met$$') targets met, $$(grep -cE '^bench .*NOT met$$' target/bench.log) NOT met"
