"""The workload through the HTTP API: uvicorn in a subprocess on 127.0.0.1, an httpx client.

Latency is measured one request at a time (so it compares with the direct
figures); throughput with a small bounded concurrency. The latency is also
taken with the standard library's bare ``http.client``, which reads an answer
with less work of its own: the difference is the client's, not the API's.
That pass runs second, on a warmer cache: kinds that read the store file
(evidence) gain from that too.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx2 as httpx

from bench.workload import summarise

CONCURRENCY = 4
STARTUP_ATTEMPTS = 600  # x 0.1 s


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request_for(kind: str, q: Any) -> tuple[str, dict[str, Any]] | None:
    """(path, params) of one workload query, or None if the API has no route for it."""
    if kind == "search":
        return "/actors", {"q": q, "limit": 10}
    if kind == "allies":
        return f"/actors/{q}/allies", {}
    if kind == "neighbourhood":
        return f"/actors/{q}/neighbourhood", {"depth": 2, "limit": 100}
    if kind in ("path", "paths3"):
        k = 1 if kind == "path" else 3
        return "/paths", {"source": q[0], "target": q[1], "max_hops": 4, "k": k}
    if kind == "evidence":
        return "/evidence", {"source": q[0], "target": q[1]}
    if kind == "blocs":
        return "/blocs", {}
    return None


def url_of(path: str, params: dict[str, Any]) -> str:
    """``path`` quoted, with ``params`` as its query string: a request line's target."""
    return quote(path) + ("?" + urlencode(params) if params else "")


def requests_of(
    workload: dict[str, list[Any]], *, blocs: bool = True
) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Each kind's requests, ``(path, params)``, for the kinds the API has a route for;
    the blocs (a few seconds each) only if ``blocs``."""
    out = {}
    for kind, queries in workload.items():
        requests = [r for q in queries if (r := request_for(kind, q)) is not None]
        if requests and (blocs or kind != "blocs"):
            out[kind] = requests
    return out


def peak_rss_of(pid: int) -> int:
    """Peak resident set (VmHWM) of a process, in bytes (0 if unknown)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Server:
    """``uvicorn --factory api.app:create_app`` serving ``store`` on a free local port,
    with ``workers`` processes (each opening the store itself)."""

    def __init__(self, store: Path, env: dict[str, str] | None = None, workers: int = 1) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        env = {**os.environ, "ACTORGRAPH_STORE": str(store), **(env or {})}
        cmd = [sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app"]
        cmd += ["--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"]
        if workers > 1:  # at log level info: each worker says when it has started
            cmd += ["--workers", str(workers), "--log-level", "info"]
        self.started = time.perf_counter()
        # With several workers, their log lines are read here as they come, to count the
        # workers started; one process logs where this one does.
        log = subprocess.PIPE if workers > 1 else None
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log)
        self._workers_up = 0
        if workers > 1:
            threading.Thread(target=self._read_log, daemon=True).start()
        self.ready_s = self._wait()

    def _read_log(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            if b"Application startup complete" in line:
                self._workers_up += 1

    def _workers_started(self) -> int:
        return self._workers_up if self.workers > 1 else 1

    def _wait(self) -> float:
        """Until every worker has opened the store (the first to answer would take every
        connection until the others have)."""
        for _ in range(STARTUP_ATTEMPTS):
            if self.proc.poll() is not None:
                raise RuntimeError(f"the API server exited with {self.proc.returncode}")
            try:
                answered = httpx.get(self.base + "/health", timeout=2).status_code < 500
                if answered and self._workers_started() >= self.workers:
                    return time.perf_counter() - self.started
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("the API server did not answer /health in time")

    def stop(self) -> int:
        """Stop the server; returns its peak RSS in bytes (of its largest worker)."""
        peak = max([peak_rss_of(pid) for pid in (self.proc.pid, *self._children())])
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return peak

    def _children(self) -> list[int]:
        try:
            tasks = Path(f"/proc/{self.proc.pid}/task").iterdir()
            return [int(c) for t in tasks for c in (t / "children").read_text().split()]
        except OSError:
            return []


def _latency(client: httpx.Client, workload: dict[str, list[Any]]) -> tuple[dict, dict]:
    out, skipped = {}, {}
    for kind, requests in requests_of(workload).items():
        times, errors = [], 0
        for path, params in requests:
            t0 = time.perf_counter()
            status = client.get(path, params=params).status_code
            times.append(time.perf_counter() - t0)
            errors += status >= 400
        if errors == len(requests):
            skipped[kind] = f"every request failed (last status {status})"
            continue
        out[kind] = {**summarise(times), "errors": errors}
    return out, skipped


def _bare_latency(port: int, workload: dict[str, list[Any]]) -> dict:
    """p50/p99 of each kind but blocs (seconds a call) with a keep-alive ``http.client``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    out = {}
    try:
        for kind, requests in requests_of(workload, blocs=False).items():
            times = []
            for path, params in requests:
                t0 = time.perf_counter()
                conn.request("GET", url_of(path, params))
                conn.getresponse().read()
                times.append(time.perf_counter() - t0)
            out[kind] = summarise(times)
    finally:
        conn.close()
    return out


async def _throughput(base: str, workload: dict[str, list[Any]]) -> dict[str, float]:
    jobs = [request_for(k, q) for k, qs in workload.items() if k != "blocs" for q in qs]
    jobs = [j for j in jobs if j is not None]
    gate = asyncio.Semaphore(CONCURRENCY)
    limits = httpx.Limits(max_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:

        async def one(path: str, params: dict) -> None:
            async with gate:
                await client.get(path, params=params)

        t0 = time.perf_counter()
        await asyncio.gather(*(one(p, params) for p, params in jobs))
        elapsed = time.perf_counter() - t0
    return {"requests": len(jobs), "concurrency": CONCURRENCY, "req_per_s": len(jobs) / elapsed}


def run_http(store: Path, workload: dict[str, list[Any]]) -> dict[str, Any]:
    """Serve ``store`` and run ``workload`` against it; latencies, throughput, server RSS."""
    server = Server(store)
    try:
        with httpx.Client(base_url=server.base, timeout=120) as client:
            for kind, queries in workload.items():  # warm-up
                for q in queries[:3]:
                    req = request_for(kind, q)
                    if req:
                        client.get(req[0], params=req[1])
            latency, skipped = _latency(client, workload)
        bare = _bare_latency(server.port, workload)
        throughput = asyncio.run(_throughput(server.base, workload))
    finally:
        peak = server.stop()
    return {
        "startup_s": server.ready_s,
        "latency": latency,
        "latency_bare_client": bare,
        "skipped": skipped,
        "throughput": throughput,
        "server_peak_rss_bytes": peak,
    }
