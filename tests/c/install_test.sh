#!/usr/bin/env bash
# Installs liboauth1 into a temporary prefix with `make install PREFIX=...`,
# then builds examples/c/sign_request.c against it with pkg-config, linked
# shared and static, and runs both. Run by `make c-test` from the top folder.
set -euo pipefail

make_cmd=${MAKE:-make}
prefix=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$prefix" "$work"' EXIT

"$make_cmd" --no-print-directory install PREFIX="$prefix" >"$work/install.log" 2>&1 || {
    cat "$work/install.log"
    exit 1
}
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
export PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" # only the temporary prefix

fail() { echo "install test: $*" >&2; exit 1; }

# What `make install` must put there.
for f in lib/liboauth1.so lib/liboauth1.so.0 lib/liboauth1.a include/oauth1.h lib/pkgconfig/oauth1.pc; do
    [ -e "$prefix/$f" ] || fail "missing $f"
done
[ -L "$prefix/lib/liboauth1.so" ] && [ -L "$prefix/lib/liboauth1.so.0" ] || fail "soname links are not symlinks"
real=$(readlink -f "$prefix/lib/liboauth1.so")
[ -f "$real" ] && [[ $real == */liboauth1.so.*.*.* ]] || fail "liboauth1.so does not lead to the versioned file ($real)"
# (Outputs are captured first: `grep -q` closing a pipe early would trip pipefail.)
dynamic=$(readelf -d "$real")
grep -q 'SONAME.*\[liboauth1\.so\.0\]' <<<"$dynamic" || fail "the library's soname is not liboauth1.so.0"
pkg-config --exists oauth1 || fail "pkg-config does not find oauth1"
[ "$(pkg-config --modversion oauth1)" = "$(sed -n 's/^#define OAUTH1_VERSION_MAJOR //p' "$prefix/include/oauth1.h").$(sed -n 's/^#define OAUTH1_VERSION_MINOR //p' "$prefix/include/oauth1.h").$(sed -n 's/^#define OAUTH1_VERSION_PATCH //p' "$prefix/include/oauth1.h")" ] ||
    fail "oauth1.pc's version differs from the header's"

cc=${CC:-cc}
example=examples/c/sign_request.c
flags=(-std=c11 -Wall -Wextra -Wpedantic -Werror)
fixed=(env OAUTH1_TIMESTAMP=1700000000 OAUTH1_NONCE=kllo9940pd9333jh OAUTH1_SIGNATURE_METHOD=HMAC-SHA256
       OAUTH1_CONSUMER_KEY=ck_5f4dcc3b5aa765d61d8327deb882cf99 OAUTH1_CONSUMER_SECRET=cs_2c26b46b68ffc68ff99b453c1d30413413422d706
       OAUTH1_TOKEN=tk_6b86b273ff34fce19d6b804eff5a3f57 OAUTH1_TOKEN_SECRET=ts_d4735e3a265e46eff7f4b6f0b3e2ab4b)
request=(POST 'https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait'
         'status=active&tags=a%2Cb&name=John+Doe')
want='oauth_signature="7YW4s%2FRtwCowc9nBLyiBo%2FEfsYqdRKwcZmi%2BE0%2BWDxI%3D"'

# Shared: the documented one-liner; found at run time through the prefix.
# shellcheck disable=SC2046
"$cc" "${flags[@]}" "$example" -o "$work/shared" $(pkg-config --cflags --libs oauth1)
dynamic=$(readelf -d "$work/shared")
grep -q 'NEEDED.*\[liboauth1\.so\.0\]' <<<"$dynamic" || fail "shared build does not need liboauth1.so.0"
LD_LIBRARY_PATH="$prefix/lib" "${fixed[@]}" "$work/shared" "${request[@]}" >"$work/shared.out"
grep -q "$want" "$work/shared.out" || fail "shared build signed wrongly: $(cat "$work/shared.out")"
grep -q '^curl -X POST' "$work/shared.out" || fail "shared build printed no curl command"

# Shared, as the README's run step shows: the prefix's libdir as the rpath,
# so the program runs without LD_LIBRARY_PATH.
# shellcheck disable=SC2046
"$cc" "${flags[@]}" "$example" -o "$work/rpath" $(pkg-config --cflags --libs oauth1) \
    -Wl,-rpath,"$(pkg-config --variable=libdir oauth1)"
env -u LD_LIBRARY_PATH "${fixed[@]}" "$work/rpath" "${request[@]}" >"$work/rpath.out" ||
    fail "the README's rpath build does not run: liboauth1.so.0 not found?"
grep -q "$want" "$work/rpath.out" || fail "rpath build signed wrongly: $(cat "$work/rpath.out")"

# Static: liboauth1.a, with the system libraries it needs from Libs.private.
# shellcheck disable=SC2046
"$cc" "${flags[@]}" "$example" -o "$work/static" $(pkg-config --cflags oauth1) \
    -Wl,-Bstatic $(pkg-config --libs oauth1) -Wl,-Bdynamic -Wl,--as-needed $(pkg-config --static --libs oauth1)
dynamic=$(readelf -d "$work/static")
if grep -q 'liboauth1' <<<"$dynamic"; then fail "static build still needs liboauth1.so"; fi
symbols=$(nm "$work/static")
grep -q ' T oauth1_signer_sign$' <<<"$symbols" || fail "static build lacks oauth1_signer_sign"
env -u LD_LIBRARY_PATH "${fixed[@]}" "$work/static" "${request[@]}" >"$work/static.out"
grep -q "$want" "$work/static.out" || fail "static build signed wrongly: $(cat "$work/static.out")"

echo "c install: 3 passed, 0 failed (make install + pkg-config: shared with LD_LIBRARY_PATH, shared with rpath, static)"
