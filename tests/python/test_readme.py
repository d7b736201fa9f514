"""The Python README's examples run: the token flow against the provider on
127.0.0.1, signing, and the shared nonce store over a stand-in for Redis."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Optional

import pytest
from conftest import CONSUMER_KEY, CONSUMER_SECRET
from oauth_server import OAuthServer

import oauth1

README = Path(__file__).resolve().parents[2] / "bindings" / "python" / "README.md"


def blocks(section: str) -> list[str]:
    """The ```python blocks under the README's `## section` heading, its
    subsections included, in order."""
    found: list[str] = []
    current: Optional[str] = None
    block: Optional[list[str]] = None
    for line in README.read_text(encoding="utf-8").splitlines():
        if block is not None:
            if line == "```":
                if current == section:
                    found.append("\n".join(block))
                block = None
            else:
                block.append(line)
        elif line.startswith("## "):
            current = line[3:].strip()
        elif line == "```python":
            block = []
    assert found, f"no python blocks under '## {section}' in {README}"
    return found


def run(code: str, namespace: dict[str, Any]) -> None:
    exec(compile(code, str(README), "exec"), namespace)


def test_readme_token_flow_runs_against_the_local_provider(server: OAuthServer) -> None:
    flow = blocks("Token flow (three-legged)")
    assert len(flow) == 3, "the flow, oob, and what a callback can carry"
    code = "\n\n".join(flow)
    # The README's credentials and provider are the loopback provider's.
    code = code.replace('"https://provider.example"', repr(server.base_url), 1)
    code = code.replace(
        'oauth1.Signer("consumer_key", "consumer_secret")', f"oauth1.Signer({CONSUMER_KEY!r}, {CONSUMER_SECRET!r})", 1
    )
    assert repr(server.base_url) in code and CONSUMER_KEY in code
    namespace: dict[str, Any] = {}
    run(code, namespace)
    access = namespace["access"]
    assert access.token.startswith("at_") and access.token_secret
    assert namespace["me"].status_code == 200, namespace["me"].text
    assert namespace["me"].json()["oauth"]["oauth_token"] == access.token
    # The oob request token came back (the flow's last request token).
    assert server.pending[namespace["temp"].token][0] == "oob"
    assert server.received[-1].oauth["oauth_callback"] == "oob"


def test_readme_signing_example_runs() -> None:
    namespace: dict[str, Any] = {}
    run(blocks("Sign a request")[0], namespace)
    signed: oauth1.SignedRequest = namespace["signed"]
    assert signed.authorization_header.startswith('OAuth realm="1234567_SB1", oauth_consumer_key="consumer_key", ')


class FakeRedis:
    """SET with NX and EX, as redis-py answers it: True, or None when the key is there."""

    def __init__(self) -> None:
        self.keys: dict[str, int] = {}

    def set(self, key: str, value: int, *, nx: bool, ex: int) -> Optional[bool]:
        assert nx and ex >= 1
        if key in self.keys:
            return None
        self.keys[key] = ex
        return True


def test_readme_nonce_store_example_accepts_once() -> None:
    code = next(b for b in blocks("Verify requests (provider side)") if "def check_and_record" in b)
    credentials = oauth1.Credentials(consumers={CONSUMER_KEY: CONSUMER_SECRET})
    namespace: dict[str, Any] = {"redis": FakeRedis(), "credentials": credentials, "oauth1": oauth1}
    run(code, namespace)
    verifier: oauth1.Verifier = namespace["verifier"]
    signed = oauth1.Signer(CONSUMER_KEY, CONSUMER_SECRET).sign("GET", "https://a.example/")
    verifier.verify("GET", "https://a.example/", headers=signed.headers)
    with pytest.raises(oauth1.VerificationError) as refused:
        verifier.verify("GET", "https://a.example/", headers=signed.headers)
    assert refused.value.problem == "nonce_used"
    (ttl,) = namespace["redis"].keys.values()
    assert 1 <= ttl <= oauth1.DEFAULT_TIMESTAMP_WINDOW + 1
    assert re.search(r"is True$", code, re.M), "the README's callable answers a bool"
