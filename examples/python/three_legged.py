#!/usr/bin/env python3
"""The whole OAuth 1.0a flow (RFC 5849 s2) against a provider, signing with
the oauth1 wheel and sending with requests. Each step is printed by name
with what was sent and what came back.

    python examples/python/three_legged.py BASE_URL

BASE_URL is the provider's, e.g. the first line `oauth1 serve --port 0
--auto-approve` prints. The consumer's credentials come from
OAUTH1_CONSUMER_KEY and OAUTH1_CONSUMER_SECRET (the local provider's demo
consumer when unset). It signs as a NetSuite connector does: the netsuite
profile (HMAC-SHA256, realm made from OAUTH1_ACCOUNT, default 1234567-sb1 ->
1234567_SB1, monotonic timestamps). The provider must approve on its own
(auto-approve): the user-authorization step only follows the redirect.

Exit status 0 only when every step succeeded.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional

import requests

import oauth1

FORM = "application/x-www-form-urlencoded"
STEPS = 8


class StepFailed(Exception):
    """A step got something other than what the flow needs."""


class Flow:
    def __init__(self, base_url: str, consumer_key: str, consumer_secret: str, account: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.consumer_key = consumer_key
        self.consumer_secret = consumer_secret
        # HMAC-SHA256 and a NetSuite-style realm, as the platform's NetSuite connectors sign.
        self.consumer = oauth1.Signer.for_profile("netsuite", consumer_key, consumer_secret, account=account)
        self.http = requests.Session()
        self.http.trust_env = False  # loopback: never a proxy
        self.passed = 0

    def step(self, name: str) -> None:
        print(f"\n== {name} ==")

    def ok(self) -> None:
        print("  ok")
        self.passed += 1

    def send(
        self,
        method: str,
        url: str,
        signed: Optional[oauth1.SignedRequest] = None,
        *,
        body: Optional[str] = None,
        content_type: Optional[str] = None,
        expected: int = 200,
    ) -> requests.Response:
        headers = {}
        print(f"  sent:     {method} {url}")
        if signed is not None:
            headers["Authorization"] = signed.authorization_header
            print(f"            Authorization: {signed.authorization_header}")
        if content_type is not None:
            headers["Content-Type"] = content_type
            print(f"            Content-Type: {content_type}")
        if body is not None:
            print(f"            {body}")
        response = self.http.request(
            method,
            url,
            headers=headers,
            data=body.encode() if body is not None else None,
            allow_redirects=False,
            timeout=10,
        )
        print(f"  received: HTTP {response.status_code}")
        if "Location" in response.headers:
            print(f"            Location: {response.headers['Location']}")
        if response.text:
            print(f"            {response.text}")
        if response.status_code != expected:
            raise StepFailed(f"expected HTTP {expected}, got {response.status_code}")
        return response

    def signed_call(
        self,
        signer: oauth1.Signer,
        method: str,
        path: str,
        *,
        body: Optional[str] = None,
        content_type: Optional[str] = None,
        expected: int = 200,
    ) -> requests.Response:
        url = f"{self.base_url}{path}"
        signed = signer.sign(method, url, body=body, content_type=content_type)
        return self.send(method, url, signed, body=body, content_type=content_type, expected=expected)

    def run(self) -> None:
        self.step("1. request token")
        url = f"{self.base_url}/oauth/request_token"
        callback = f"{self.base_url}/callback"
        print(f"  oauth_callback: {callback}")
        answer = self.send("POST", url, self.consumer.request_token_request(url, callback=callback))
        issued = oauth1.parse_token_response(answer.text, require_callback_confirmed=True)
        self.ok()

        self.step("2. user authorization")
        authorize = oauth1.authorization_url(f"{self.base_url}/oauth/authorize", issued.token)
        answer = self.send("GET", authorize, expected=302)
        location = answer.headers.get("Location")
        if location is None:
            raise StepFailed("no redirect to the callback")
        self.ok()

        self.step("3. callback with verifier")
        print(f"  callback: {location}")
        # request_token=: a callback for another request token is refused.
        callback_params = oauth1.parse_callback(location, request_token=issued.token)
        print(f"  oauth_token={callback_params.token} oauth_verifier={callback_params.verifier}")
        self.ok()

        self.step("4. access token")
        url = f"{self.base_url}/oauth/access_token"
        with_request_token = self.consumer.with_token(issued.token, issued.token_secret)
        answer = self.send("POST", url, with_request_token.access_token_request(url, verifier=callback_params.verifier))
        access = oauth1.parse_token_response(answer.text, require_callback_confirmed=False)
        signer = self.consumer.with_token(access.token, access.token_secret)
        self.ok()

        self.step("5. GET with query")
        me_url = f"{self.base_url}/api/me?fields=name%2Cemail&lang=en"
        me_signed = signer.sign("GET", me_url)
        answer = self.send("GET", me_url, me_signed)
        if answer.json().get("query", {}).get("fields") != "name,email":
            raise StepFailed("the provider did not see the query")
        self.ok()

        self.step("6. POST with form")
        answer = self.signed_call(
            signer,
            "POST",
            "/api/records",
            body="title=Hello+from+Python&tags=demo%2Cpython",
            content_type=FORM,
            expected=201,
        )
        record_id = answer.json().get("id")
        if not isinstance(record_id, int):
            raise StepFailed("no record id in the answer")
        self.ok()

        self.step("7. PUT with JSON + body hash")
        # The same credentials with the body-hash policy "non-form" (the
        # default is "off"): a JSON body is signed through oauth_body_hash.
        hashing = oauth1.Signer(
            self.consumer_key,
            self.consumer_secret,
            token=access.token,
            token_secret=access.token_secret,
            signature_method=self.consumer.signature_method,
            realm=self.consumer.realm,
            body_hash="non-form",
        )
        self.signed_call(
            hashing,
            "PUT",
            f"/api/records/{record_id}",
            body='{"title":"Hello again from Python","done":true}',
            content_type="application/json",
        )
        self.ok()

        self.step("8. replayed GET is refused")
        print("  the request of step 5 again, same nonce and signature:")
        answer = self.send("GET", me_url, me_signed, expected=401)
        problem = answer.text.split("&")[0]
        if problem != "oauth_problem=nonce_used":
            raise StepFailed(f"expected oauth_problem=nonce_used, got {problem}")
        print(f"  WWW-Authenticate: {answer.headers.get('WWW-Authenticate')}")
        self.ok()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base_url", nargs="?", default=os.environ.get("OAUTH1_PROVIDER"))
    args = parser.parse_args()
    if args.base_url is None:
        parser.error("give the provider's BASE_URL, e.g. http://127.0.0.1:8080")
    flow = Flow(
        args.base_url,
        os.environ.get("OAUTH1_CONSUMER_KEY", "demo-consumer"),
        os.environ.get("OAUTH1_CONSUMER_SECRET", "demo-consumer-secret"),
        os.environ.get("OAUTH1_ACCOUNT", "1234567-sb1"),
    )
    print(f"Python client (oauth1 {oauth1.__version__}, requests {requests.__version__}) against {flow.base_url}")
    print(f"  signing: {flow.consumer.signature_method}, realm {flow.consumer.realm!r} (the netsuite profile)")
    failed = 0
    try:
        flow.run()
    except (StepFailed, oauth1.OAuth1Error, requests.RequestException, ValueError) as error:
        print(f"  FAILED: {error}")
        failed = 1
    print(f"\nPython flow: {flow.passed} passed, {failed} failed")
    return 0 if failed == 0 and flow.passed == STEPS else 1


if __name__ == "__main__":
    sys.exit(main())
