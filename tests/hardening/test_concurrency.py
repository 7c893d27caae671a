"""Concurrent ingests and queries from threads and processes lose and corrupt nothing.

Two API server processes share one SQLite file on loopback; a bounded pool of
client threads posts distinct and duplicate articles to both, and queries in
between. The final counts and relations equal those of a serial load.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2 as httpx

from graph.backends.embedded import EmbeddedStore
from loaders.gazetteer import Gazetteer
from loaders.native import parse_native
from tests.hardening.corpus import documents
from tests.servers import free_port, wait_ready

TOKEN = "stress-token"
DOCS = documents(24)


def serve(store: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "ACTORGRAPH_API_TOKEN": TOKEN, "ACTORGRAPH_STORE": str(store)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "api.app:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def serial_answer(tmp_path: Path) -> tuple:
    store = EmbeddedStore(tmp_path / "serial.sqlite")
    for data in DOCS:
        store.upsert_article(parse_native(data, Gazetteer(store.actors())))
    answer = (store.stats(), [r.model_dump(mode="json") for r in store.relations()])
    store.close()
    return answer


def test_concurrent_ingests_equal_a_serial_load(tmp_path: Path) -> None:
    store = tmp_path / "shared.sqlite"
    EmbeddedStore(store).close()
    ports = [free_port(), free_port()]
    servers = [serve(store, port) for port in ports]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        deadline = time.monotonic() + 60
        for url in urls:
            wait_ready(url, deadline)
        jobs = [(urls[i % 2], doc) for i, doc in enumerate(DOCS * 2)]  # every article twice

        def post(job: tuple[str, dict]) -> int:
            url, doc = job
            with httpx.Client(timeout=30, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
                status = c.post(f"{url}/articles", json=doc).status_code
                c.get(f"{url}/actors/unit-0/neighbourhood", params={"depth": 2})
                return status

        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(post, jobs))
        assert sorted(set(statuses)) in ([200, 201], [201])
        assert statuses.count(201) == len(DOCS)
        expected_stats, expected_relations = serial_answer(tmp_path)
        for url in urls:
            health = httpx.get(f"{url}/health", timeout=10).json()
            assert health["stats"] == expected_stats.model_dump()
            relations = httpx.get(f"{url}/relations", timeout=10).json()
            assert relations == expected_relations
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
