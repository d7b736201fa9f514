"""Interop, provider side: requests signed by oauthlib (``Client.sign``),
requests-oauthlib (``OAuth1`` on a prepared request) and Authlib
(``ClientAuth.prepare`` and its requests ``OAuth1Auth``) are accepted by
oauth1.Verifier for every signature method and placement each supports;
tampered copies are refused.

Each test first sends the tampered copies (a changed query value, a changed
form body, a changed signature: ``signature_invalid``; a changed JSON body
under ``oauth_body_hash``: ``parameter_rejected``), then the genuine request,
which must still pass with the same nonce, then the genuine request again,
which must be ``nonce_used``. PLAINTEXT signs the secrets, not the request,
so only its signature is tampered with. requests-oauthlib sends no
``oauth_body_hash`` for a JSON body, so nothing covers that body and it is
not tampered with.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Optional, Union
from urllib.parse import quote, unquote

import pytest
import requests
from authlib.integrations.requests_client import OAuth1Auth
from authlib.oauth1 import ClientAuth
from conftest import CONSUMER_KEY, CONSUMER_SECRET, RSA_CONSUMER_KEY, TOKEN, TOKEN_SECRET, RsaKeys
from oauthlib.oauth1 import Client
from oauthlib.oauth1.rfc5849 import SIGNATURE_METHODS as OAUTHLIB_METHODS
from requests_oauthlib import OAuth1 as RequestsOAuth1

import oauth1

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
RSA_TOKEN = "tk-rsa"
RSA_TOKEN_SECRET = "ts-rsa"
REALM = "Photos"

# Every method each peer signs with (all are ours too).
OAUTHLIB = [m for m in OAUTHLIB_METHODS if m in oauth1.SIGNATURE_METHODS]
AUTHLIB = [m for m in ClientAuth.SIGNATURE_METHODS if m in oauth1.SIGNATURE_METHODS]


def test_the_peers_sign_with_the_methods_we_expect() -> None:
    assert set(OAUTHLIB) == set(oauth1.SIGNATURE_METHODS)
    assert set(AUTHLIB) == {"HMAC-SHA1", "RSA-SHA1", "PLAINTEXT"}


@dataclass(frozen=True)
class Sent:
    """A request as it goes on the wire."""

    method: str
    url: str
    headers: Mapping[str, str]
    body: bytes


@dataclass(frozen=True)
class Shape:
    """What to send: the placement of the protocol parameters and the request."""

    name: str
    placement: str  # "header", "query" or "body"
    method: str
    url: str
    body: Optional[str]  # form body, or JSON when content_type is JSON
    content_type: Optional[str]


SHAPES = [
    Shape("get-header", "header", "GET", "https://api.example.com/v1/items?limit=10&q=caf%C3%A9%20au", None, None),
    Shape("get-query", "query", "GET", "https://api.example.com/v1/items?limit=10&q=a+b", None, None),
    Shape(
        "post-form-header",
        "header",
        "POST",
        "https://api.example.com/v1/records?limit=10",
        "status=active&name=John+Doe&tags=a%2Cb",
        FORM,
    ),
    Shape("post-form-query", "query", "POST", "https://api.example.com/v1/records?limit=10", "status=active", FORM),
    Shape(
        "post-form-body", "body", "POST", "https://api.example.com:8443/v1/records?limit=10", "status=active&x=", FORM
    ),
    Shape("put-json-header", "header", "PUT", "https://api.example.com/v1/records/7?limit=10", '{"status": 1}', JSON),
]


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _bytes(body: Any) -> bytes:
    if body is None:
        return b""
    return body.encode() if isinstance(body, str) else bytes(body)


def _keys(method: str, rsa_keys: RsaKeys) -> dict[str, Any]:
    """The credentials a peer signs with: the RSA consumer for RSA-*."""
    if method.startswith("RSA-"):
        return {
            "key": RSA_CONSUMER_KEY,
            "secret": None,
            "token": RSA_TOKEN,
            "token_secret": RSA_TOKEN_SECRET,
            "rsa_key": rsa_keys.private_pem,
        }
    return {
        "key": CONSUMER_KEY,
        "secret": CONSUMER_SECRET,
        "token": TOKEN,
        "token_secret": TOKEN_SECRET,
        "rsa_key": None,
    }


def _peer_arguments(method: str, shape: Shape, rsa_keys: RsaKeys) -> dict[str, Any]:
    """What oauthlib's Client and requests-oauthlib's OAuth1 both take (the
    same names) for this method and shape."""
    k = _keys(method, rsa_keys)
    return {
        "client_key": k["key"],
        "client_secret": k["secret"],
        "resource_owner_key": k["token"],
        "resource_owner_secret": k["token_secret"],
        "signature_method": method,
        "signature_type": {"header": "AUTH_HEADER", "query": "QUERY", "body": "BODY"}[shape.placement],
        "rsa_key": k["rsa_key"],
        "realm": REALM,
    }


def sign_oauthlib(method: str, shape: Shape, rsa_keys: RsaKeys) -> Sent:
    client = Client(**_peer_arguments(method, shape, rsa_keys))
    headers = {"Content-Type": shape.content_type} if shape.content_type else {}
    url, signed_headers, body = client.sign(shape.url, shape.method, shape.body, headers)
    return Sent(shape.method, url, {_text(n): _text(v) for n, v in signed_headers.items()}, _bytes(body))


def _from_prepared(prepared: requests.PreparedRequest) -> Sent:
    raw: dict[Any, Any] = dict(prepared.headers)
    headers = {_text(n): _text(v) for n, v in raw.items()}
    return Sent(str(prepared.method), str(prepared.url), headers, _bytes(prepared.body))


def _prepare(shape: Shape, auth: Any) -> requests.PreparedRequest:
    headers = {"Content-Type": shape.content_type} if shape.content_type else {}
    data = shape.body.encode() if shape.body is not None else None
    prepared: requests.PreparedRequest = requests.Request(
        shape.method, shape.url, headers=headers, data=data, auth=auth
    ).prepare()
    return prepared


def sign_requests_oauthlib(method: str, shape: Shape, rsa_keys: RsaKeys) -> Sent:
    auth = RequestsOAuth1(**_peer_arguments(method, shape, rsa_keys))
    return _from_prepared(_prepare(shape, auth))


def _authlib_options(method: str, shape: Shape, rsa_keys: RsaKeys) -> dict[str, Any]:
    k = _keys(method, rsa_keys)
    return {
        "client_id": k["key"],
        "client_secret": k["secret"],
        "token": k["token"],
        "token_secret": k["token_secret"],
        "rsa_key": k["rsa_key"],
        "signature_method": method,
        "signature_type": shape.placement.upper(),
        "realm": REALM,
        # Sign a JSON body through oauth_body_hash (without it Authlib sends no body).
        "force_include_body": shape.content_type == JSON,
    }


def sign_authlib(method: str, shape: Shape, rsa_keys: RsaKeys) -> Sent:
    auth = ClientAuth(**_authlib_options(method, shape, rsa_keys))
    headers = {"Content-Type": shape.content_type} if shape.content_type else {}
    body = shape.body.encode() if shape.body is not None else b""
    url, signed_headers, signed_body = auth.prepare(shape.method, shape.url, headers, body)
    signed = {_text(n): _text(v) for n, v in signed_headers.items()}
    return Sent(shape.method, _text(url), signed, _bytes(signed_body))


def sign_authlib_requests(method: str, shape: Shape, rsa_keys: RsaKeys) -> Sent:
    return _from_prepared(_prepare(shape, OAuth1Auth(**_authlib_options(method, shape, rsa_keys))))


Sign = Callable[[str, Shape, RsaKeys], Sent]
PEERS: list[tuple[str, Sign, list[str]]] = [
    ("oauthlib", sign_oauthlib, OAUTHLIB),
    ("requests-oauthlib", sign_requests_oauthlib, OAUTHLIB),
    ("authlib", sign_authlib, AUTHLIB),
    ("authlib-requests", sign_authlib_requests, AUTHLIB),
]
CASES = [
    pytest.param(sign, method, shape, id=f"{peer}-{method}-{shape.name}")
    for peer, sign, methods in PEERS
    for method in methods
    for shape in SHAPES
]


@pytest.fixture(scope="module")
def verifier(rsa_keys: RsaKeys) -> oauth1.Verifier:
    """One provider for every peer: its nonce store sees every request."""
    consumers: dict[str, Union[str, oauth1.Consumer]] = {
        CONSUMER_KEY: CONSUMER_SECRET,
        RSA_CONSUMER_KEY: oauth1.Consumer(rsa_public_key=rsa_keys.public_pem),
    }
    credentials = oauth1.Credentials(
        consumers=consumers,
        tokens={TOKEN: (TOKEN_SECRET, CONSUMER_KEY), RSA_TOKEN: (RSA_TOKEN_SECRET, RSA_CONSUMER_KEY)},
    )
    return oauth1.Verifier(credentials, signature_methods=oauth1.SIGNATURE_METHODS)


def verify(verifier: oauth1.Verifier, sent: Sent) -> oauth1.VerifiedRequest:
    return verifier.verify(sent.method, sent.url, headers=sent.headers, body=sent.body)


def problem(verifier: oauth1.Verifier, sent: Sent) -> tuple[str, list[str]]:
    with pytest.raises(oauth1.VerificationError) as info:
        verify(verifier, sent)
    return info.value.problem, info.value.parameters


def with_other_signature(sent: Sent) -> Sent:
    """The same request with one character of the signature changed."""

    def change(encoded: str) -> str:
        value = unquote(encoded)
        return quote(("B" if value[0] == "A" else "A") + value[1:], safe="")

    headers = dict(sent.headers)
    for name, value in headers.items():
        if name.lower() == "authorization":
            new = re.sub(r'oauth_signature="([^"]*)"', lambda m: f'oauth_signature="{change(m[1])}"', value)
            if new != value:
                headers[name] = new
                return replace(sent, headers=headers)
    where = re.compile(r"(?<=[?&])oauth_signature=([^&]*)")
    if where.search(sent.url):
        return replace(sent, url=where.sub(lambda m: f"oauth_signature={change(m[1])}", sent.url))
    body = "&" + sent.body.decode()  # the lookbehind wants a separator
    assert where.search(body), f"no oauth_signature in {sent}"
    return replace(sent, body=where.sub(lambda m: f"oauth_signature={change(m[1])}", body)[1:].encode())


def tampered(sent: Sent, shape: Shape, method: str) -> list[tuple[str, Sent, tuple[str, list[str]]]]:
    """Tampered copies of a signed request, each with the refusal it must get."""
    invalid: tuple[str, list[str]] = ("signature_invalid", [])
    copies = [("signature", with_other_signature(sent), invalid)]
    if method == "PLAINTEXT":
        return copies
    assert "limit=10" in sent.url
    copies.append(("query", replace(sent, url=sent.url.replace("limit=10", "limit=11")), invalid))
    if shape.content_type == FORM:
        assert b"status=active" in sent.body
        copies.append(("form body", replace(sent, body=sent.body.replace(b"status=active", b"status=paused")), invalid))
    elif shape.content_type == JSON and "oauth_body_hash" in str(sent.headers):
        changed = replace(sent, body=sent.body.replace(b"1", b"2"))
        copies.append(("json body", changed, ("parameter_rejected", ["oauth_body_hash"])))
    return copies


@pytest.mark.parametrize(("sign", "method", "shape"), CASES)
def test_peer_requests_are_accepted_and_tampered_copies_refused(
    verifier: oauth1.Verifier, rsa_keys: RsaKeys, sign: Sign, method: str, shape: Shape
) -> None:
    sent = sign(method, shape, rsa_keys)
    for what, copy, expected in tampered(sent, shape, method):
        assert copy != sent
        assert problem(verifier, copy) == expected, what
    verified = verify(verifier, sent)
    assert verified.signature_method == method
    assert verified.consumer_key == (RSA_CONSUMER_KEY if method.startswith("RSA-") else CONSUMER_KEY)
    assert verified.token == (RSA_TOKEN if method.startswith("RSA-") else TOKEN)
    assert verified.parameter_location == shape.placement
    if shape.placement == "header":
        assert verified.realm == REALM
    assert problem(verifier, sent) == ("nonce_used", [])


def test_a_json_body_is_covered_by_the_peers_body_hash(verifier: oauth1.Verifier, rsa_keys: RsaKeys) -> None:
    """oauthlib and Authlib send oauth_body_hash for a JSON body; we check it."""
    shape = next(s for s in SHAPES if s.content_type == JSON)
    for sign in (sign_oauthlib, sign_authlib, sign_authlib_requests):
        sent = sign("HMAC-SHA1", shape, rsa_keys)
        assert "oauth_body_hash" in str(sent.headers), sign.__name__
        assert verify(verifier, sent).oauth_parameters["oauth_body_hash"]
