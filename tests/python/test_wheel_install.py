"""The wheel installs with pip into a fresh virtual environment and imports."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

WHEEL_DIR = Path(os.environ.get("OAUTH1_WHEEL_DIR", Path(__file__).resolve().parents[2] / "target/python/wheels"))


def test_wheel_installs_into_a_fresh_venv(tmp_path: Path) -> None:
    wheels = sorted(WHEEL_DIR.glob("liboauth1-*.whl"), key=lambda p: p.stat().st_mtime)
    if not wheels:
        pytest.fail(f"no wheel in {WHEEL_DIR}: run `make wheel` first")
    wheel = wheels[-1]
    assert "-abi3-" in wheel.name and "-cp39-" in wheel.name
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-index", "--no-deps", str(wheel)],
        check=True,
        timeout=300,
    )
    code = (
        "import oauth1, oauth1._oauth1 as native; "
        "s = oauth1.Signer('ck', 'cs', signature_method='HMAC-SHA256'); "
        "print(oauth1.__version__, s.sign('GET', 'https://a.example/', timestamp=1, nonce='n').signature, "
        "native.__file__)"
    )
    done = subprocess.run(
        [str(python), "-I", "-c", code], check=True, capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    version, signature, native_file = done.stdout.split()
    import oauth1

    assert version == oauth1.__version__
    assert (
        signature
        == oauth1.Signer("ck", "cs", signature_method="HMAC-SHA256")
        .sign("GET", "https://a.example/", timestamp=1, nonce="n")
        .signature
    )
    assert native_file.startswith(str(env_dir))
    typed = subprocess.run(
        [str(python), "-c", "import importlib.resources as r; print(r.files('oauth1').joinpath('py.typed').is_file())"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert typed.stdout.strip() == "True"
    assert sys.version_info >= (3, 9)
