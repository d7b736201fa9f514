# Provider fleets on Redis: crates/oauth1-redis and its tests,
# which start Debian's redis-server themselves on a free loopback port
# (installed here with apt-get, only when missing) and stop it by pid.

.PHONY: redis-deps

redis-deps:
	$(call apt_ensure_for,mk/redis.mk,command -v redis-server,redis-server)

# The workspace's tests include the fleet tests of crates/oauth1-redis.
rust-test: redis-deps

BENCH_TARGETS += bench-provider-store bench-provider-fleet
.PHONY: bench-provider-store bench-provider-fleet

## bench-provider-store: request-token issue time as 40 000 tokens pile up, against a store that scans every token (same run).
bench-provider-store:
	@$(CARGO) run -q --release -p oauth1 --example provider_issue

## bench-provider-fleet: the provider load test on one instance in memory, then on two instances sharing one Redis (same run).
bench-provider-fleet: redis-deps
	@$(CARGO) run -q --release -p oauth1-cli --example load -- --seconds 5 --fleet 1
