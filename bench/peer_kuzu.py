"""The peer: the same corpus and workload on Kuzu, an embedded graph database.

Actors are nodes; every claim is a ``CLAIM`` relationship (with its signed
weight, confidence x modality weight x polarity, computed while writing the
CSV); one ``STANCE`` relationship per related pair is derived in Cypher from
the claims (the sum of their signed weights), and the queries walk it.

Differences from actorgraph's semantics, kept small on purpose: the pair
stance sums claim weights directly (a relation denied more than asserted
still counts), and "3 shortest paths" is Kuzu's ``ALL SHORTEST`` (equal
length only) limited to 3, since Kuzu has no k-shortest simple paths.
"""

from __future__ import annotations

import csv
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bench.corpus import RawArticle
from graph.model import Actor
from graph.names import normalise
from graph.vocabulary import Vocabulary

SCHEMA = (
    "CREATE NODE TABLE Actor(id STRING, name STRING, kind STRING, key STRING,"
    " alias_keys STRING[], PRIMARY KEY (id))",
    "CREATE REL TABLE CLAIM(FROM Actor TO Actor, id STRING, article STRING, type STRING,"
    " confidence DOUBLE, modality STRING, w DOUBLE, quote STRING, date DATE)",
    "CREATE REL TABLE STANCE(FROM Actor TO Actor, stance DOUBLE, sign INT64)",
)
DERIVE = (
    "MATCH (a:Actor)-[c:CLAIM]-(b:Actor) WHERE a.id < b.id "
    "WITH a, b, sum(c.w) AS s "
    "CREATE (a)-[:STANCE {stance: s, "
    "sign: CASE WHEN s > 0 THEN 1 WHEN s < 0 THEN -1 ELSE 0 END}]->(b)"
)


def available() -> str | None:
    """None if Kuzu imports, else why not."""
    try:
        import kuzu  # noqa: F401
    except ImportError as exc:
        return f"kuzu not installed ({exc}); pip install -e '.[bench]'"
    return None


def _open(folder: Path) -> tuple[Any, Any]:
    import kuzu

    db = kuzu.Database(str(folder / "kuzu.db"), buffer_pool_size=1 << 30, max_num_threads=2)
    return db, kuzu.Connection(db, num_threads=2)


def load(
    folder: Path, actors: list[Actor], raws: Iterable[RawArticle], vocabulary: Vocabulary
) -> dict[str, float]:
    """Load into a fresh Kuzu database; seconds for the CSV writing, COPY and derivation.

    The raw articles are generated before the clock starts.
    """
    raws = list(raws)
    shutil.rmtree(folder / "kuzu.db", ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    polarity = {name: vocabulary[name].polarity for name in vocabulary.names}
    weights = vocabulary.modality_weights
    db, conn = _open(folder)
    for statement in SCHEMA:
        conn.execute(statement)
    t0 = time.perf_counter()
    actor_csv, claim_csv = folder / "actors.csv", folder / "claims.csv"
    with actor_csv.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        for a in actors:
            keys = ",".join(normalise(n) for n in a.aliases)
            out.writerow((a.id, a.name, a.kind.value, normalise(a.name), "[" + keys + "]"))
    n_claims = 0
    with claim_csv.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        for raw in raws:
            for c in raw.claims:
                w = polarity[c[3]] * c[4] * weights[c[5]]
                quote = raw.text[c[7] : c[8]]
                out.writerow((c[1], c[2], c[0], raw.id, c[3], c[4], c[5], w, quote, c[9]))
                n_claims += 1
    t_csv = time.perf_counter() - t0
    conn.execute(f"COPY Actor FROM '{actor_csv}' (header=false)")
    conn.execute(f"COPY CLAIM FROM '{claim_csv}' (header=false)")
    t_copy = time.perf_counter() - t0 - t_csv
    conn.execute(DERIVE)
    total = time.perf_counter() - t0
    conn.close()
    db.close()
    return {
        "claims": n_claims,
        "seconds": total,
        "csv_seconds": t_csv,
        "copy_seconds": t_copy,
        "derive_seconds": total - t_csv - t_copy,
        "claims_per_s": n_claims / total,
    }


def reopen(folder: Path) -> tuple[Any, Any, float]:
    """Open the database and answer one query; (db, connection, seconds)."""
    t0 = time.perf_counter()
    db, conn = _open(folder)
    conn.execute("MATCH (a:Actor) RETURN count(*)").get_all()
    return db, conn, time.perf_counter() - t0


def peer_calls(conn: Any) -> dict[str, Callable[[Any], Any]]:
    """The Cypher query behind each workload query."""

    def q(statement: str, **params: Any) -> list:
        return conn.execute(statement, params).get_all()

    def neighbourhood(a: str) -> list:
        near = q(
            "MATCH (a:Actor {id: $id})-[r:STANCE* SHORTEST 1..2]-(b:Actor) "
            "RETURN b.id, length(r) AS d ORDER BY d, b.id LIMIT 100",
            id=a,
        )
        ids = [a, *(row[0] for row in near)]
        return q(
            "MATCH (x:Actor)-[r:STANCE]->(y:Actor) WHERE x.id IN $ids AND y.id IN $ids "
            "RETURN x.id, y.id, r.stance",
            ids=ids,
        )

    return {
        "search": lambda text: q(
            "MATCH (a:Actor) WHERE a.key = $k OR list_contains(a.alias_keys, $k) "
            "RETURN a.id ORDER BY a.id LIMIT 10",
            k=normalise(text),
        ),
        "allies": lambda a: q(
            "MATCH (a:Actor {id: $id})-[r:STANCE]-(b:Actor) WHERE r.sign = 1 "
            "RETURN b.id, r.stance ORDER BY r.stance DESC, b.id",
            id=a,
        ),
        "neighbourhood": neighbourhood,
        "path": lambda p: q(
            "MATCH p = (a:Actor {id: $s})-[:STANCE* SHORTEST 1..4]-(b:Actor {id: $t}) "
            "RETURN properties(nodes(p), 'id') LIMIT 1",
            s=p[0],
            t=p[1],
        ),
        "paths3": lambda p: q(
            "MATCH p = (a:Actor {id: $s})-[:STANCE* ALL SHORTEST 1..4]-(b:Actor {id: $t}) "
            "RETURN properties(nodes(p), 'id') LIMIT 3",
            s=p[0],
            t=p[1],
        ),
        "evidence": lambda p: q(
            "MATCH (a:Actor {id: $s})-[c:CLAIM]-(b:Actor {id: $t}) "
            "RETURN c.id, c.type, c.quote, c.date, c.article ORDER BY c.date, c.id",
            s=p[0],
            t=p[1],
        ),
    }
