"""The fixed random query workload, latency statistics and the direct runner.

The workload is drawn once per run (fixed seed) from the loaded store and
written to JSON, so the embedded store (direct and over HTTP), the floor and
the peer all answer exactly the same queries.
"""

from __future__ import annotations

import bisect
import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.corpus import SEED, zipf_cumulative
from graph.traversal.stance_graph import store_stance_graph
from queries.blocs import blocs

KINDS = ("search", "allies", "neighbourhood", "path", "paths3", "evidence", "blocs")


def pick_actor(rng: random.Random, ids: list[str], cum: list[float]) -> str:
    """Half the time a Zipf-weighted actor (analysts ask about prominent ones), else uniform."""
    if rng.random() < 0.5:
        return ids[min(bisect.bisect_left(cum, rng.random() * cum[-1]), len(ids) - 1)]
    return rng.choice(ids)


def make_workload(
    ranked_ids: list[str],
    names: dict[str, list[str]],
    pairs: list[tuple[str, str]],
    per_kind: int,
    seed: int = SEED,
) -> dict[str, list[Any]]:
    """``per_kind`` queries of each kind.

    Parameters
    ----------
    ranked_ids : actor ids in Zipf rank order (the corpus order).
    names : every name and alias of each actor, for search queries.
    pairs : related actor pairs, for evidence queries.
    """
    rng = random.Random(seed + 3)
    cum = zipf_cumulative(len(ranked_ids))

    def actor() -> str:
        return pick_actor(rng, ranked_ids, cum)

    def two() -> list[str]:
        a = actor()
        b = actor()
        while b == a:
            b = actor()
        return [a, b]

    def query_text() -> str:
        name = rng.choice(names[actor()])
        return name.lower() if rng.random() < 0.5 else name

    return {
        "search": [query_text() for _ in range(per_kind)],
        "allies": [actor() for _ in range(per_kind)],
        "neighbourhood": [actor() for _ in range(per_kind)],
        "path": [two() for _ in range(per_kind)],
        "paths3": [two() for _ in range(per_kind)],
        "evidence": [list(rng.choice(pairs)) for _ in range(per_kind)],
        "blocs": [None] * max(1, per_kind // 20),
    }


def save_workload(path: Path, workload: dict[str, list[Any]]) -> None:
    path.write_text(json.dumps(workload), encoding="utf-8")


def load_workload(path: Path) -> dict[str, list[Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0..100) by linear interpolation.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50)
    2.5
    """
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    at = (len(ordered) - 1) * q / 100
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def summarise(latencies_s: list[float], sizes: list[int] | None = None) -> dict[str, float]:
    """p50/p99/mean in milliseconds (and the mean answer size, when given)."""
    ms = [x * 1000 for x in latencies_s]
    out = {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 4),
        "p99_ms": round(percentile(ms, 99), 4),
        "mean_ms": round(sum(ms) / len(ms), 4) if ms else float("nan"),
    }
    if sizes:
        out["mean_answer"] = round(sum(sizes) / len(sizes), 2)
    return out


def run_timed(
    calls: dict[str, Callable[[Any], Any]], workload: dict[str, list[Any]], warmup: int = 3
) -> dict[str, dict[str, float]]:
    """Time every query of ``workload`` with the callable of its kind.

    A kind without a callable is skipped. Each callable returns the answer;
    its ``len`` (when it has one) is reported as the mean answer size. The
    kind's first call, before the warm-up is over, is reported apart
    (``first_ms``): where a store keeps what a kind's calls share (a stance
    graph), it pays for drawing it, and the percentiles are the kept ones.
    """
    results: dict[str, dict[str, float]] = {}
    for kind, queries in workload.items():
        call = calls.get(kind)
        if call is None or not queries:
            continue
        warm = []
        for q in queries[:warmup]:
            t0 = time.perf_counter()
            call(q)
            warm.append(time.perf_counter() - t0)
        latencies, sizes = [], []
        for q in queries:
            t0 = time.perf_counter()
            answer = call(q)
            latencies.append(time.perf_counter() - t0)
            sizes.append(_size(answer))
        results[kind] = summarise(latencies, sizes)
        results[kind]["first_ms"] = round(1000 * (warm or latencies)[0], 4)
    return results


def _size(answer: Any) -> int:
    nodes = getattr(answer, "nodes", None)
    if nodes is not None and not callable(nodes):
        return len(nodes)
    try:
        return len(answer)
    except TypeError:
        return 1


def store_calls(store: Any) -> dict[str, Callable[[Any], Any]]:
    """The workload's callables against a :class:`graph.store.GraphStore`."""
    return {
        "search": lambda q: store.search_actors(q, 10),
        "allies": lambda a: store.allies(a),
        "neighbourhood": lambda a: store.neighbourhood(a, depth=2, limit=100),
        "path": lambda p: store.paths(p[0], p[1], max_hops=4, k=1),
        "paths3": lambda p: store.paths(p[0], p[1], max_hops=4, k=3),
        "evidence": lambda p: store.evidence(p[0], p[1]),
        # as ``GET /blocs`` does it: the stance graph drawn from the store, then partitioned
        "blocs": lambda _q: blocs(store_stance_graph(store)),
    }
