"""Typing protocols for what a :class:`oauth1.Verifier` calls back into.

They exist for type checkers and documentation only: the verifier accepts
any object of the right shape, with or without these base classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Protocol, Union

if TYPE_CHECKING:
    from oauth1._oauth1 import Consumer

__all__ = ["CredentialStore", "NonceCheck"]


class CredentialStore(Protocol):
    """Credential lookups a :class:`oauth1.Verifier` calls, e.g. over a database.

    Each method is called at most once per request, and only once the
    request passed its format checks. An exception raised here propagates out
    of :meth:`oauth1.Verifier.verify` unchanged (nothing is recorded).
    :class:`oauth1.Credentials` satisfies this protocol too.
    """

    def consumer(self, consumer_key: str, /) -> Union[str, Consumer, None]:
        """The consumer with this key: its secret (``str``), a
        :class:`oauth1.Consumer` (secret and/or RSA public key), or ``None``
        when it is unknown."""
        ...

    def token(self, token: str, /) -> Optional[tuple[str, str]]:
        """The token's ``(secret, consumer_key)``, or ``None`` when it is
        unknown (or expired, revoked...)."""
        ...


class NonceCheck(Protocol):
    """A nonce store's atomic check-and-record, as a callable.

    Called with ``(consumer_key, token, timestamp, nonce, now, window)``, as
    the C library's ``oauth1_nonce_check_and_record`` callback is, only for
    a request that passed every other check. ``token`` is ``""`` for a
    request without one; ``now`` is the verifier's clock (Unix seconds) and
    ``window`` its timestamp window, so a record may be forgotten once
    ``timestamp + window < now`` (the window check refuses that timestamp
    anyway): a Redis TTL of ``timestamp + window - now + 1`` seconds.

    It must record the tuple and return ``True`` when it was new, and return
    ``False`` (recording nothing) when it was already there -- atomically:
    two concurrent calls with the same tuple must not both return ``True``
    (``SET NX`` in Redis, a unique index in SQL). The answer must be a
    ``bool``: anything else (``None``, ``1``, ``"no"``) raises ``TypeError``
    out of :meth:`oauth1.Verifier.verify` and the request is not accepted.
    """

    def __call__(self, consumer_key: str, token: str, timestamp: int, nonce: str, now: int, window: int, /) -> bool: ...
