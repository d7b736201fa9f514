"""OAuth 1.0a (RFC 5849) signing and verification on the liboauth1 Rust core.

>>> import oauth1
>>> signer = oauth1.Signer("ck", "cs", token="tk", token_secret="ts",
...                        signature_method="HMAC-SHA256")
>>> signed = signer.sign("GET", "https://api.example.com/v1/items?limit=10")
>>> signed.authorization_header.startswith('OAuth oauth_consumer_key="ck"')
True

The provider side: :class:`Verifier` (``verifier.verify(method, url,
headers=..., body=...)`` returns a :class:`VerifiedRequest` or raises
:class:`VerificationError`), :class:`Credentials`, :class:`MemoryNonceStore`
and :func:`received_url`; and the whole provider, :class:`Provider` (request
tokens, decisions, verifiers, access tokens), on this process's memory or a
:class:`RedisStore` shared by a fleet.

Integrations: :mod:`oauth1.requests` (``OAuth1``, a drop-in for
``requests_oauthlib.OAuth1``) and :mod:`oauth1.httpx` (``OAuth1Auth``).
"""

from oauth1._oauth1 import (
    DEFAULT_NONCE_ALPHABET,
    DEFAULT_NONCE_LENGTH,
    DEFAULT_TIMESTAMP_WINDOW,
    OMIT,
    PROBLEM_CODES,
    SIGNATURE_METHODS,
    CallbackParams,
    Consumer,
    Credentials,
    InvalidEncoding,
    InvalidKey,
    InvalidParameter,
    InvalidResponse,
    InvalidURL,
    MemoryNonceStore,
    OAuth1Error,
    Omit,
    Profile,
    Provider,
    ProviderResponse,
    RedisStore,
    SignedRequest,
    Signer,
    TokenPassport,
    TokenPassportSigner,
    TokenResponse,
    UnsupportedSignatureMethod,
    VerificationError,
    VerifiedRequest,
    Verifier,
    __version__,
    authorization_url,
    core_version,
    parse_callback,
    parse_token_response,
    profile,
    profiles,
    received_url,
)
from oauth1._protocols import CredentialStore, NonceCheck

__all__ = [
    "DEFAULT_NONCE_ALPHABET",
    "DEFAULT_NONCE_LENGTH",
    "DEFAULT_TIMESTAMP_WINDOW",
    "OMIT",
    "PROBLEM_CODES",
    "SIGNATURE_METHODS",
    "CallbackParams",
    "Consumer",
    "CredentialStore",
    "Credentials",
    "InvalidEncoding",
    "InvalidKey",
    "InvalidParameter",
    "InvalidResponse",
    "InvalidURL",
    "MemoryNonceStore",
    "NonceCheck",
    "OAuth1Error",
    "Omit",
    "Profile",
    "Provider",
    "ProviderResponse",
    "RedisStore",
    "SignedRequest",
    "Signer",
    "TokenPassport",
    "TokenPassportSigner",
    "TokenResponse",
    "UnsupportedSignatureMethod",
    "VerificationError",
    "VerifiedRequest",
    "Verifier",
    "__version__",
    "authorization_url",
    "core_version",
    "parse_callback",
    "parse_token_response",
    "profile",
    "profiles",
    "received_url",
]
