module example.invalid/liboauth1/tests/go/bench

go 1.19

require (
	example.invalid/liboauth1/bindings/go v0.0.0
	github.com/gomodule/oauth1 v0.0.0
)

replace example.invalid/liboauth1/bindings/go => ../../../bindings/go

// Debian's golang-github-gomodule-oauth1-dev (no module proxy is reachable).
replace github.com/gomodule/oauth1 => /usr/share/gocode/src/github.com/gomodule/oauth1
