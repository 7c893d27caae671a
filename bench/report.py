"""Ratios to the floor and the peer, the targets, the machine; and writing the results."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).with_name("results")
GIB = 1 << 30

# The open issues' targets: #25 for the embedded store (judged at 100k articles, paths' growth
# between the 10k and 100k runs is judged outside one run), #26 for the Neo4j leg (at 10k).
TARGETS = {
    "load_over_peer": ">= 1.1 (store claims/s over Kuzu's, same run)",
    "load_files_claims_per_s": ">= 40000",
    "reopen_s": "<= 0.5",
    "serving_peak_rss_gib": "<= 1",
    "concurrency_4_over_1": ">= 1.7 (the better of 1 process and 2 workers), no errors",
    "analyses_p50_s": "<= 1 (blocs, balance first page, brokers, support chains, 3 steps)",
    "http_overhead": "<= 0.3 ms or <= 3x over direct, p50, every kind",
    "neo4j_load_claims_per_s": ">= 10000",
    "neo4j_allies_p99_ms": "<= 10",
    "neo4j_neighbourhood_p99_ms": "<= 50",
    "neo4j_path_p99_ms": "<= 25",
    "neo4j_paths3_p99_ms": "<= 50",
    "neo4j_search_p99_ms": "<= 20",
}
ANALYSES = ("blocs", "balance_first_page", "brokers", "support_chains", "inferred_3_steps")


def machine() -> dict[str, Any]:
    """nproc, CPU model, RAM, Python."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(ram / GIB, 1),
        "python": platform.python_version(),
    }


def _ratio(a: float | None, b: float | None) -> float | None:
    """``a / b`` to four significant digits (a ratio far below 1 keeps its digits); None
    when either is missing or ``b`` is not positive.

    >>> _ratio(0.034, 80.8), _ratio(596.0, 1.38), _ratio(1.0, 0.0)
    (0.0004208, 431.9, None)
    """
    if a is None or b is None or b <= 0:
        return None
    return float(f"{a / b:.4g}")


def _get(latency: dict, kind: str, stat: str) -> float | None:
    return latency.get(kind, {}).get(stat)


def ratios(result: dict[str, Any]) -> dict[str, Any]:
    """Every figure as a ratio to the floor, the peer and the Neo4j leg (>1: the embedded
    store is slower)."""
    direct = result["direct"]["latency"]
    floor = result["floor"]["latency"]
    peer = result["peer"].get("latency", {}) if result["peer"].get("available") else {}
    neo4j = result.get("neo4j", {})
    on_neo4j = neo4j.get("latency", {}) if neo4j.get("available") else {}
    http = result.get("http", {}).get("latency", {})
    bare = result.get("http", {}).get("latency_bare_client", {})
    in_process = result.get("http", {}).get("latency_in_process", {})
    out: dict[str, Any] = {"latency": {}}
    for kind, figures in direct.items():
        row = {}
        for stat in ("p50_ms", "p99_ms"):
            row[f"{stat}_over_floor"] = _ratio(figures[stat], _get(floor, kind, stat))
            row[f"{stat}_over_peer"] = _ratio(figures[stat], _get(peer, kind, stat))
            row[f"{stat}_over_neo4j"] = _ratio(figures[stat], _get(on_neo4j, kind, stat))
        row["http_p50_over_direct"] = _ratio(_get(http, kind, "p50_ms"), figures["p50_ms"])
        row["bare_client_http_p50_over_direct"] = _ratio(
            _get(bare, kind, "p50_ms"), figures["p50_ms"]
        )
        row["in_process_p50_over_direct"] = _ratio(
            _get(in_process, kind, "p50_ms"), figures["p50_ms"]
        )
        out["latency"][kind] = row
    load = result["load"]["claims_per_s"]
    # For throughput, >1 means actorgraph is *slower*: floor rate / actorgraph rate.
    out["load_slowdown_vs_floor"] = _ratio(result["floor"]["load"]["claims_per_s"], load)
    peer_load = result["peer"].get("load", {}).get("claims_per_s")
    out["load_slowdown_vs_peer"] = _ratio(peer_load, load)
    out["load_slowdown_vs_neo4j"] = _ratio(neo4j.get("load", {}).get("claims_per_s"), load)
    out["reopen_over_peer"] = _ratio(result["direct"]["reopen_s"], result["peer"].get("reopen_s"))
    return out


def _at_most(value: float | None, bound: float) -> bool | None:
    return None if value is None else value <= bound


def _at_least(value: float | None, bound: float) -> bool | None:
    return None if value is None else value >= bound


def _http_overhead(result: dict[str, Any]) -> tuple[dict[str, Any] | None, bool | None]:
    """Each kind's HTTP p50 over direct (ms over, and x), and whether every kind is within
    0.3 ms or 3x."""
    direct = result["direct"]["latency"]
    http = result.get("http", {}).get("latency_bare_client") or result.get("http", {}).get(
        "latency", {}
    )
    if not http:
        return None, None
    kinds = {}
    for kind, figures in http.items():
        base = _get(direct, kind, "p50_ms")
        if base is None or "p50_ms" not in figures:
            continue
        over = figures["p50_ms"] - base
        kinds[kind] = {"over_ms": round(over, 3), "ratio": _ratio(figures["p50_ms"], base)}
    met = all(v["over_ms"] <= 0.3 or (v["ratio"] or 1e9) <= 3 for v in kinds.values())
    return kinds, met


def _concurrency(result: dict[str, Any]) -> tuple[dict[str, Any] | None, bool | None]:
    leg = result.get("concurrency") or {}
    if "speedup_4_over_1" not in leg:
        return None, None
    passes = {"process_1": leg}
    if isinstance(leg.get("workers_2"), dict):
        passes["workers_2"] = leg["workers_2"]
    speedups = {name: p.get("speedup_4_over_1") for name, p in passes.items()}
    errors = sum(
        level.get("errors", 0)
        for p in passes.values()
        for level in (p.get(f"clients_{n}", {}) for n in (1, 4, 16))
    )
    best = max((v for v in speedups.values() if v is not None), default=None)
    return {**speedups, "errors": errors}, _at_least(best, 1.7) and errors == 0


def verdicts(result: dict[str, Any]) -> dict[str, Any]:
    """The measured figure beside each open target (judged at any size: #25's are for 100k
    articles, #26's for the Neo4j leg at 10k)."""
    serving = max(
        result["direct"]["peak_rss_bytes"], result.get("http", {}).get("server_peak_rss_bytes", 0)
    )
    peer_load = result["peer"].get("load", {}).get("claims_per_s")
    load_over_peer = _ratio(result["load"]["claims_per_s"], peer_load)
    files = result.get("load_files", {}).get("claims_per_s")
    analyses = result.get("analyses", {})
    slowest = [analyses[k]["median_s"] for k in ANALYSES if k in analyses]
    http, http_met = _http_overhead(result)
    concurrency, concurrency_met = _concurrency(result)
    neo4j = result.get("neo4j", {})
    on_neo4j = neo4j.get("latency", {}) if neo4j.get("available") else {}
    neo4j_load = neo4j.get("load", {}).get("claims_per_s") if neo4j.get("available") else None
    judged: dict[str, tuple[Any, bool | None]] = {
        "load_over_peer": (load_over_peer, _at_least(load_over_peer, 1.1)),
        "load_files_claims_per_s": (
            None if files is None else round(files),
            _at_least(files, 40_000),
        ),
        "reopen_s": (round(result["direct"]["reopen_s"], 3), result["direct"]["reopen_s"] <= 0.5),
        "serving_peak_rss_gib": (round(serving / GIB, 3), serving / GIB <= 1),
        "concurrency_4_over_1": (concurrency, concurrency_met),
        "analyses_p50_s": (
            {k: analyses[k]["median_s"] for k in ANALYSES if k in analyses} or None,
            _at_most(max(slowest) if slowest else None, 1.0),
        ),
        "http_overhead": (http, http_met),
        "neo4j_load_claims_per_s": (
            None if neo4j_load is None else round(neo4j_load),
            _at_least(neo4j_load, 10_000),
        ),
    }
    for kind, bound in (
        ("allies", 10), ("neighbourhood", 50), ("path", 25), ("paths3", 50), ("search", 20)
    ):  # fmt: skip
        p99 = _get(on_neo4j, kind, "p99_ms")
        judged[f"neo4j_{kind}_p99_ms"] = (p99, _at_most(p99, bound))
    return {
        k: {"target": TARGETS[k], "measured": judged[k][0], "met": judged[k][1]} for k in TARGETS
    }


def write(result: dict[str, Any], name: str) -> Path:
    """Write ``result`` to ``bench/results/<name>.json``."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    return path
