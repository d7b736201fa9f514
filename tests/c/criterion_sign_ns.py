#!/usr/bin/env python3
"""Prints the Rust core's criterion median (ns) for signing the standard
request with HMAC-SHA256 and rendering the header (fixed nonce), read from
target/criterion; prints nothing when that bench has not run.

The bench is found by its ids rather than a fixed path, so renaming it
(e.g. `sign-hmac-sha256-full` to `...-fixed-nonce`) keeps working: group
`standard-request`, a function id naming sign and sha256, not a bare HMAC,
a verification or a fresh nonce.
"""

import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
found = []
for estimates in root.glob("**/new/estimates.json"):
    try:
        ids = json.loads((estimates.parent / "benchmark.json").read_text())
        median = json.loads(estimates.read_text())["median"]["point_estimate"]
    except (OSError, ValueError, KeyError):
        continue
    group = str(ids.get("group_id", "")).lower()
    function = str(ids.get("function_id") or ids.get("title", "")).lower()
    if "standard" not in group or "sign" not in function or "sha256" not in function:
        continue
    if any(word in function for word in ("bare", "verify", "fresh", "auto")):
        continue
    # Newest first; among those, a name saying it renders the header.
    rank = ("full" in function or "header" in function or "fixed" in function, estimates.stat().st_mtime)
    found.append((rank, median, f"{ids.get('group_id')}/{function}"))
if found:
    rank, median, name = max(found)
    print(f"{median:.1f}")
    print(f"criterion figure: {name}", file=sys.stderr)
