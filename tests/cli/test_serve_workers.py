"""``actorgraph serve --workers N``: several server processes over one store file.

Real processes on loopback. Which worker answers a connection is the
kernel's choice; the tests find out from ``/proc`` which worker process holds
the server's end of each client connection, and keep one connection to each.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.api.test_articles import DOC
from tests.servers import ACTORGRAPH, free_port, wait_ready

TOKEN = "workers-test-token"
pytestmark = pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")


@contextmanager
def served_by_workers(store: Path, workers: int) -> Iterator[tuple[int, subprocess.Popen]]:
    """``store`` served by ``actorgraph serve --workers N`` with writes allowed: port, server."""
    port = free_port()
    env = {**os.environ, "ACTORGRAPH_API_TOKEN": TOKEN}
    proc = subprocess.Popen(
        [ACTORGRAPH, "serve", "--workers", str(workers), "--port", str(port),
         "--store", str(store)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_ready(f"http://127.0.0.1:{port}", time.monotonic() + 60)
        yield port, proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def worker_of(server: subprocess.Popen, port: int, conn: http.client.HTTPConnection) -> int:
    """The pid of the worker process holding the server's end of ``conn``."""
    client_port = conn.sock.getsockname()[1]
    wanted = f"0100007F:{port:04X} 0100007F:{client_port:04X}"  # local, remote (127.0.0.1)
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if f"{fields[1]} {fields[2]}" == wanted:
            inode = fields[9]
            break
    else:
        raise AssertionError(f"no server end of the connection from port {client_port}")
    for child in _children(server.pid):
        if inode in _socket_inodes(child):
            return child
    raise AssertionError("no worker holds the connection")


def one_connection_per_worker(
    server: subprocess.Popen, port: int, workers: int
) -> dict[int, http.client.HTTPConnection]:
    """A keep-alive connection to each worker, by pid.

    ``/ready`` answers as soon as one worker is up; the others may still be
    opening the store, and until then the first one takes every connection.
    """
    found: dict[int, http.client.HTTPConnection] = {}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        get(conn, "/health")  # the connection is accepted, by one worker, once it answers
        pid = worker_of(server, port, conn)
        if pid in found:
            conn.close()
        else:
            found[pid] = conn
        if len(found) == workers:
            return found
        time.sleep(0.05)
    raise AssertionError(f"in 60 s connections reached {len(found)} of {workers} workers")


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, object]:
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, json.loads(response.read())


def stance_of_kurdish_forces(conn: http.client.HTTPConnection) -> float:
    for route in ("allies", "enemies"):
        for item in get(conn, f"/actors/PMU/{route}")[1]:  # type: ignore[union-attr]
            if item["actor"]["id"] == "iraqi-kurdish-forces":
                return float(item["stance"])
    return 0.0


@pytest.fixture
def seed_store(tmp_path: Path) -> Path:
    from tests.conftest import SEEDS

    store = tmp_path / "seeded.sqlite"
    subprocess.run([ACTORGRAPH, "load", str(SEEDS), "--store", str(store)], check=True,
                   capture_output=True)  # fmt: skip
    return store


def test_two_workers_both_answer_the_same(seed_store: Path) -> None:
    with served_by_workers(seed_store, 2) as (port, server):
        connections = one_connection_per_worker(server, port, 2)
        answers = [get(conn, "/actors/PMU/allies") for conn in connections.values()]
        assert answers[0][0] == 200
        assert answers[0] == answers[1]


def test_a_write_through_one_worker_is_seen_by_the_other(seed_store: Path) -> None:
    with served_by_workers(seed_store, 2) as (port, server):
        (writer, reader) = one_connection_per_worker(server, port, 2).values()
        assert stance_of_kurdish_forces(reader) < 0
        writer.request(
            "POST",
            "/articles",
            body=json.dumps(DOC),
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        )
        assert writer.getresponse().status == 201
        writer.close()  # the other worker catches up before its next answer, not later
        assert stance_of_kurdish_forces(reader) > 0
        assert get(reader, f"/articles/{DOC['article']['id']}")[0] == 200


def test_a_memory_store_is_refused_with_workers() -> None:
    done = subprocess.run(
        [ACTORGRAPH, "serve", "--workers", "2", "--store", ":memory:", "--port",
         str(free_port())],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert "--workers 2 needs a store file" in done.stderr
    assert "Traceback" not in done.stderr
