"""The embedded store's file made read-only, then writable again: 503 naming the file at
fault, then writes go through without a restart, and SQLite's files keep the store's mode.

Permissions do not bind root, so as root the scenario runs in a child process
that has given up the capabilities that let root write read-only files.
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCENARIO = r"""
import json, os, sys
from pathlib import Path
from fastapi.testclient import TestClient
from api.app import create_app
from api.deps import get_store
from graph.backends.embedded import EmbeddedStore
from graph.settings import Settings
from tests.api.test_articles import DOC
from tests.conftest import load_seeds

folder = Path(sys.argv[1])
path = folder / "store.sqlite"
seeding = EmbeddedStore(path)
load_seeds(seeding)
seeding.close()
os.chmod(path, 0o444)
store = EmbeddedStore(path)
app = create_app(Settings(store=":memory:", api_token="t"))
app.dependency_overrides[get_store] = lambda: store
out = {}
with TestClient(app, headers={"Authorization": "Bearer t"}) as client:
    refused = client.post("/articles", json=DOC)
    out["refused"] = [refused.status_code, refused.json()["detail"]]
    out["articles_while_refused"] = client.get("/health").json()["stats"]["articles"]
    os.chmod(path, 0o644)
    after = client.post("/articles", json=DOC)
    out["after"] = [after.status_code, after.text]
    out["modes"] = {p.name: oct(p.stat().st_mode & 0o777) for p in sorted(folder.iterdir())}
store.close()
print(json.dumps(out))
"""


PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def bound_by_permissions() -> None:
    """In the child, before it runs: root without the capabilities to ignore file modes."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def run_scenario(folder: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SCENARIO, str(folder)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=bound_by_permissions if os.geteuid() == 0 else None,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_read_only_store_is_503_naming_it_then_recovers_without_restart(tmp_path: Path) -> None:
    folder = tmp_path
    try:
        out = run_scenario(folder)
    except subprocess.SubprocessError as exc:
        pytest.skip(f"cannot run the store bound by file permissions here: {exc}")
    status, detail = out["refused"]
    assert status == 503
    assert f"{folder / 'store.sqlite'} is read-only" in detail
    assert out["articles_while_refused"] == 1
    assert out["after"][0] == 201, out["after"]
    assert set(out["modes"].values()) == {"0o644"}
