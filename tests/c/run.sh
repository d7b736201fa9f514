#!/usr/bin/env bash
# Runs the C programs `make c-build` made (in target/c) and checks what they
# print and exit with. Every check is counted, and the suite ends with
# `c SUITE: N passed, M failed (the checks' names)`; it exits non-zero when
# any failed, after showing the failing program's output. Run by mk/c.mk
# from the top folder:
#
#   tests/c/run.sh examples               the examples and the README's code
#   tests/c/run.sh programs LABEL SUFFIX [TOOL...]
#                                         every test program (target/c/NAME
#                                         SUFFIX) under TOOL (valgrind, or
#                                         env with the sanitizers' options)
#
# Environment: C_VERSION (the crate's version), C_MAJOR, CC, C_STD (the C
# flags), C_LINK (the link flags), CONFORMANCE_DIR.
set -uo pipefail

out=target/c
passed=0
failed=0
names=()

# check NAME COMMAND...: one check, passed when COMMAND exits 0.
check() {
    local name=$1
    shift
    names+=("$name")
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED: $name" >&2
    fi
}

# prints LOG PATTERN...: LOG holds a line matching each extended regex;
# otherwise shows LOG.
prints() {
    local log=$1 pattern
    shift
    for pattern in "$@"; do
        grep -Eq -- "$pattern" "$log" || {
            cat "$log" >&2
            echo "$log lacks a line matching: $pattern" >&2
            return 1
        }
    done
}

# runs STATUS LOG COMMAND...: COMMAND exits with STATUS, its output in LOG.
runs() {
    local want=$1 log=$2
    shift 2
    "$@" >"$log" 2>&1
    local got=$?
    [ "$got" = "$want" ] || {
        cat "$log" >&2
        echo "$* exited $got, not $want" >&2
        return 1
    }
}

# The standard request (POST, query + form body, HMAC-SHA256, realm; defined
# once for the benches in crates/oauth1/benches/common) with a fixed clock and nonce.
netsuite_args=(POST 'https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait'
               'status=active&tags=a%2Cb&name=John+Doe')
netsuite_env=(env OAUTH1_TIMESTAMP=1700000000 OAUTH1_NONCE=kllo9940pd9333jh)
verify_env=(env OAUTH1_NOW=1700000100)
accepted='^accepted: consumer ck_5f4dcc3b5aa765d61d8327deb882cf99, token tk_6b86b273ff34fce19d6b804eff5a3f57, HMAC-SHA256$'
forged='OAuth oauth_consumer_key="ck_5f4dcc3b5aa765d61d8327deb882cf99", oauth_signature_method="HMAC-SHA1", oauth_signature="x", oauth_timestamp="1700000000", oauth_nonce="n"'

# The n-th ```c block of the FFI crate's README, compiled and run.
readme_program() {
    local n=$1 name=$2
    awk -v n="$n" '/^```c$/{i++;f=(i==n);next} /^```$/{f=0} f' crates/oauth1-ffi/README.md >"$out/$name.c" &&
        ${CC:-cc} $C_STD -Iinclude "$out/$name.c" -o "$out/$name" $C_LINK &&
        runs 0 "$out/$name.out" "$out/$name"
}

# A program linked against target/release finds liboauth1.so.MAJOR there.
linked_against_release() {
    ${CC:-cc} $C_STD -Iinclude examples/c/sign_request.c -o "$out/sign_request-release" \
        -Ltarget/release -Wl,-rpath,"$PWD/target/release" -loauth1 &&
        readelf -d "$out/sign_request-release" >"$out/sign_request-release.dyn" &&
        prints "$out/sign_request-release.dyn" "NEEDED.*\[liboauth1\.so\.$C_MAJOR\]" &&
        runs 0 "$out/sign_request-release.out" env -u LD_LIBRARY_PATH "$out/sign_request-release" &&
        prints "$out/sign_request-release.out" '^Authorization: OAuth '
}

examples() {
    check "sign_request prints a header and a curl command" eval \
        'runs 0 "$out/sign_request.out" "$out/sign_request" &&
         prints "$out/sign_request.out" "^Authorization: OAuth oauth_consumer_key=" "^curl -X GET -H '"'"'Authorization: OAuth "'
    check "netsuite_tba gives the standard request's signature" eval \
        'runs 0 "$out/netsuite_tba.out" "${netsuite_env[@]}" "$out/netsuite_tba" "${netsuite_args[@]}" &&
         prints "$out/netsuite_tba.out" "realm=\"1234567_SB1\", " "^signature:   7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi\+E0\+WDxI=$"'
    check "netsuite_tba runs with its defaults" runs 0 "$out/netsuite_tba-defaults.out" "$out/netsuite_tba"
    check "verify_request accepts the captured request" eval \
        'runs 0 "$out/verify_request.out" "${verify_env[@]}" "$out/verify_request" &&
         prints "$out/verify_request.out" "$accepted"'
    check "verify_request --replay answers 401 nonce_used" eval \
        'runs 1 "$out/verify_request-replay.out" "${verify_env[@]}" "$out/verify_request" --replay &&
         prints "$out/verify_request-replay.out" "^HTTP/1.1 401 Unauthorized" \
             "^WWW-Authenticate: OAuth realm=\"api.example.com\"" "^oauth_problem=nonce_used$"'
    check "verify_request refuses a request captured long ago" eval \
        'runs 1 "$out/verify_request-late.out" "$out/verify_request" &&
         prints "$out/verify_request-late.out" "^oauth_problem=timestamp_refused&oauth_acceptable_timestamps="'
    check "verify_request refuses a forged request" eval \
        'runs 1 "$out/verify_request-forged.out" "${verify_env[@]}" "$out/verify_request" POST https://api.example.com/x "$forged" &&
         prints "$out/verify_request-forged.out" "^oauth_problem=signature_invalid$"'
    check "the README's C quick start" eval \
        'readme_program 1 readme_quickstart &&
         prints "$out/readme_quickstart.out" "^Authorization: OAuth realm=\"1234567_SB1\", "'
    check "the README's C verification accepts, then refuses the replay" eval \
        'readme_program 2 readme_verify &&
         prints "$out/readme_verify.out" "^accepted: ck_5f4dcc3b5aa765d61d8327deb882cf99" "^oauth_problem=nonce_used$"'
    check "a program linked against target/release runs" linked_against_release
    summary examples
}

# programs LABEL SUFFIX TOOL...: every test program under TOOL.
programs() {
    local label=$1 suffix=$2
    shift 2
    local tool=("$@") log="$out/log"
    check unit runs 0 "$log-unit$suffix" env OAUTH1_CARGO_VERSION="$C_VERSION" "${tool[@]}" "$out/unit$suffix"
    check profiles runs 0 "$log-profiles$suffix" "${tool[@]}" "$out/profiles$suffix"
    check conformance runs 0 "$log-conformance$suffix" "${tool[@]}" "$out/conformance$suffix" "$CONFORMANCE_DIR"
    check "conformance --stateful" runs 0 "$log-stateful$suffix" \
        "${tool[@]}" "$out/conformance$suffix" --stateful tests/conformance/vectors
    check sign_request runs 0 "$log-sign_request$suffix" "${tool[@]}" "$out/sign_request$suffix"
    check netsuite_tba runs 0 "$log-netsuite_tba$suffix" \
        "${netsuite_env[@]}" "${tool[@]}" "$out/netsuite_tba$suffix" "${netsuite_args[@]}"
    check verify_request runs 0 "$log-verify_request$suffix" "${verify_env[@]}" "${tool[@]}" "$out/verify_request$suffix"
    # Exit 1 is the program's own refusal; a tool's error exits otherwise.
    check "verify_request --replay" eval \
        'runs 1 "$log-verify_request-replay$suffix" "${verify_env[@]}" "${tool[@]}" "$out/verify_request$suffix" --replay &&
         prints "$log-verify_request-replay$suffix" "^oauth_problem=nonce_used$"'
    check header_cxx runs 0 "$log-header_cxx$suffix" "${tool[@]}" "$out/header_cxx$suffix"
    summary "$label"
}

summary() {
    local list
    list=$(printf '%s, ' "${names[@]}")
    echo "c $1: $passed passed, $failed failed (${list%, })"
    [ "$failed" = 0 ]
}

: "${C_STD:=-std=c11 -Wall -Wextra -Wpedantic -Werror}" "${C_LINK:=-Ltarget/c/lib -Wl,-rpath,$PWD/target/c/lib -loauth1}"
: "${C_VERSION:?}" "${C_MAJOR:=${C_VERSION%%.*}}" "${CONFORMANCE_DIR:=tests/conformance/vectors}"
case ${1:-} in
    examples) examples ;;
    programs) shift; [ $# -ge 2 ] || { echo "usage: $0 programs LABEL SUFFIX [TOOL...]" >&2; exit 2; }; programs "$@" ;;
    *) echo "usage: $0 examples | programs LABEL SUFFIX [TOOL...]" >&2; exit 2 ;;
esac
