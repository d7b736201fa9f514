"""The examples run against a provider on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET
from oauth_server import OAuthServer

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "python"


def run(script: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_sign_request_explains_the_standard_request() -> None:
    done = run("sign_request.py", env={})
    assert done.returncode == 0, done.stderr
    assert "7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi+E0+WDxI=" in done.stdout
    assert "base string:           POST&https%3A%2F%2Fapi.example.com%2Fv1%2Frecords%2Fsearch&" in done.stdout


def test_sign_request_sends_to_loopback(server: OAuthServer) -> None:
    env = {
        "OAUTH1_CONSUMER_KEY": CONSUMER_KEY,
        "OAUTH1_CONSUMER_SECRET": CONSUMER_SECRET,
        "OAUTH1_TOKEN": TOKEN,
        "OAUTH1_TOKEN_SECRET": TOKEN_SECRET,
    }
    done = run("sign_request.py", "--send", f"{server.base_url}/v1/records/search?limit=50", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "HTTP 200" in done.stdout
    assert server.received[-1].valid


def test_netsuite_tba_against_loopback(server: OAuthServer) -> None:
    env = {
        "NETSUITE_ACCOUNT_ID": "1234567_SB1",
        "NETSUITE_CONSUMER_KEY": CONSUMER_KEY,
        "NETSUITE_CONSUMER_SECRET": CONSUMER_SECRET,
        "NETSUITE_TOKEN_ID": TOKEN,
        "NETSUITE_TOKEN_SECRET": TOKEN_SECRET,
    }
    done = run("netsuite_tba.py", "--base-url", server.base_url, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "GET customers: HTTP 200" in done.stdout
    assert "POST SuiteQL: HTTP 200" in done.stdout
    get, post = server.received[-2:]
    for record in (get, post):
        assert record.valid
        assert record.headers["Authorization"].startswith('OAuth realm="1234567_SB1"')
        assert record.oauth["oauth_signature_method"] == "HMAC-SHA256"
    assert get.url.endswith("/services/rest/record/v1/customer?limit=5")
    assert post.body == b'{"q": "SELECT id, companyname FROM customer"}'


def test_netsuite_tba_needs_credentials() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETSUITE_")}
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "netsuite_tba.py")], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "NETSUITE_" in done.stderr
