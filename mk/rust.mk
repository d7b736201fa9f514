# The Rust core: conformance runner and benchmarks.

CONFORMANCE_TARGETS += conformance-rust
BENCH_TARGETS += bench-rust

.PHONY: conformance-rust bench-rust
conformance-rust:
	@$(CARGO) run -q --release -p oauth1-conformance -- "$(CONFORMANCE_DIR)"

bench-rust:
	$(CARGO) bench -p oauth1 --bench sign --bench verify
