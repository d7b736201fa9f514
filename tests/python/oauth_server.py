"""A small OAuth 1.0a provider on 127.0.0.1 for the round-trip tests.

It checks every request's signature with oauthlib's ``SignatureOnlyEndpoint``
(an independent implementation), checks ``oauth_body_hash`` against the
bytes received, and records what it received. Paths under ``/redirect/``
answer with a redirect to the URL in the ``to`` query parameter.

It also runs the token flow (RFC 5849 s2) for the README's example:
``/oauth/request_token`` issues a request token, ``/oauth/authorize``
approves at once (a redirect to the callback with ``oauth_verifier``, or the
verifier as text for ``oob``) and ``/oauth/access_token`` exchanges it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from oauthlib.oauth1 import RequestValidator, SignatureOnlyEndpoint
from oauthlib.oauth1.rfc5849 import SIGNATURE_METHODS


class PermissiveValidator(RequestValidator):  # type: ignore[misc]
    """Knows the given consumers and tokens and accepts everything else:
    any key format, nonce, timestamp, plain http."""

    def __init__(
        self,
        consumers: dict[str, str],
        tokens: dict[str, str],
        rsa_public_keys: Optional[dict[str, str]] = None,
    ) -> None:
        super().__init__()
        self.consumers = consumers
        self.tokens = tokens
        self.rsa_public_keys = rsa_public_keys or {}

    @property
    def enforce_ssl(self) -> bool:
        return False

    @property
    def allowed_signature_methods(self) -> tuple[str, ...]:
        return tuple(SIGNATURE_METHODS)

    @property
    def dummy_client(self) -> str:
        return "dummy-client"

    @property
    def dummy_access_token(self) -> str:
        return "dummy-token"

    def check_client_key(self, client_key: str) -> bool:
        return True

    def check_access_token(self, request_token: str) -> bool:
        return True

    def check_request_token(self, request_token: str) -> bool:
        return True

    def check_nonce(self, nonce: str) -> bool:
        return True

    def check_verifier(self, verifier: str) -> bool:
        return True

    def validate_client_key(self, client_key: str, request: Any) -> bool:
        return client_key in self.consumers or client_key in self.rsa_public_keys

    def validate_access_token(self, client_key: str, token: str, request: Any) -> bool:
        return token in self.tokens

    def validate_timestamp_and_nonce(self, *args: Any, **kwargs: Any) -> bool:
        return True

    def get_client_secret(self, client_key: str, request: Any) -> str:
        return self.consumers.get(client_key, "dummy")

    def get_access_token_secret(self, client_key: str, token: str, request: Any) -> str:
        return self.tokens.get(token, "dummy")

    def get_rsa_key(self, client_key: str, request: Any) -> str:
        return self.rsa_public_keys[client_key]


@dataclass
class Received:
    """One request as the provider saw it."""

    method: str
    url: str
    headers: dict[str, str]
    body: bytes
    valid: bool
    problem: str = ""
    oauth: dict[str, str] = field(default_factory=dict)


def oauth_params(headers: dict[str, str], url: str, body: bytes) -> dict[str, str]:
    """The oauth_* parameters from the header, form body and query (for the
    checks and assertions of the tests; oauthlib does the verification)."""
    found: dict[str, str] = {}
    auth = headers.get("Authorization", "")
    if auth[:6].lower() == "oauth ":
        for item in auth[6:].split(","):
            name, _, value = item.strip().partition("=")
            found[unquote(name)] = unquote(value.strip('"'))
    sources = [urlsplit(url).query]
    if headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
        sources.append(body.decode("utf-8", "replace"))
    for source in sources:
        for name, values in parse_qs(source, keep_blank_values=True).items():
            if name.startswith("oauth_"):
                found[name] = values[0]
    return found


class OAuthServer:
    """Starts on 127.0.0.1 on a free port; use as a context manager."""

    def __init__(
        self,
        consumers: dict[str, str],
        tokens: dict[str, str],
        rsa_public_keys: Optional[dict[str, str]] = None,
        host: str = "127.0.0.1",
    ) -> None:
        self.tokens = tokens
        self.endpoint = SignatureOnlyEndpoint(PermissiveValidator(consumers, tokens, rsa_public_keys))
        self.received: list[Received] = []
        # request token -> (callback, verifier), until exchanged.
        self.pending: dict[str, tuple[str, str]] = {}
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k: v for k, v in self.headers.items()}
                url = f"http://{self.headers.get('Host', '')}{self.path}"
                path = urlsplit(self.path).path
                if path.startswith("/redirect/"):
                    status = int(path.rsplit("/", 1)[-1])
                    target = parse_qs(urlsplit(self.path).query)["to"][0]
                    server._record(Received(self.command, url, headers, body, True, "redirected"))
                    self.send_response(status)
                    self.send_header("Location", target)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if path == "/oauth/authorize":
                    self._authorize(parse_qs(urlsplit(self.path).query).get("oauth_token", [""])[0])
                    return
                record = server.check(self.command, url, headers, body)
                issued = server.issue(path, record) if record.valid else None
                if issued is not None:
                    content_type, payload = "application/x-www-form-urlencoded", issued.encode()
                else:
                    content_type = "application/json"
                    payload = json.dumps(
                        {"ok": record.valid, "problem": record.problem, "oauth": record.oauth}
                    ).encode()
                refused = not record.valid or payload.startswith(b"oauth_problem=")
                self.send_response(401 if refused else 200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _authorize(self, token: str) -> None:
                """The user approves at once: back to the callback with the verifier."""
                if token not in server.pending:
                    self.send_response(400)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                callback, verifier = server.pending[token]
                answer = urlencode({"oauth_token": token, "oauth_verifier": verifier})
                if callback == "oob":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer.encode())
                    return
                self.send_response(302)
                self.send_header("Location", f"{callback}{'&' if '?' in callback else '?'}{answer}")
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.host = host
        self.port = self.httpd.server_address[1]
        self.base_url = f"http://{host}:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def _record(self, record: Received) -> None:
        with self._lock:
            self.received.append(record)

    def check(self, method: str, url: str, headers: dict[str, str], body: bytes) -> Received:
        """Verifies one request (also usable without HTTP)."""
        params = oauth_params(headers, url, body)
        text = body.decode("utf-8")
        valid, _ = self.endpoint.validate_request(url, method, text, headers)
        problem = "" if valid else "oauthlib refused the signature"
        if valid and "oauth_body_hash" in params:
            want = base64.b64encode(hashlib.sha1(body).digest()).decode()
            if params["oauth_body_hash"] != want:
                valid, problem = False, "oauth_body_hash does not match the body"
        if valid and not params:
            valid, problem = False, "no OAuth parameters"
        record = Received(method, url, headers, body, valid, problem, params)
        self._record(record)
        return record

    def issue(self, path: str, record: Received) -> Optional[str]:
        """The token endpoints' answer to a valid request, or None for other paths."""
        oauth = record.oauth
        with self._lock:
            if path == "/oauth/request_token" and "oauth_callback" in oauth:
                token, secret = f"rt_{secrets.token_hex(8)}", secrets.token_hex(16)
                self.tokens[token] = secret
                self.pending[token] = (oauth["oauth_callback"], secrets.token_hex(8))
                return urlencode(
                    {"oauth_token": token, "oauth_token_secret": secret, "oauth_callback_confirmed": "true"}
                )
            if path == "/oauth/access_token":
                request_token = oauth.get("oauth_token", "")
                pending = self.pending.get(request_token)
                if pending is None or pending[1] != oauth.get("oauth_verifier"):
                    return "oauth_problem=verifier_invalid"
                del self.pending[request_token]
                del self.tokens[request_token]
                token, secret = f"at_{secrets.token_hex(8)}", secrets.token_hex(16)
                self.tokens[token] = secret
                return urlencode({"oauth_token": token, "oauth_token_secret": secret})
        return None

    def __enter__(self) -> OAuthServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=10)
