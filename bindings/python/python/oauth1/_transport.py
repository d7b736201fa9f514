"""What the requests and httpx integrations share: which form of the request
to sign, and the redirect rule. No OAuth logic: the core signs."""

from __future__ import annotations

from typing import Any, Optional, Union
from urllib.parse import urlsplit

from oauth1._oauth1 import (
    InvalidEncoding,
    InvalidParameter,
    OAuth1Error,
    Signer,
    TransportSigner,
    is_form_content_type,
)

SIGNATURE_TYPE_AUTH_HEADER = "AUTH_HEADER"
SIGNATURE_TYPE_QUERY = "QUERY"
SIGNATURE_TYPE_BODY = "BODY"
SIGNATURE_TYPES = (SIGNATURE_TYPE_AUTH_HEADER, SIGNATURE_TYPE_QUERY, SIGNATURE_TYPE_BODY)

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"

BodyHashPolicy = Union[bool, str]
"""``body_hash``: ``"off"``, ``"non-form"``, ``"always"``, or ``False``/``True``
(``"off"``/``"always"``): the core's policy, the same on every surface."""

DEFAULT_BODY_HASH = "off"
"""The auths' default, as requests-oauthlib: no ``oauth_body_hash``."""


def is_form(content_type: Optional[str]) -> bool:
    """Whether the media type (before any ``;``) is a form: the core's rule."""
    return is_form_content_type(content_type)


def origin(url: str) -> tuple[str, str, Optional[int]]:
    """(scheme, host, port) with the default port filled in."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None:
        port = {"http": 80, "https": 443}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


def same_origin(a: str, b: str) -> bool:
    """Whether two URLs share scheme, host and port."""
    return origin(a) == origin(b)


def text_arg(value: Any, name: str) -> Optional[str]:
    """A ``str`` (or ``None``) argument of the auths, checked under the name
    the caller used (``client_key``, not the Signer's ``consumer_key``), with
    the errors the native module raises."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be str, not {type(value).__name__}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InvalidEncoding(
            f"{name} is not valid text: it holds a lone surrogate at index {e.start}, which UTF-8 cannot encode"
        ) from e
    return value


def signer_options(
    client_key: str,
    client_secret: Optional[str],
    resource_owner_key: Optional[str],
    resource_owner_secret: Optional[str],
    signature_method: str,
    rsa_key: Union[str, bytes, None],
    realm: Optional[str],
    include_version: bool,
    nonce_length: Optional[int],
    nonce_alphabet: Optional[str],
) -> dict[str, Any]:
    """The :class:`Signer` arguments for requests-oauthlib style arguments."""
    if text_arg(client_key, "client_key") is None:
        raise TypeError("client_key must be str, not NoneType")
    client_secret = text_arg(client_secret, "client_secret")
    resource_owner_key = text_arg(resource_owner_key, "resource_owner_key")
    resource_owner_secret = text_arg(resource_owner_secret, "resource_owner_secret")
    if resource_owner_key is None and resource_owner_secret:
        raise InvalidParameter("resource_owner_secret was given without resource_owner_key")
    return {
        "consumer_key": client_key,
        "consumer_secret": client_secret or "",
        "token": resource_owner_key,
        "token_secret": None if resource_owner_key is None else (resource_owner_secret or ""),
        "signature_method": signature_method,
        "realm": realm,
        "rsa_private_key": rsa_key,
        "include_version": include_version,
        "nonce_length": nonce_length,
        "nonce_alphabet": nonce_alphabet,
    }


class RequestSigner:
    """Signs what an HTTP client is about to send with one core signer, built
    once; its body-hash policy decides which requests get ``oauth_body_hash``.

    :meth:`sign` is one native call (:class:`TransportSigner`) that returns
    the one string the client sets, so an integration adds little to the
    signature itself.
    """

    def __init__(
        self,
        signer_options: dict[str, Any],
        *,
        body_hash: BodyHashPolicy,
        signature_type: str,
        callback: Optional[str] = None,
        verifier: Optional[str] = None,
        timestamp: Union[str, int, None] = None,
        nonce: Optional[str] = None,
    ) -> None:
        kind = (text_arg(signature_type, "signature_type") or "").upper()
        if kind not in SIGNATURE_TYPES:
            raise InvalidParameter(f"signature_type {signature_type!r} is not one of {', '.join(SIGNATURE_TYPES)}")
        if body_hash is None:
            # Before the policy was the core's, None meant "non-form" here.
            raise TypeError(
                "body_hash must be bool or one of 'off', 'non-form', 'always', not NoneType "
                "(the default is 'off'; pass 'non-form' to hash non-form bodies)"
            )
        self.signer = Signer(**signer_options, body_hash=body_hash)
        # The Signer accepted it, so it is one of these.
        self.may_hash_body = body_hash not in (False, "off")
        self.signature_type = kind
        native = TransportSigner(
            self.signer,
            kind,
            callback=text_arg(callback, "callback_uri"),
            verifier=text_arg(verifier, "verifier"),
            timestamp=timestamp,
            nonce=nonce,
        )
        self.sign = native.sign
        """``sign(method, url, body, content_type)``: signs exactly what is
        sent (the URL with its query, a form body as parameters, any other
        body through ``oauth_body_hash`` when the policy says so) and returns
        the Authorization header, the signed URL or the signed form body,
        as ``signature_type`` says."""


__all__ = [
    "BodyHashPolicy",
    "DEFAULT_BODY_HASH",
    "FORM_CONTENT_TYPE",
    "OAuth1Error",
    "RequestSigner",
    "SIGNATURE_TYPES",
    "SIGNATURE_TYPE_AUTH_HEADER",
    "SIGNATURE_TYPE_BODY",
    "SIGNATURE_TYPE_QUERY",
    "is_form",
    "same_origin",
    "text_arg",
]
