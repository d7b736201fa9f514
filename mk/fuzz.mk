# Fuzzing and miri: the libFuzzer targets in fuzz/ (a cargo-fuzz layout),
# built with the nightly toolchain into target/fuzz (fuzz/ is its own
# workspace, so the stable build never depends on it), and miri over the
# C boundary's Rust tests. `make fuzz FUZZ_SECONDS=N` runs each target for
# N seconds and prints `fuzz TARGET: N execs, 0 crashes`; `make test` runs
# them for FUZZ_TEST_SECONDS each. The build is the one `cargo fuzz build -a`
# runs (cargo-fuzz 0.13's flags, below), called directly: installing
# cargo-fuzz itself would cost every clean CI run a minute or two of
# compiling. `cargo fuzz run` works on fuzz/ too, for those who have it.
# The miri component is added with rustup.

TEST_TARGETS += fuzz-test miri

.PHONY: fuzz fuzz-test fuzz-build fuzz-seeds fuzz-lint miri

NIGHTLY ?= +nightly
FUZZ_OUT := target/fuzz
FUZZ_BIN = $(FUZZ_OUT)/$(FUZZ_TRIPLE)/release
FUZZ_TARGETS := authorization_header base_string_uri form_decode token_response callback \
	verify_bytes sign_verify c_boundary
FUZZ_SECONDS ?= 60
# Per target in `make test`: 8 targets, 40 s of fuzzing in all: a smoke
# run that the targets build, start from their seeds and survive; the long
# runs are `make fuzz`.
FUZZ_TEST_SECONDS ?= 5
# A single input slower than this (s) is a hang: libFuzzer stops and reports it.
FUZZ_INPUT_TIMEOUT := 25

FUZZ_TRIPLE := x86_64-unknown-linux-gnu
# What cargo-fuzz 0.13 sets for `build -a` (SanitizerCoverage for libFuzzer,
# AddressSanitizer, debug assertions, one codegen unit).
FUZZ_RUSTFLAGS := -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
	-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
	-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing \
	-Cllvm-args=-simplifycfg-branch-fold-threshold=0 -Zsanitizer=address \
	-Cllvm-args=-sanitizer-coverage-stack-depth -Cdebug-assertions -Ccodegen-units=1

## fuzz-build: every fuzz target, with the nightly compiler, AddressSanitizer and debug assertions.
fuzz-build:
	@mkdir -p $(FUZZ_OUT)
	@RUSTFLAGS="$(FUZZ_RUSTFLAGS)" $(CARGO) $(NIGHTLY) build --manifest-path fuzz/Cargo.toml \
	  --target $(FUZZ_TRIPLE) --release --config 'profile.release.debug="line-tables-only"' --bins \
	  --target-dir $(FUZZ_OUT) >$(FUZZ_OUT).build.log 2>&1 || { cat $(FUZZ_OUT).build.log; exit 1; }

# The corpora start from the conformance vectors (regenerated; not committed)
# and the small seeds kept in fuzz/seeds (crash inputs among them).
fuzz-seeds:
	@python3 fuzz/seed_corpus.py tests/conformance/vectors $(FUZZ_OUT)/corpus >/dev/null

fuzz-lint:
	@$(CARGO) fmt --manifest-path fuzz/Cargo.toml -- --check

# The nightly toolchain cannot be installed here (rustup's servers are out
# of reach): without it, the fuzz targets are skipped and say so.
FUZZ_HAVE_NIGHTLY = $(shell $(CARGO) $(NIGHTLY) --version >/dev/null 2>&1 && echo yes)

## fuzz: every target for FUZZ_SECONDS seconds each: `fuzz TARGET: N execs, 0 crashes`; non-zero on any crash.
ifeq ($(FUZZ_HAVE_NIGHTLY),yes)
fuzz: fuzz-lint fuzz-build fuzz-seeds
	@failed=0; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_OUT)/corpus/$$t $(FUZZ_OUT)/artifacts/$$t fuzz/seeds/$$t; \
	  rm -f $(FUZZ_OUT)/artifacts/$$t/*; \
	  ASAN_OPTIONS=detect_odr_violation=0 $(FUZZ_BIN)/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=$(FUZZ_INPUT_TIMEOUT) -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_OUT)/artifacts/$$t/ $(FUZZ_OUT)/corpus/$$t fuzz/seeds/$$t \
	    > $(FUZZ_OUT)/$$t.log 2>&1; status=$$?; \
	  execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_OUT)/$$t.log | tail -n 1); \
	  crashes=$$(ls $(FUZZ_OUT)/artifacts/$$t | wc -l); \
	  [ $$status = 0 ] || [ $$crashes -gt 0 ] || crashes=1; \
	  echo "fuzz $$t: $${execs:-0} execs, $$crashes crashes"; \
	  if [ $$crashes -gt 0 ]; then \
	    failed=1; grep -E -A 30 'ERROR|panicked|SUMMARY' $(FUZZ_OUT)/$$t.log | head -n 60; \
	    ls $(FUZZ_OUT)/artifacts/$$t/* 2>/dev/null | sed 's/^/  input: /'; \
	  fi; \
	done; exit $$failed
else
fuzz:
	@echo "fuzz: skipped: no nightly toolchain (cargo $(NIGHTLY)); libFuzzer builds need it"
endif

## fuzz-test: `make fuzz` for FUZZ_TEST_SECONDS per target (the part of `make test`).
fuzz-test:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_TEST_SECONDS)

# miri runs the C boundary's Rust tests (src/tests.rs, src/api_tests.rs),
# which go through every unsafe helper of crates/oauth1-ffi. The system
# clock and OS randomness (generated timestamps and nonces) need isolation
# off. Not run under miri: the Python crate's unsafe helpers (they call
# CPython, which miri cannot execute) and the C tests (C code).
MIRI_FLAGS := -Zmiri-disable-isolation

## miri: crates/oauth1-ffi's tests under miri (nightly); skipped, saying why, when miri cannot be installed.
miri:
	@if ! $(CARGO) $(NIGHTLY) miri --version >/dev/null 2>&1; then \
	  rustup component add miri rust-src --toolchain nightly >/dev/null 2>&1 || true; fi
	@if ! $(CARGO) $(NIGHTLY) miri --version >/dev/null 2>&1; then \
	  echo "miri: skipped: the nightly toolchain's miri component is not installed and rustup could not add it"; \
	else \
	  MIRIFLAGS="$(MIRI_FLAGS)" $(CARGO) $(NIGHTLY) miri test -q -p oauth1-ffi > target/miri.log 2>&1; status=$$?; \
	  grep -E '^test result' target/miri.log; \
	  [ $$status = 0 ] || { tail -n 60 target/miri.log; exit $$status; }; \
	  echo "miri: oauth1-ffi tests passed (not under miri: bindings/python's unsafe helpers need CPython; tests/c is C)"; \
	fi
