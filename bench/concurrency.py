"""Concurrent HTTP clients on the mixed read workload, and reads while articles are written.

Each client is a process of its own (a Python client in one process would be
the bottleneck on 2 cores) with a keep-alive ``http.client`` connection; the
workload's read requests (every kind but blocs) are dealt round-robin to the
clients, which all start at the same instant. Figures per level: requests per
second over the wall time, p50/p99 per request, errors (any status >= 400 or
a failed connection). "During a load": 4 readers while one more client
stores new articles one a request (``POST /articles``); the articles are
retracted afterwards, so the store is left as it was.

All of it twice: against one server process, then against ``WORKERS``
processes (``actorgraph serve --workers``), each with its own index of the
store, catching up with the writes the others commit.
"""

from __future__ import annotations

import http.client
import json
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench.http import Server, requests_of, url_of
from bench.workload import summarise

LEVELS = (1, 4, 16)
READERS_DURING_LOAD = 4
WORKERS = 2
"""Server processes of the second pass: one a core on the 2-core machine of the figures."""
TOKEN = "bench-concurrency"
"""The API token the server of this leg is started with: writes need one."""

Request = tuple[str, str, bytes]  # method, url, body


def _client(port: int, requests: list[Request], start_at: float) -> dict[str, Any]:
    """Make ``requests`` in order from ``start_at`` (time.time()); latencies and errors."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    times: list[float] = []
    errors = 0
    time.sleep(max(0.0, start_at - time.time()))
    t0 = time.time()
    for method, url, body in requests:
        t = time.perf_counter()
        try:
            conn.request(method, url, body=body or None, headers=headers)
            response = conn.getresponse()
            response.read()
            errors += response.status >= 400
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        times.append(time.perf_counter() - t)
    conn.close()
    return {"times": times, "errors": errors, "started": t0, "ended": time.time()}


def _reads(workload: dict[str, list[Any]]) -> list[Request]:
    return [
        ("GET", url_of(path, params), b"")
        for requests in requests_of(workload, blocs=False).values()
        for path, params in requests
    ]


def _run(port: int, shares: list[list[Request]]) -> list[dict[str, Any]]:
    """Each share by a client process of its own, all starting together."""
    with ProcessPoolExecutor(max_workers=len(shares)) as pool:
        start_at = time.time() + 1.0 + 0.05 * len(shares)  # every process up before the start
        futures = [pool.submit(_client, port, share, start_at) for share in shares]
        return [f.result() for f in futures]


def _figures(results: list[dict[str, Any]]) -> dict[str, Any]:
    times = [t for r in results for t in r["times"]]
    wall = max(r["ended"] for r in results) - min(r["started"] for r in results)
    return {
        "clients": len(results),
        "requests": len(times),
        "req_per_s": round(len(times) / wall, 1),
        **summarise(times),
        "errors": sum(r["errors"] for r in results),
    }


def _levels(port: int, reads: list[Request]) -> dict[str, Any]:
    """Throughput, p50/p99 and errors at each level of :data:`LEVELS`."""
    out = {f"clients_{n}": _figures(_run(port, [reads[i::n] for i in range(n)])) for n in LEVELS}
    base = out["clients_1"]["req_per_s"]
    out["speedup_4_over_1"] = round(out["clients_4"]["req_per_s"] / base, 2)
    out["speedup_16_over_1"] = round(out["clients_16"]["req_per_s"] / base, 2)
    return out


def _during_load(
    port: int, reads: list[Request], posts: list[dict[str, Any]], store: Path
) -> dict[str, Any]:
    """:data:`READERS_DURING_LOAD` readers while one more client stores ``posts``; then the
    posts retracted again."""
    writes = [("POST", "/articles", json.dumps(d).encode()) for d in posts]
    shares = [reads[i::READERS_DURING_LOAD] for i in range(READERS_DURING_LOAD)]
    results = _run(port, [*shares, writes])
    retract = [("DELETE", f"/articles/{quote(d['article']['id'])}", b"") for d in posts]
    unretracted = _client(port, retract, 0.0)["errors"]
    if unretracted:
        raise RuntimeError(
            f"{unretracted} of the {len(posts)} articles stored during the load could not "
            f"be retracted: {store} still holds them"
        )
    return {"readers": _figures(results[:-1]), "writer": _figures(results[-1:])}


def _pass(
    store: Path, reads: list[Request], posts: list[dict[str, Any]], workers: int
) -> dict[str, Any]:
    """Every level, then reads during a load, against a server of ``workers`` processes."""
    server = Server(store, env={"ACTORGRAPH_API_TOKEN": TOKEN}, workers=workers)
    try:
        out = _levels(server.port, reads)
        out["during_load"] = _during_load(server.port, reads, posts, store)
    finally:
        out_rss = server.stop()
    return {"workers": workers, **out, "server_peak_rss_bytes": out_rss}


def run_concurrency(
    store: Path, workload: dict[str, list[Any]], posts: list[dict[str, Any]]
) -> dict[str, Any]:
    """Each level of :data:`LEVELS`, then during a load, against one server process; then
    the same against :data:`WORKERS` processes (``workers_2``).

    ``workers_2.speedup_4_over_1`` compares 4 clients with 1 on that server;
    ``speedup_4_over_1_process_1_client`` compares its 4 clients with the one client of
    the one-process server, the set-up a user starts from.
    """
    reads = _reads(workload)
    out = _pass(store, reads, posts, workers=1)
    several = _pass(store, reads, posts, workers=WORKERS)
    several["speedup_4_over_1_process_1_client"] = round(
        several["clients_4"]["req_per_s"] / out["clients_1"]["req_per_s"], 2
    )
    out[f"workers_{WORKERS}"] = several
    return out
