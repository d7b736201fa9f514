# The Rust core: conformance runner and benchmarks.

CONFORMANCE_TARGETS += conformance-rust
BENCH_TARGETS += bench-rust

.PHONY: conformance-rust bench-rust
conformance-rust:
	@$(CARGO) run -q --release -p oauth1-conformance -- "$(CONFORMANCE_DIR)"

# criterion's detailed figures go to target/bench-rust.log (bench-c reads
# its JSON under target/criterion); the raw figures and one line per
# target, all from this run, are printed.
bench-rust:
	@mkdir -p target
	@$(CARGO) bench -p oauth1 --bench sign --bench verify > target/bench-rust.log 2>&1 \
	    || { cat target/bench-rust.log; exit 1; }
	@grep -E '^(raw|bench rust)' target/bench-rust.log
