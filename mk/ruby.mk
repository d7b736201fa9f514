# The Ruby binding (bindings/ruby): the ffi gem over liboauth1.so;
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

ruby-deps:
	$(call apt_ensure,mk/ruby.mk,ruby ruby-ffi ruby-minitest ruby-faraday)

ruby-bench-deps:
	$(call apt_ensure,mk/ruby.mk,ruby-oauth ruby-simple-oauth)

## ruby-test: minitest over the binding (tests/ruby), then its conformance runner under valgrind: no lost block from liboauth1.
# Ruby leaves its own memory to the OS at exit, so only loss records that
# name a liboauth1 function count (those of handles never freed).
ruby-test: c-lib ruby-deps c-deps
	@ruby -e 'Dir["tests/ruby/test_*.rb"].sort.each { |f| require File.expand_path(f) }'
	@mkdir -p target/ruby
	@valgrind --leak-check=full --show-leak-kinds=definite,indirect --num-callers=50 --max-stackframe=8381584 \
	  ruby tests/ruby/conformance.rb tests/conformance/vectors > target/ruby/valgrind.log 2>&1 \
	  || { cat target/ruby/valgrind.log; exit 1; }
	@! grep -A60 'lost in loss record' target/ruby/valgrind.log | grep -q 'oauth1_' \
	  || { grep -A60 'lost in loss record' target/ruby/valgrind.log | head -n 80; echo "ruby valgrind: a liboauth1 handle was never freed"; exit 1; }
	@echo "ruby valgrind: conformance run with no lost block from liboauth1 (every handle freed)"

## conformance-ruby: the Ruby runner over CONFORMANCE_DIR: `ruby vectors.json: N passed, M failed`, errors.json, verify.json.
conformance-ruby: c-lib ruby-deps
	@ruby tests/ruby/conformance.rb "$(CONFORMANCE_DIR)"

# The flow client runs in demo.mk's provider-test and demo.
provider-test demo: c-lib ruby-deps

## bench-ruby: the standard request signed through the binding, against the C API, the oauth gem and simple_oauth in one run.
bench-ruby: c-lib ruby-deps ruby-bench-deps $(C_SIGN_MEDIAN)
	@ruby tests/ruby/bench.rb $(C_SIGN_MEDIAN)
