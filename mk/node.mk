# The Node.js binding (bindings/node): a koffi binding over
# liboauth1.so. Its unit tests, the three-legged flow against `oauth1 serve`
# (added to mk/demo.mk's clients), the conformance runner and the benchmark.
# node is the machine's (20); koffi, the benchmark's peer (oauth-1.0a) and
# typescript (to check index.d.ts) go into bindings/node/node_modules with
# `npm ci`, only when missing or when package-lock.json changed.

TEST_TARGETS += node-test
CONFORMANCE_TARGETS += conformance-node
BENCH_TARGETS += bench-node

.PHONY: node-deps node-test node-typecheck conformance-node bench-node

NODE ?= node
NPM ?= npm
NODE_DIR := bindings/node
NODE_STAMP := $(NODE_DIR)/node_modules/.liboauth1-stamp
NODE_FLOW := "Node.js=$(NODE) examples/node/three_legged.js"

DEMO_CLIENTS += $(NODE_FLOW)
demo provider-test: node-deps

$(NODE_STAMP): $(NODE_DIR)/package.json $(NODE_DIR)/package-lock.json
	@command -v $(NODE) >/dev/null || { echo "mk/node.mk: node (18 or later) is needed for the Node.js binding"; exit 1; }
	@echo "mk/node.mk: npm ci in $(NODE_DIR) (koffi, oauth-1.0a, typescript)"
	@cd $(NODE_DIR) && $(NPM) ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
	@touch $@

## node-deps: koffi and the dev packages in bindings/node/node_modules (npm ci, only when missing).
node-deps: $(NODE_STAMP)

## node-typecheck: index.d.ts checked against a typed use of the whole API (tsc --strict).
node-typecheck: node-deps
	@cd $(NODE_DIR) && ./node_modules/.bin/tsc -p test/tsconfig.json

## node-test: the binding's unit tests (node --test), index.d.ts checked, the flow runs in provider-test.
node-test: c-lib node-deps node-typecheck
	@$(NODE) --expose-gc --test --test-reporter=dot $(NODE_DIR)/test/ && echo "node test: all passed"

## conformance-node: the Node.js runner over CONFORMANCE_DIR: `node vectors.json: N passed, M failed`, ...
conformance-node: c-lib node-deps
	@$(NODE) tests/node/conformance.js "$(CONFORMANCE_DIR)"

## bench-node: the standard request signed through the binding, against oauth-1.0a and C in one run.
bench-node: c-lib node-deps bindings-bench-c
	@$(NODE) tests/node/bench.js $(BINDINGS_BENCH_C)

# The C figure of the binding benchmarks (bench-node and bench-go): the
# standard request through the C API, one process per round.
BINDINGS_BENCH_C := target/c/sign_ns
.PHONY: bindings-bench-c
bindings-bench-c: c-lib
	@mkdir -p target/c
	@$(CC) $(C_STD) -O2 -Iinclude tests/bindings/sign_ns.c -o $(BINDINGS_BENCH_C) $(C_LINK)
