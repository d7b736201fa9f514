# The Go binding (bindings/go): a cgo package linking liboauth1.a.
# Its tests (go vet, gofmt, go test), the three-legged flow against
# `oauth1 serve` (added to mk/demo.mk's clients), the conformance runner and
# the benchmark. Go is Debian's golang-go (apt-get, only when missing); no
# module proxy is used (GOPROXY=off: the binding needs none), and GOPATH,
# the build cache and temporary files stay under target/go.

TEST_TARGETS += go-test
CONFORMANCE_TARGETS += conformance-go
BENCH_TARGETS += bench-go

.PHONY: go-deps go-bench-deps go-test go-flow-client conformance-go bench-go

GO_OUT := $(abspath target/go)
# liboauth1.a is named in #cgo LDFLAGS, which the go build cache does not
# track: its digest in CGO_CPPFLAGS (part of the cache key) relinks on change.
GO_ENV = GOPATH=$(GO_OUT)/path GOCACHE=$(GO_OUT)/cache GOTMPDIR=$(GO_OUT)/tmp GOENV=off \
	GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local GO111MODULE=on CGO_ENABLED=1 \
	CGO_CPPFLAGS="-DLIBOAUTH1_A=$$(cksum < $(abspath $(C_LIBDIR))/liboauth1.a | cut -d' ' -f1)"
GO := go
GO_FLOW_CLIENT := $(GO_OUT)/bin/three_legged

DEMO_CLIENTS += "Go=$(GO_FLOW_CLIENT)"
demo provider-test: go-flow-client

## go-deps: Debian's golang-go when there is no go command.
go-deps:
	$(call apt_ensure_for,mk/go.mk,command -v $(GO),golang-go)
	@mkdir -p $(GO_OUT)/tmp

# The benchmark's peer: github.com/gomodule/oauth1, packaged by Debian.
go-bench-deps: go-deps
	$(call apt_ensure_for,mk/go.mk,test -f /usr/share/gocode/src/github.com/gomodule/oauth1/oauth/oauth.go,golang-github-gomodule-oauth1-dev)

## go-test: gofmt and go vet over the binding, runner, example and bench; go test (unit and http.RoundTripper tests).
go-test: c-lib go-deps
	@unformatted=$$(gofmt -l bindings/go tests/go examples/go); [ -z "$$unformatted" ] || { echo "gofmt: not formatted: $$unformatted"; exit 1; }
	@cd bindings/go && $(GO_ENV) $(GO) vet ./... && $(GO_ENV) $(GO) test -count=1 ./...
	@cd tests/go && $(GO_ENV) $(GO) vet ./...
	@cd examples/go && $(GO_ENV) $(GO) vet ./...

## go-flow-client: examples/go/three_legged, the Go client of `make demo` and provider-test.
go-flow-client: c-lib go-deps
	@cd examples/go && $(GO_ENV) $(GO) build -o $(GO_FLOW_CLIENT) ./three_legged

## conformance-go: the Go runner over CONFORMANCE_DIR: `go vectors.json: N passed, M failed`, ...
conformance-go: c-lib go-deps
	@cd tests/go && $(GO_ENV) $(GO) build -o $(GO_OUT)/bin/conformance ./conformance
	@$(GO_OUT)/bin/conformance "$(CONFORMANCE_DIR)"

## bench-go: the standard request signed through the binding, against C and gomodule/oauth1 in one run.
bench-go: c-lib go-bench-deps bindings-bench-c
	@cd tests/go/bench && $(GO_ENV) $(GO) build -o $(GO_OUT)/bin/bench .
	@$(GO_OUT)/bin/bench $(BINDINGS_BENCH_C)
