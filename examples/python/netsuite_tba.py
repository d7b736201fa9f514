#!/usr/bin/env python3
"""NetSuite token-based authentication (TBA) with requests: HMAC-SHA256 and
the account id as realm.

    export NETSUITE_ACCOUNT_ID=1234567_SB1          # as in the NetSuite UI
    export NETSUITE_CONSUMER_KEY=... NETSUITE_CONSUMER_SECRET=...
    export NETSUITE_TOKEN_ID=...     NETSUITE_TOKEN_SECRET=...
    python examples/python/netsuite_tba.py            # lists 5 customers, runs a SuiteQL query
    python examples/python/netsuite_tba.py --base-url http://127.0.0.1:8080   # a test provider

Switching from requests-oauthlib is one import: the arguments are the same.
"""

from __future__ import annotations

import argparse
import os
import sys

import requests

from oauth1.requests import OAuth1


def netsuite_host(account_id: str) -> str:
    """1234567_SB1 -> https://1234567-sb1.suitetalk.api.netsuite.com"""
    return f"https://{account_id.lower().replace('_', '-')}.suitetalk.api.netsuite.com"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", help="the REST host (default: from NETSUITE_ACCOUNT_ID)")
    args = parser.parse_args()
    try:
        account = os.environ["NETSUITE_ACCOUNT_ID"]
        auth = OAuth1(
            os.environ["NETSUITE_CONSUMER_KEY"],
            os.environ["NETSUITE_CONSUMER_SECRET"],
            os.environ["NETSUITE_TOKEN_ID"],
            os.environ["NETSUITE_TOKEN_SECRET"],
            signature_method="HMAC-SHA256",
            # The realm is the account id as written in NetSuite (uppercase, with "_SB1").
            realm=account,
            # NetSuite signs JSON requests over the URL only: no
            # oauth_body_hash, the default body-hash policy ("off", as with
            # requests-oauthlib), spelled out here.
            body_hash="off",
        )
    except KeyError as e:
        print(f"set {e.args[0]} (see --help)", file=sys.stderr)
        return 2
    base = (args.base_url or netsuite_host(account)).rstrip("/")

    with requests.Session() as session:
        session.auth = auth
        customers = session.get(f"{base}/services/rest/record/v1/customer", params={"limit": 5}, timeout=60)
        print(f"GET customers: HTTP {customers.status_code}")
        query = session.post(
            f"{base}/services/rest/query/v1/suiteql",
            params={"limit": 10},
            json={"q": "SELECT id, companyname FROM customer"},
            headers={"Prefer": "transient"},
            timeout=60,
        )
        print(f"POST SuiteQL: HTTP {query.status_code}")
    return 0 if customers.ok and query.ok else 1


if __name__ == "__main__":
    sys.exit(main())
