"""Concurrent HTTP clients on the mixed read workload, and reads while articles are written.

Each client is a process of its own (a Python client in one process would be
the bottleneck on 2 cores) with a keep-alive ``http.client`` connection; the
workload's read requests (every kind but blocs) are dealt round-robin to the
clients, which all start at the same instant. Figures per level: requests per
second over the wall time, p50/p99 per request, errors (any status >= 400 or
a failed connection). "During a load": 4 readers while one more client
stores new articles one a request (``POST /articles``); the articles are
retracted afterwards, so the store is left as it was.

All of it against two servers up side by side: one process, and ``WORKERS``
processes (``actorgraph serve --workers``), each with its own index of the
store, catching up with the writes the others commit. The levels run in
``ROUNDS`` rounds, each over a share of the reads, against both servers in
turn, so that a speed-up compares figures taken within seconds of each
other: on a machine shared with other work, the load from elsewhere changes
more between minutes than between seconds.
"""

from __future__ import annotations

import http.client
import json
import statistics
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
"""Server processes of the second server: one a core on the 2-core machine of the figures."""
ROUNDS = 3
"""Rounds of every level against both servers, each on a third of the reads."""
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


def _rate(results: list[dict[str, Any]]) -> tuple[int, float]:
    """Requests made by ``results`` (clients started together) and their wall time."""
    wall = max(r["ended"] for r in results) - min(r["started"] for r in results)
    return sum(len(r["times"]) for r in results), wall


def _figures(rounds: list[list[dict[str, Any]]]) -> dict[str, Any]:
    """One level's figures over its rounds: requests per second of wall time, p50/p99."""
    times = [t for results in rounds for r in results for t in r["times"]]
    wall = sum(_rate(results)[1] for results in rounds)
    return {
        "clients": len(rounds[0]),
        "requests": len(times),
        "req_per_s": round(len(times) / wall, 1),
        **summarise(times),
        "errors": sum(r["errors"] for results in rounds for r in results),
    }


def _speedup(rounds: list[list[dict[str, Any]]], base: list[list[dict[str, Any]]]) -> float:
    """The median over rounds of the throughput of ``rounds`` over that of ``base``."""
    ratios = []
    for results, base_results in zip(rounds, base, strict=True):
        (n, wall), (n_base, wall_base) = _rate(results), _rate(base_results)
        ratios.append((n / wall) / (n_base / wall_base))
    return round(statistics.median(ratios), 2)


def _rounds(servers: dict[int, Server], reads: list[Request]) -> dict[int, dict[int, list]]:
    """Every level against every server, one round at a time, each round on its own share
    of the reads and in the order of the round before reversed: the figures of one round
    are taken within seconds of each other, under much the same load from elsewhere."""
    found: dict[int, dict[int, list]] = {w: {n: [] for n in LEVELS} for w in servers}
    plan = [(w, n) for w in servers for n in LEVELS]
    for r in range(ROUNDS):
        share = reads[r::ROUNDS]
        for w, n in plan if r % 2 == 0 else plan[::-1]:
            found[w][n].append(_run(servers[w].port, [share[i::n] for i in range(n)]))
    return found


def _levels(rounds: dict[int, list]) -> dict[str, Any]:
    """Throughput, p50/p99 and errors at each level of :data:`LEVELS`."""
    out: dict[str, Any] = {f"clients_{n}": _figures(rounds[n]) for n in LEVELS}
    for n in LEVELS[1:]:
        out[f"speedup_{n}_over_1"] = _speedup(rounds[n], rounds[1])
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
    return {"readers": _figures([results[:-1]]), "writer": _figures([results[-1:]])}


def run_concurrency(
    store: Path, workload: dict[str, list[Any]], posts: list[dict[str, Any]]
) -> dict[str, Any]:
    """Each level of :data:`LEVELS` against one server process and against :data:`WORKERS`
    (``workers_2``), in :data:`ROUNDS` interleaved rounds; then reads during a load on each.

    Speed-ups are medians over the rounds of ratios within a round.
    ``workers_2.speedup_4_over_1`` compares 4 clients with 1 on that server;
    ``speedup_4_over_1_process_1_client`` its 4 clients with the one client of the
    one-process server, the set-up a user starts from.
    """
    reads = _reads(workload)
    env = {"ACTORGRAPH_API_TOKEN": TOKEN}
    servers: dict[int, Server] = {}
    passes: dict[int, dict[str, Any]] = {}
    try:
        for workers in (1, WORKERS):
            servers[workers] = Server(store, env=env, workers=workers)
        rounds = _rounds(servers, reads)
        passes = {w: {"workers": w, **_levels(rounds[w])} for w in servers}
        passes[WORKERS]["speedup_4_over_1_process_1_client"] = _speedup(
            rounds[WORKERS][4], rounds[1][1]
        )
        for w, server in servers.items():
            passes[w]["during_load"] = _during_load(server.port, reads, posts, store)
    finally:
        for w, server in servers.items():
            if w in passes:
                passes[w]["server_peak_rss_bytes"] = server.stop()
            else:
                server.stop()
    return {**passes[1], f"workers_{WORKERS}": passes[WORKERS]}
