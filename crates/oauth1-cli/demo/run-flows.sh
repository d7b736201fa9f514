#!/usr/bin/env bash
# Starts the local provider on a free loopback port with auto-approve, runs
# each given client against it (the client gets the provider's base URL as
# its last argument), stops the provider, and exits 0 only if every client
# did.
#
#   run-flows.sh OAUTH1_BINARY LOG_DIR 'NAME=COMMAND ...' ['NAME=COMMAND ...' ...]
#
# PROVIDER_COMMAND, when set, starts another provider instead (it must take
# --port 0 --auto-approve and print its base URL first), e.g. the Flask app
# of examples/python/provider_app.py on oauth1.Provider.
#
# With QUIET=1 each client's output goes to LOG_DIR/NAME.log and is shown
# only when it fails (for `make test`); otherwise it is printed (`make demo`).
set -uo pipefail

oauth1_binary=$1
log_dir=$2
shift 2
mkdir -p "$log_dir"
provider_out=$log_dir/provider.out
provider_log=$log_dir/provider.log

provider_command=${PROVIDER_COMMAND:-$oauth1_binary serve}
$provider_command --port 0 --auto-approve >"$provider_out" 2>"$provider_log" &
provider_pid=$!
stop_provider() {
    kill "$provider_pid" 2>/dev/null
    wait "$provider_pid" 2>/dev/null
}
trap stop_provider EXIT

# The provider's first line on stdout is its base URL.
base_url=
for _ in $(seq 100); do
    base_url=$(head -n 1 "$provider_out" 2>/dev/null)
    [ -n "$base_url" ] && break
    if ! kill -0 "$provider_pid" 2>/dev/null; then break; fi
    sleep 0.1
done
if [ -z "$base_url" ]; then
    echo "the provider did not start:" >&2
    cat "$provider_log" >&2
    exit 1
fi
if [ "${QUIET:-0}" != 1 ]; then
    echo
    echo "liboauth1 demo: a local OAuth 1.0a provider and the three-legged flow (RFC 5849 s2)"
    echo "from each client below, every step printed with what was sent and what came back."
fi
echo "provider: $provider_command --port 0 --auto-approve -> $base_url"

results=()
status=0
for client in "$@"; do
    name=${client%%=*}
    command=${client#*=}
    if [ "${QUIET:-0}" = 1 ]; then
        if $command "$base_url" >"$log_dir/$name.log" 2>&1; then
            results+=("$name flow: passed")
        else
            cat "$log_dir/$name.log"
            results+=("$name flow: FAILED")
            status=1
        fi
    else
        echo
        echo "################ $name client ################"
        if $command "$base_url"; then
            results+=("$name flow: passed")
        else
            results+=("$name flow: FAILED")
            status=1
        fi
    fi
done

stop_provider
trap - EXIT
if [ "${QUIET:-0}" != 1 ]; then
    echo
    echo "################ the provider's log ################"
    cat "$provider_log"
fi

# NetSuite, the platform's live example: one signed REST request and its SOAP
# TokenPassport for fixed credentials (the same in every run).
netsuite_args=(--account 1234567-sb1 --consumer-key demo-netsuite-consumer-key
    --consumer-secret demo-netsuite-consumer-secret --token demo-netsuite-token
    --token-secret demo-netsuite-token-secret --timestamp 1700000000 --nonce abcdef123)
netsuite_rest=$("$oauth1_binary" sign --profile netsuite "${netsuite_args[@]}" --curl POST \
    https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer \
    --content-type application/json --body '{"companyName":"Demo"}') || status=1
netsuite_soap=$("$oauth1_binary" token-passport "${netsuite_args[@]}" --explain \
    --namespace urn:messages_2024_2.platform.webservices.netsuite.com) || status=1
case $netsuite_rest in
    *'realm="1234567_SB1"'*'oauth_signature_method="HMAC-SHA256"'*) results+=("NetSuite REST request: passed") ;;
    *) results+=("NetSuite REST request: FAILED"); status=1 ;;
esac
case $netsuite_soap in
    *'<account>1234567_SB1</account>'*'<signature algorithm="HMAC-SHA256">'*) results+=("NetSuite SOAP TokenPassport: passed") ;;
    *) results+=("NetSuite SOAP TokenPassport: FAILED"); status=1 ;;
esac
if [ "${QUIET:-0}" != 1 ]; then
    echo
    echo "################ NetSuite, fixed credentials ################"
    echo "REST web services (oauth1 sign --profile netsuite --account 1234567-sb1 ... --curl):"
    echo "$netsuite_rest"
    echo
    echo "SOAP web services TokenPassport (oauth1 token-passport --account 1234567-sb1 ...):"
    echo "$netsuite_soap"
fi
echo
passed=0
failed=0
for line in "${results[@]}"; do
    echo "$line"
    case $line in *passed) passed=$((passed + 1)) ;; *) failed=$((failed + 1)) ;; esac
done
echo "demo: $passed passed, $failed failed (three-legged flows, NetSuite REST request and TokenPassport)"
exit $status
