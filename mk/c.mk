# The C library: liboauth1.so / liboauth1.a, include/oauth1.h, its tests
# (unit, conformance, examples, C++ header, install + pkg-config, each also
# under ASan+UBSan and valgrind; tests/c/run.sh runs and counts them), the C
# benchmark and `make install`.
# Whatever a fresh machine lacks is installed here: cbindgen (pinned, into
# target/tools) and Debian packages (apt-get, only when missing).

TEST_TARGETS += c-test
CONFORMANCE_TARGETS += conformance-c
BENCH_TARGETS += bench-c

.PHONY: c-test c-lib c-deps c-bench-deps header c-header-check c-unit c-examples c-cxx \
        c-sanitize c-valgrind c-install-test conformance-c bench-c install

CBINDGEN_VERSION := 0.27.0
CBINDGEN := target/tools/bin/cbindgen
# The stamp names the version, so changing CBINDGEN_VERSION reinstalls it.
CBINDGEN_STAMP := target/tools/.cbindgen-$(CBINDGEN_VERSION)
C_OUT := target/c
C_LIBDIR := $(C_OUT)/lib
C_VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
C_MAJOR := $(word 1,$(subst ., ,$(C_VERSION)))
C_NATIVE_STATIC_LIBS := -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
C_SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

C_STD := -std=c11 -Wall -Wextra -Wpedantic -Werror
C_LINK := -L$(C_LIBDIR) -Wl,-rpath,$(abspath $(C_LIBDIR)) -loauth1
C_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# What valgrind and the sanitizers exit with on an error they found: apart
# from a program's own statuses (verify_request exits 1 on a refusal).
C_TOOL_EXIT := 97
C_VALGRIND := valgrind --quiet --error-exitcode=$(C_TOOL_EXIT) --leak-check=full --errors-for-leak-kinds=definite,indirect
# What tests/c/run.sh needs to know.
C_RUN := env C_VERSION=$(C_VERSION) C_MAJOR=$(C_MAJOR) CC="$(CC)" C_STD="$(C_STD)" C_LINK="$(C_LINK)" tests/c/run.sh
C_PROGRAMS := unit profiles conformance sign_request netsuite_tba verify_request header_cxx

# Installs the Debian packages named in $(1) that are missing.
define c_apt_ensure
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "mk/c.mk: installing$$missing with apt-get"; \
	  $(C_SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(C_SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

## c-test: every C test: header freshness, unit, examples, C++, conformance, ASan+UBSan, valgrind, install.
c-test: c-header-check c-unit c-examples c-cxx c-sanitize c-valgrind c-install-test
	@echo "c-test: all C suites passed"

c-deps:
	$(call c_apt_ensure,libjansson-dev pkg-config valgrind gcc g++ binutils)

c-bench-deps:
	$(call c_apt_ensure,liboauth-dev)

## c-lib: the release liboauth1.so and liboauth1.a, staged with their soname links in target/c/lib.
c-lib:
	@$(CARGO) build -q --release -p oauth1-ffi
	@mkdir -p $(C_LIBDIR)
	@cp -f target/release/liboauth1.so $(C_LIBDIR)/liboauth1.so.$(C_VERSION)
	@ln -sf liboauth1.so.$(C_VERSION) $(C_LIBDIR)/liboauth1.so.$(C_MAJOR)
	@ln -sf liboauth1.so.$(C_MAJOR) $(C_LIBDIR)/liboauth1.so
	@cp -f target/release/liboauth1.a $(C_LIBDIR)/liboauth1.a
	@# The link the soname names, so a program linked against target/release runs from there too.
	@ln -sf liboauth1.so target/release/liboauth1.so.$(C_MAJOR)

$(CBINDGEN_STAMP):
	$(CARGO) install -q cbindgen --version $(CBINDGEN_VERSION) --locked --root target/tools
	@$(CBINDGEN) --version | grep -qx 'cbindgen $(CBINDGEN_VERSION)'
	@touch $@

## header: regenerate include/oauth1.h with the pinned cbindgen.
header: $(CBINDGEN_STAMP)
	$(CBINDGEN) --quiet --config crates/oauth1-ffi/cbindgen.toml --crate oauth1-ffi --output include/oauth1.h

c-header-check: $(CBINDGEN_STAMP)
	@mkdir -p $(C_OUT)
	@$(CBINDGEN) --quiet --config crates/oauth1-ffi/cbindgen.toml --crate oauth1-ffi --output $(C_OUT)/oauth1.h.fresh
	@cmp -s include/oauth1.h $(C_OUT)/oauth1.h.fresh || { \
	  diff -u include/oauth1.h $(C_OUT)/oauth1.h.fresh | head -n 40; \
	  echo "include/oauth1.h differs from what cbindgen $(CBINDGEN_VERSION) generates: run 'make header' and commit it"; \
	  exit 1; }
	@$(CC) $(C_STD) -fsyntax-only -x c include/oauth1.h
	@$(CXX) -std=c++11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -x c++ include/oauth1.h
	@echo "c header: include/oauth1.h is fresh and compiles as C11 and C++"

# Builds each C test program twice: plain (also run under valgrind) and with
# ASan+UBSan; and the sanitizer canary.
c-build: c-lib c-deps
	@mkdir -p $(C_OUT)
	@for p in unit profiles conformance sign_request netsuite_tba verify_request; do \
	  src=tests/c/$$p.c; [ -f $$src ] || src=examples/c/$$p.c; \
	  extra=""; [ $$p = unit ] && extra=-lpthread; [ $$p = conformance ] && extra=-ljansson; \
	  $(CC) $(C_STD) -O2 -g -Iinclude $$src -o $(C_OUT)/$$p $(C_LINK) $$extra || exit 1; \
	  $(CC) $(C_STD) -O1 -g $(C_SAN) -Iinclude $$src -o $(C_OUT)/$$p-san $(C_LINK) $$extra || exit 1; \
	done
	@$(CXX) -std=c++11 -Wall -Wextra -Wpedantic -Werror -O2 -g -Iinclude tests/c/header_cxx.cpp -o $(C_OUT)/header_cxx $(C_LINK)
	@$(CXX) -std=c++11 -Wall -Wextra -Wpedantic -Werror -O1 -g $(C_SAN) -Iinclude tests/c/header_cxx.cpp -o $(C_OUT)/header_cxx-san $(C_LINK)
	@$(CC) -std=c11 -O0 -g $(C_SAN) tests/c/sanitizer_canary.c -o $(C_OUT)/canary-san
.PHONY: c-build

c-unit: c-build
	@env OAUTH1_CARGO_VERSION=$(C_VERSION) $(C_OUT)/unit
	@$(C_OUT)/profiles
	@$(C_OUT)/conformance --stateful tests/conformance/vectors

c-examples: c-build
	@$(C_RUN) examples

c-cxx: c-build
	@$(C_OUT)/header_cxx

## c-sanitize: every C test program built with ASan+UBSan; the runtimes must be linked and live.
c-sanitize: c-build
	@for p in $(C_PROGRAMS); do \
	  ldd $(C_OUT)/$$p-san | grep -q libasan || { echo "$$p-san: ASan runtime not linked"; exit 1; }; \
	  ldd $(C_OUT)/$$p-san | grep -q libubsan || { echo "$$p-san: UBSan runtime not linked"; exit 1; }; \
	done
	@! $(C_OUT)/canary-san asan > $(C_OUT)/canary-asan.log 2>&1 && grep -q 'AddressSanitizer: heap-buffer-overflow' $(C_OUT)/canary-asan.log || { cat $(C_OUT)/canary-asan.log; echo "ASan did not catch the canary"; exit 1; }
	@! $(C_OUT)/canary-san ubsan > $(C_OUT)/canary-ubsan.log 2>&1 && grep -q 'runtime error: signed integer overflow' $(C_OUT)/canary-ubsan.log || { cat $(C_OUT)/canary-ubsan.log; echo "UBSan did not catch the canary"; exit 1; }
	@$(C_RUN) programs "sanitize (ASan+UBSan)" -san env ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1:exitcode=$(C_TOOL_EXIT) UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=$(C_TOOL_EXIT)

## c-valgrind: every C test program under valgrind memcheck: 0 errors, 0 definite or indirect leaks.
c-valgrind: c-build
	@$(C_RUN) programs "valgrind (memcheck)" "" $(C_VALGRIND)

c-install-test: c-lib c-deps
	@MAKE="$(MAKE)" CC="$(CC)" tests/c/install_test.sh

## conformance-c: the C driver over CONFORMANCE_DIR: `c vectors.json: N passed, M failed`, errors.json, verify.json.
conformance-c: c-build
	@$(C_OUT)/conformance "$(CONFORMANCE_DIR)"

## bench-c: ratio lines (target, met / NOT met) of the C API against liboauth's oauth_sign_url2 and the Rust core in one run, fresh/fixed nonce, verify/sign.
bench-c: c-lib c-bench-deps bench-rust
	@mkdir -p $(C_OUT)
	@$(CC) $(C_STD) -O2 -Iinclude tests/c/bench.c -o $(C_OUT)/bench $(C_LINK) -loauth
	@$(CARGO) build -q --release -p oauth1-ffi --example core_sign
	@$(C_OUT)/bench "$$(tests/c/criterion_sign_ns.py target/criterion)" target/release/examples/core_sign

## install: PREFIX=/usr/local (DESTDIR too): libraries with soname links, header, oauth1.pc.
PREFIX ?= /usr/local
C_PREFIX = $(abspath $(PREFIX))
C_INSTALL_LIBDIR = $(C_PREFIX)/lib
C_INSTALL_INCDIR = $(C_PREFIX)/include
install: c-lib
	install -d $(DESTDIR)$(C_INSTALL_LIBDIR)/pkgconfig $(DESTDIR)$(C_INSTALL_INCDIR)
	install -m 755 target/release/liboauth1.so $(DESTDIR)$(C_INSTALL_LIBDIR)/liboauth1.so.$(C_VERSION)
	ln -sf liboauth1.so.$(C_VERSION) $(DESTDIR)$(C_INSTALL_LIBDIR)/liboauth1.so.$(C_MAJOR)
	ln -sf liboauth1.so.$(C_MAJOR) $(DESTDIR)$(C_INSTALL_LIBDIR)/liboauth1.so
	install -m 644 target/release/liboauth1.a $(DESTDIR)$(C_INSTALL_LIBDIR)/liboauth1.a
	install -m 644 include/oauth1.h $(DESTDIR)$(C_INSTALL_INCDIR)/oauth1.h
	@# Refresh the loader's cache for a system prefix (a no-op for a directory it does not list).
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v ldconfig >/dev/null 2>&1; then ldconfig; fi
	sed -e 's|@PREFIX@|$(C_PREFIX)|' -e 's|@LIBDIR@|$(C_INSTALL_LIBDIR)|' -e 's|@INCLUDEDIR@|$(C_INSTALL_INCDIR)|' \
	    -e 's|@VERSION@|$(C_VERSION)|' -e 's|@NATIVE_STATIC_LIBS@|$(C_NATIVE_STATIC_LIBS)|' \
	    crates/oauth1-ffi/oauth1.pc.in > $(DESTDIR)$(C_INSTALL_LIBDIR)/pkgconfig/oauth1.pc
