#!/usr/bin/env python3
"""The conformance runner's Python side.

Runs every vector file of a folder (default ``$CONFORMANCE_DIR``, else
``tests/conformance/vectors``) through the ``oauth1`` wheel and prints one
line per file, e.g. ``python vectors.json: 97 passed, 0 failed``, then each
failure with its case id and the first field that differs. Exits non-zero on
any failure. A case that cannot be run (unreadable, unknown shape) is a
failure; nothing is skipped silently.

Each file name maps to a runner in ``RUNNERS``: ``vectors.json`` and
``errors.json`` sign through :class:`oauth1.Signer`; ``verify.json`` builds
each case's provider (``Credentials``, a seeded ``MemoryNonceStore``, a
``Verifier`` on the case's clock) and verifies its request
(tests/conformance/VERIFY.md).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

import oauth1

Case = Mapping[str, Any]
# A runner checks one case: None when it passes, else what differs.
Runner = Callable[[Case], Optional[str]]


class CaseError(Exception):
    """The case itself is malformed: it cannot be run."""


def _field(block: Any, name: str, kind: Union[type, tuple[type, ...]], block_name: str) -> Any:
    if not isinstance(block, Mapping):
        raise CaseError(f"{block_name} is not an object")
    if name not in block:
        raise CaseError(f"{block_name}.{name} is missing")
    value = block[name]
    if not isinstance(value, kind):
        raise CaseError(f"{block_name}.{name} has type {type(value).__name__}")
    return value


def sign_case(case: Case) -> oauth1.SignedRequest:
    """Signs a signing case's input through the wheel, as a user would."""
    request = case.get("request")
    o = case.get("oauth")
    if not isinstance(request, Mapping):
        raise CaseError("request is missing or not an object")
    if not isinstance(o, Mapping):
        raise CaseError("oauth is missing or not an object")
    opt_str = (str, type(None))
    method = _field(request, "method", str, "request")
    url = _field(request, "url", str, "request")
    body = _field(request, "body", opt_str, "request") if "body" in request else None
    content_type = _field(request, "content_type", opt_str, "request") if "content_type" in request else None

    def opt(name: str) -> Optional[str]:
        if o.get(name) is None:
            return None
        value: str = _field(o, name, str, "oauth")
        return value

    extra = o.get("extra_oauth_params") or {}
    if not isinstance(extra, Mapping) or not all(isinstance(v, str) for v in extra.values()):
        raise CaseError("oauth.extra_oauth_params is not an object of strings")
    token = opt("token")
    signer = oauth1.Signer(
        _field(o, "consumer_key", str, "oauth"),
        _field(o, "consumer_secret", str, "oauth"),
        token=token,
        token_secret=None if token is None else (opt("token_secret") or ""),
        signature_method=_field(o, "signature_method", str, "oauth"),
        realm=opt("realm"),
        rsa_private_key=opt("rsa_private_key_pem"),
        include_version=opt("version") is not None,
        body_hash=bool(o.get("body_hash", False)),
    )
    timestamp = opt("timestamp")
    nonce = opt("nonce")
    return signer.sign(
        method,
        url,
        body=body,
        content_type=content_type,
        timestamp=oauth1.OMIT if timestamp is None else timestamp,
        nonce=oauth1.OMIT if nonce is None else nonce,
        callback=opt("callback"),
        verifier=opt("verifier"),
        extra_oauth_params=dict(extra),
    )


def _expect(case: Case, field: str) -> str:
    expect = case.get("expect")
    value: str = _field(expect, field, str, "expect")
    return value


def check_vector(case: Case) -> Optional[str]:
    try:
        signed = sign_case(case)
    except oauth1.OAuth1Error as e:
        return f"refused: {e.kind}: {e}"
    for field in ("normalized_parameters", "base_string", "signature"):
        want = _expect(case, field)
        got = getattr(signed, field)
        if got != want:
            return f"{field}: expected {want!r}, got {got!r}"
    return None


def check_error(case: Case) -> Optional[str]:
    want = _expect(case, "error")
    try:
        signed = sign_case(case)
    except oauth1.OAuth1Error as e:
        if e.kind == want:
            return None
        return f"error: expected {want}, got {e.kind}: {e}"
    return f"error: expected {want}, got a signature {signed.signature!r}"


@dataclass(frozen=True)
class Provider:
    """A verification case's provider: the verifier holds the credentials
    and the nonce store, which keeps what it records across requests."""

    verifier: oauth1.Verifier
    nonces: oauth1.MemoryNonceStore


def build_provider(block: Any) -> Provider:
    """The provider of a ``provider`` block (VERIFY.md, "Provider model").

    Method names the wheel does not know are left out of the allowed list,
    as in the Rust runner: no request can use them anyway.
    """
    now = _field(block, "now", int, "provider")
    window = _field(block, "timestamp_window", int, "provider")
    credentials = oauth1.Credentials()
    for key, consumer in _field(block, "consumers", Mapping, "provider").items():
        secret = _field(consumer, "secret", (str, type(None)), f"provider.consumers[{key!r}]")
        pem = _field(consumer, "rsa_public_key_pem", (str, type(None)), f"provider.consumers[{key!r}]")
        credentials.add_consumer(key, secret, rsa_public_key=pem)
    for token, t in _field(block, "tokens", Mapping, "provider").items():
        where = f"provider.tokens[{token!r}]"
        credentials.add_token(token, _field(t, "secret", str, where), _field(t, "consumer_key", str, where))
    nonces = oauth1.MemoryNonceStore()
    for entry in _field(block, "seen_nonces", list, "provider"):
        if not (
            isinstance(entry, list)
            and len(entry) == 4
            and isinstance(entry[2], int)
            and all(isinstance(entry[i], str) for i in (0, 1, 3))
        ):
            raise CaseError(f"provider.seen_nonces entry {entry!r} is not [str, str, int, str]")
        nonces.check_and_record(entry[0], entry[1], entry[2], entry[3], now=now, window=window)
    methods = _field(block, "signature_methods", list, "provider")
    verifier = oauth1.Verifier(
        credentials,
        nonce_store=nonces,
        signature_methods=[m for m in methods if m in oauth1.SIGNATURE_METHODS],
        timestamp_window=window,
        now=now,
    )
    return Provider(verifier, nonces)


def verify_request(provider: Provider, request: Any) -> Union[oauth1.VerifiedRequest, oauth1.VerificationError]:
    """Verifies a case's request through the wheel, as a provider would."""
    opt_str = (str, type(None))
    headers = _field(request, "headers", Mapping, "request") if "headers" in request else {}
    try:
        return provider.verifier.verify(
            _field(request, "method", str, "request"),
            _field(request, "url", str, "request"),
            headers=headers,
            body=_field(request, "body", opt_str, "request") if "body" in request else None,
            content_type=_field(request, "content_type", opt_str, "request") if "content_type" in request else None,
        )
    except oauth1.VerificationError as e:
        return e


def compare_verify(expect: Any, outcome: Union[oauth1.VerifiedRequest, oauth1.VerificationError]) -> Optional[str]:
    """The first difference between an outcome and a case's ``expect``."""
    ok = _field(expect, "ok", bool, "expect")
    if ok:
        if isinstance(outcome, oauth1.VerificationError):
            return f"expected ok, got {outcome}"
        return None
    want = _field(expect, "problem", str, "expect")
    want_params = _field(expect, "parameters", list, "expect") if "parameters" in expect else []
    if not isinstance(outcome, oauth1.VerificationError):
        return f"expected {want} {want_params}, got ok"
    if outcome.problem != want:
        return f"problem: expected {want}, got {outcome}"
    if outcome.parameters != want_params:
        return f"parameters: expected {want_params}, got {outcome.parameters} ({outcome})"
    return None


def check_verify(case: Case) -> Optional[str]:
    provider = build_provider(case.get("provider"))
    request = case.get("request")
    if not isinstance(request, Mapping):
        raise CaseError("request is missing or not an object")
    return compare_verify(case.get("expect"), verify_request(provider, request))


RUNNERS: dict[str, Runner] = {
    "vectors.json": check_vector,
    "errors.json": check_error,
    "verify.json": check_verify,
}


def run_file(path: Path, runner: Runner) -> tuple[int, list[tuple[str, str]]]:
    """Runs every case of one file: (passed, [(case id, what differs)])."""
    try:
        cases = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return 0, [(str(path), f"cannot read: {e}")]
    if not isinstance(cases, list):
        return 0, [(str(path), "not a JSON list")]
    passed = 0
    failures: list[tuple[str, str]] = []
    for i, case in enumerate(cases):
        case_id = case.get("id") if isinstance(case, Mapping) else None
        if not isinstance(case_id, str):
            case_id = f"#{i}"
        try:
            outcome = runner(case) if isinstance(case, Mapping) else "case is not an object"
        except CaseError as e:
            outcome = f"cannot run: {e}"
        except Exception as e:  # a case the runner cannot run is a failure
            outcome = f"cannot run: {type(e).__name__}: {e}"
        if outcome is None:
            passed += 1
        else:
            failures.append((case_id, outcome))
    return passed, failures


def main(argv: list[str]) -> int:
    folder = Path(argv[1] if len(argv) > 1 else os.environ.get("CONFORMANCE_DIR", "tests/conformance/vectors"))
    if not folder.is_dir():
        print(f"python: {folder} is not a folder", file=sys.stderr)
        return 2
    failed = False
    ran = 0
    for name, runner in RUNNERS.items():
        path = folder / name
        if not path.exists():
            continue
        ran += 1
        passed, failures = run_file(path, runner)
        print(f"python {name}: {passed} passed, {len(failures)} failed")
        for case_id, why in failures:
            print(f"  FAIL {case_id}: {why}")
        failed = failed or bool(failures)
    if ran == 0:
        print(f"python: none of {', '.join(RUNNERS)} in {folder}", file=sys.stderr)
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
