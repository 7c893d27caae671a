"""Ratios to the floor and the peer, the targets, the machine; and writing the results."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).with_name("results")
GIB = 1 << 30

# Targets at 100k articles (issue 6).
TARGETS = {
    "load_claims_per_s": ">= 50000",
    "reopen_s": "<= 10",
    "serving_peak_rss_gib": "<= 2",
    "allies_p99_ms": "<= 10",
    "neighbourhood_p99_ms": "<= 10",
    "path_p99_ms": "<= 25",
    "http_p50_over_direct": "<= 3 (each kind)",
    "faster_than_peer": "load and every query kind",
}


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


def verdicts(result: dict[str, Any]) -> dict[str, Any]:
    """Measured figure beside each target (judged at any size; the targets are for 100k)."""
    direct = result["direct"]["latency"]
    serving = max(
        result["direct"]["peak_rss_bytes"], result.get("http", {}).get("server_peak_rss_bytes", 0)
    )
    r = result["ratios"]
    http_ratios = [
        v["http_p50_over_direct"]
        for v in r["latency"].values()
        if v["http_p50_over_direct"] is not None
    ]
    peer_ratios = [
        v["p50_ms_over_peer"] for v in r["latency"].values() if v["p50_ms_over_peer"] is not None
    ]
    measured = {
        "load_claims_per_s": round(result["load"]["claims_per_s"]),
        "reopen_s": round(result["direct"]["reopen_s"], 3),
        "serving_peak_rss_gib": round(serving / GIB, 3),
        "allies_p99_ms": _get(direct, "allies", "p99_ms"),
        "neighbourhood_p99_ms": _get(direct, "neighbourhood", "p99_ms"),
        "path_p99_ms": _get(direct, "path", "p99_ms"),
        "http_p50_over_direct": max(http_ratios) if http_ratios else None,
        "faster_than_peer": None if not peer_ratios else (
            max(peer_ratios) < 1 and (r["load_slowdown_vs_peer"] or 0) < 1),
    }  # fmt: skip
    met = {
        "load_claims_per_s": measured["load_claims_per_s"] >= 50_000,
        "reopen_s": measured["reopen_s"] <= 10,
        "serving_peak_rss_gib": measured["serving_peak_rss_gib"] <= 2,
        "allies_p99_ms": (measured["allies_p99_ms"] or 1e9) <= 10,
        "neighbourhood_p99_ms": (measured["neighbourhood_p99_ms"] or 1e9) <= 10,
        "path_p99_ms": (measured["path_p99_ms"] or 1e9) <= 25,
        "http_p50_over_direct": None
        if measured["http_p50_over_direct"] is None
        else measured["http_p50_over_direct"] <= 3,
        "faster_than_peer": measured["faster_than_peer"],
    }
    return {k: {"target": TARGETS[k], "measured": measured[k], "met": met[k]} for k in TARGETS}


def write(result: dict[str, Any], name: str) -> Path:
    """Write ``result`` to ``bench/results/<name>.json``."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    return path
