"""oauth1.Provider: the core's whole service provider from Python, in memory
and on a Redis shared by two providers (a redis-server on a free loopback
port, started and stopped here)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator

import pytest

import oauth1

BASE = "https://provider.example"


def make_provider(store: oauth1.RedisStore | None = None) -> oauth1.Provider:
    provider = oauth1.Provider(realm="Example", store=store)
    provider.add_consumer("ck", name="My App", secret="cs")
    return provider


def request_token(provider: oauth1.Provider, callback: str = "https://c.example/cb?") -> oauth1.TokenResponse:
    url = f"{BASE}/request_token"
    signed = oauth1.Signer("ck", "cs").request_token_request(url, callback=callback)
    answer = provider.request_token("POST", url, headers={"Authorization": signed.authorization_header})
    assert answer.status == 200, answer.body
    return oauth1.parse_token_response(answer.body, require_callback_confirmed=True)


def approved(issuer: oauth1.Provider, approver: oauth1.Provider) -> tuple[oauth1.TokenResponse, str]:
    token = request_token(issuer)
    page = approver.authorization(token.token)
    assert page.status == 200 and page.get("consumer_name") == "My App"
    decided = approver.decide(token.token, approve=True, user="ada", form_guard=page.get("form_guard"))
    assert decided.status == 303
    location = decided.get("location")
    assert location is not None and location.startswith("https://c.example/cb?oauth_token=")
    return token, oauth1.parse_callback(location, request_token=token.token).verifier


def exchange(provider: oauth1.Provider, token: oauth1.TokenResponse, verifier: str) -> oauth1.ProviderResponse:
    url = f"{BASE}/access_token"
    signer = oauth1.Signer("ck", "cs", token=token.token, token_secret=token.token_secret)
    signed = signer.access_token_request(url, verifier=verifier)
    return provider.access_token("POST", url, headers={"Authorization": signed.authorization_header})


def test_s2_the_three_legged_flow_and_single_use() -> None:
    provider = make_provider()
    token, verifier = approved(provider, provider)
    access = exchange(provider, token, verifier)
    assert access.status == 200
    again = exchange(provider, token, verifier)
    assert (again.status, again.get("oauth_problem")) == (401, "token_used")
    assert ("WWW-Authenticate", 'OAuth realm="Example"') in again.headers
    assert "&oauth_problem_advice=" in again.body
    creds = oauth1.parse_token_response(access.body, require_callback_confirmed=False)
    signer = oauth1.Signer("ck", "cs", token=creds.token, token_secret=creds.token_secret)
    signed = signer.sign("GET", f"{BASE}/api/me")
    me = provider.authenticate("GET", f"{BASE}/api/me", headers={"Authorization": signed.authorization_header})
    assert (me.status, me.get("user")) == (200, "ada")
    assert provider.revoke(creds.token)


def test_a_consumer_needs_a_secret_or_an_rsa_key_and_a_forged_form_is_refused() -> None:
    provider = make_provider()
    with pytest.raises(oauth1.InvalidParameter):
        provider.add_consumer("none")
    token = request_token(provider)
    forged = provider.decide(token.token, approve=True, user="ada", form_guard="forged")
    assert forged.status == 403
    with pytest.raises(oauth1.InvalidParameter):
        provider.decide(token.token, approve=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def redis_url() -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (make redis-deps)")
    port = free_port()
    process = subprocess.Popen(
        [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.02)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.kill()
        process.wait()


def test_two_providers_on_one_redis_race_one_verifier_into_one_access_token(redis_url: str) -> None:
    a = make_provider(oauth1.RedisStore(redis_url))
    b = make_provider(oauth1.RedisStore(redis_url))
    token, verifier = approved(a, b)
    results: list[int] = []
    lock = threading.Lock()

    def race(provider: oauth1.Provider) -> None:
        status = exchange(provider, token, verifier).status
        with lock:
            results.append(status)

    threads = [threading.Thread(target=race, args=(a if i % 2 else b,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200] + [401] * 7


def test_an_unreachable_redis_is_a_503_naming_it() -> None:
    provider = make_provider(oauth1.RedisStore("redis://127.0.0.1:1/0", timeout=0.2))
    url = f"{BASE}/request_token"
    signed = oauth1.Signer("ck", "cs").request_token_request(url, callback="oob")
    answer = provider.request_token("POST", url, headers={"Authorization": signed.authorization_header})
    assert answer.status == 503
    assert "redis://127.0.0.1:1/0" in answer.body
