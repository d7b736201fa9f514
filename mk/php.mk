# The PHP binding (bindings/php): PHP's FFI over liboauth1.so and
# declarations generated from include/oauth1.h; its PHPUnit tests, the
# conformance runner, the three-legged flow (through demo.mk's run-flows.sh)
# and the benchmark against the PECL oauth extension.
# Debian packages are installed with apt-get, only when missing: php-cli
# (PHP 8.2, FFI built in), phpunit, php-guzzlehttp-guzzle (the middleware and
# the flow's HTTP client) and php-oauth (the benchmark's peer).

TEST_TARGETS += php-test
CONFORMANCE_TARGETS += conformance-php
BENCH_TARGETS += bench-php
DEMO_CLIENTS += "PHP=php examples/php/three_legged.php"

.PHONY: php-deps php-bench-deps php-cdef php-test php-unit conformance-php bench-php

PHP_OUT := target/php
PHP_CDEF := $(PHP_OUT)/oauth1.cdef.h

php-deps:
	$(call apt_ensure,mk/php.mk,php-cli phpunit php-guzzlehttp-guzzle)
	@php -r 'exit(extension_loaded("ffi") ? 0 : 1);' || { echo "mk/php.mk: php has no FFI extension"; exit 1; }

php-bench-deps:
	$(call apt_ensure,mk/php.mk,php-oauth)

# FFI::cdef takes declarations only: no #include, #define or #ifdef. The
# preprocessor resolves the header against empty stand-ins for the standard
# headers (FFI knows their types), and the bodies' `const uint8_t *` become
# `const char *` (same ABI) so that PHP passes a string's bytes directly.
$(PHP_CDEF): include/oauth1.h mk/php.mk
	@mkdir -p $(PHP_OUT)/stub
	@for h in stdbool stddef stdint; do : > $(PHP_OUT)/stub/$$h.h; done
	@$(CC) -E -P -nostdinc -I$(PHP_OUT)/stub -x c include/oauth1.h \
	  | sed -e 's/const uint8_t \*/const char */g' > $@.tmp
	@mv $@.tmp $@

## php-cdef: the FFI declarations (target/php/oauth1.cdef.h) and liboauth1.so for the PHP binding.
php-cdef: $(PHP_CDEF) c-lib php-deps

## php-test: PHPUnit over the binding (tests/php), then its conformance runner on the repository's vectors under valgrind.
php-test: php-cdef c-deps
	@phpunit --colors=never --do-not-cache-result --bootstrap tests/php/bootstrap.php tests/php
	@USE_ZEND_ALLOC=0 $(C_VALGRIND) php tests/php/conformance.php tests/conformance/vectors > $(PHP_OUT)/valgrind.log 2>&1 \
	  || { cat $(PHP_OUT)/valgrind.log; echo "php valgrind: the conformance run leaked or misused memory (or failed)"; exit 1; }
	@echo "php valgrind: conformance run with 0 errors, 0 definite or indirect leaks (every handle freed)"

## conformance-php: the PHP runner over CONFORMANCE_DIR: `php vectors.json: N passed, M failed`, errors.json, verify.json.
conformance-php: php-cdef
	@php tests/php/conformance.php "$(CONFORMANCE_DIR)"

# The flow client runs in demo.mk's provider-test and demo.
provider-test demo: php-cdef

# The C API's figure for the bindings' benches (bench-php, bench-ruby), run between their rounds.
C_SIGN_MEDIAN := $(C_OUT)/sign_median
$(C_SIGN_MEDIAN): tests/c/sign_median.c include/oauth1.h c-lib
	@mkdir -p $(C_OUT)
	@$(CC) $(C_STD) -O2 -Iinclude tests/c/sign_median.c -o $@ $(C_LINK)

## bench-php: the standard request signed through the binding, against the C API and PECL oauth in one run.
bench-php: php-cdef php-bench-deps $(C_SIGN_MEDIAN)
	@php tests/php/bench.php $(C_SIGN_MEDIAN)
