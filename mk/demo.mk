# The local provider (crates/oauth1-cli, `oauth1 serve`) and what runs
# against it: `make demo`, the C and Python flow tests, the headless-browser
# test of the authorize page, and the provider's load test.
# What a fresh machine lacks is installed here with apt-get, only when missing:
# libcurl's headers (for the C client) and Debian's chromium (browser test).

TEST_TARGETS += provider-test browser-test
BENCH_TARGETS += bench-provider

.PHONY: demo demo-c-client demo-c-provider demo-curl-dev provider-test browser-test browser-deps bench-provider

DEMO_DIR := target/demo
DEMO_RUN_FLOWS := crates/oauth1-cli/demo/run-flows.sh
DEMO_C_CLIENT := $(DEMO_DIR)/three_legged
# Each client gets the provider's base URL as its last argument.
DEMO_CLIENTS = "C=$(DEMO_C_CLIENT)" "Python=$(VENV_PY) examples/python/three_legged.py"
# The same clients against the Python provider example: a Flask app on oauth1.Provider.
DEMO_FLASK_PROVIDER = $(VENV_PY) examples/python/provider_app.py
# ...and against the C provider example on oauth1_provider_*.
DEMO_C_PROVIDER := $(DEMO_DIR)/provider_server

# libcurl's headers: any flavour will do; libcurl4-openssl-dev when there are none.
demo-curl-dev:
	$(call apt_ensure_for,mk/demo.mk,sh -c "echo '#include <curl/curl.h>' | $(CC) -E -x c -",libcurl4-openssl-dev)

## demo-c-client: examples/c/three_legged.c against liboauth1 (target/c/lib) and libcurl.
demo-c-client: c-lib demo-curl-dev
	@mkdir -p $(DEMO_DIR)
	@$(CC) -std=c11 -Wall -Wextra -Wpedantic -Werror -O2 -Iinclude examples/c/three_legged.c \
	  -o $(DEMO_C_CLIENT) -L$(C_LIBDIR) -Wl,-rpath,$(abspath $(C_LIBDIR)) -loauth1 -lcurl

## demo-c-provider: examples/c/provider_server.c against liboauth1 (target/c/lib).
demo-c-provider: c-lib
	@mkdir -p $(DEMO_DIR)
	@$(CC) -std=c11 -Wall -Wextra -Wpedantic -Werror -O2 -Iinclude examples/c/provider_server.c \
	  -o $(DEMO_C_PROVIDER) -L$(C_LIBDIR) -Wl,-rpath,$(abspath $(C_LIBDIR)) -loauth1

## demo: the provider on a free loopback port (auto-approve), the whole three-legged flow once from C and once from Python; then the same against the Flask provider example (oauth1.Provider).
demo: demo-c-client python-install
	@$(CARGO) build -q --release -p oauth1-cli
	@$(DEMO_RUN_FLOWS) target/release/oauth1 $(DEMO_DIR) $(DEMO_CLIENTS)
	@PROVIDER_COMMAND="$(DEMO_FLASK_PROVIDER)" $(DEMO_RUN_FLOWS) target/release/oauth1 $(DEMO_DIR)/flask $(DEMO_CLIENTS)

## provider-test: the same flows as `make demo`, as a test (output shown only on failure), and against the C provider example too.
provider-test: demo-c-client demo-c-provider python-install
	@$(CARGO) build -q -p oauth1-cli
	@QUIET=1 $(DEMO_RUN_FLOWS) target/debug/oauth1 target/provider-test $(DEMO_CLIENTS)
	@QUIET=1 PROVIDER_COMMAND="$(DEMO_FLASK_PROVIDER)" $(DEMO_RUN_FLOWS) target/debug/oauth1 target/provider-test/flask $(DEMO_CLIENTS)
	@QUIET=1 PROVIDER_COMMAND="$(DEMO_C_PROVIDER)" $(DEMO_RUN_FLOWS) target/debug/oauth1 target/provider-test/c-provider $(DEMO_CLIENTS)

browser-deps:
	$(call apt_ensure_for,mk/demo.mk,command -v chromium,chromium)

## browser-test: headless chromium opens the authorize page, finds the consumer's name, clicks Approve, lands on the callback.
browser-test: browser-deps
	@$(CARGO) test -q -p oauth1-cli --test browser -- --ignored

## bench-provider: a 5 s load of distinct signed requests plus replays against /api/me on loopback.
bench-provider:
	@$(CARGO) run -q --release -p oauth1-cli --example load -- --seconds 5
