# The Ruby binding (bindings/ruby, issue 11): the ffi gem over liboauth1.so;
# its minitest tests, the conformance runner, the three-legged flow (through
# demo.mk's run-flows.sh) and the benchmark against the oauth and
# simple_oauth gems. Debian packages are installed with apt-get, only when
# missing: ruby (3.1), ruby-ffi, ruby-minitest, ruby-faraday (the middleware's
# tests) and, for the benchmark, ruby-oauth and ruby-simple-oauth.

TEST_TARGETS += ruby-test
CONFORMANCE_TARGETS += conformance-ruby
BENCH_TARGETS += bench-ruby
DEMO_CLIENTS += "Ruby=ruby examples/ruby/three_legged.rb"

.PHONY: ruby-deps ruby-bench-deps ruby-test conformance-ruby bench-ruby

RUBY_SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Installs the Debian packages named in $(1) that are missing.
define ruby_apt_ensure
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "mk/ruby.mk: installing$$missing with apt-get"; \
	  $(RUBY_SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(RUBY_SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

ruby-deps:
	$(call ruby_apt_ensure,ruby ruby-ffi ruby-minitest ruby-faraday)

ruby-bench-deps:
	$(call ruby_apt_ensure,ruby-oauth ruby-simple-oauth)

## ruby-test: minitest over the binding (tests/ruby), then its conformance runner on the repository's vectors.
ruby-test: c-lib ruby-deps
	@ruby -e 'Dir["tests/ruby/test_*.rb"].sort.each { |f| require File.expand_path(f) }'
	@mkdir -p target/ruby
	@ruby tests/ruby/conformance.rb tests/conformance/vectors > target/ruby/conformance.log || { cat target/ruby/conformance.log; exit 1; }

## conformance-ruby: the Ruby runner over CONFORMANCE_DIR: `ruby vectors.json: N passed, M failed`, errors.json, verify.json.
conformance-ruby: c-lib ruby-deps
	@ruby tests/ruby/conformance.rb "$(CONFORMANCE_DIR)"

# The flow client runs in demo.mk's provider-test and demo.
provider-test demo: c-lib ruby-deps

## bench-ruby: the standard request signed through the binding, against the C API, the oauth gem and simple_oauth in one run.
bench-ruby: c-lib ruby-deps ruby-bench-deps $(C_SIGN_MEDIAN)
	@ruby tests/ruby/bench.rb $(C_SIGN_MEDIAN)
