"""requests integration: :class:`OAuth1`, a drop-in for ``requests_oauthlib.OAuth1``.

Switch by changing one import::

    from oauth1.requests import OAuth1   # was: from requests_oauthlib import OAuth1

    auth = OAuth1("client_key", "client_secret", "token", "token_secret",
                  signature_method="HMAC-SHA256", realm="1234567_SB1")
    requests.get("https://api.example.com/v1/items?limit=10", auth=auth)
"""

from __future__ import annotations

from functools import partial
from typing import Any, Optional, Union, cast
from urllib.parse import urljoin

import requests
from requests.auth import AuthBase
from requests.structures import CaseInsensitiveDict

from oauth1._oauth1 import InvalidParameter
from oauth1._transport import (
    DEFAULT_BODY_HASH,
    FORM_CONTENT_TYPE,
    SIGNATURE_TYPE_AUTH_HEADER,
    SIGNATURE_TYPE_BODY,
    SIGNATURE_TYPE_QUERY,
    BodyHashPolicy,
    RequestSigner,
    is_form,
    same_origin,
    signer_options,
)

__all__ = [
    "OAuth1",
    "SIGNATURE_TYPE_AUTH_HEADER",
    "SIGNATURE_TYPE_BODY",
    "SIGNATURE_TYPE_QUERY",
]


class OAuth1(AuthBase):
    """Signs each request sent with ``auth=`` (RFC 5849).

    The arguments are those of ``requests_oauthlib.OAuth1`` (same names and
    order), plus keyword-only options of this library.

    :param client_key: the consumer key.
    :param client_secret: the consumer secret.
    :param resource_owner_key: the token (``None``: no ``oauth_token``).
    :param resource_owner_secret: the token secret.
    :param callback_uri: ``oauth_callback`` (request-token requests).
    :param signature_method: ``"HMAC-SHA1"`` (default), ``"HMAC-SHA256"``,
        ``"HMAC-SHA512"``, ``"PLAINTEXT"``, ``"RSA-SHA1"``, ``"RSA-SHA256"``
        or ``"RSA-SHA512"``.
    :param signature_type: where the protocol parameters go:
        ``"AUTH_HEADER"`` (default), ``"QUERY"`` or ``"BODY"`` (a form body).
    :param rsa_key: the RSA private key PEM for the RSA methods.
    :param verifier: ``oauth_verifier`` (access-token requests).
    :param decoding: accepted for compatibility; headers are always ``str``.
    :param realm: the ``realm`` of the Authorization header.
    :param nonce: a fixed nonce (tests only).
    :param timestamp: a fixed timestamp (tests only).
    :param body_hash: when ``oauth_body_hash`` is sent, the core's policy
        (the same on every surface): ``"off"`` (default, as
        requests-oauthlib: a JSON POST signs byte for byte as it does);
        ``"non-form"``, a body that is neither empty nor a form (JSON, XML,
        ...), so the signature covers its bytes; ``"always"``, every request
        (a form body is refused). ``False``/``True`` mean ``"off"``/``"always"``.
    :param include_version: send ``oauth_version=1.0`` (default ``True``).
    :param nonce_length: nonce length (default 32).
    :param nonce_alphabet: nonce characters (default letters and digits).

    What is signed is exactly what is sent: the prepared URL; a form body
    (``Content-Type: application/x-www-form-urlencoded``) as parameters; any
    other body through ``oauth_body_hash`` when ``body_hash`` asks for it
    (by default it is not signed, as with requests-oauthlib). Unlike requests-oauthlib, a body
    without a ``Content-Type`` is never guessed to be a form.

    Redirects: requests drops the Authorization header when a redirect leads
    to another host; this auth also drops it itself (and takes its
    parameters out of a form body) when a redirect leads to another origin
    (scheme, host, port), so the signed request never reaches another
    server. A redirect within the origin keeps the signature, as with
    requests-oauthlib.
    """

    def __init__(
        self,
        client_key: str,
        client_secret: Optional[str] = None,
        resource_owner_key: Optional[str] = None,
        resource_owner_secret: Optional[str] = None,
        callback_uri: Optional[str] = None,
        signature_method: str = "HMAC-SHA1",
        signature_type: str = SIGNATURE_TYPE_AUTH_HEADER,
        rsa_key: Union[str, bytes, None] = None,
        verifier: Optional[str] = None,
        decoding: Optional[str] = "utf-8",
        *,
        realm: Optional[str] = None,
        nonce: Optional[str] = None,
        timestamp: Union[str, int, None] = None,
        body_hash: BodyHashPolicy = DEFAULT_BODY_HASH,
        include_version: bool = True,
        nonce_length: Optional[int] = None,
        nonce_alphabet: Optional[str] = None,
    ) -> None:
        del decoding  # requests-oauthlib's; this auth always produces str.
        options = signer_options(
            client_key,
            client_secret,
            resource_owner_key,
            resource_owner_secret,
            signature_method,
            rsa_key,
            realm,
            include_version,
            nonce_length,
            nonce_alphabet,
        )
        self._signer = RequestSigner(
            options,
            body_hash=body_hash,
            signature_type=signature_type,
            callback=callback_uri,
            verifier=verifier,
            timestamp=timestamp,
            nonce=nonce,
        )

    @property
    def signature_type(self) -> str:
        """``"AUTH_HEADER"``, ``"QUERY"`` or ``"BODY"``."""
        return self._signer.signature_type

    def __repr__(self) -> str:
        return f"<oauth1.requests.OAuth1 signer={self._signer.signer!r} signature_type={self.signature_type!r}>"

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        signer = self._signer
        kind = signer.signature_type
        headers = r.headers
        content_type = _content_type(headers)
        original_body: Any = r.body  # also a bytearray, memoryview or stream
        body: Union[str, bytes, None] = original_body
        if original_body is not None and not isinstance(original_body, (str, bytes)):
            body = _buffer_bytes(original_body)
            if body is None and (is_form(content_type) or signer.may_hash_body):
                # A stream (file, generator): its bytes are not known here.
                raise InvalidParameter(
                    f"cannot sign a streamed body ({type(original_body).__name__}): pass the body "
                    "as str or bytes, or body_hash='off' to leave a non-form body unsigned"
                )
        if kind == SIGNATURE_TYPE_BODY and not content_type and not original_body:
            content_type = FORM_CONTENT_TYPE
            headers["Content-Type"] = content_type
        # The native call borrows a str body as UTF-8: no encode() here.
        signed = signer.sign(str(r.method), str(r.url), body, content_type)
        header: Optional[str] = None
        if kind == SIGNATURE_TYPE_AUTH_HEADER:
            header = signed
            _set_authorization(headers, signed)
        elif kind == SIGNATURE_TYPE_QUERY:
            r.url = signed
        else:
            r.body = signed.encode() if isinstance(original_body, bytes) else signed
            r.prepare_content_length(r.body)
        r.hooks["response"].append(partial(_redirect_guard, header, original_body, kind))
        return r


def _redirect_guard(
    header: Optional[str],
    unsigned_body: Any,
    kind: str,
    response: requests.Response,
    *args: Any,
    **kwargs: Any,
) -> requests.Response:
    """A response hook (bound to one request's values with ``partial``, which
    costs less per request than an object): on a redirect to another origin,
    takes what this auth added off the request that requests copies for the
    next hop."""
    if not response.is_redirect:
        return response
    request = response.request
    location = response.headers.get("location", "")
    old_url = str(request.url)
    if same_origin(old_url, urljoin(old_url, location)):
        return response
    if header is not None and request.headers.get("Authorization") == header:
        del request.headers["Authorization"]
    if kind == SIGNATURE_TYPE_BODY:
        request.body = unsigned_body
        request.prepare_content_length(request.body)
    return response


def _content_type(headers: Any) -> Optional[str]:
    """The request's Content-Type; read from requests' own header store
    directly (its lowercased key) when the headers are requests'
    ``CaseInsensitiveDict``, the common case, as ``get`` costs more."""
    if type(headers) is CaseInsensitiveDict:
        entry = headers._store.get("content-type")  # type: ignore[attr-defined]
        value = None if entry is None else entry[1]
    else:
        value = headers.get("Content-Type")
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return cast(Optional[str], value)


def _set_authorization(headers: Any, value: str) -> None:
    """Sets the Authorization header; in requests' ``CaseInsensitiveDict``
    store directly (what its ``__setitem__`` does, without the call)."""
    if type(headers) is CaseInsensitiveDict:
        headers._store["authorization"] = ("Authorization", value)  # type: ignore[attr-defined]
    else:
        headers["Authorization"] = value


def _buffer_bytes(body: Any) -> Optional[bytes]:
    """The bytes of a ``bytearray`` or ``memoryview`` body; ``None`` for a
    stream, whose bytes are not known before it is sent."""
    if isinstance(body, (bytearray, memoryview)):
        return bytes(body)
    return None
