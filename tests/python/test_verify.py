"""The provider side in Python: oauth1.Verifier over the core.

The stateful checks of tests/conformance/VERIFY.md run here against the
repository's vectors; the rest covers the binding: what a verified request
carries, the refusal as an exception and as a 400/401 response, Python
credential lookups and nonce callables, the native stores, the proxy URL
rebuild and threads.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Optional, Union
from urllib.parse import quote

import pytest
from conformance import Provider, build_provider, compare_verify, verify_request
from conftest import CONSUMER_KEY, CONSUMER_SECRET, RSA_CONSUMER_KEY, TOKEN, TOKEN_SECRET, RsaKeys

import oauth1

VERIFY_JSON = Path(__file__).resolve().parents[1] / "conformance" / "vectors" / "verify.json"
FORM = "application/x-www-form-urlencoded"
RSA_TOKEN = "tk-rsa"
RSA_TOKEN_SECRET = "ts-rsa"
URL = "https://api.example.com/v1/items?limit=10&q=caf%C3%A9"

Case = Mapping[str, Any]
Outcome = Union[oauth1.VerifiedRequest, oauth1.VerificationError]


# --- The stateful checks of VERIFY.md, against the repository's vectors ---


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    loaded: list[Case] = json.loads(VERIFY_JSON.read_text(encoding="utf-8"))
    return loaded


def case(cases: list[Case], case_id: str) -> Case:
    for c in cases:
        if c["id"] == case_id:
            return c
    raise AssertionError(f"verify.json has no case {case_id}")


def run(provider: Provider, c: Case) -> Outcome:
    return verify_request(provider, c["request"])


def shared_provider(cases: list[Case]) -> tuple[Provider, list[Case]]:
    """The provider block most vectors share, built once: one stateful provider."""
    common = case(cases, "valid-hmac-sha1-get-query-realm")["provider"]
    return build_provider(common), [c for c in cases if c["provider"] == common]


FORGERIES = [
    "fault-signature-tampered-hmac-sha1",
    "fault-query-value-tampered",
    "fault-signature-not-base64-hmac",
]


@pytest.mark.parametrize("fault_id", FORGERIES)
def test_a_failed_request_records_no_nonce(cases: list[Case], fault_id: str) -> None:
    """A request failing its signature, then the genuine one with the same
    consumer, token, timestamp and nonce: the genuine one passes."""
    provider, _ = shared_provider(cases)
    fault = case(cases, fault_id)
    genuine = case(cases, "valid-hmac-sha1-get-query-realm")
    assert compare_verify(fault["expect"], run(provider, fault)) is None
    outcome = run(provider, genuine)
    assert isinstance(outcome, oauth1.VerifiedRequest), outcome
    assert outcome.nonce == "n-hmac1-7d8f3e4a"


def test_three_forgeries_in_a_row_burn_nothing(cases: list[Case]) -> None:
    provider, _ = shared_provider(cases)
    records = len(provider.nonces)
    for fault_id in FORGERIES:
        assert isinstance(run(provider, case(cases, fault_id)), oauth1.VerificationError)
    assert len(provider.nonces) == records
    assert isinstance(run(provider, case(cases, "valid-hmac-sha1-get-query-realm")), oauth1.VerifiedRequest)
    assert len(provider.nonces) == records + 1


def test_every_accepted_request_replayed_is_nonce_used(cases: list[Case]) -> None:
    """Each valid vector against its own provider, twice: the replay of one
    that carries a nonce is nonce_used; one without a nonce (PLAINTEXT) has
    nothing to record."""
    replayed = 0
    for c in (c for c in cases if c["expect"]["ok"]):
        provider = build_provider(c["provider"])
        first = run(provider, c)
        assert isinstance(first, oauth1.VerifiedRequest), f"{c['id']}: {first}"
        second = run(provider, c)
        if first.nonce is not None:
            assert isinstance(second, oauth1.VerificationError), c["id"]
            assert second.problem == "nonce_used", f"{c['id']}: {second}"
            assert second.status == 401
            replayed += 1
        else:
            assert isinstance(second, oauth1.VerifiedRequest), f"{c['id']}: {second}"
    assert replayed >= 20


def test_shared_provider_vectors_in_order_then_replayed(cases: list[Case]) -> None:
    """Every vector of the shared provider block, in file order, against one
    provider; then every accepted one again: all nonce_used."""
    provider, sharing = shared_provider(cases)
    assert len(sharing) > 40
    accepted = []
    for c in sharing:
        outcome = run(provider, c)
        assert compare_verify(c["expect"], outcome) is None, c["id"]
        if isinstance(outcome, oauth1.VerifiedRequest) and outcome.nonce is not None:
            accepted.append(c)
    for c in accepted:
        outcome = run(provider, c)
        assert isinstance(outcome, oauth1.VerificationError) and outcome.problem == "nonce_used", c["id"]


# --- The binding ---


def credentials(rsa_keys: Optional[RsaKeys] = None) -> oauth1.Credentials:
    creds = oauth1.Credentials(
        consumers={CONSUMER_KEY: CONSUMER_SECRET},
        tokens={TOKEN: (TOKEN_SECRET, CONSUMER_KEY)},
    )
    if rsa_keys is not None:
        creds.add_consumer(RSA_CONSUMER_KEY, rsa_public_key=rsa_keys.public_pem)
        creds.add_token(RSA_TOKEN, RSA_TOKEN_SECRET, RSA_CONSUMER_KEY)
    return creds


def signer(method: str = "HMAC-SHA256", rsa_keys: Optional[RsaKeys] = None, **options: Any) -> oauth1.Signer:
    if method.startswith("RSA-"):
        assert rsa_keys is not None
        return oauth1.Signer(
            RSA_CONSUMER_KEY,
            token=RSA_TOKEN,
            token_secret=RSA_TOKEN_SECRET,
            signature_method=method,
            rsa_private_key=rsa_keys.private_pem,
            **options,
        )
    return oauth1.Signer(
        CONSUMER_KEY, CONSUMER_SECRET, token=TOKEN, token_secret=TOKEN_SECRET, signature_method=method, **options
    )


def refused(verifier: oauth1.Verifier, method: str, url: str, **kwargs: Any) -> oauth1.VerificationError:
    with pytest.raises(oauth1.VerificationError) as info:
        verifier.verify(method, url, **kwargs)
    return info.value


@pytest.mark.parametrize("method", oauth1.SIGNATURE_METHODS)
@pytest.mark.parametrize("location", ["header", "query", "body"])
def test_our_signatures_verify_in_every_location(rsa_keys: RsaKeys, method: str, location: str) -> None:
    verifier = oauth1.Verifier(credentials(rsa_keys), signature_methods=oauth1.SIGNATURE_METHODS)
    body = "status=active&name=John+Doe"
    signed = signer(method, rsa_keys, realm="Photos").sign("POST", URL, body=body, content_type=FORM)
    headers = {"Content-Type": FORM}
    url = URL
    if location == "header":
        headers["Authorization"] = signed.authorization_header
    elif location == "query":
        url = signed.signed_url
    else:
        body = signed.signed_form_body
    # Tampered copies first: refused, and they burn no nonce.
    if method != "PLAINTEXT":  # PLAINTEXT signs the secrets, not the request
        tampered_url = url.replace("limit=10", "limit=11")
        assert refused(verifier, "POST", tampered_url, headers=headers, body=body).problem == "signature_invalid"
        tampered_body = body.replace("status=active", "status=paused")
        assert refused(verifier, "POST", url, headers=headers, body=tampered_body).problem == "signature_invalid"
        assert refused(verifier, "PUT", url, headers=headers, body=body).problem == "signature_invalid"
    verified = verifier.verify("POST", url, headers=headers, body=body.encode())
    assert verified.consumer_key == (RSA_CONSUMER_KEY if method.startswith("RSA-") else CONSUMER_KEY)
    assert verified.token == (RSA_TOKEN if method.startswith("RSA-") else TOKEN)
    assert verified.signature_method == method
    assert verified.parameter_location == location
    assert verified.realm == ("Photos" if location == "header" else None)
    params = dict(signed.oauth_parameters)
    del params["oauth_signature"]
    assert verified.oauth_parameters == params
    assert list(verified.oauth_parameters) == [n for n, _ in signed.oauth_parameters if n != "oauth_signature"]
    assert verified.timestamp == int(params["oauth_timestamp"])
    assert verified.nonce == params["oauth_nonce"]
    assert refused(verifier, "POST", url, headers=headers, body=body).problem == "nonce_used"


def test_a_refusal_is_a_verification_error_with_its_response() -> None:
    verifier = oauth1.Verifier(credentials())
    e = refused(verifier, "GET", URL)
    assert isinstance(e, oauth1.OAuth1Error) and isinstance(e, ValueError)
    assert e.kind == oauth1.VerificationError.kind == "verification_failed"
    assert e.problem == "parameter_absent"
    assert e.parameters == [
        "oauth_consumer_key",
        "oauth_signature_method",
        "oauth_signature",
        "oauth_timestamp",
        "oauth_nonce",
    ]
    assert e.status == 400
    assert e.body == (
        "oauth_problem=parameter_absent&oauth_parameters_absent="
        "oauth_consumer_key%26oauth_signature_method%26oauth_signature%26oauth_timestamp%26oauth_nonce"
    )
    assert e.acceptable_timestamps is None
    assert str(e).startswith("parameter_absent [oauth_consumer_key, ")
    assert e.www_authenticate('Photos "EU"\r\n') == 'OAuth realm="Photos \\"EU\\""'
    assert oauth1.VerificationError.www_authenticate("Photos") == 'OAuth realm="Photos"'
    assert set(oauth1.PROBLEM_CODES) >= {e.problem, "signature_invalid", "nonce_used", "timestamp_refused"}


def test_timestamp_refused_names_the_acceptable_range() -> None:
    verifier = oauth1.Verifier(credentials(), now=1_700_000_000, timestamp_window=60)
    signed = signer().sign("GET", URL, timestamp=1_700_000_061)
    e = refused(verifier, "GET", URL, headers=signed.headers)
    assert (e.problem, e.status, e.parameters) == ("timestamp_refused", 401, [])
    assert e.acceptable_timestamps == (1_699_999_940, 1_700_000_060)
    assert e.body == "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1699999940-1700000060"
    # Both edges are inside the window.
    assert verifier.verify("GET", URL, headers=signer().sign("GET", URL, timestamp=1_700_000_060).headers)
    assert verifier.verify("GET", URL, headers=signer().sign("GET", URL, timestamp=1_699_999_940).headers)


def test_signature_invalid_explains_with_the_base_string() -> None:
    verifier = oauth1.Verifier(credentials())
    signed = oauth1.Signer(CONSUMER_KEY, "wrong secret").sign("GET", URL)
    e = refused(verifier, "GET", URL, headers=signed.headers)
    assert (e.problem, e.status) == ("signature_invalid", 401)
    assert signed.base_string in str(e)
    assert CONSUMER_SECRET not in str(e)


def test_settings_and_defaults() -> None:
    creds = credentials()
    verifier = oauth1.Verifier(creds)
    assert verifier.signature_methods == tuple(m for m in oauth1.SIGNATURE_METHODS if m != "PLAINTEXT")
    assert verifier.timestamp_window == oauth1.DEFAULT_TIMESTAMP_WINDOW == 300
    assert verifier.now is None
    assert verifier.credentials is creds
    assert isinstance(verifier.nonce_store, oauth1.MemoryNonceStore)
    assert "PLAINTEXT" not in repr(verifier)
    # PLAINTEXT sends the secrets: refused unless listed.
    signed = signer("PLAINTEXT").sign("GET", URL)
    assert refused(verifier, "GET", URL, headers=signed.headers).problem == "signature_method_rejected"
    only = oauth1.Verifier(creds, signature_methods=["PLAINTEXT"], now=5)
    assert only.signature_methods == ("PLAINTEXT",)
    assert only.now == 5
    bare = signer("PLAINTEXT").sign("GET", URL, timestamp=oauth1.OMIT, nonce=oauth1.OMIT)
    verified = only.verify("GET", URL, headers=bare.headers)
    assert (verified.timestamp, verified.nonce) == (None, None)


def test_bad_settings_are_refused() -> None:
    creds = credentials()
    with pytest.raises(oauth1.UnsupportedSignatureMethod):
        oauth1.Verifier(creds, signature_methods=["hmac-sha1"])
    with pytest.raises(TypeError, match="not one str"):
        oauth1.Verifier(creds, signature_methods="HMAC-SHA1")
    with pytest.raises(TypeError, match="oauth1.Credentials"):
        oauth1.Verifier({CONSUMER_KEY: CONSUMER_SECRET})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="nonce_store"):
        oauth1.Verifier(creds, nonce_store=set())  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        oauth1.Verifier(creds, timestamp_window=-1)
    with pytest.raises(oauth1.InvalidParameter):
        oauth1.Consumer()
    with pytest.raises(oauth1.InvalidKey):
        oauth1.Consumer(rsa_public_key="-----BEGIN PUBLIC KEY-----\nxx\n-----END PUBLIC KEY-----\n")
    with pytest.raises(TypeError):
        oauth1.Credentials(consumers={"ck": 5})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        oauth1.Credentials(tokens={"tk": "no consumer"})  # type: ignore[arg-type]


def test_headers_as_pairs_and_case_insensitive_names() -> None:
    verifier = oauth1.Verifier(credentials())
    signed = signer().sign("GET", URL)
    # A Basic header beside the OAuth one is ignored; names are case-insensitive.
    pairs = [("authorization", "Basic eDp5"), ("AUTHORIZATION", signed.authorization_header)]
    assert verifier.verify("GET", URL, headers=pairs).consumer_key == CONSUMER_KEY
    # Two OAuth headers could smuggle parameters past each other.
    other = signer().sign("GET", URL)
    e = refused(verifier, "GET", URL, headers=[("Authorization", other.authorization_header)] * 2)
    assert (e.problem, e.status) == ("parameter_rejected", 400)
    with pytest.raises(TypeError, match="header value"):
        verifier.verify("GET", URL, headers={"Authorization": b"OAuth x"})  # type: ignore[arg-type]


def test_content_type_from_headers_or_argument() -> None:
    verifier = oauth1.Verifier(credentials())
    body = "a=1&b=two+words"
    signed = signer().sign("POST", URL, body=body, content_type=FORM + "; charset=utf-8")
    assert verifier.verify("POST", URL, headers={**signed.headers, "content-type": FORM + "; charset=utf-8"}, body=body)
    signed = signer().sign("POST", URL, body=body, content_type=FORM)
    # The explicit argument wins over the header.
    assert verifier.verify(
        "POST", URL, headers={**signed.headers, "Content-Type": "text/plain"}, body=body, content_type=FORM
    )
    # Without a form Content-Type the body is not signed as parameters.
    signed = signer().sign("POST", URL, body=body, content_type=FORM)
    assert refused(verifier, "POST", URL, headers=signed.headers, body=body).problem == "signature_invalid"


def test_body_hash_of_a_json_body() -> None:
    verifier = oauth1.Verifier(credentials())
    body = b'{"name": "John Doe"}'
    signed = signer(body_hash=True).sign("PUT", URL, body=body, content_type="application/json")
    headers = {**signed.headers, "Content-Type": "application/json"}
    e = refused(verifier, "PUT", URL, headers=headers, body=b'{"name": "Jane Doe"}')
    assert (e.problem, e.parameters) == ("parameter_rejected", ["oauth_body_hash"])
    assert e.body == "oauth_problem=parameter_rejected&oauth_parameters_rejected=oauth_body_hash"
    assert verifier.verify("PUT", URL, headers=headers, body=body).oauth_parameters["oauth_body_hash"]


class DictStore:
    """A credential store over two dicts, as a provider's database would be."""

    def __init__(self) -> None:
        self.consumers: dict[str, Union[str, oauth1.Consumer]] = {CONSUMER_KEY: CONSUMER_SECRET}
        self.tokens: dict[str, tuple[str, str]] = {TOKEN: (TOKEN_SECRET, CONSUMER_KEY)}
        self.calls: list[tuple[str, str]] = []

    def consumer(self, consumer_key: str) -> Union[str, oauth1.Consumer, None]:
        self.calls.append(("consumer", consumer_key))
        return self.consumers.get(consumer_key)

    def token(self, token: str) -> Optional[tuple[str, str]]:
        self.calls.append(("token", token))
        return self.tokens.get(token)


def test_python_credential_store(rsa_keys: RsaKeys) -> None:
    store = DictStore()
    verifier = oauth1.Verifier(store)
    assert verifier.credentials is store
    signed = signer().sign("GET", URL)
    assert verifier.verify("GET", URL, headers=signed.headers).token == TOKEN
    assert store.calls == [("consumer", CONSUMER_KEY), ("token", TOKEN)]
    # Changes show at the next request.
    store.tokens.clear()
    assert refused(verifier, "GET", URL, headers=signer().sign("GET", URL).headers).problem == "token_rejected"
    store.tokens["tk-other"] = ("s", "another consumer")
    other = oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET, token="tk-other", token_secret="s").sign("GET", URL)
    assert refused(verifier, "GET", URL, headers=other.headers).problem == "token_rejected"
    # A Consumer object carries an RSA key, parsed once.
    store.consumers[RSA_CONSUMER_KEY] = oauth1.Consumer(rsa_public_key=rsa_keys.public_pem.encode())
    rsa = oauth1.Signer(RSA_CONSUMER_KEY, signature_method="RSA-SHA256", rsa_private_key=rsa_keys.private_pem)
    assert verifier.verify("GET", URL, headers=rsa.sign("GET", URL).headers).consumer_key == RSA_CONSUMER_KEY
    # An unknown consumer.
    unknown = oauth1.Signer("nobody", "x").sign("GET", URL)
    assert refused(verifier, "GET", URL, headers=unknown.headers).problem == "consumer_key_unknown"


def test_an_exception_in_a_lookup_propagates_and_records_nothing() -> None:
    class Down(DictStore):
        def token(self, token: str) -> Optional[tuple[str, str]]:
            raise ConnectionError("database down")

    nonces = oauth1.MemoryNonceStore()
    verifier = oauth1.Verifier(Down(), nonce_store=nonces)
    with pytest.raises(ConnectionError, match="database down"):
        verifier.verify("GET", URL, headers=signer().sign("GET", URL).headers)
    assert len(nonces) == 0

    class Wrong(DictStore):
        def consumer(self, consumer_key: str) -> Any:
            return 42

    with pytest.raises(TypeError, match=r"credentials.consumer\(\) must be"):
        oauth1.Verifier(Wrong()).verify("GET", URL, headers=signer().sign("GET", URL).headers)


def test_python_nonce_callable() -> None:
    seen: set[tuple[str, str, int, str]] = set()
    calls: list[tuple[str, str, int, str]] = []

    def check_and_record(consumer_key: str, token: str, timestamp: int, nonce: str, now: int, window: int) -> bool:
        assert window == oauth1.DEFAULT_TIMESTAMP_WINDOW and abs(now - timestamp) <= window
        calls.append((consumer_key, token, timestamp, nonce))
        record = (consumer_key, token, timestamp, nonce)
        if record in seen:
            return False
        seen.add(record)
        return True

    verifier = oauth1.Verifier(credentials(), nonce_store=check_and_record)
    assert verifier.nonce_store is check_and_record
    signed = signer().sign("GET", URL)
    params = dict(signed.oauth_parameters)
    # A forgery never reaches the store.
    forged = signer().sign("GET", URL.replace("limit=10", "limit=11"), nonce=params["oauth_nonce"])
    assert refused(verifier, "GET", URL, headers=forged.headers).problem == "signature_invalid"
    assert calls == []
    verifier.verify("GET", URL, headers=signed.headers)
    assert calls == [(CONSUMER_KEY, TOKEN, int(params["oauth_timestamp"]), params["oauth_nonce"])]
    assert refused(verifier, "GET", URL, headers=signed.headers).problem == "nonce_used"
    # Two-legged: the token is "".
    two_legged = oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET).sign("GET", URL)
    verifier.verify("GET", URL, headers=two_legged.headers)
    assert calls[-1][1] == ""


def test_nonce_callable_results_are_bools_and_exceptions_propagate() -> None:
    # Only a bool answers, on every surface (None, 1, "no" raise TypeError, see
    # test_one_behaviour.py); False refuses, True accepts.
    answers: list[Any] = [False, True]
    verifier = oauth1.Verifier(credentials(), nonce_store=lambda *record: answers.pop(0))
    assert refused(verifier, "GET", URL, headers=signer().sign("GET", URL).headers).problem == "nonce_used"
    assert verifier.verify("GET", URL, headers=signer().sign("GET", URL).headers)

    def broken(consumer_key: str, token: str, timestamp: int, nonce: str, now: int, window: int) -> bool:
        raise TimeoutError("redis")

    with pytest.raises(TimeoutError):
        oauth1.Verifier(credentials(), nonce_store=broken).verify("GET", URL, headers=signer().sign("GET", URL).headers)


def test_memory_nonce_store_is_shared_and_forgets() -> None:
    store = oauth1.MemoryNonceStore()
    a = oauth1.Verifier(credentials(), nonce_store=store)
    b = oauth1.Verifier(credentials(), nonce_store=store)
    signed = signer().sign("GET", URL)
    params = dict(signed.oauth_parameters)
    a.verify("GET", URL, headers=signed.headers)
    assert refused(b, "GET", URL, headers=signed.headers).problem == "nonce_used"
    assert len(store) == 1
    ts = int(params["oauth_timestamp"])
    assert store.contains(CONSUMER_KEY, TOKEN, ts, params["oauth_nonce"])
    assert not store.check_and_record(CONSUMER_KEY, TOKEN, ts, params["oauth_nonce"])
    assert store.check_and_record(CONSUMER_KEY, "", ts, params["oauth_nonce"])
    store.forget_expired(now=ts + 300)
    assert len(store) == 2
    store.forget_expired(now=ts + 301, window=300)
    assert len(store) == 0
    assert repr(store) == "<oauth1.MemoryNonceStore records=0>"


def test_credentials_table_changes_while_in_use(rsa_keys: RsaKeys) -> None:
    creds = oauth1.Credentials([(CONSUMER_KEY, oauth1.Consumer(CONSUMER_SECRET))])
    verifier = oauth1.Verifier(creds)
    assert (creds.consumer_count, creds.token_count) == (1, 0)
    assert refused(verifier, "GET", URL, headers=signer().sign("GET", URL).headers).problem == "token_rejected"
    creds.add_token(TOKEN, TOKEN_SECRET, CONSUMER_KEY)
    assert verifier.verify("GET", URL, headers=signer().sign("GET", URL).headers)
    assert creds.token(TOKEN) == (TOKEN_SECRET, CONSUMER_KEY)
    consumer = creds.consumer(CONSUMER_KEY)
    assert consumer is not None and consumer.has_secret and not consumer.has_rsa_public_key
    assert CONSUMER_SECRET not in repr(consumer)
    assert creds.remove_token(TOKEN) and not creds.remove_token(TOKEN)
    assert refused(verifier, "GET", URL, headers=signer().sign("GET", URL).headers).problem == "token_rejected"
    creds.add_consumer("both", "s", rsa_public_key=rsa_keys.public_pem)
    both = creds.consumer("both")
    assert both is not None and both.has_secret and both.has_rsa_public_key
    assert creds.remove_consumer(CONSUMER_KEY)
    assert creds.consumer(CONSUMER_KEY) is None
    assert repr(creds) == "<oauth1.Credentials consumers=1 tokens=0>"
    # Credentials has the lookups of a CredentialStore, so it can stand behind one.
    store: oauth1.CredentialStore = creds
    assert oauth1.Verifier(store).credentials is creds


def test_received_url_behind_a_proxy() -> None:
    headers = {"Host": "app.internal:8080", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "api.example.com"}
    target = "/v1/items?limit=10&q=caf%C3%A9"
    # Forwarding headers count only when trusted.
    assert oauth1.received_url(target, headers=headers) == "http://app.internal:8080" + target
    assert oauth1.received_url(target, headers=headers, trust_proxy_headers=True) == URL
    assert oauth1.received_url(target, headers=[("host", "api.example.com:443")], tls=True) == URL
    assert oauth1.received_url("http://api.example.com:80/x", headers={"Host": "ignored"}) == "http://api.example.com/x"
    forwarded = {"Host": "app.internal", "Forwarded": 'for=1.2.3.4;proto=https;host="api.example.com"'}
    assert oauth1.received_url(target, headers=forwarded, trust_proxy_headers=True) == URL
    with pytest.raises(oauth1.InvalidURL):
        oauth1.received_url(target)
    with pytest.raises(oauth1.InvalidURL):
        oauth1.received_url(target, headers={"Host": "evil/x"})
    # The rebuilt URL verifies what the client signed.
    signed = signer().sign("GET", URL)
    verifier = oauth1.Verifier(credentials())
    url = oauth1.received_url(target, headers=headers, trust_proxy_headers=True)
    assert verifier.verify("GET", url, headers=signed.headers)


def test_a_replay_race_accepts_exactly_one(rsa_keys: RsaKeys) -> None:
    """The same signed request from many threads at once (RSA releases the
    GIL during the check): the nonce store lets exactly one through."""
    verifier = oauth1.Verifier(credentials(rsa_keys))
    for method in ("HMAC-SHA1", "RSA-SHA256"):
        signed = signer(method, rsa_keys).sign("GET", URL)
        barrier = threading.Barrier(8)

        # Bound now: each round's threads finish before the loop moves on.
        def attempt(_: int, barrier: threading.Barrier = barrier, signed: oauth1.SignedRequest = signed) -> str:
            barrier.wait()
            try:
                verifier.verify("GET", URL, headers=signed.headers)
                return "ok"
            except oauth1.VerificationError as e:
                return e.problem

        with ThreadPoolExecutor(8) as pool:
            outcomes = sorted(pool.map(attempt, range(8)))
        assert outcomes == ["nonce_used"] * 7 + ["ok"], method


def test_many_threads_verify_distinct_requests(rsa_keys: RsaKeys) -> None:
    verifier = oauth1.Verifier(credentials(rsa_keys))
    methods = ("HMAC-SHA256", "RSA-SHA1")
    urls = [f"https://api.example.com/v1/items/{i}?q={quote(m)}" for i in range(40) for m in methods]
    requests = [(url, signer(url.rsplit("=", 1)[1], rsa_keys).sign("GET", url)) for url in urls]

    def check(request: tuple[str, oauth1.SignedRequest]) -> str:
        url, signed = request
        return verifier.verify("GET", url, headers=signed.headers).signature_method

    with ThreadPoolExecutor(4) as pool:
        used = list(pool.map(check, requests))
    assert used == list(methods) * 40
    store = verifier.nonce_store
    assert isinstance(store, oauth1.MemoryNonceStore) and len(store) == 80
