# Until the local provider exists, the demo signs the standard request and
# explains it.
.PHONY: demo
demo:
	$(CARGO) run -q --release -p oauth1 --example demo
