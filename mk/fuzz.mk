# Fuzzing and miri (issue 13): the cargo-fuzz (libFuzzer) targets in fuzz/,
# built with the nightly toolchain into target/fuzz (fuzz/ is its own
# workspace, so the stable build never depends on it), and miri over the
# C boundary's Rust tests. `make fuzz FUZZ_SECONDS=N` runs each target for
# N seconds and prints `fuzz TARGET: N execs, 0 crashes`; `make test` runs
# them for FUZZ_TEST_SECONDS each. cargo-fuzz is pinned and installed into
# target/tools like cbindgen; the miri component is added with rustup.

TEST_TARGETS += fuzz-test miri

.PHONY: fuzz fuzz-test fuzz-build fuzz-seeds fuzz-lint miri

NIGHTLY ?= +nightly
CARGO_FUZZ_VERSION := 0.13.2
CARGO_FUZZ := target/tools/bin/cargo-fuzz
CARGO_FUZZ_STAMP := target/tools/.cargo-fuzz-$(CARGO_FUZZ_VERSION)
FUZZ_OUT := target/fuzz
FUZZ_BIN := $(FUZZ_OUT)/x86_64-unknown-linux-gnu/release
FUZZ_TARGETS := authorization_header base_string_uri form_decode token_response callback \
	verify_bytes sign_verify c_boundary
FUZZ_SECONDS ?= 60
# Per target in `make test`: 8 targets, about 2 minutes in all.
FUZZ_TEST_SECONDS ?= 15
# A single input slower than this (s) is a hang: libFuzzer stops and reports it.
FUZZ_INPUT_TIMEOUT := 25

$(CARGO_FUZZ_STAMP):
	$(CARGO) install -q cargo-fuzz --version $(CARGO_FUZZ_VERSION) --locked --root target/tools
	@$(CARGO_FUZZ) --version | grep -qx 'cargo-fuzz $(CARGO_FUZZ_VERSION)'
	@touch $@

## fuzz-build: every fuzz target, with the nightly compiler, AddressSanitizer and debug assertions.
fuzz-build: $(CARGO_FUZZ_STAMP)
	@PATH="$(abspath target/tools/bin):$$PATH" $(CARGO) $(NIGHTLY) fuzz build -a --fuzz-dir fuzz --target-dir $(FUZZ_OUT) >$(FUZZ_OUT).build.log 2>&1 || \
	  { cat $(FUZZ_OUT).build.log; exit 1; }

# The corpora start from the conformance vectors (regenerated; not committed)
# and the small seeds kept in fuzz/seeds (crash inputs among them).
fuzz-seeds:
	@python3 fuzz/seed_corpus.py tests/conformance/vectors $(FUZZ_OUT)/corpus >/dev/null

fuzz-lint:
	@$(CARGO) fmt --manifest-path fuzz/Cargo.toml -- --check

## fuzz: every target for FUZZ_SECONDS seconds each: `fuzz TARGET: N execs, 0 crashes`; non-zero on any crash.
fuzz: fuzz-lint fuzz-build fuzz-seeds
	@failed=0; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_OUT)/corpus/$$t $(FUZZ_OUT)/artifacts/$$t fuzz/seeds/$$t; \
	  rm -f $(FUZZ_OUT)/artifacts/$$t/*; \
	  $(FUZZ_BIN)/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=$(FUZZ_INPUT_TIMEOUT) -print_final_stats=1 \
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

## fuzz-test: `make fuzz` for FUZZ_TEST_SECONDS per target (the part of `make test`).
fuzz-test:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_TEST_SECONDS)
