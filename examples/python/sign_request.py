#!/usr/bin/env python3
"""Sign a request with the oauth1 wheel, explain the signature, and send it.

    python examples/python/sign_request.py
        signs the standard request (fixed nonce and timestamp) and prints the
        Authorization header, the normalized parameters and the base string:
        compare them with a provider's to debug an "invalid signature".

    python examples/python/sign_request.py --send URL
        signs a POST of a form to URL (fresh nonce and timestamp) and sends it
        with the standard library's urllib; prints the status and the answer.

Credentials come from OAUTH1_CONSUMER_KEY, OAUTH1_CONSUMER_SECRET,
OAUTH1_TOKEN and OAUTH1_TOKEN_SECRET (demo values when unset).
"""

from __future__ import annotations

import argparse
import os
import sys
import urllib.error
import urllib.request

import oauth1

STANDARD_URL = "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait"
FORM_BODY = "status=active&tags=a%2Cb&name=John+Doe"
FORM = "application/x-www-form-urlencoded"


def make_signer() -> oauth1.Signer:
    return oauth1.Signer(
        os.environ.get("OAUTH1_CONSUMER_KEY", "ck_5f4dcc3b5aa765d61d8327deb882cf99"),
        os.environ.get("OAUTH1_CONSUMER_SECRET", "cs_2c26b46b68ffc68ff99b453c1d30413413422d706"),
        token=os.environ.get("OAUTH1_TOKEN", "tk_6b86b273ff34fce19d6b804eff5a3f57"),
        token_secret=os.environ.get("OAUTH1_TOKEN_SECRET", "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b"),
        signature_method="HMAC-SHA256",
        realm="1234567_SB1",
    )


def explain(signed: oauth1.SignedRequest) -> None:
    print(f"Authorization: {signed.authorization_header}")
    print(f"signature:             {signed.signature}")
    print(f"normalized parameters: {signed.normalized_parameters}")
    print(f"base string:           {signed.base_string}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--send", metavar="URL", help="sign a form POST to URL and send it")
    args = parser.parse_args()
    signer = make_signer()

    if args.send is None:
        signed = signer.sign(
            "POST", STANDARD_URL, body=FORM_BODY, content_type=FORM, timestamp=1700000000, nonce="kllo9940pd9333jh"
        )
        explain(signed)
        return 0

    signed = signer.sign("POST", args.send, body=FORM_BODY, content_type=FORM)
    explain(signed)
    request = urllib.request.Request(
        args.send,
        data=FORM_BODY.encode(),
        method="POST",
        headers={"Authorization": signed.authorization_header, "Content-Type": FORM},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            print(f"HTTP {response.status}: {response.read().decode(errors='replace')}")
            return 0
    except urllib.error.HTTPError as e:
        print(f"HTTP {e.code}: {e.read().decode(errors='replace')}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
