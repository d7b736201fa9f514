#!/usr/bin/env python3
"""`make bench`, Python part: signs the standard request with this wheel and
with oauthlib's ``Client.sign`` in the same run, and prints each median in microseconds and the ratio.

Each figure is the median over many batches of the per-call time in a
batch; the libraries take turns batch by batch, so both see the same machine.
Prints only: timings are not asserted anywhere.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from importlib.metadata import version

import oauth1
from oauthlib.oauth1 import Client

URL = "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait"
BODY = "status=active&tags=a%2Cb&name=John+Doe"
FORM = "application/x-www-form-urlencoded"
CK, CS = "ck_5f4dcc3b5aa765d61d8327deb882cf99", "cs_2c26b46b68ffc68ff99b453c1d30413413422d706"
TK, TS = "tk_6b86b273ff34fce19d6b804eff5a3f57", "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b"
REALM, TIMESTAMP, NONCE = "1234567_SB1", "1700000000", "kllo9940pd9333jh"
SIGNATURE = "7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi+E0+WDxI="
ENCODED_SIGNATURE = "7YW4s%2FRtwCowc9nBLyiBo%2FEfsYqdRKwcZmi%2BE0%2BWDxI%3D"


def main() -> int:
    signer = oauth1.Signer(CK, CS, token=TK, token_secret=TS, signature_method="HMAC-SHA256", realm=REALM)

    def ours() -> str:
        return signer.sign(
            "POST", URL, body=BODY, content_type=FORM, timestamp=TIMESTAMP, nonce=NONCE
        ).authorization_header

    client = Client(CK, CS, TK, TS, signature_method="HMAC-SHA256", realm=REALM, timestamp=TIMESTAMP, nonce=NONCE)
    headers = {"Content-Type": FORM}

    def theirs() -> str:
        header: str = client.sign(URL, "POST", BODY, headers)[1]["Authorization"]
        return header

    # Same request, same answer: the comparison is fair.
    assert f'oauth_signature="{ENCODED_SIGNATURE}"' in ours(), ours()
    assert f'oauth_signature="{ENCODED_SIGNATURE}"' in theirs(), theirs()

    contenders: list[tuple[str, str, Callable[[], object], int]] = [
        (f"oauth1 {oauth1.__version__} (this wheel)", "Signer.sign().authorization_header", ours, 20_000),
        (f"oauthlib {version('oauthlib')}", "Client.sign()", theirs, 200),
    ]
    samples: dict[str, list[float]] = {name: [] for name, *_ in contenders}
    for _, _, fn, per_batch in contenders:  # warm up
        for _ in range(per_batch // 10):
            fn()
    deadline = time.perf_counter() + 6.0
    rounds = 0
    while rounds < 15 or (time.perf_counter() < deadline and rounds < 60):
        for name, _, fn, per_batch in contenders:
            start = time.perf_counter()
            for _ in range(per_batch):
                fn()
            samples[name].append((time.perf_counter() - start) / per_batch * 1e6)
        rounds += 1

    medians = {name: statistics.median(values) for name, values in samples.items()}
    print("python bench: standard request (POST, query + form body, HMAC-SHA256, realm), fixed nonce and timestamp")
    for name, what, _, _ in contenders:
        print(f"  {name:<28} {what:<36} median {medians[name]:9.2f} µs")
    ours_us = medians[contenders[0][0]]
    ratio = medians[contenders[1][0]] / ours_us
    print(
        f"python bench: oauth1 is {ratio:.0f}x faster than oauthlib ({ours_us:.2f} µs vs "
        f"{medians[contenders[1][0]]:.1f} µs; target >= 80x and < 2 µs: "
        f"{'met' if ratio >= 80 and ours_us < 2 else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
