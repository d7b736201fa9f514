"""One behaviour everywhere: each rule the core decides once, as the
Python surface follows it. Each test is named after its rule."""

from __future__ import annotations

import base64
import hashlib
import io
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import requests
from conftest import AUTH_CREDENTIALS, CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET
from oauth_server import OAuthServer
from requests_oauthlib import OAuth1 as PeerOAuth1

import oauth1
from oauth1.httpx import OAuth1Auth
from oauth1.requests import OAuth1

URL = "https://api.example.com/v1/records?limit=10"
FORM = "application/x-www-form-urlencoded"
JSON_BODY = b'{"q": "SELECT id FROM customer"}'
EMPTY_BODY_HASH = base64.b64encode(hashlib.sha1(b"").digest()).decode()
FIXED = {"nonce": "kllo9940pd9333jh", "timestamp": "1700000000"}


def credentials() -> oauth1.Credentials:
    return oauth1.Credentials(consumers={CONSUMER_KEY: CONSUMER_SECRET}, tokens={TOKEN: (TOKEN_SECRET, CONSUMER_KEY)})


def body_hash_of(signed: oauth1.SignedRequest) -> str | None:
    return dict(signed.oauth_parameters).get("oauth_body_hash")


# ---- defaults: one body-hash policy, the core's ------------------------------


def test_body_hash_policy_off_non_form_always_and_bools() -> None:
    def sign(policy: bool | str, **request: Any) -> oauth1.SignedRequest:
        return oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET, body_hash=policy).sign("POST", URL, **request)

    json_post: dict[str, Any] = {"body": JSON_BODY, "content_type": "application/json"}
    want = base64.b64encode(hashlib.sha1(JSON_BODY).digest()).decode()
    assert body_hash_of(oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET).sign("POST", URL, **json_post)) is None
    assert body_hash_of(sign("off", **json_post)) is None
    assert body_hash_of(sign(False, **json_post)) is None
    assert body_hash_of(sign("non-form", **json_post)) == want
    assert body_hash_of(sign("always", **json_post)) == want
    assert body_hash_of(sign(True, **json_post)) == want
    # No body: non-form sends none, always the hash of the empty body.
    assert body_hash_of(sign("non-form")) is None
    assert body_hash_of(sign("always")) == body_hash_of(sign(True)) == EMPTY_BODY_HASH
    # A form body is signed as parameters: never hashed, refused under always.
    form_post: dict[str, Any] = {"body": "a=1", "content_type": FORM}
    assert body_hash_of(sign("non-form", **form_post)) is None
    with pytest.raises(oauth1.InvalidParameter, match="form-encoded"):
        sign("always", **form_post)


def test_body_hash_unknown_policy_is_refused_naming_it() -> None:
    with pytest.raises(oauth1.InvalidParameter, match="sometimes"):
        oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET, body_hash="sometimes")
    with pytest.raises(oauth1.InvalidParameter, match="Always"):
        oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET, body_hash="Always")  # names are exact
    with pytest.raises(TypeError, match="body_hash must be bool or one of 'off', 'non-form', 'always', not int"):
        oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET, body_hash=1)  # type: ignore[arg-type]


def _prepared(auth: Any, **kwargs: Any) -> requests.PreparedRequest:
    return auth(requests.Request("POST", URL, **kwargs).prepare())  # type: ignore[no-any-return]


def header_params(prepared: requests.PreparedRequest) -> dict[str, str]:
    header: Any = prepared.headers["Authorization"]  # str, or bytes from requests-oauthlib
    text = header.decode() if isinstance(header, bytes) else str(header)
    assert text.startswith("OAuth ")
    return dict(item.strip().split("=", 1) for item in text[6:].split(","))


def test_body_hash_requests_auth_defaults_to_off_as_requests_oauthlib() -> None:
    common: dict[str, Any] = {**AUTH_CREDENTIALS, "realm": "1234567_SB1", **FIXED}
    json_post = {"data": JSON_BODY, "headers": {"Content-Type": "application/json"}}
    ours = _prepared(OAuth1(**common), **json_post)
    peer = _prepared(PeerOAuth1(**common), **json_post)
    assert "oauth_body_hash" not in ours.headers["Authorization"]
    # The same parameters and signature as requests-oauthlib (the order of
    # the header's attributes aside), so a JSON POST passes NetSuite's check.
    assert header_params(ours) == header_params(peer)
    hashed = _prepared(OAuth1(**common, body_hash="non-form"), **json_post)
    assert "oauth_body_hash=" in hashed.headers["Authorization"]


def test_body_hash_httpx_auth_defaults_to_off() -> None:
    def header(auth: OAuth1Auth) -> str:
        request = httpx.Request("POST", URL, content=JSON_BODY, headers={"Content-Type": "application/json"})
        return next(auth.auth_flow(request)).headers["Authorization"]

    assert "oauth_body_hash" not in header(OAuth1Auth(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET))
    assert "oauth_body_hash=" in header(
        OAuth1Auth(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET, body_hash="non-form")
    )
    assert "oauth_body_hash=" in header(OAuth1Auth(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET, body_hash=True))


def test_body_hash_none_is_no_longer_a_policy_of_the_auths() -> None:
    # None used to mean "non-form" in the auths; refuse it rather than
    # silently change what is signed.
    for auth in (OAuth1, OAuth1Auth):
        with pytest.raises(TypeError, match="'non-form'"):
            auth(CONSUMER_KEY, CONSUMER_SECRET, body_hash=None)  # type: ignore[arg-type]


def test_body_hash_streamed_body_refused_only_when_the_policy_could_hash() -> None:
    stream = {"data": io.BytesIO(b"abc"), "headers": {"Content-Type": "application/octet-stream"}}
    prepared = _prepared(OAuth1(CONSUMER_KEY, CONSUMER_SECRET), **stream)
    assert "oauth_body_hash" not in prepared.headers["Authorization"]
    for policy in ("non-form", "always", True):
        with pytest.raises(oauth1.InvalidParameter, match="streamed body"):
            _prepared(OAuth1(CONSUMER_KEY, CONSUMER_SECRET, body_hash=policy), **stream)
    # A streamed form is refused whatever the policy: its parameters are signed.
    with pytest.raises(oauth1.InvalidParameter, match="streamed body"):
        _prepared(OAuth1(CONSUMER_KEY, CONSUMER_SECRET), data=io.BytesIO(b"a=1"), headers={"Content-Type": FORM})


# ---- input the signer refuses (the verifier would) ---------------------------


@pytest.mark.parametrize("timestamp", ["abc", "-5", "9" * 100, "0", "", 0, -5, 2**64])
def test_timestamp_is_a_positive_integer_of_seconds(timestamp: str | int) -> None:
    with pytest.raises(oauth1.InvalidParameter, match="positive integer"):
        oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET).sign("GET", URL, timestamp=timestamp)


def test_timestamp_refused_by_the_auths_too() -> None:
    with pytest.raises(oauth1.InvalidParameter, match="positive integer"):
        _prepared(OAuth1(CONSUMER_KEY, CONSUMER_SECRET, timestamp="abc"))


def test_empty_consumer_key_is_refused() -> None:
    with pytest.raises(oauth1.InvalidParameter, match="consumer"):
        oauth1.Signer("", "cs")
    with pytest.raises(oauth1.InvalidParameter, match="consumer"):
        OAuth1("", "cs")


@pytest.mark.parametrize(
    ("url", "body", "name"),
    [
        ("https://a.example/?oauth_foo=1", None, "oauth_foo"),
        ("https://a.example/?x=1&oauth_token=t", None, "oauth_token"),
        ("https://a.example/", "a=1&oauth_signature=s", "oauth_signature"),
    ],
)
def test_oauth_names_in_query_or_form_body_are_refused_naming_them(url: str, body: str | None, name: str) -> None:
    with pytest.raises(oauth1.InvalidParameter, match=name):
        oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET).sign("POST", url, body=body, content_type=FORM if body else None)


def test_signed_url_round_trips_for_a_query_ending_in_question_mark() -> None:
    signed = oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET).sign("GET", "https://a.example/?x=1&y=2?")
    assert signed.signed_url.startswith("https://a.example/?x=1&y=2?&oauth_consumer_key=")
    verified = oauth1.Verifier(credentials()).verify("GET", signed.signed_url)
    assert verified.parameter_location == "query"


# ---- input the signer accepts -------------------------------------------------


def test_realm_with_horizontal_tab_signs_and_verifies() -> None:
    signed = oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET, realm="Photos\tEU").sign("GET", URL)
    assert signed.authorization_header.startswith('OAuth realm="Photos\tEU", ')
    assert oauth1.Verifier(credentials()).verify("GET", URL, headers=signed.headers).realm == "Photos\tEU"
    for control in ("\r", "\n", "\x00", "\x7f"):
        with pytest.raises(oauth1.InvalidParameter, match="realm"):
            oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET, realm=f"a{control}b")


def test_realm_outside_ascii_is_sent_as_percent_encoded_utf8(server: OAuthServer) -> None:
    signer = oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET, token=TOKEN, token_secret=TOKEN_SECRET, realm="東京")
    header = signer.sign("GET", URL).authorization_header
    assert header.isascii() and header.startswith('OAuth realm="%E6%9D%B1%E4%BA%AC", ')
    assert oauth1.VerificationError.www_authenticate("東京") == 'OAuth realm="%E6%9D%B1%E4%BA%AC"'
    assert oauth1.VerificationError.www_authenticate("") == "OAuth"
    # http.client sends headers as Latin-1: the raw realm could not go out.
    with pytest.raises(UnicodeEncodeError):
        "東京".encode("latin-1")
    options: dict[str, Any] = {"realm": "東京"}
    response = requests.get(
        f"{server.base_url}/v1/items",
        auth=OAuth1(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET, **options),
        timeout=10,
    )
    assert response.status_code == 200, server.received[-1].problem
    got = httpx.get(
        f"{server.base_url}/v1/items",
        auth=OAuth1Auth(CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET, **options),
        timeout=10,
    )
    assert got.status_code == 200, server.received[-1].problem
    assert server.received[-1].headers["Authorization"].startswith('OAuth realm="%E6%9D%B1%E4%BA%AC", ')


# ---- errors ---------------------------------------------------------------------


STR_ARGUMENTS: list[tuple[str, Callable[[Any], object]]] = [
    ("consumer_key", lambda v: oauth1.Signer(v, "cs")),
    ("consumer_secret", lambda v: oauth1.Signer("ck", v)),
    ("token", lambda v: oauth1.Signer("ck", "cs", token=v)),
    ("token_secret", lambda v: oauth1.Signer("ck", "cs", token="t", token_secret=v)),
    ("signature_method", lambda v: oauth1.Signer("ck", "cs", signature_method=v)),
    ("realm", lambda v: oauth1.Signer("ck", "cs", realm=v)),
    ("nonce_alphabet", lambda v: oauth1.Signer("ck", "cs", nonce_alphabet=v)),
    ("token", lambda v: oauth1.Signer("ck", "cs").with_token(v, "s")),
    ("token_secret", lambda v: oauth1.Signer("ck", "cs").with_token("t", v)),
    ("url", lambda v: oauth1.Signer("ck", "cs").request_token_request(v)),
    ("callback", lambda v: oauth1.Signer("ck", "cs").request_token_request("https://a.example/", callback=v)),
    ("verifier", lambda v: oauth1.Signer("ck", "cs", token="t").access_token_request("https://a.example/", verifier=v)),
    ("url", lambda v: oauth1.Signer("ck", "cs").sign("GET", v)),
    ("authorize_url", lambda v: oauth1.authorization_url(v, "t")),
    ("request_token", lambda v: oauth1.authorization_url("https://a.example/", v)),
    ("url_or_query", lambda v: oauth1.parse_callback(v)),
    ("request_token", lambda v: oauth1.parse_callback("oauth_token=t&oauth_verifier=v", request_token=v)),
    ("secret", lambda v: oauth1.Consumer(v)),
    ("consumer_key", lambda v: oauth1.Credentials().add_consumer(v, "s")),
    ("secret", lambda v: oauth1.Credentials().add_consumer("ck", v)),
    ("token", lambda v: oauth1.Credentials().add_token(v, "s", "ck")),
    ("consumer_key", lambda v: oauth1.Credentials().add_token("t", "s", v)),
    ("consumer_key", lambda v: oauth1.Credentials().remove_consumer(v)),
    ("token", lambda v: oauth1.Credentials().token(v)),
    ("a consumer key", lambda v: oauth1.Credentials(consumers={v: "s"})),
    ("nonce", lambda v: oauth1.MemoryNonceStore().check_and_record("ck", "", 1, v)),
    ("realm", lambda v: oauth1.VerificationError.www_authenticate(v)),
    ("target", lambda v: oauth1.received_url(v)),
    ("content_type", lambda v: oauth1._oauth1.is_form_content_type(v)),
]


@pytest.mark.parametrize(("name", "call"), STR_ARGUMENTS, ids=[f"{i}-{n}" for i, (n, _) in enumerate(STR_ARGUMENTS)])
def test_lone_surrogate_raises_invalid_encoding_naming_the_argument(name: str, call: Callable[[Any], object]) -> None:
    with pytest.raises(oauth1.InvalidEncoding, match=f"^{name} is not valid text: it holds a lone surrogate") as caught:
        call("x\ud800")
    assert isinstance(caught.value.__cause__, UnicodeEncodeError)


@pytest.mark.parametrize(("name", "call"), STR_ARGUMENTS, ids=[f"{i}-{n}" for i, (n, _) in enumerate(STR_ARGUMENTS)])
def test_type_errors_name_the_argument(name: str, call: Callable[[Any], object]) -> None:
    with pytest.raises(TypeError, match=f"^{name} must be str, not int$"):
        call(7)


AUTH_STR_ARGUMENTS: list[tuple[str, dict[str, Any]]] = [
    ("client_key", {"client_key": "?"}),
    ("client_secret", {"client_secret": "?"}),
    ("resource_owner_key", {"resource_owner_key": "?"}),
    ("resource_owner_secret", {"resource_owner_key": "t", "resource_owner_secret": "?"}),
    ("callback_uri", {"callback_uri": "?"}),
    ("verifier", {"verifier": "?"}),
    ("signature_type", {"signature_type": "?"}),
]


@pytest.mark.parametrize("auth", [OAuth1, OAuth1Auth])
@pytest.mark.parametrize(("name", "arguments"), AUTH_STR_ARGUMENTS, ids=[n for n, _ in AUTH_STR_ARGUMENTS])
def test_auth_argument_errors_name_the_argument_as_the_caller_spelled_it(
    auth: Any, name: str, arguments: dict[str, Any]
) -> None:
    def call(value: object) -> None:
        auth(**{"client_key": "ck", **{k: (value if v == "?" else v) for k, v in arguments.items()}})

    with pytest.raises(TypeError, match=f"^{name} must be str, not int$"):
        call(7)
    with pytest.raises(oauth1.InvalidEncoding, match=f"^{name} is not valid text: it holds a lone surrogate"):
        call("x\ud800")


def test_surrogate_in_the_body_and_options_of_sign() -> None:
    signer = oauth1.Signer("ck", "cs")
    with pytest.raises(oauth1.InvalidEncoding, match="^body "):
        signer.sign("POST", URL, body="\ud800", content_type=FORM)
    with pytest.raises(oauth1.InvalidEncoding, match="^nonce "):
        signer.sign("GET", URL, nonce="\udcff")
    with pytest.raises(oauth1.InvalidEncoding, match="^an extra_oauth_params value "):
        signer.sign("GET", URL, extra_oauth_params={"oauth_session_handle": "\ud800"})


# ---- nonce-store callables -------------------------------------------------------


@pytest.mark.parametrize("answer", ["no", "False", b"0", 1, 0, None, "", []], ids=repr)
def test_nonce_callable_must_return_bool(answer: object) -> None:
    def check_and_record(*record: object) -> Any:
        return answer

    verifier = oauth1.Verifier(credentials(), nonce_store=check_and_record)
    signed = oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET).sign("GET", URL)
    with pytest.raises(TypeError, match=f"must return bool .*, not {type(answer).__name__}$"):
        verifier.verify("GET", URL, headers=signed.headers)


def test_nonce_callable_receives_now_and_the_window_as_the_c_callback() -> None:
    calls: list[tuple[object, ...]] = []

    def check_and_record(consumer_key: str, token: str, timestamp: int, nonce: str, now: int, window: int) -> bool:
        calls.append((consumer_key, token, timestamp, nonce, now, window))
        return True

    verifier = oauth1.Verifier(credentials(), nonce_store=check_and_record, now=1_700_000_030, timestamp_window=120)
    signed = oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET, token=TOKEN, token_secret=TOKEN_SECRET).sign(
        "GET", URL, timestamp=1_700_000_000, nonce="n1"
    )
    verifier.verify("GET", URL, headers=signed.headers)
    assert calls == [(CONSUMER_KEY, TOKEN, 1_700_000_000, "n1", 1_700_000_030, 120)]


# ---- callbacks ---------------------------------------------------------------------


def test_parse_callback_with_request_token_refuses_another_token() -> None:
    url = "https://app.example/callback?oauth_token=rt&oauth_verifier=v1"
    assert oauth1.parse_callback(url, request_token="rt").verifier == "v1"
    with pytest.raises(oauth1.InvalidResponse, match="not for the request token"):
        oauth1.parse_callback(url, request_token="other")


def test_parse_callback_on_a_bare_query_and_on_a_denial() -> None:
    assert oauth1.parse_callback("oauth_token=rt&oauth_verifier=v1").token == "rt"
    with pytest.raises(oauth1.InvalidResponse, match="user_refused"):
        oauth1.parse_callback("https://app.example/callback?oauth_problem=user_refused")
    with pytest.raises(oauth1.InvalidResponse, match="user_refused"):
        oauth1.parse_callback("oauth_problem=user_refused", request_token="rt")


def test_token_flow_against_the_local_provider_checks_the_callback_token(server: OAuthServer) -> None:
    consumer = oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET)
    url = f"{server.base_url}/oauth/request_token"
    answer = requests.post(url, headers=consumer.request_token_request(url).headers, timeout=10)
    assert answer.status_code == 200, answer.text
    temp = oauth1.parse_token_response(answer.text, require_callback_confirmed=True)
    # oob: the provider shows the verifier instead of redirecting.
    shown = requests.get(oauth1.authorization_url(f"{server.base_url}/oauth/authorize", temp.token), timeout=10)
    callback = oauth1.parse_callback(shown.text, request_token=temp.token)
    url = f"{server.base_url}/oauth/access_token"
    signed = consumer.with_token(temp.token, temp.token_secret).access_token_request(url, verifier=callback.verifier)
    answer = requests.post(url, headers=signed.headers, timeout=10)
    assert answer.status_code == 200, answer.text
    access = oauth1.parse_token_response(answer.text, require_callback_confirmed=False)
    api = consumer.with_token(access.token, access.token_secret)
    me = requests.get(
        f"{server.base_url}/v1/me", headers=api.sign("GET", f"{server.base_url}/v1/me").headers, timeout=10
    )
    assert json.loads(me.text)["oauth"]["oauth_token"] == access.token
