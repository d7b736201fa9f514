"""Round trips over HTTP on 127.0.0.1: requests and httpx (sync and async)
send requests signed by our auths to a provider that checks each signature
with oauthlib; redirects to another origin carry no signature."""

from __future__ import annotations

import asyncio
import io
import json
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import requests
from conftest import AUTH_CREDENTIALS, CONSUMER_KEY, RSA_CONSUMER_KEY, TOKEN, TOKEN_SECRET, RsaKeys
from oauth_server import OAuthServer

import oauth1
from oauth1.httpx import OAuth1Auth
from oauth1.requests import OAuth1

CREDENTIALS: dict[str, Any] = {**AUTH_CREDENTIALS, "realm": "1234567_SB1"}


def call_kinds() -> list[tuple[str, dict[str, Any]]]:
    return [
        ("GET", {"params": {"limit": "50", "q": "café au lait"}}),
        ("POST", {"data": {"status": "active", "tags": "a,b", "name": "John Doe"}}),
        ("POST", {"json": {"name": "John Doe", "tags": ["a", "b"]}}),
        ("PUT", {"content_xml": "<record><name>Jöhn</name></record>"}),
        ("DELETE", {}),
    ]


def _requests_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    if "content_xml" in kwargs:
        return {"data": kwargs["content_xml"].encode(), "headers": {"Content-Type": "application/xml"}}
    return kwargs


def _httpx_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    if "content_xml" in kwargs:
        return {"content": kwargs["content_xml"].encode(), "headers": {"Content-Type": "application/xml"}}
    return kwargs


def _hashed(body_hash: str, kwargs: dict[str, Any]) -> bool:
    """Whether the policy hashes this call's body: "non-form" a JSON or XML
    body; "off" (the auths' default, as requests-oauthlib) never."""
    return body_hash == "non-form" and ("json" in kwargs or "content_xml" in kwargs)


BODY_HASH_POLICIES = pytest.mark.parametrize("body_hash", ["off", "non-form"])


def _assert_ok(server: OAuthServer, status: int, expect_body_hash: bool) -> None:
    record = server.received[-1]
    assert status == 200, record.problem
    assert record.valid
    assert ("oauth_body_hash" in record.oauth) == expect_body_hash
    assert record.headers.get("Authorization", "").startswith('OAuth realm="1234567_SB1"')


@BODY_HASH_POLICIES
@pytest.mark.parametrize(("method", "kwargs"), call_kinds())
def test_requests_round_trip(server: OAuthServer, method: str, kwargs: dict[str, Any], body_hash: str) -> None:
    auth = OAuth1(**CREDENTIALS, body_hash=body_hash)
    response = requests.request(
        method, f"{server.base_url}/v1/records", auth=auth, timeout=10, **_requests_kwargs(kwargs)
    )
    _assert_ok(server, response.status_code, _hashed(body_hash, kwargs))


@pytest.mark.parametrize("signature_type", ["QUERY", "BODY"])
def test_requests_query_and_body_types(server: OAuthServer, signature_type: str) -> None:
    auth = OAuth1(**{**CREDENTIALS, "realm": None}, signature_type=signature_type)
    response = requests.post(f"{server.base_url}/v1/records?x=1", data={"a": "b c"}, auth=auth, timeout=10)
    assert response.status_code == 200, server.received[-1].problem
    assert "Authorization" not in server.received[-1].headers


def test_requests_rsa_round_trip(server: OAuthServer, rsa_keys: RsaKeys) -> None:
    auth = OAuth1(
        RSA_CONSUMER_KEY,
        resource_owner_key=TOKEN,
        resource_owner_secret=TOKEN_SECRET,
        signature_method="RSA-SHA256",
        rsa_key=rsa_keys.private_pem,
    )
    response = requests.post(f"{server.base_url}/v1/records", json={"a": 1}, auth=auth, timeout=10)
    assert response.status_code == 200, server.received[-1].problem


def test_requests_session_signs_each_request(server: OAuthServer) -> None:
    with requests.Session() as session:
        session.auth = OAuth1(**CREDENTIALS)
        for i in range(3):
            assert session.get(f"{server.base_url}/v1/items/{i}", timeout=10).status_code == 200
    nonces = {r.oauth["oauth_nonce"] for r in server.received}
    assert len(nonces) == 3


def test_requests_streamed_body_is_refused(server: OAuthServer) -> None:
    # Only a policy that could hash the body needs its bytes (the core's
    # default is "off", which sends a stream unhashed, as requests-oauthlib).
    with pytest.raises(oauth1.InvalidParameter, match="streamed body"):
        requests.post(
            f"{server.base_url}/v1/upload",
            data=io.BytesIO(b"abc"),
            auth=OAuth1(**CREDENTIALS, body_hash="non-form"),
            timeout=10,
        )
    response = requests.post(
        f"{server.base_url}/v1/upload",
        data=io.BytesIO(b"abc"),
        headers={"Content-Type": "application/octet-stream"},
        auth=OAuth1(**CREDENTIALS),
        timeout=10,
    )
    assert response.status_code == 200


@BODY_HASH_POLICIES
@pytest.mark.parametrize(("method", "kwargs"), call_kinds())
def test_httpx_sync_round_trip(server: OAuthServer, method: str, kwargs: dict[str, Any], body_hash: str) -> None:
    with httpx.Client(auth=OAuth1Auth(**CREDENTIALS, body_hash=body_hash), timeout=10) as client:
        response = client.request(method, f"{server.base_url}/v1/records", **_httpx_kwargs(kwargs))
    _assert_ok(server, response.status_code, _hashed(body_hash, kwargs))


@BODY_HASH_POLICIES
@pytest.mark.parametrize(("method", "kwargs"), call_kinds())
def test_httpx_async_round_trip(server: OAuthServer, method: str, kwargs: dict[str, Any], body_hash: str) -> None:
    async def go() -> int:
        async with httpx.AsyncClient(auth=OAuth1Auth(**CREDENTIALS, body_hash=body_hash), timeout=10) as client:
            response = await client.request(method, f"{server.base_url}/v1/records", **_httpx_kwargs(kwargs))
            return response.status_code

    _assert_ok(server, asyncio.run(go()), _hashed(body_hash, kwargs))


def test_httpx_query_type(server: OAuthServer) -> None:
    auth = OAuth1Auth(**CREDENTIALS, signature_type="QUERY")
    response = httpx.post(f"{server.base_url}/v1/records?x=1", data={"a": "b c"}, auth=auth, timeout=10)
    assert response.status_code == 200, server.received[-1].problem
    assert "oauth_signature=" in str(server.received[-1].url)


def test_httpx_refuses_body_type() -> None:
    with pytest.raises(oauth1.InvalidParameter, match="BODY"):
        OAuth1Auth(**CREDENTIALS, signature_type="BODY")


def _redirect_url(server: OAuthServer, status: int, target: str) -> str:
    return f"{server.base_url}/redirect/{status}?to={quote(target, safe='')}"


@pytest.mark.parametrize("status", [302, 307])
def test_requests_redirect_to_another_origin_drops_the_signature(
    server: OAuthServer, other_server: OAuthServer, status: int
) -> None:
    target = f"http://localhost:{other_server.port}/landing"
    response = requests.post(
        _redirect_url(server, status, target), json={"a": 1}, auth=OAuth1(**CREDENTIALS), timeout=10
    )
    assert response.status_code == 401  # it arrives unsigned
    assert server.received[0].headers.get("Authorization")
    landed = other_server.received[-1]
    assert "Authorization" not in landed.headers
    assert landed.oauth == {}


def test_requests_redirect_guard_works_without_requests_stripping(
    server: OAuthServer, other_server: OAuthServer
) -> None:
    class TrustingSession(requests.Session):
        def should_strip_auth(self, old_url: str, new_url: str) -> bool:
            return False

    target = f"{other_server.base_url}/landing"
    with TrustingSession() as session:
        session.post(_redirect_url(server, 307, target), data={"a": "1"}, auth=OAuth1(**CREDENTIALS), timeout=10)
        session.post(
            _redirect_url(server, 307, target),
            data={"a": "1"},
            auth=OAuth1(**CREDENTIALS, signature_type="BODY"),
            timeout=10,
        )
    assert len(other_server.received) == 2
    for landed in other_server.received:
        assert "Authorization" not in landed.headers
        assert landed.oauth == {}
        assert landed.body == b"a=1"


def test_requests_redirect_within_the_origin_keeps_the_header(server: OAuthServer) -> None:
    target = f"{server.base_url}/landing"
    requests.get(_redirect_url(server, 302, target), auth=OAuth1(**CREDENTIALS), timeout=10)
    assert server.received[-1].headers.get("Authorization")


@pytest.mark.parametrize("status", [302, 307])
def test_httpx_redirect_to_another_origin_drops_the_signature(
    server: OAuthServer, other_server: OAuthServer, status: int
) -> None:
    target = f"http://localhost:{other_server.port}/landing"
    with httpx.Client(auth=OAuth1Auth(**CREDENTIALS), follow_redirects=True, timeout=10) as client:
        response = client.post(_redirect_url(server, status, target), json={"a": 1})
    assert response.status_code == 401
    landed = other_server.received[-1]
    assert "Authorization" not in landed.headers
    assert landed.oauth == {}


def test_httpx_async_redirect_to_another_origin(server: OAuthServer, other_server: OAuthServer) -> None:
    target = f"{other_server.base_url}/landing"

    async def go() -> None:
        async with httpx.AsyncClient(auth=OAuth1Auth(**CREDENTIALS), follow_redirects=True, timeout=10) as client:
            await client.get(_redirect_url(server, 302, target))

    asyncio.run(go())
    assert "Authorization" not in other_server.received[-1].headers


def test_provider_answer_is_json(server: OAuthServer) -> None:
    response = requests.get(f"{server.base_url}/v1/x", auth=OAuth1(**CREDENTIALS), timeout=10)
    payload = json.loads(response.text)
    assert payload["ok"] is True
    assert payload["oauth"]["oauth_consumer_key"] == CONSUMER_KEY
