"""httpx integration: :class:`OAuth1Auth`, for ``httpx.Client`` and ``httpx.AsyncClient``.

::

    from oauth1.httpx import OAuth1Auth

    auth = OAuth1Auth("client_key", "client_secret", "token", "token_secret",
                      signature_method="HMAC-SHA256")
    httpx.get("https://api.example.com/v1/items", auth=auth)
    async with httpx.AsyncClient(auth=auth) as client:
        await client.get("https://api.example.com/v1/items")
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Optional, Union

import httpx

from oauth1._oauth1 import InvalidParameter
from oauth1._transport import (
    DEFAULT_BODY_HASH,
    SIGNATURE_TYPE_AUTH_HEADER,
    SIGNATURE_TYPE_BODY,
    SIGNATURE_TYPE_QUERY,
    BodyHashPolicy,
    RequestSigner,
    signer_options,
    text_arg,
)

__all__ = ["OAuth1Auth", "SIGNATURE_TYPE_AUTH_HEADER", "SIGNATURE_TYPE_QUERY"]


class OAuth1Auth(httpx.Auth):
    """Signs each request of an httpx client, sync or async (RFC 5849).

    Same arguments as :class:`oauth1.requests.OAuth1`, except that
    ``signature_type`` is ``"AUTH_HEADER"`` (default) or ``"QUERY"``: httpx
    would replay a form body carrying the protocol parameters to another
    origin on a 307/308 redirect, so ``"BODY"`` is refused.

    What is signed is exactly what is sent: the request URL; a form body as
    parameters; any other body through ``oauth_body_hash`` when
    ``body_hash`` asks for it (default ``"off"``, as requests-oauthlib; see
    :class:`oauth1.requests.OAuth1`). httpx drops the Authorization
    header when a redirect leads to another origin.
    """

    requires_request_body = True

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
        *,
        realm: Optional[str] = None,
        nonce: Optional[str] = None,
        timestamp: Union[str, int, None] = None,
        body_hash: BodyHashPolicy = DEFAULT_BODY_HASH,
        include_version: bool = True,
        nonce_length: Optional[int] = None,
        nonce_alphabet: Optional[str] = None,
    ) -> None:
        if (text_arg(signature_type, "signature_type") or "").upper() == SIGNATURE_TYPE_BODY:
            raise InvalidParameter(
                "signature_type 'BODY' is not supported with httpx (a 307/308 redirect would carry "
                "the signed body to another origin); use 'AUTH_HEADER' or 'QUERY'"
            )
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

    def __repr__(self) -> str:
        return (
            f"<oauth1.httpx.OAuth1Auth signer={self._signer.signer!r} signature_type={self._signer.signature_type!r}>"
        )

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        signer = self._signer
        signed = signer.sign(
            request.method,
            str(request.url),
            request.content or None,
            request.headers.get("Content-Type"),
        )
        if signer.signature_type == SIGNATURE_TYPE_QUERY:
            request.url = httpx.URL(signed)
        else:
            request.headers["Authorization"] = signed
        yield request
