# The C library (issue 3): liboauth1.so / liboauth1.a, include/oauth1.h, its
# tests (unit, conformance, examples, C++ header, install + pkg-config, each
# also under ASan+UBSan and valgrind), the C benchmark and `make install`.
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
# What each C test program runs with (relative to the top folder).
C_RUN_unit := env OAUTH1_CARGO_VERSION=$(C_VERSION)
C_ARGS_conformance := $(CONFORMANCE_DIR)
C_ARGS_netsuite_tba := POST 'https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait' 'status=active&tags=a%2Cb&name=John+Doe'
C_RUN_netsuite_tba := env OAUTH1_TIMESTAMP=1700000000 OAUTH1_NONCE=kllo9940pd9333jh
C_RUN_verify_request := env OAUTH1_NOW=1700000100
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
	@$(C_RUN_unit) $(C_OUT)/unit
	@$(C_OUT)/profiles
	@$(C_OUT)/conformance --stateful tests/conformance/vectors

c-examples: c-build
	@$(C_OUT)/sign_request > $(C_OUT)/sign_request.out
	@grep -q '^Authorization: OAuth oauth_consumer_key=' $(C_OUT)/sign_request.out && grep -q "^curl -X GET -H 'Authorization: OAuth " $(C_OUT)/sign_request.out || { cat $(C_OUT)/sign_request.out; echo "sign_request printed no header or curl command"; exit 1; }
	@$(C_RUN_netsuite_tba) $(C_OUT)/netsuite_tba $(C_ARGS_netsuite_tba) > $(C_OUT)/netsuite_tba.out
	@grep -q 'realm="1234567_SB1", ' $(C_OUT)/netsuite_tba.out && grep -q '^signature:   7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi+E0+WDxI=$$' $(C_OUT)/netsuite_tba.out || { cat $(C_OUT)/netsuite_tba.out; echo "netsuite_tba did not give the standard request's signature"; exit 1; }
	@$(C_OUT)/netsuite_tba > /dev/null
	@$(C_RUN_verify_request) $(C_OUT)/verify_request > $(C_OUT)/verify_request.out
	@grep -q '^accepted: consumer ck_5f4dcc3b5aa765d61d8327deb882cf99, token tk_6b86b273ff34fce19d6b804eff5a3f57, HMAC-SHA256$$' $(C_OUT)/verify_request.out || { cat $(C_OUT)/verify_request.out; echo "verify_request refused the captured request"; exit 1; }
	@! $(C_RUN_verify_request) $(C_OUT)/verify_request --replay > $(C_OUT)/verify_request-replay.out 2>&1
	@grep -q '^HTTP/1.1 401 Unauthorized' $(C_OUT)/verify_request-replay.out && grep -q '^WWW-Authenticate: OAuth realm="api.example.com"' $(C_OUT)/verify_request-replay.out && grep -q '^oauth_problem=nonce_used$$' $(C_OUT)/verify_request-replay.out || { cat $(C_OUT)/verify_request-replay.out; echo "verify_request --replay did not answer 401 nonce_used"; exit 1; }
	@! $(C_OUT)/verify_request > $(C_OUT)/verify_request-late.out 2>&1
	@grep -q '^oauth_problem=timestamp_refused&oauth_acceptable_timestamps=' $(C_OUT)/verify_request-late.out || { cat $(C_OUT)/verify_request-late.out; echo "verify_request accepted a request captured long ago"; exit 1; }
	@! $(C_RUN_verify_request) $(C_OUT)/verify_request POST 'https://api.example.com/x' 'OAuth oauth_consumer_key="ck_5f4dcc3b5aa765d61d8327deb882cf99", oauth_signature_method="HMAC-SHA1", oauth_signature="x", oauth_timestamp="1700000000", oauth_nonce="n"' > $(C_OUT)/verify_request-forged.out 2>&1
	@grep -q '^oauth_problem=signature_invalid$$' $(C_OUT)/verify_request-forged.out || { cat $(C_OUT)/verify_request-forged.out; echo "verify_request accepted a forged request"; exit 1; }
	@awk '/^```c$$/{n++;f=(n==1);next} /^```$$/{f=0} f' crates/oauth1-ffi/README.md > $(C_OUT)/readme_quickstart.c
	@$(CC) $(C_STD) -Iinclude $(C_OUT)/readme_quickstart.c -o $(C_OUT)/readme_quickstart $(C_LINK)
	@$(C_OUT)/readme_quickstart | grep -q '^Authorization: OAuth realm="1234567_SB1", ' || { echo "the README's C quick start failed"; exit 1; }
	@awk '/^```c$$/{n++;f=(n==2);next} /^```$$/{f=0} f' crates/oauth1-ffi/README.md > $(C_OUT)/readme_verify.c
	@$(CC) $(C_STD) -Iinclude $(C_OUT)/readme_verify.c -o $(C_OUT)/readme_verify $(C_LINK)
	@$(C_OUT)/readme_verify > $(C_OUT)/readme_verify.out || { cat $(C_OUT)/readme_verify.out; echo "the README's C verification example failed"; exit 1; }
	@grep -q '^accepted: ck_5f4dcc3b5aa765d61d8327deb882cf99' $(C_OUT)/readme_verify.out && grep -q '^oauth_problem=nonce_used$$' $(C_OUT)/readme_verify.out || { cat $(C_OUT)/readme_verify.out; echo "the README's C verification example did not accept, then refuse the replay"; exit 1; }
	@$(CC) $(C_STD) -Iinclude examples/c/sign_request.c -o $(C_OUT)/sign_request-release -Ltarget/release -Wl,-rpath,$(abspath target/release) -loauth1
	@readelf -d $(C_OUT)/sign_request-release | grep -q 'NEEDED.*\[liboauth1\.so\.$(C_MAJOR)\]' || { echo "sign_request-release does not need liboauth1.so.$(C_MAJOR)"; exit 1; }
	@env -u LD_LIBRARY_PATH $(C_OUT)/sign_request-release | grep -q '^Authorization: OAuth ' || { echo "a program linked against target/release did not run (liboauth1.so.$(C_MAJOR) link missing?)"; exit 1; }
	@echo "c examples: 6 passed, 0 failed (sign_request, netsuite_tba, verify_request, README quick start, README verification, linked against target/release)"

c-cxx: c-build
	@$(C_OUT)/header_cxx

# Runs $(1) over every C test program; $(2) is the program suffix.
define c_run_all
	@$(C_RUN_unit) $(1) $(C_OUT)/unit$(2) > $(C_OUT)/log-unit$(2) 2>&1 || { cat $(C_OUT)/log-unit$(2); exit 1; }
	@$(1) $(C_OUT)/profiles$(2) > $(C_OUT)/log-profiles$(2) 2>&1 || { cat $(C_OUT)/log-profiles$(2); exit 1; }
	@$(1) $(C_OUT)/conformance$(2) $(C_ARGS_conformance) > $(C_OUT)/log-conformance$(2) 2>&1 || { cat $(C_OUT)/log-conformance$(2); exit 1; }
	@$(1) $(C_OUT)/conformance$(2) --stateful tests/conformance/vectors > $(C_OUT)/log-stateful$(2) 2>&1 || { cat $(C_OUT)/log-stateful$(2); exit 1; }
	@$(1) $(C_OUT)/sign_request$(2) > $(C_OUT)/log-sign_request$(2) 2>&1 || { cat $(C_OUT)/log-sign_request$(2); exit 1; }
	@$(C_RUN_netsuite_tba) $(1) $(C_OUT)/netsuite_tba$(2) $(C_ARGS_netsuite_tba) > $(C_OUT)/log-netsuite_tba$(2) 2>&1 || { cat $(C_OUT)/log-netsuite_tba$(2); exit 1; }
	@$(C_RUN_verify_request) $(1) $(C_OUT)/verify_request$(2) > $(C_OUT)/log-verify_request$(2) 2>&1 || { cat $(C_OUT)/log-verify_request$(2); exit 1; }
	@$(C_RUN_verify_request) $(1) $(C_OUT)/verify_request$(2) --replay > $(C_OUT)/log-verify_request-replay$(2) 2>&1; \
	  [ $$? = 1 ] && grep -q '^oauth_problem=nonce_used$$' $(C_OUT)/log-verify_request-replay$(2) || { cat $(C_OUT)/log-verify_request-replay$(2); echo "verify_request --replay: not refused, or a tool found an error"; exit 1; }
	@$(1) $(C_OUT)/header_cxx$(2) > $(C_OUT)/log-header_cxx$(2) 2>&1 || { cat $(C_OUT)/log-header_cxx$(2); exit 1; }
endef

## c-sanitize: every C test program built with ASan+UBSan; the runtimes must be linked and live.
c-sanitize: c-build
	@for p in $(C_PROGRAMS); do \
	  ldd $(C_OUT)/$$p-san | grep -q libasan || { echo "$$p-san: ASan runtime not linked"; exit 1; }; \
	  ldd $(C_OUT)/$$p-san | grep -q libubsan || { echo "$$p-san: UBSan runtime not linked"; exit 1; }; \
	done
	@! $(C_OUT)/canary-san asan > $(C_OUT)/canary-asan.log 2>&1 && grep -q 'AddressSanitizer: heap-buffer-overflow' $(C_OUT)/canary-asan.log || { cat $(C_OUT)/canary-asan.log; echo "ASan did not catch the canary"; exit 1; }
	@! $(C_OUT)/canary-san ubsan > $(C_OUT)/canary-ubsan.log 2>&1 && grep -q 'runtime error: signed integer overflow' $(C_OUT)/canary-ubsan.log || { cat $(C_OUT)/canary-ubsan.log; echo "UBSan did not catch the canary"; exit 1; }
	$(call c_run_all,env ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1:exitcode=$(C_TOOL_EXIT) UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=$(C_TOOL_EXIT),-san)
	@echo "c sanitize: 7 passed, 0 failed (ASan+UBSan: unit, profiles, conformance, sign_request, netsuite_tba, verify_request, header_cxx)"

## c-valgrind: every C test program under valgrind memcheck: 0 errors, 0 definite or indirect leaks.
c-valgrind: c-build
	$(call c_run_all,$(C_VALGRIND),)
	@echo "c valgrind: 7 passed, 0 failed (memcheck: unit, profiles, conformance, sign_request, netsuite_tba, verify_request, header_cxx)"

c-install-test: c-lib c-deps
	@MAKE="$(MAKE)" CC="$(CC)" tests/c/install_test.sh

## conformance-c: the C driver over CONFORMANCE_DIR: `c vectors.json: N passed, M failed`, errors.json, verify.json.
conformance-c: c-build
	@$(C_OUT)/conformance "$(CONFORMANCE_DIR)"

## bench-c: the C API against liboauth's oauth_sign_url2 in one run, and against the Rust core's figure; C verifications/s and verify/sign.
bench-c: c-lib c-bench-deps bench-rust
	@mkdir -p $(C_OUT)
	@$(CC) $(C_STD) -O2 -Iinclude tests/c/bench.c -o $(C_OUT)/bench $(C_LINK) -loauth
	@$(CARGO) build -q --release -p oauth1-ffi --example core_sign
	@$(C_OUT)/bench "$$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["median"]["point_estimate"])' \
	    target/criterion/standard-request/sign-hmac-sha256-full/new/estimates.json 2>/dev/null)" \
	    target/release/examples/core_sign

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
