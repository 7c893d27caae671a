"""The floor: the bare operation behind each figure, with nothing of actorgraph around it.

* Loading: one SQLite ``executemany`` of the same claim rows in one transaction.
* Queries: the networkx call behind each query on a prebuilt stance graph
  (plain tuples, no pydantic), and a dict lookup for search and evidence.
"""

from __future__ import annotations

import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import islice
from pathlib import Path
from typing import Any

import networkx as nx

from bench.corpus import RawArticle
from graph.names import normalise
from graph.vocabulary import Vocabulary

ROW_SQL = "INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"


def claim_rows(raws: Iterable[RawArticle]) -> list[tuple]:
    """One flat row per claim: id, article, source, target, type, confidence,
    modality, attributed_to, quote, date, start, end."""
    rows = []
    for raw in raws:
        for c in raw.claims:
            rows.append(
                (c[0], raw.id, c[1], c[2], c[3], c[4], c[5], c[6],
                 raw.text[c[7] : c[8]], c[9].isoformat(), c[7], c[8])
            )  # fmt: skip
    return rows


def sqlite_bulk_load(path: Path, rows: list[tuple]) -> float:
    """Seconds to insert ``rows`` into a fresh SQLite file in one transaction."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(
        "CREATE TABLE claims (id TEXT PRIMARY KEY, article TEXT, source TEXT, target TEXT,"
        " type TEXT, confidence REAL, modality TEXT, attributed_to TEXT, quote TEXT,"
        " date TEXT, start INTEGER, end INTEGER)"
    )
    t0 = time.perf_counter()
    db.execute("BEGIN")
    db.executemany(ROW_SQL, rows)
    db.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    db.close()
    return elapsed


def build_floor_graph(
    rows: list[tuple], vocabulary: Vocabulary
) -> tuple[nx.Graph, dict[tuple[str, str], list[tuple]]]:
    """The stance graph from claim rows (sum of signed claim weights per pair),
    and the evidence index (pair -> claim rows)."""
    weights = vocabulary.modality_weights
    stance: dict[tuple[str, str], float] = defaultdict(float)
    evidence: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    polarity = {name: vocabulary[name].polarity for name in vocabulary.names}
    for row in rows:
        pair = (row[2], row[3]) if row[2] < row[3] else (row[3], row[2])
        stance[pair] += polarity[row[4]] * row[5] * weights[row[6]]
        evidence[pair].append(row)
    G = nx.Graph()
    for (u, v), value in stance.items():
        G.add_edge(u, v, stance=value, sign=(value > 0) - (value < 0))
    return G, evidence


def floor_calls(
    G: nx.Graph, evidence: dict[tuple[str, str], list[tuple]], names: dict[str, list[str]]
) -> dict[str, Callable[[Any], Any]]:
    """The bare networkx / dict operation behind each workload query."""
    index = {normalise(n): actor for actor, ns in names.items() for n in ns}

    def allies(a: str) -> list:
        adj = G.adj[a] if a in G else {}
        found = [(o, d["stance"]) for o, d in adj.items() if d["sign"] > 0]
        found.sort(key=lambda x: (-x[1], x[0]))
        return found

    def neighbourhood(a: str) -> list:
        if a not in G:
            return [a]
        near = nx.single_source_shortest_path_length(G, a, cutoff=2)
        keep = sorted(near, key=lambda n: (near[n], n))[:101]
        return list(G.subgraph(keep).edges(data="stance"))

    def path(p: list[str]) -> list:
        try:
            found = nx.shortest_path(G, p[0], p[1])
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return []
        return [found] if len(found) <= 5 else []

    def paths3(p: list[str]) -> list:
        try:
            return [x for x in islice(nx.shortest_simple_paths(G, p[0], p[1]), 3) if len(x) <= 5]
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return []

    def ev(p: list[str]) -> list:
        pair = (p[0], p[1]) if p[0] < p[1] else (p[1], p[0])
        return sorted(evidence.get(pair, ()), key=lambda r: (r[9], r[0]))

    def blocs(_q: Any) -> list:
        positive = nx.subgraph_view(G, filter_edge=lambda u, v: G.edges[u, v]["sign"] > 0)
        return nx.community.louvain_communities(positive, seed=1)

    return {
        "search": lambda q: index.get(normalise(q)),
        "allies": allies,
        "neighbourhood": neighbourhood,
        "path": path,
        "paths3": paths3,
        "evidence": ev,
        "blocs": blocs,
    }
