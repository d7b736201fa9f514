"""Shared fixtures: credentials, an RSA key pair, loopback providers."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

sys.path.insert(0, str(Path(__file__).parent))

from oauth_server import OAuthServer  # noqa: E402

CONSUMER_KEY = "ck_5f4dcc3b5aa765d61d8327deb882cf99"
CONSUMER_SECRET = "cs_2c26b46b68ffc68ff99b453c1d30413413422d706"
TOKEN = "tk_6b86b273ff34fce19d6b804eff5a3f57"
TOKEN_SECRET = "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b"
# The credentials as requests-oauthlib's OAuth1 (and so ours) takes them.
AUTH_CREDENTIALS = {
    "client_key": CONSUMER_KEY,
    "client_secret": CONSUMER_SECRET,
    "resource_owner_key": TOKEN,
    "resource_owner_secret": TOKEN_SECRET,
    "signature_method": "HMAC-SHA256",
}
RSA_CONSUMER_KEY = "ck-rsa"


@dataclass(frozen=True)
class RsaKeys:
    private_pem: str
    public_pem: str


@pytest.fixture(scope="session")
def rsa_keys() -> RsaKeys:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_pem = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return RsaKeys(private_pem, public_pem)


def make_server(rsa_keys: RsaKeys, host: str = "127.0.0.1") -> OAuthServer:
    return OAuthServer(
        consumers={CONSUMER_KEY: CONSUMER_SECRET},
        tokens={TOKEN: TOKEN_SECRET},
        rsa_public_keys={RSA_CONSUMER_KEY: rsa_keys.public_pem},
        host=host,
    )


@pytest.fixture
def server(rsa_keys: RsaKeys) -> Iterator[OAuthServer]:
    with make_server(rsa_keys) as s:
        yield s


@pytest.fixture
def other_server(rsa_keys: RsaKeys) -> Iterator[OAuthServer]:
    """A second provider: another origin (another port)."""
    with make_server(rsa_keys) as s:
        yield s
