"""Fresh nonces after fork(): the module installs a pthread_atfork handler,
so a forked child keys its nonce generator afresh and never repeats the
parent's nonces (os.fork here; multiprocessing forks the same way)."""

from __future__ import annotations

import os

import pytest

import oauth1

DRAWS = 2000


def nonces(signer: oauth1.Signer) -> list[str]:
    drawn = []
    for _ in range(DRAWS):
        params = dict(signer.sign("GET", "https://api.example.com/r").oauth_parameters)
        drawn.append(params["oauth_nonce"])
    return drawn


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_parent_and_child_never_share_a_nonce_after_fork() -> None:
    signer = oauth1.Signer("ck", "cs")
    before = nonces(signer)[-1]  # the generator holds buffered output now
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: draw, send, leave without running pytest's teardown
        try:
            os.close(read_end)
            os.write(write_end, "\n".join(nonces(signer)).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    parent = nonces(signer)
    with os.fdopen(read_end, "rb") as pipe:
        child = pipe.read().decode().split("\n")
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert len(child) == DRAWS
    seen = set(parent)
    assert len(seen) == DRAWS and before not in seen
    shared = seen.intersection(child)
    assert not shared, f"parent and child both drew {sorted(shared)[:3]}"
