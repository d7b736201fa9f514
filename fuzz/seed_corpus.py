#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora from the conformance vectors.

Usage: seed_corpus.py VECTORS_DIR OUT_DIR. Each seed goes to
OUT_DIR/TARGET/<id>-<part>, in the byte form that target reads: an
Authorization header, a URL, a form body or query, and for verify_bytes
`METHOD\\nURL\\nAUTHORIZATION\\nCONTENT-TYPE\\nBODY`. The arbitrary-derived
targets (sign_verify, c_boundary) start from their committed seeds only.
"""

import json
import os
import sys


def main() -> None:
    vectors_dir, out_dir = sys.argv[1], sys.argv[2]
    seeds: dict[str, dict[str, bytes]] = {}

    def add(target: str, name: str, data: str | bytes | None) -> None:
        if data is None:
            return
        if isinstance(data, str):
            data = data.encode()
        seeds.setdefault(target, {})[name] = data

    def load(name: str) -> list:
        with open(os.path.join(vectors_dir, name), encoding="utf-8") as f:
            return json.load(f)

    for case in load("vectors.json") + load("errors.json"):
        request, cid = case["request"], case["id"]
        add("base_string_uri", cid, request["url"])
        url = request["url"]
        if "?" in url:
            query = url.split("?", 1)[1].split("#", 1)[0]
            add("form_decode", cid + "-query", query)
            add("callback", cid, url)
        add("form_decode", cid + "-body", request.get("body"))
        expect = case.get("expect", {})
        add("form_decode", cid + "-normalized", expect.get("normalized_parameters"))
    for case in load("verify.json"):
        request, cid = case["request"], case["id"]
        headers = {k.lower(): v for k, v in (request.get("headers") or {}).items()}
        authorization = headers.get("authorization", "")
        content_type = request.get("content_type") or headers.get("content-type") or ""
        add("authorization_header", cid, authorization or None)
        add("base_string_uri", "verify-" + cid, request["url"])
        body = request.get("body") or ""
        add(
            "verify_bytes",
            cid,
            "\n".join([request["method"], request["url"], authorization, content_type, body]),
        )
    count = 0
    for target, files in seeds.items():
        folder = os.path.join(out_dir, target)
        os.makedirs(folder, exist_ok=True)
        for name, data in files.items():
            safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
            with open(os.path.join(folder, safe), "wb") as f:
                f.write(data)
            count += 1
    print(f"fuzz seeds: {count} files from {vectors_dir} in {out_dir}")


if __name__ == "__main__":
    main()
