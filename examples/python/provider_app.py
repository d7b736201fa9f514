#!/usr/bin/env python3
"""An OAuth 1.0a provider as a small Flask app, on oauth1.Provider: the
same rules as `oauth1 serve` (request tokens, the authorization page,
verifiers, single-use access tokens, replay protection), and the same test
resources, so examples/python/three_legged.py and examples/c/three_legged.c
run their whole flow against it.

    python examples/python/provider_app.py [--port 0] [--auto-approve] [--store redis://HOST:PORT/DB]

The first line on stdout is the base URL. Loopback only: the demo
consumer's secret is public (demo-consumer / demo-consumer-secret).
"""

from __future__ import annotations

import argparse
import html
import itertools
import json
import sys
import threading
from typing import Optional
from urllib.parse import parse_qsl

from flask import Flask, Response, request
from werkzeug.serving import make_server

import oauth1

USER = "ada"
FORM = "application/x-www-form-urlencoded"


def create_app(provider: oauth1.Provider, *, auto_approve: bool) -> Flask:
    app = Flask(__name__)
    records: dict[int, dict[str, object]] = {}
    record_ids = itertools.count(1)
    lock = threading.Lock()

    def signed_url() -> str:
        # The target as sent (werkzeug keeps it in RAW_URI): the signature
        # covers the path and query byte for byte.
        target = request.environ.get("RAW_URI") or request.full_path.rstrip("?")
        return oauth1.received_url(str(target), headers=list(request.headers.items()))

    def headers() -> list[tuple[str, str]]:
        return list(request.headers.items())

    def send(answer: oauth1.ProviderResponse) -> Response:
        return Response(answer.body, status=answer.status, headers=answer.headers)

    def json_response(value: object, status: int = 200) -> Response:
        return Response(json.dumps(value), status=status, content_type="application/json")

    def authenticated() -> oauth1.ProviderResponse:
        return provider.authenticate(request.method, signed_url(), headers=headers(), body=request.get_data())

    @app.post("/oauth/request_token")
    def request_token() -> Response:
        return send(provider.request_token("POST", signed_url(), headers=headers(), body=request.get_data()))

    @app.get("/oauth/authorize")
    def authorize_page() -> Response:
        token = request.args.get("oauth_token", "")
        page = provider.authorization(token)
        if page.status != 200:
            return Response(page.body, status=page.status, content_type=page.content_type)
        if auto_approve:
            decided = provider.decide(token, approve=True, user=USER)
            location = decided.get("location")
            if location is not None:
                return Response("", status=302, headers=[("Location", location)])
            return send(decided)
        name = html.escape(page.get("consumer_name") or "")
        guard = html.escape(page.get("form_guard") or "")
        return Response(
            f"<!DOCTYPE html><title>Authorize {name}</title><h1>{name} wants to use your account</h1>"
            '<form method="post" action="/oauth/authorize">'
            f'<input type="hidden" name="oauth_token" value="{html.escape(token)}">'
            f'<input type="hidden" name="form_guard" value="{guard}">'
            '<button name="decision" value="approve">Approve</button> '
            '<button name="decision" value="deny">Deny</button></form>',
            content_type="text/html; charset=utf-8",
        )

    @app.post("/oauth/authorize")
    def authorize_decision() -> Response:
        decided = provider.decide(
            request.form.get("oauth_token", ""),
            approve=request.form.get("decision") == "approve",
            user=USER,
            form_guard=request.form.get("form_guard", ""),
        )
        return send(decided)

    @app.post("/oauth/access_token")
    def access_token() -> Response:
        return send(provider.access_token("POST", signed_url(), headers=headers(), body=request.get_data()))

    @app.get("/api/me")
    def me() -> Response:
        answer = authenticated()
        if answer.status != 200:
            return send(answer)
        query = {k: v for k, v in parse_qsl(request.query_string.decode()) if not k.startswith("oauth_")}
        return json_response({"user": answer.get("user"), "consumer": answer.get("consumer_key"), "query": query})

    @app.post("/api/records")
    def create_record() -> Response:
        answer = authenticated()
        if answer.status != 200:
            return send(answer)
        if request.mimetype != FORM:
            return json_response({"error": "send the record as a form"}, 415)
        fields = {k: v for k, v in parse_qsl(request.get_data(as_text=True)) if not k.startswith("oauth_")}
        with lock:
            if len(records) >= 1000:
                records.pop(min(records))
            record_id = next(record_ids)
            records[record_id] = {"id": record_id, "owner": answer.get("user"), "fields": fields}
            return json_response(records[record_id], 201)

    @app.put("/api/records/<int:record_id>")
    def update_record(record_id: int) -> Response:
        answer = authenticated()
        if answer.status != 200:
            return send(answer)
        if answer.get("body_hash") is None:
            return json_response({"error": "a JSON body is signed only through oauth_body_hash; send it"}, 400)
        try:
            fields = json.loads(request.get_data())
        except ValueError:
            fields = None
        if not isinstance(fields, dict):
            return json_response({"error": "the body must be a JSON object"}, 400)
        with lock:
            record = records.get(record_id)
            if record is None or record["owner"] != answer.get("user"):
                return json_response({"error": "no such record"}, 404)
            stored = record["fields"]
            assert isinstance(stored, dict)
            stored.update(fields)
            return json_response(record)

    @app.get("/callback")
    def callback() -> Response:
        return Response(html.escape(request.query_string.decode()), content_type="text/plain")

    return app


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--auto-approve", action="store_true")
    parser.add_argument("--store", default=None, help="redis://HOST:PORT/DB (default: this process's memory)")
    args = parser.parse_args(argv)
    store = oauth1.RedisStore(args.store) if args.store else None
    provider = oauth1.Provider(realm="liboauth1 Flask provider", store=store)
    provider.add_consumer("demo-consumer", name="liboauth1 Demo Consumer", secret="demo-consumer-secret")
    server = make_server("127.0.0.1", args.port, create_app(provider, auto_approve=args.auto_approve), threaded=True)
    print(f"http://127.0.0.1:{server.server_port}", flush=True)
    print(f"provider_app: oauth1.Provider on Flask at http://127.0.0.1:{server.server_port}", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
