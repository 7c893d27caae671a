"""``actorgraph serve`` on loopback: every log line is JSON with the request id, no token.

uvicorn's own access lines (no request id, plain text) would break both.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx

from graph.backends.embedded import EmbeddedStore
from tests.conftest import load_seeds
from tests.servers import free_port, wait_ready

TOKEN = "serve-log-token-123"


def test_serve_logs_json_lines_each_with_its_request_id(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    seeded = EmbeddedStore(store)
    load_seeds(seeded)
    seeded.close()
    port = free_port()
    env = {
        **os.environ,
        "ACTORGRAPH_API_TOKEN": TOKEN,
        "ACTORGRAPH_LOG_FORMAT": "json",
        "ACTORGRAPH_STORE": str(store),
    }
    cli = [sys.executable, "-c", "from cli.main import app; app()"]
    server = subprocess.Popen(
        [*cli, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, time.monotonic() + 30)
        auth = {"Authorization": f"Bearer {TOKEN}"}
        for n, (method, path) in enumerate(
            [("GET", "/actors/PMU/allies"), ("DELETE", "/articles/none"), ("GET", "/nowhere")]
        ):
            headers = {**auth, "X-Request-ID": f"probe-{n}"}
            httpx.request(method, f"{url}{path}", headers=headers, timeout=10)
    finally:
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=15)
    lines = [line for line in err.splitlines() if line.strip()]
    entries = [json.loads(line) for line in lines]  # every line is JSON
    probes = {e["request_id"]: e for e in entries if e["request_id"].startswith("probe-")}
    assert {k: (v["path"], v["status"]) for k, v in probes.items()} == {
        "probe-0": ("/actors/PMU/allies", 200),
        "probe-1": ("/articles/none", 404),
        "probe-2": ("/nowhere", 404),
    }
    # one line per request, each with an id; nothing else logs requests
    requests = [e for e in entries if "path" in e]
    assert all(len(e["request_id"]) > 1 for e in requests)
    assert len([e for e in requests if e["path"] == "/actors/PMU/allies"]) == 1
    assert TOKEN not in err
