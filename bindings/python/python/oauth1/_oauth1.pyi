"""Type stubs of the native module ``oauth1._oauth1`` (import ``oauth1`` instead)."""

from collections.abc import Iterable, Mapping
from typing import ClassVar, Final, Optional, Union, final

__all__ = [
    "__version__",
    "core_version",
    "SIGNATURE_METHODS",
    "DEFAULT_NONCE_LENGTH",
    "DEFAULT_NONCE_ALPHABET",
    "OMIT",
    "OAuth1Error",
    "InvalidURL",
    "InvalidEncoding",
    "UnsupportedSignatureMethod",
    "InvalidKey",
    "InvalidParameter",
    "InvalidResponse",
    "Omit",
    "Signer",
    "SignedRequest",
    "CallbackParams",
    "TokenResponse",
    "authorization_url",
    "parse_callback",
    "parse_token_response",
]

__version__: Final[str]
"""The version of this package (from Cargo)."""

core_version: Final[str]
"""The version of the liboauth1 Rust core it is built on."""

SIGNATURE_METHODS: Final[tuple[str, ...]]
"""Every supported signature method name, e.g. ``"HMAC-SHA256"`` (case-sensitive)."""

DEFAULT_NONCE_LENGTH: Final[int]
"""The default nonce length (32)."""

DEFAULT_NONCE_ALPHABET: Final[str]
"""The default nonce alphabet: ASCII letters and digits."""

@final
class Omit:
    """The type of :data:`OMIT`."""

OMIT: Final[Omit]
"""Pass as ``timestamp=`` or ``nonce=`` to leave the parameter out (PLAINTEXT allows that)."""

_Body = Union[str, bytes]
"""A request body: ``str`` (sent as UTF-8) or the exact ``bytes`` sent."""

class OAuth1Error(ValueError):
    """An input was refused. Every error of oauth1 derives from this class.

    The message names the offending input. ``kind`` is the stable name of the
    error kind (``"invalid_url"``, ...; ``"error"`` on this base class).
    """

    kind: ClassVar[str]

class InvalidURL(OAuth1Error):
    """The URL is not an absolute http/https URL with a host and a valid port (``kind == "invalid_url"``)."""

class InvalidEncoding(OAuth1Error):
    """A query or form body has a bad ``%`` escape or does not decode to UTF-8 (``kind == "invalid_encoding"``)."""

class UnsupportedSignatureMethod(OAuth1Error):
    """The signature method is not one of :data:`SIGNATURE_METHODS` (``kind == "unsupported_signature_method"``)."""

class InvalidKey(OAuth1Error):
    """An RSA private key is missing or cannot be parsed (``kind == "invalid_key"``)."""

class InvalidParameter(OAuth1Error):
    """A protocol parameter, option or HTTP method is not acceptable (``kind == "invalid_parameter"``)."""

class InvalidResponse(OAuth1Error):
    """A provider's token response or callback lacks what the flow needs (``kind == "invalid_response"``)."""

@final
class Signer:
    """Signs requests with one set of credentials.

    Build one per set of credentials and share it: it is immutable and safe
    to use from many threads at once. Secrets never appear in its ``repr``.

    :param consumer_key: the client's (consumer's) key.
    :param consumer_secret: the client's secret (``""`` for RSA-only clients).
    :param token: the token (request or access token); ``None`` sends no
        ``oauth_token``, ``""`` sends an empty one (some providers need that).
    :param token_secret: the token's secret (``""`` when omitted).
    :param signature_method: one of :data:`SIGNATURE_METHODS`.
    :param realm: the ``realm`` of the Authorization header (e.g. a NetSuite
        account id); never signed.
    :param rsa_private_key: PKCS#8 or PKCS#1 PEM for the RSA methods.
    :param include_version: send ``oauth_version=1.0`` (default ``True``).
    :param body_hash: add ``oauth_body_hash`` (SHA-1 of the body) to requests
        whose body is not a form; refused on form bodies.
    :param nonce_length: nonce length (default 32).
    :param nonce_alphabet: nonce characters (default letters and digits).
    :raises UnsupportedSignatureMethod: unknown method name.
    :raises InvalidKey: an RSA method without a parsable private key.
    :raises InvalidParameter: a bad realm, nonce setting or token_secret without token.
    """

    def __new__(
        cls,
        consumer_key: str,
        consumer_secret: str = "",
        *,
        token: Optional[str] = None,
        token_secret: Optional[str] = None,
        signature_method: str = "HMAC-SHA1",
        realm: Optional[str] = None,
        rsa_private_key: Optional[Union[str, bytes]] = None,
        include_version: bool = True,
        body_hash: bool = False,
        nonce_length: Optional[int] = None,
        nonce_alphabet: Optional[str] = None,
    ) -> "Signer": ...
    @property
    def consumer_key(self) -> str:
        """The consumer key."""
    @property
    def token(self) -> Optional[str]:
        """The token, or ``None``."""
    @property
    def signature_method(self) -> str:
        """The signature method name."""
    @property
    def realm(self) -> Optional[str]:
        """The realm, or ``None``."""
    def sign(
        self,
        method: str,
        url: str,
        *,
        body: Optional[_Body] = None,
        content_type: Optional[str] = None,
        timestamp: Union[str, int, Omit, None] = None,
        nonce: Union[str, Omit, None] = None,
        callback: Optional[str] = None,
        verifier: Optional[str] = None,
        extra_oauth_params: Union[Mapping[str, str], Iterable[tuple[str, str]], None] = None,
    ) -> "SignedRequest":
        """Signs a request.

        :param method: the HTTP method (uppercased in the base string).
        :param url: the absolute URL, query included, exactly as sent.
        :param body: the body exactly as sent. It is signed as parameters only
            when ``content_type`` is ``application/x-www-form-urlencoded``;
            other bodies are covered by ``oauth_body_hash`` when the signer
            has ``body_hash=True``.
        :param content_type: the ``Content-Type`` header sent.
        :param timestamp: ``None`` for the clock, a fixed value, or :data:`OMIT`.
        :param nonce: ``None`` for a fresh random nonce, a fixed value, or :data:`OMIT`.
        :param callback: ``oauth_callback`` (request-token requests).
        :param verifier: ``oauth_verifier`` (access-token requests).
        :param extra_oauth_params: further ``oauth_*`` parameters, e.g.
            ``{"oauth_session_handle": "..."}``; raw values.
        :raises InvalidURL, InvalidEncoding, InvalidParameter: a refused input.
        """
    def with_token(self, token: str, token_secret: str) -> "Signer":
        """The same consumer and settings with another token (e.g. the access token)."""
    def request_token_request(self, url: str, *, callback: Optional[str] = None) -> "SignedRequest":
        """Signs the request-token (temporary credentials) request, ``POST url``,
        with ``oauth_callback`` (``"oob"`` when ``callback`` is ``None``)."""
    def access_token_request(self, url: str, *, verifier: str) -> "SignedRequest":
        """Signs the access-token request, ``POST url``, with ``oauth_verifier``.

        The signer must hold the request token (:meth:`with_token`).
        """

@final
class SignedRequest:
    """A signed request: the signature, what it covers, and every way to send it
    (header, URL query or form body; RFC 5849 s3.5)."""

    @property
    def signature(self) -> str:
        """The signature (``oauth_signature``), not percent-encoded."""
    @property
    def base_string(self) -> str:
        """The signature base string: compare it with the provider's to debug an invalid signature."""
    @property
    def normalized_parameters(self) -> str:
        """The normalized request parameters (RFC 5849 s3.4.1.3.2)."""
    @property
    def oauth_parameters(self) -> list[tuple[str, str]]:
        """The protocol parameters sent, decoded, in order (``oauth_signature`` last; no ``realm``)."""
    @property
    def oauth_query(self) -> str:
        """The protocol parameters as an encoded ``oauth_...=...&...`` string."""
    @property
    def authorization_header(self) -> str:
        """The ``Authorization`` header value: ``OAuth realm="...", oauth_consumer_key="...", ...``."""
    @property
    def headers(self) -> dict[str, str]:
        """``{"Authorization": authorization_header}`` (a new dict each time)."""
    @property
    def signed_url(self) -> str:
        """The URL with the protocol parameters added to its query."""
    @property
    def signed_form_body(self) -> str:
        """The form body with the protocol parameters appended.

        :raises InvalidParameter: the request's body is not a form.
        """

@final
class CallbackParams:
    """What the provider sent to the callback URL."""

    @property
    def token(self) -> str:
        """``oauth_token``: the request token that was authorized."""
    @property
    def verifier(self) -> str:
        """``oauth_verifier``."""

@final
class TokenResponse:
    """A parsed token response. The secret never appears in its ``repr``."""

    @property
    def token(self) -> str:
        """``oauth_token``."""
    @property
    def token_secret(self) -> str:
        """``oauth_token_secret``."""
    @property
    def callback_confirmed(self) -> Optional[bool]:
        """``oauth_callback_confirmed`` (``True`` only for ``"true"``), or ``None`` when absent."""
    @property
    def extra(self) -> dict[str, str]:
        """Every other field, e.g. ``oauth_session_handle`` (the first value of each name)."""

def authorization_url(authorize_url: str, request_token: str) -> str:
    """The resource-owner authorization URL: ``authorize_url`` with ``oauth_token`` added.

    :raises InvalidURL: ``authorize_url`` is not an absolute http/https URL.
    """

def parse_callback(url_or_query: str) -> CallbackParams:
    """Parses the callback the provider redirected to (a whole URL or its query).

    :raises InvalidResponse: no ``oauth_token`` or ``oauth_verifier``, or an ``oauth_problem``.
    """

def parse_token_response(body: _Body, *, require_callback_confirmed: bool) -> TokenResponse:
    """Parses a form-encoded token response.

    :param require_callback_confirmed: ``True`` for a request-token response
        (OAuth 1.0a needs ``oauth_callback_confirmed=true``), ``False`` for an
        access-token response or a provider that omits it.
    :raises InvalidResponse: a missing field or an ``oauth_problem``.
    :raises InvalidEncoding: a bad ``%`` escape.
    """
