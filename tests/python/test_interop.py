"""Interop with real peers: oauthlib's provider side accepts what we sign,
and requests-oauthlib signs identically to our requests auth."""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from conftest import (
    AUTH_CREDENTIALS,
    CONSUMER_KEY,
    CONSUMER_SECRET,
    RSA_CONSUMER_KEY,
    TOKEN,
    TOKEN_SECRET,
    RsaKeys,
    make_server,
)
from oauth_server import oauth_params
from oauthlib.oauth1.rfc5849 import SIGNATURE_METHODS
from requests_oauthlib import OAuth1 as PeerOAuth1

import oauth1
from oauth1.requests import OAuth1

FORM = "application/x-www-form-urlencoded"

# Every method oauthlib supports, and that we support too.
PEER_METHODS = [m for m in SIGNATURE_METHODS if m in oauth1.SIGNATURE_METHODS]


def test_oauthlib_supports_what_we_test() -> None:
    assert set(PEER_METHODS) == set(oauth1.SIGNATURE_METHODS)


def signer_for(method: str, rsa_keys: RsaKeys, **options: Any) -> oauth1.Signer:
    if method.startswith("RSA-"):
        return oauth1.Signer(
            RSA_CONSUMER_KEY,
            token=TOKEN,
            token_secret=TOKEN_SECRET,
            signature_method=method,
            rsa_private_key=rsa_keys.private_pem,
            **options,
        )
    return oauth1.Signer(
        CONSUMER_KEY, CONSUMER_SECRET, token=TOKEN, token_secret=TOKEN_SECRET, signature_method=method, **options
    )


REQUESTS = [
    ("GET", "http://127.0.0.1:8080/v1/items?limit=10&q=caf%C3%A9%20au%20lait", None, None),
    ("POST", "http://127.0.0.1:8080/v1/records/search?offset=100", "status=active&tags=a%2Cb&name=John+Doe", FORM),
    ("PUT", "http://localhost/x;y/%7Euser?a=1&a=2&b=", "c=%3D&c2", FORM + "; charset=utf-8"),
    ("DELETE", "http://api.example.com:8000/things/42", None, None),
]


@pytest.mark.parametrize("method", PEER_METHODS)
@pytest.mark.parametrize(("http_method", "url", "body", "content_type"), REQUESTS)
@pytest.mark.parametrize("form", ["header", "query", "body"])
def test_oauthlib_endpoint_accepts_our_signatures(
    rsa_keys: RsaKeys,
    method: str,
    http_method: str,
    url: str,
    body: Optional[str],
    content_type: Optional[str],
    form: str,
) -> None:
    provider = make_server(rsa_keys)
    try:
        signer = signer_for(method, rsa_keys, realm="Example Realm")
        signed = signer.sign(http_method, url, body=body, content_type=content_type)
        headers = {"Content-Type": content_type} if content_type else {}
        sent_url, sent_body = url, body or ""
        if form == "header":
            headers["Authorization"] = signed.authorization_header
        elif form == "query":
            sent_url = signed.signed_url
        else:
            if body is None:
                headers["Content-Type"] = FORM
                signed = signer.sign(http_method, url, body="", content_type=FORM)
            sent_body = signed.signed_form_body
        record = provider.check(http_method, sent_url, headers, sent_body.encode())
        assert record.valid, record.problem
    finally:
        provider.httpd.server_close()


def test_oauthlib_rejects_a_tampered_request(rsa_keys: RsaKeys) -> None:
    provider = make_server(rsa_keys)
    try:
        signed = signer_for("HMAC-SHA256", rsa_keys).sign("GET", "http://127.0.0.1/v1/items?limit=10")
        record = provider.check(
            "GET", "http://127.0.0.1/v1/items?limit=11", {"Authorization": signed.authorization_header}, b""
        )
        assert not record.valid
    finally:
        provider.httpd.server_close()


def _prepare(auth: Any, method: str, url: str, **kwargs: Any) -> requests.PreparedRequest:
    prepared = requests.Request(method, url, auth=auth, **kwargs).prepare()
    return prepared


def _as_bytes(body: Any) -> bytes:
    return body.encode() if isinstance(body, str) else bytes(body or b"")


def _signed_params(prepared: requests.PreparedRequest) -> dict[str, str]:
    # requests-oauthlib may leave bytes values, whatever the stubs say.
    raw: dict[str, Any] = dict(prepared.headers)
    headers = {name: _as_bytes(value).decode() for name, value in raw.items()}
    return oauth_params(headers, str(prepared.url), _as_bytes(prepared.body))


IDENTICAL_CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("GET", "https://api.example.com/v1/items?limit=10&q=caf%C3%A9", {}),
    ("GET", "https://api.example.com/v1/items", {"params": {"q": "a b+c", "tag": ["x", "y"]}}),
    ("POST", "https://api.example.com/v1/records", {"data": {"status": "active", "name": "John Doe"}}),
    ("POST", "https://api.example.com/v1/records?x=1", {"data": "a=1&b=%20&c"}),
    ("PUT", "http://api.example.com:8080/v1/records/7", {"json": {"a": 1}}),
    ("DELETE", "https://API.Example.com:443/v1/records/7", {}),
]


@pytest.mark.parametrize("method", PEER_METHODS)
@pytest.mark.parametrize(("http_method", "url", "kwargs"), IDENTICAL_CASES)
def test_requests_oauthlib_signs_identically(
    rsa_keys: RsaKeys, method: str, http_method: str, url: str, kwargs: dict[str, Any]
) -> None:
    rsa = method.startswith("RSA-")
    common: dict[str, Any] = {
        "client_key": RSA_CONSUMER_KEY if rsa else CONSUMER_KEY,
        "client_secret": None if rsa else CONSUMER_SECRET,
        "resource_owner_key": TOKEN,
        "resource_owner_secret": TOKEN_SECRET,
        "signature_method": method,
        "rsa_key": rsa_keys.private_pem if rsa else None,
        "realm": "1234567_SB1",
        "nonce": "kllo9940pd9333jh",
        "timestamp": "1700000000",
    }
    if "data" in kwargs and isinstance(kwargs["data"], str):
        kwargs = {**kwargs, "headers": {"Content-Type": FORM}}
    # The default body-hash policy, "off", is requests-oauthlib's (the core's default).
    ours = _prepare(OAuth1(**common), http_method, url, **kwargs)
    peer = _prepare(PeerOAuth1(**common), http_method, url, **kwargs)
    ours_params, peer_params = _signed_params(ours), _signed_params(peer)
    assert ours_params["oauth_signature"] == peer_params["oauth_signature"]
    assert ours_params == peer_params
    assert ours.url == peer.url
    assert _as_bytes(ours.body) == _as_bytes(peer.body)


@pytest.mark.parametrize("signature_type", ["QUERY", "BODY"])
def test_requests_oauthlib_identical_for_query_and_body_types(signature_type: str) -> None:
    common: dict[str, Any] = {
        **AUTH_CREDENTIALS,
        "signature_type": signature_type,
        "callback_uri": "https://app.example/cb",
        "verifier": "v1",
        "nonce": "n0nce",
        "timestamp": "1700000000",
    }
    kwargs = {"data": {"a": "1", "b": "two words"}}
    ours = _prepare(OAuth1(**common), "POST", "https://api.example.com/v1/x?y=1", **kwargs)
    peer = _prepare(PeerOAuth1(**common), "POST", "https://api.example.com/v1/x?y=1", **kwargs)
    assert "Authorization" not in ours.headers
    if signature_type == "QUERY":
        assert dict(parse_qsl(urlsplit(str(ours.url)).query)) == dict(parse_qsl(urlsplit(str(peer.url)).query))
        assert _as_bytes(ours.body) == _as_bytes(peer.body)
    else:
        ours_body = ours.body.decode() if isinstance(ours.body, bytes) else str(ours.body)
        peer_body = peer.body.decode() if isinstance(peer.body, bytes) else str(peer.body)
        assert dict(parse_qsl(ours_body)) == dict(parse_qsl(peer_body))
        assert ours.headers["Content-Length"] == str(len(ours_body))
