"""Type stubs of the native module ``oauth1._oauth1`` (import ``oauth1`` instead)."""

from collections.abc import Iterable, Mapping
from typing import ClassVar, Final, Optional, Union, final

from oauth1._protocols import CredentialStore, NonceCheck

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
    "VerificationError",
    "PROBLEM_CODES",
    "DEFAULT_TIMESTAMP_WINDOW",
    "Omit",
    "Signer",
    "SignedRequest",
    "CallbackParams",
    "TokenResponse",
    "TransportSigner",
    "is_form_content_type",
    "authorization_url",
    "parse_callback",
    "parse_token_response",
    "Consumer",
    "Credentials",
    "MemoryNonceStore",
    "Verifier",
    "VerifiedRequest",
    "received_url",
    "Profile",
    "profiles",
    "profile",
    "TokenPassportSigner",
    "TokenPassport",
    "RedisStore",
    "ProviderResponse",
    "Provider",
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
    """A query or form body has a bad ``%`` escape or does not decode to UTF-8,
    or a ``str`` argument holds a lone surrogate, which UTF-8 cannot encode
    (the message names the argument) (``kind == "invalid_encoding"``)."""

class UnsupportedSignatureMethod(OAuth1Error):
    """The signature method is not one of :data:`SIGNATURE_METHODS` (``kind == "unsupported_signature_method"``)."""

class InvalidKey(OAuth1Error):
    """An RSA private key is missing or cannot be parsed (``kind == "invalid_key"``)."""

class InvalidParameter(OAuth1Error):
    """A protocol parameter, option or HTTP method is not acceptable (``kind == "invalid_parameter"``)."""

class InvalidResponse(OAuth1Error):
    """A provider's token response or callback lacks what the flow needs (``kind == "invalid_response"``)."""

class VerificationError(OAuth1Error):
    """A received request was refused by :meth:`Verifier.verify` (``kind == "verification_failed"``).

    The message explains the refusal for logs (never a secret; for
    ``signature_invalid`` it holds the provider's base string, to compare
    with the client's). Answer the client with :attr:`status`,
    ``WWW-Authenticate: www_authenticate(realm)`` and :attr:`body`
    (``Content-Type: application/x-www-form-urlencoded``).
    """

    problem: str
    """The ``oauth_problem`` code (OAuth Problem Reporting), one of :data:`PROBLEM_CODES`,
    e.g. ``"signature_invalid"``, ``"nonce_used"``, ``"timestamp_refused"``."""
    parameters: list[str]
    """The parameter names concerned: the absent ones for ``parameter_absent``,
    the rejected ones for ``parameter_rejected``; often empty."""
    status: int
    """The HTTP status to answer with: 400 for a malformed request
    (``parameter_absent``, ``parameter_rejected``, ``signature_method_rejected``,
    ``version_rejected``), 401 otherwise (RFC 5849 s3.2)."""
    body: str
    """The response body, form-encoded: ``oauth_problem=...`` then
    ``oauth_parameters_absent``/``oauth_parameters_rejected`` or
    ``oauth_acceptable_timestamps`` when they apply."""
    acceptable_timestamps: Optional[tuple[int, int]]
    """For ``timestamp_refused``: the inclusive range of timestamps accepted at
    the time of the check; ``None`` otherwise."""
    @staticmethod
    def www_authenticate(realm: str) -> str:
        """The ``WWW-Authenticate`` header value, ``OAuth realm="..."``, the realm
        rendered as in the ``Authorization`` header (non-ASCII as
        percent-encoded UTF-8); ``OAuth`` alone for an empty realm."""

PROBLEM_CODES: Final[tuple[str, ...]]
"""Every ``oauth_problem`` code :class:`VerificationError` can carry, in check order."""

DEFAULT_TIMESTAMP_WINDOW: Final[int]
"""The default timestamp window of :class:`Verifier`, in seconds either side of the clock (300)."""

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
    :param body_hash: when ``oauth_body_hash`` (SHA-1 of the body) is sent,
        the core's policy, the same on every surface: ``"off"`` (default:
        never), ``"non-form"`` (a body that is neither empty nor a form) or
        ``"always"`` (every request, no body hashing the empty body; a form
        body is refused). ``False`` is ``"off"``, ``True`` is ``"always"``.
    :param nonce_length: nonce length (default 32).
    :param nonce_alphabet: nonce characters (default letters and digits).
    :raises UnsupportedSignatureMethod: unknown method name.
    :raises InvalidKey: an RSA method without a parsable private key.
    :raises InvalidParameter: an empty consumer_key, a bad realm, nonce
        setting or body_hash name, or token_secret without token.
    :raises InvalidEncoding: a ``str`` argument holds a lone surrogate.
    :raises TypeError: an argument of the wrong type (the message names it).
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
        body_hash: Union[bool, str] = False,
        nonce_length: Optional[int] = None,
        nonce_alphabet: Optional[str] = None,
    ) -> Signer: ...
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
    ) -> SignedRequest:
        """Signs a request.

        :param method: the HTTP method (uppercased in the base string).
        :param url: the absolute URL, query included, exactly as sent.
        :param body: the body exactly as sent. It is signed as parameters only
            when ``content_type`` is ``application/x-www-form-urlencoded``;
            other bodies are covered by ``oauth_body_hash`` as the signer's
            ``body_hash`` policy says.
        :param content_type: the ``Content-Type`` header sent.
        :param timestamp: ``None`` for the clock, a fixed positive integer of
            seconds (``int`` or digits), or :data:`OMIT`.
        :param nonce: ``None`` for a fresh random nonce, a fixed value, or :data:`OMIT`.
        :param callback: ``oauth_callback`` (request-token requests).
        :param verifier: ``oauth_verifier`` (access-token requests).
        :param extra_oauth_params: further ``oauth_*`` parameters, e.g.
            ``{"oauth_session_handle": "..."}``; raw values.
        :raises InvalidURL, InvalidEncoding, InvalidParameter: a refused input,
            e.g. a timestamp that is not a positive integer, or an ``oauth_*``
            name in the query or form body (the message names it).
        """
    def with_token(self, token: str, token_secret: str) -> Signer:
        """The same consumer and settings with another token (e.g. the access token)."""
    def request_token_request(self, url: str, *, callback: Optional[str] = None) -> SignedRequest:
        """Signs the request-token (temporary credentials) request, ``POST url``,
        with ``oauth_callback`` (``"oob"`` when ``callback`` is ``None``)."""
    def access_token_request(self, url: str, *, verifier: str) -> SignedRequest:
        """Signs the access-token request, ``POST url``, with ``oauth_verifier``.

        The signer must hold the request token (:meth:`with_token`).
        """
    @classmethod
    def for_profile(
        cls,
        name: str,
        consumer_key: str,
        consumer_secret: str = "",
        *,
        account: Optional[str] = None,
        token: Optional[str] = None,
        token_secret: Optional[str] = None,
        signature_method: Optional[str] = None,
        realm: Optional[str] = None,
        rsa_private_key: Union[str, bytes, None] = None,
        monotonic_timestamps: Optional[bool] = None,
    ) -> Signer:
        """A signer with a provider profile's settings (see :func:`profiles`):
        its default signature method, ``oauth_version``, body-hash policy,
        nonces and timestamp rule.

        :param account: the profile's account: a NetSuite account id
            (``"1234567-sb1"`` makes the realm ``1234567_SB1``) or a store URL.
        :param signature_method: one the provider accepts (default: the profile's).
        :param monotonic_timestamps: override the profile's timestamp rule
            (``True``: timestamps never go backwards, NetSuite's rule).
        :raises InvalidParameter: an unknown profile, a NetSuite signer without account.
        :raises UnsupportedSignatureMethod: a method the provider does not accept.
        """
    @property
    def monotonic_timestamps(self) -> bool:
        """Whether this signer's timestamps never go backwards."""

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

@final
class TransportSigner:
    """What :mod:`oauth1.requests` and :mod:`oauth1.httpx` sign with: a
    :class:`Signer`, where the protocol parameters go, and the options fixed
    for every request of one auth object (checked on each request, as
    :meth:`Signer.sign` checks them). Internal: use the integrations."""

    def __new__(
        cls,
        signer: Signer,
        signature_type: str,
        *,
        callback: Optional[str] = None,
        verifier: Optional[str] = None,
        timestamp: Union[str, int, None] = None,
        nonce: Optional[str] = None,
    ) -> TransportSigner: ...
    @property
    def signer(self) -> Signer:
        """The Signer it signs with."""

    def sign(self, method: str, url: str, body: Optional[_Body], content_type: Optional[str], /) -> str:
        """Signs one request; returns the Authorization header value
        (``"AUTH_HEADER"``), the signed URL (``"QUERY"``) or the signed form
        body (``"BODY"``)."""

def is_form_content_type(content_type: Optional[str]) -> bool:
    """Whether the media type of a ``Content-Type`` (before any ``;``, ASCII
    case-insensitive) is ``application/x-www-form-urlencoded``: the bodies the
    core signs as parameters."""

def authorization_url(authorize_url: str, request_token: str) -> str:
    """The resource-owner authorization URL: ``authorize_url`` with ``oauth_token`` added.

    :raises InvalidURL: ``authorize_url`` is not an absolute http/https URL.
    """

def parse_callback(url_or_query: str, *, request_token: Optional[str] = None) -> CallbackParams:
    """Parses the callback the provider redirected to (a whole URL or its query).

    :param request_token: the request token this authorization was started
        with: a callback for another token (stale, forged, another user's)
        is refused.
    :raises InvalidResponse: no ``oauth_token`` or ``oauth_verifier``, an
        ``oauth_problem`` (e.g. ``user_refused``: the user said no), or an
        ``oauth_token`` other than ``request_token``.
    """

def parse_token_response(body: _Body, *, require_callback_confirmed: bool) -> TokenResponse:
    """Parses a form-encoded token response.

    :param require_callback_confirmed: ``True`` for a request-token response
        (OAuth 1.0a needs ``oauth_callback_confirmed=true``), ``False`` for an
        access-token response or a provider that omits it.
    :raises InvalidResponse: a missing field or an ``oauth_problem``.
    :raises InvalidEncoding: a bad ``%`` escape.
    """

@final
class Consumer:
    """What a provider knows about one consumer (client): a shared secret
    (HMAC-*, PLAINTEXT), an RSA public key (RSA-*), or both.

    The PEM is parsed once, here: return the same ``Consumer`` from a
    :class:`~oauth1.CredentialStore` lookup rather than a new one per request.
    Secrets never appear in its ``repr``.

    :param secret: the consumer secret, or ``None`` for an RSA-only consumer.
    :param rsa_public_key: a ``BEGIN PUBLIC KEY`` or ``BEGIN RSA PUBLIC KEY`` PEM.
    :raises InvalidKey: the PEM cannot be parsed.
    :raises InvalidParameter: neither a secret nor a key.
    """

    def __new__(
        cls, secret: Optional[str] = None, *, rsa_public_key: Optional[Union[str, bytes]] = None
    ) -> Consumer: ...
    @property
    def has_secret(self) -> bool:
        """``True`` when the consumer has a shared secret."""
    @property
    def has_rsa_public_key(self) -> bool:
        """``True`` when the consumer has an RSA public key."""

@final
class Credentials:
    """A provider's credentials in memory: consumers by key, tokens by value.

    Lookups run in Rust without calling back into Python. It can be changed
    (``add_*``, ``remove_*``) while verifiers use it, from any thread.

    :param consumers: ``{consumer_key: secret or Consumer}``.
    :param tokens: ``{token: (token_secret, consumer_key)}``: the consumer the
        token was issued to; another consumer presenting it is refused.
    :raises InvalidKey: a consumer's PEM cannot be parsed.
    """

    def __new__(
        cls,
        consumers: Union[Mapping[str, Union[str, Consumer]], Iterable[tuple[str, Union[str, Consumer]]], None] = None,
        tokens: Union[Mapping[str, tuple[str, str]], Iterable[tuple[str, tuple[str, str]]], None] = None,
    ) -> Credentials: ...
    def add_consumer(
        self, consumer_key: str, secret: Optional[str] = None, *, rsa_public_key: Optional[Union[str, bytes]] = None
    ) -> None:
        """Adds (or replaces) a consumer, as :class:`Consumer` takes it.

        :raises InvalidKey: the PEM cannot be parsed.
        :raises InvalidParameter: neither a secret nor a key.
        """
    def add_token(self, token: str, secret: str, consumer_key: str) -> None:
        """Adds (or replaces) a token issued to ``consumer_key``."""
    def remove_consumer(self, consumer_key: str) -> bool:
        """Removes a consumer; ``True`` when it was there."""
    def remove_token(self, token: str) -> bool:
        """Removes a token (exchanged, revoked); ``True`` when it was there."""
    def consumer(self, consumer_key: str) -> Optional[Consumer]:
        """The consumer with this key, or ``None``."""
    def token(self, token: str) -> Optional[tuple[str, str]]:
        """The token's ``(secret, consumer_key)``, or ``None``."""
    @property
    def consumer_count(self) -> int:
        """The number of consumers."""
    @property
    def token_count(self) -> int:
        """The number of tokens."""

@final
class MemoryNonceStore:
    """The default nonce store: ``(consumer_key, token, timestamp, nonce)``
    tuples in memory, for one process.

    A record is forgotten once its timestamp has left the window, so the
    store holds at most one window's worth of accepted requests. Share one
    between verifiers to share replay protection; safe from any thread.
    """

    def __new__(cls) -> MemoryNonceStore: ...
    def check_and_record(
        self,
        consumer_key: str,
        token: str,
        timestamp: int,
        nonce: str,
        *,
        now: Optional[int] = None,
        window: int = 300,
    ) -> bool:
        """Records the tuple and returns ``True`` when it was new; returns
        ``False``, recording nothing, when it was already there. ``now`` is
        the clock (``None``: the system clock) and ``window`` the timestamp
        window, to forget expired records. ``token`` is ``""`` for none."""
    def contains(self, consumer_key: str, token: str, timestamp: int, nonce: str) -> bool:
        """``True`` when the tuple is recorded."""
    def forget_expired(self, *, now: Optional[int] = None, window: int = 300) -> None:
        """Drops every record whose timestamp has left the window."""
    def __len__(self) -> int:
        """The number of records held."""

@final
class Verifier:
    """Verifies received requests: the provider side of OAuth 1.0a.

    Every check of the core runs, in its order: the ``Authorization`` header
    (strictly parsed), where the protocol parameters are, required
    parameters, version, signature method, timestamp format and window, body
    hash rules, consumer, token (and that it belongs to the consumer),
    signature, body hash, then replay. Only a request that passes every
    check records its nonce.

    Immutable and safe to share between threads; the credentials and the
    nonce store it holds may change.

    :param credentials: an :class:`Credentials` (lookups in Rust), or any
        object with ``consumer(consumer_key)`` and ``token(token)`` methods
        (:class:`~oauth1.CredentialStore`), called with the GIL held.
    :param nonce_store: a :class:`MemoryNonceStore` (``None``: a new one of
        its own), or a callable ``check_and_record(consumer_key, token,
        timestamp, nonce, now, window) -> bool`` (:class:`~oauth1.NonceCheck`)
        over a shared store such as Redis; it must return a ``bool``.
    :param signature_methods: the accepted method names (exact case). The
        default is every HMAC and RSA method; ``PLAINTEXT`` sends the secrets
        themselves and is accepted only when listed (and only over TLS).
    :param timestamp_window: accept timestamps this many seconds either side
        of the clock, both edges included.
    :param now: a fixed clock in Unix seconds (tests, recorded traffic);
        ``None`` for the system clock.
    :raises UnsupportedSignatureMethod: a name in ``signature_methods`` is unknown.
    :raises TypeError: ``credentials`` or ``nonce_store`` has the wrong shape.
    """

    def __new__(
        cls,
        credentials: Union[Credentials, CredentialStore],
        *,
        nonce_store: Union[MemoryNonceStore, NonceCheck, None] = None,
        signature_methods: Optional[Iterable[str]] = None,
        timestamp_window: int = 300,
        now: Optional[int] = None,
    ) -> Verifier: ...
    @classmethod
    def for_profile(
        cls,
        name: str,
        credentials: Union[Credentials, CredentialStore],
        *,
        nonce_store: Union[MemoryNonceStore, NonceCheck, None] = None,
        timestamp_window: int = 300,
        now: Optional[int] = None,
    ) -> Verifier:
        """A verifier accepting exactly a provider profile's signature methods
        (e.g. ``"woocommerce"``, ``"lti11"``)."""
    @property
    def signature_methods(self) -> tuple[str, ...]:
        """The accepted signature method names."""
    @property
    def timestamp_window(self) -> int:
        """The timestamp window, in seconds either side of the clock."""
    @property
    def now(self) -> Optional[int]:
        """The fixed clock, or ``None`` for the system clock."""
    @property
    def credentials(self) -> Union[Credentials, CredentialStore]:
        """The credentials given (or made)."""
    @property
    def nonce_store(self) -> Union[MemoryNonceStore, NonceCheck]:
        """The nonce store given, or the one made for this verifier."""
    def verify(
        self,
        method: str,
        url: str,
        *,
        headers: Union[Mapping[str, str], Iterable[tuple[str, str]], None] = None,
        body: Optional[_Body] = None,
        content_type: Optional[str] = None,
    ) -> VerifiedRequest:
        """Verifies a received request and records its nonce.

        :param method: the HTTP method received.
        :param url: the absolute URL the client signed, query included,
            exactly as received (behind a proxy: :func:`received_url`).
        :param headers: the received headers, a mapping or ``(name, value)``
            pairs; names are case-insensitive. ``Authorization`` and
            ``Content-Type`` are read, others ignored. Of several
            ``Authorization`` headers the OAuth one is used (two OAuth ones
            are refused).
        :param body: the body bytes exactly as received (``str`` is taken as
            UTF-8). A form body (``application/x-www-form-urlencoded``) is
            signed as parameters; any other is checked against
            ``oauth_body_hash`` when the client sent one.
        :param content_type: the ``Content-Type``; ``None`` takes it from ``headers``.
        :returns: what the request carried, once every check passed.
        :raises VerificationError: the request is refused; ``problem`` says why.
        :raises TypeError: a nonce callable answered something other than a
            ``bool`` (the request is not accepted).
        :raises Exception: whatever a Python credential lookup or nonce
            callable raised (the request is not accepted, nothing recorded).
        """

@final
class VerifiedRequest:
    """A request that passed every check."""

    @property
    def consumer_key(self) -> str:
        """``oauth_consumer_key``."""
    @property
    def token(self) -> Optional[str]:
        """``oauth_token``, or ``None`` for a two-legged request (also for an empty ``oauth_token``)."""
    @property
    def signature_method(self) -> str:
        """The signature method used, e.g. ``"HMAC-SHA256"``."""
    @property
    def realm(self) -> Optional[str]:
        """The ``realm`` of the ``Authorization`` header (never signed), or ``None``."""
    @property
    def timestamp(self) -> Optional[int]:
        """``oauth_timestamp``, or ``None`` (PLAINTEXT may omit it)."""
    @property
    def nonce(self) -> Optional[str]:
        """``oauth_nonce``, or ``None`` (PLAINTEXT may omit it)."""
    @property
    def callback(self) -> Optional[str]:
        """``oauth_callback`` (request-token requests), or ``None``."""
    @property
    def verifier(self) -> Optional[str]:
        """``oauth_verifier`` (access-token requests), or ``None``."""
    @property
    def parameter_location(self) -> str:
        """Where the protocol parameters were: ``"header"``, ``"body"`` or ``"query"``."""
    @property
    def oauth_parameters(self) -> dict[str, str]:
        """Every protocol parameter received, decoded, in order; no ``oauth_signature``
        (with PLAINTEXT it is the secrets). A new dict each time."""

def received_url(
    target: str,
    *,
    headers: Union[Mapping[str, str], Iterable[tuple[str, str]], None] = None,
    tls: bool = False,
    trust_proxy_headers: bool = False,
) -> str:
    """The absolute URL the client signed, rebuilt from what this server received.

    :param target: the request line's target: ``/path?query`` (origin form)
        or ``http://host/path?query`` (absolute form, which wins over ``Host``).
    :param headers: the received headers; ``Host`` is read, and
        ``Forwarded``, ``X-Forwarded-Proto``, ``X-Forwarded-Host`` and
        ``X-Forwarded-Port`` too when ``trust_proxy_headers`` is ``True``.
    :param tls: whether this server received the request over TLS.
    :param trust_proxy_headers: believe the forwarding headers: only behind
        your own proxy, which must overwrite any the client sent. Anyone can
        send them; a provider believing them from the internet verifies
        signatures against a URL of the client's choosing.
    :returns: ``scheme://host[:port]/path?query``, the default port left out.
    :raises InvalidURL: no usable host, target, scheme or port.
    """

@final
class Profile:
    """One provider's OAuth 1.0a rules, from the core's ``profiles/NAME.toml``."""

    @property
    def name(self) -> str:
        """The profile's name, e.g. ``"netsuite"``."""
    @property
    def display_name(self) -> str:
        """The provider's name, for people."""
    @property
    def summary(self) -> str:
        """One line: what the profile does."""
    @property
    def docs(self) -> tuple[str, ...]:
        """The provider's documentation pages the values come from."""
    @property
    def signature_methods(self) -> tuple[str, ...]:
        """The signature methods the provider accepts."""
    @property
    def default_signature_method(self) -> str:
        """The method a signer uses unless told otherwise."""
    @property
    def transmission(self) -> str:
        """``"header"``, ``"query"`` or ``"form"``."""
    @property
    def account(self) -> str:
        """``"none"``, ``"netsuite-account-id"`` or ``"store-url"``."""
    @property
    def realm(self) -> str:
        """``"none"`` or ``"netsuite-account"``."""
    @property
    def body_hash(self) -> str:
        """``"off"``, ``"non-form"`` or ``"always"``."""
    @property
    def include_version(self) -> bool:
        """Whether ``oauth_version=1.0`` is sent."""
    @property
    def nonce_length(self) -> int:
        """The nonce length."""
    @property
    def nonce_alphabet(self) -> str:
        """The nonce characters."""
    @property
    def timestamp(self) -> str:
        """``"clock"`` or ``"monotonic"``."""
    @property
    def callback_confirmed_required(self) -> bool:
        """Whether the request-token response must confirm the callback."""
    @property
    def request_token_url(self) -> Optional[str]:
        """The request-token endpoint template (``{account}``, ``{store}``)."""
    @property
    def authorize_url(self) -> Optional[str]:
        """The authorize endpoint template."""
    @property
    def access_token_url(self) -> Optional[str]:
        """The access-token endpoint template."""
    @property
    def api_base(self) -> Optional[str]:
        """The API base URL template."""
    @property
    def authorize_params(self) -> dict[str, str]:
        """Extra authorize-URL parameters and their defaults."""
    @property
    def request_token_params(self) -> dict[str, str]:
        """Extra request-token parameters and their defaults."""
    @property
    def response_fields(self) -> tuple[str, ...]:
        """Token-response fields worth keeping beyond token and secret."""
    @property
    def pitfalls(self) -> str:
        """Known pitfalls, briefly."""
    @property
    def checked(self) -> str:
        """What was checked against the provider's documentation, and what not."""
    def endpoint(self, kind: str, *, account: Optional[str] = None) -> str:
        """``"request_token"`` or ``"access_token"`` URL for the account."""
    def authorization_url(
        self,
        request_token: str,
        *,
        account: Optional[str] = None,
        params: Optional[Mapping[str, str]] = None,
    ) -> str:
        """The authorize URL with the profile's parameters (``params`` replaces defaults)."""
    def api_url(self, account: str, path: str) -> str:
        """The profile's API base for the account, then ``path``."""

def profiles() -> list[Profile]:
    """Every provider profile, sorted by name."""

def profile(name: str) -> Profile:
    """The profile of that name.

    :raises InvalidParameter: no such profile (the message names the known ones).
    """

@final
class TokenPassportSigner:
    """Makes NetSuite SOAP ``TokenPassport`` elements (HMAC-SHA256 over
    ``account&consumerKey&token&nonce&timestamp``, key
    ``consumerSecret&tokenSecret``); timestamps never go backwards.

    :param account: the NetSuite account id (``1234567``, ``1234567_SB1`` or ``1234567-sb1``).
    :param signature_method: ``"HMAC-SHA256"`` (default) or ``"HMAC-SHA1"``.
    """

    def __new__(
        cls,
        account: str,
        consumer_key: str,
        consumer_secret: str,
        token: str,
        token_secret: str,
        *,
        signature_method: str = "HMAC-SHA256",
    ) -> TokenPassportSigner: ...
    @property
    def account(self) -> str:
        """The account as sent (``1234567_SB1``)."""
    def sign(
        self,
        *,
        timestamp: Union[str, int, None] = None,
        nonce: Optional[str] = None,
    ) -> TokenPassport:
        """A signed passport; fresh timestamp and nonce when ``None``.

        :raises InvalidParameter: a timestamp earlier than the last, or a bad nonce.
        """

@final
class TokenPassport:
    """A signed NetSuite ``TokenPassport``."""

    @property
    def account(self) -> str: ...
    @property
    def consumer_key(self) -> str: ...
    @property
    def token(self) -> str: ...
    @property
    def nonce(self) -> str: ...
    @property
    def timestamp(self) -> str: ...
    @property
    def algorithm(self) -> str: ...
    @property
    def base_string(self) -> str:
        """``account&consumerKey&token&nonce&timestamp``, as signed."""
    @property
    def signature(self) -> str:
        """The base64 signature."""
    def to_xml(self, namespace: Optional[str] = None) -> str:
        """The ``<tokenPassport>`` element; ``namespace`` becomes its default namespace."""

_ProviderHeaders = Union[Mapping[str, str], Iterable[tuple[str, str]], None]

@final
class RedisStore:
    """Tokens and nonces on a Redis shared by every provider using the same
    URL (in any language: the records are the core's), so a fleet of
    providers behaves as one. Not connected until first used; a Redis that
    cannot be reached makes the provider answer 503.

    :param url: ``redis://HOST:PORT/DB``.
    :param timeout: seconds connecting and each command may take.
    :raises InvalidParameter: the URL or the timeout is not usable.
    """

    def __new__(cls, url: str, *, timeout: float = 1.0) -> RedisStore: ...

@final
class ProviderResponse:
    """What to send back for one call of a :class:`Provider` endpoint."""

    @property
    def status(self) -> int:
        """The HTTP status."""
    @property
    def content_type(self) -> str:
        """The body's ``Content-Type``."""
    @property
    def body(self) -> str:
        """The body (may be empty)."""
    @property
    def fields(self) -> dict[str, str]:
        """The named fields: ``www-authenticate``, ``location``,
        ``oauth_problem``, ``consumer_key``, ``consumer_name``, ``token``,
        ``user``, ``signature_method``, ``callback``, ``form_guard``,
        ``verifier`` (those this answer has). A new dict each time."""
    @property
    def headers(self) -> list[tuple[str, str]]:
        """The headers to send: ``Content-Type``, and ``WWW-Authenticate``
        on a refusal or ``Location`` on a redirect."""
    def get(self, name: str) -> Optional[str]:
        """A field by name, or ``None``."""

@final
class Provider:
    """An OAuth 1.0a service provider (RFC 5849 s2): request tokens, the
    user's decision, verifiers, the single-use exchange for an access
    token, protected resources. Every rule is the core's (the same as
    ``oauth1 serve`` and the C ``oauth1_provider_*``). Thread-safe.

    Each endpoint takes the request as received (``method``, the absolute
    URL the client signed -- see :func:`received_url` --, ``headers`` and
    ``body``) and returns the :class:`ProviderResponse` to send, refusals
    included (400/401 with ``oauth_problem`` and ``oauth_problem_advice``;
    503 when the store cannot answer).

    :param realm: the ``WWW-Authenticate`` realm of refusals.
    :param store: a :class:`RedisStore` shared by a fleet; ``None`` keeps
        tokens and nonces in this process's memory.
    :param request_token_ttl: seconds a request token can be authorized and exchanged.
    :param access_token_ttl: seconds an access token is valid.
    :param timestamp_window: accepted clock skew, in seconds either way.
    :param allow_plaintext: accept PLAINTEXT signatures (only over TLS).
    """

    def __new__(
        cls,
        *,
        realm: str = "",
        store: Optional[RedisStore] = None,
        request_token_ttl: float = 600.0,
        access_token_ttl: float = 2592000.0,
        timestamp_window: int = 300,
        allow_plaintext: bool = False,
    ) -> Provider: ...
    def add_consumer(
        self,
        key: str,
        *,
        name: Optional[str] = None,
        secret: Optional[str] = None,
        rsa_public_key: Optional[str] = None,
    ) -> None:
        """Adds (or replaces) a consumer with a secret, an RSA public key PEM, or both.

        :raises InvalidParameter: an empty key, or neither a secret nor a key.
        :raises InvalidKey: the PEM cannot be parsed.
        """
    def remove_consumer(self, key: str) -> bool:
        """Removes a consumer; ``True`` when it was there."""
    def request_token(
        self, method: str, url: str, *, headers: _ProviderHeaders = None, body: Optional[_Body] = None
    ) -> ProviderResponse:
        """The request-token endpoint (s2.1): 200 with ``oauth_token``,
        ``oauth_token_secret`` and ``oauth_callback_confirmed=true``."""
    def access_token(
        self, method: str, url: str, *, headers: _ProviderHeaders = None, body: Optional[_Body] = None
    ) -> ProviderResponse:
        """The access-token endpoint (s2.3): exchanges an approved request
        token and its verifier, once."""
    def authenticate(
        self, method: str, url: str, *, headers: _ProviderHeaders = None, body: Optional[_Body] = None
    ) -> ProviderResponse:
        """A protected resource (s3): 200 with the fields ``user``,
        ``consumer_key``, ``token`` (no body: the resource is yours)."""
    def authorization(self, request_token: str) -> ProviderResponse:
        """What the authorization page shows (s2.2): 200 with ``consumer_name``,
        ``callback`` and ``form_guard``; or the error page's status and text."""
    def decide(
        self,
        request_token: str,
        *,
        approve: bool,
        user: Optional[str] = None,
        form_guard: Optional[str] = None,
    ) -> ProviderResponse:
        """Records the user's decision: 303 to the callback (``location``),
        or for ``oob`` 200 with ``verifier``. ``form_guard`` must be the
        page's (``None`` only for decisions not made through a form).

        :raises InvalidParameter: ``approve=True`` without ``user``.
        """
    def revoke(self, token: str) -> bool:
        """Revokes a request or access token; ``True`` when it was there.

        :raises OAuth1Error: the store could not answer.
        """
