"""The Neo4j store's bulk load, on a live server (skipped without NEO4J_URI).

Inside :meth:`Neo4jStore.bulk_load` writes defer their relation tallies to
the block's end (:mod:`graph.backends.neo4j_bulk`). Whatever the block did
(re-loads, retractions), ended by an exception or by its process dying, the
aggregated relationships and TIEs must come out as the same writes made one
by one leave them, down to the running tallies they store.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from neo4j import GraphDatabase

from graph.backends import neo4j_bulk, open_neo4j
from graph.backends.neo4j import Neo4jStore
from graph.model import AnnotatedArticle
from graph.store import GraphStore
from tests.contract.test_tallies import afresh, reports
from tests.contract.world import ACTORS
from tests.stores import fresh_store

ROOT = Path(__file__).resolve().parents[2]
DOCS = reports(seed=126, n=60)
CHANGED = [
    d.model_copy(update={"article": d.article.model_copy(update={"id": i})})
    for i, d in (("r3", reports(seed=127, n=1)[0]), ("r40", reports(seed=128, n=2)[1]))
]
DYING_LOADER = """
import os, sys
from graph.backends import neo4j_bulk, open_neo4j
from tests.contract.test_tallies import reports
store = open_neo4j(os.environ["NEO4J_URI"])
docs = reports(seed=126, n=60)
store.bulk_load().__enter__()  # never exited: the process dies inside the block
store.upsert_articles(docs[int(sys.argv[1]):int(sys.argv[2])])
store.upsert_articles(docs[int(sys.argv[2]):int(sys.argv[3])])
os._exit(0)
"""


def _raw(query: str) -> list[Any]:
    """Rows of ``query`` on a connection of its own (no store: nothing settled by reading)."""
    with GraphDatabase.driver(os.environ["NEO4J_URI"]) as driver:
        records, _, _ = driver.execute_query(query)
    return sorted(tuple(r.values()) for r in records)


def stored_relations() -> list[Any]:
    """Every aggregated relationship with all it stores (its running tally included)."""
    rows = _raw(
        "MATCH (a:Actor)-[r]->(b:Actor) WHERE type(r) <> 'TIE' "
        "RETURN a.id, b.id, type(r), properties(r)"
    )
    # the unrounded running weight is summed in another order when counted again
    return [(*row[:3], {**row[3], "weight_sum": round(row[3]["weight_sum"], 9)}) for row in rows]


def stored_ties() -> list[Any]:
    """Every TIE: its pair, stance, strength and the types of the relations it holds."""
    return _raw(
        "MATCH (a:Actor)-[t:TIE]->(b:Actor) "
        "RETURN a.id, b.id, t.stance, t.strength, "
        "COLLECT { MATCH (a)-[r]-(b) WHERE elementId(r) IN t.relations "
        "RETURN type(r) ORDER BY type(r) } AS types"
    )


def pending_records() -> int:
    ((n,),) = _raw("MATCH (p:PendingTally) RETURN count(p)")
    return int(n)


def snapshot(store: GraphStore) -> tuple[Any, ...]:
    graph = store.stance_graph()
    edges = sorted((min(u, v), max(u, v), d["stance"]) for u, v, d in graph.edges(data=True))
    return stored_relations(), stored_ties(), store.relations(), edges


def _writes(store: GraphStore) -> None:
    """Batches, single articles, two articles re-loaded saying other things, one retracted."""
    store.upsert_articles(DOCS[10:25])
    for doc in DOCS[25:30]:
        store.upsert_article(doc)
    store.upsert_articles(DOCS[30:])
    store.upsert_articles(CHANGED)
    store.delete_article("r7")
    store.delete_article("r41")


def _kept() -> list[AnnotatedArticle]:
    changed = {d.article.id: d for d in CHANGED}
    return [changed.get(d.article.id, d) for d in DOCS if d.article.id not in {"r7", "r41"}]


def _loaded(store: GraphStore, block: Callable[[GraphStore], None]) -> tuple[Any, ...]:
    store.upsert_actors(ACTORS)
    store.upsert_articles(DOCS[:10])  # tallied write by write: the block resumes on them
    block(store)
    return snapshot(store)


@pytest.mark.parametrize("room", [neo4j_bulk.CARRIED_KEYS, 3])
def test_a_bulk_load_leaves_the_relations_and_ties_writes_one_by_one_leave(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, room: int
) -> None:
    # room: how many keys may carry their tally through the block (3: most counted again)
    monkeypatch.setattr(neo4j_bulk, "CARRIED_KEYS", room)
    with fresh_store("neo4j", tmp_path) as store:
        one_by_one = _loaded(store, _writes)
        cast("Neo4jStore", store).wipe()

        def in_bulk(store: GraphStore) -> None:
            with store.bulk_load():
                store.upsert_articles(DOCS[10:12])
                store.stance_graph()  # kept at this revision: the block's end must redraw it
                with store.bulk_load():  # a block inside the block is part of it
                    _writes(store)
                assert pending_records() > 0  # nothing tallied before the outer block ends

        bulk = _loaded(store, in_bulk)
        assert pending_records() == 0
        assert bulk == one_by_one
        assert store.relations() == afresh(_kept())
        assert len(one_by_one[1]) >= 10  # the comparison covers most pairs of the world


class Broken(Exception):
    pass


def test_a_bulk_load_ending_with_an_exception_tallies_what_it_committed(tmp_path: Path) -> None:
    with fresh_store("neo4j", tmp_path) as store:
        store.upsert_actors(ACTORS)

        def broken_block() -> None:
            with store.bulk_load():
                store.upsert_articles(DOCS[:30])
                store.delete_article("r4")
                raise Broken

        with pytest.raises(Broken):
            broken_block()
        assert pending_records() == 0
        kept = [d for d in DOCS[:30] if d.article.id != "r4"]
        assert store.relations() == afresh(kept)
        bulk = snapshot(store)
        cast("Neo4jStore", store).wipe()
        store.upsert_actors(ACTORS)
        store.upsert_articles(kept)
        assert snapshot(store) == bulk


def _die_in_a_bulk_load(start: int, middle: int, end: int) -> None:
    """A process that loads DOCS[start:end] in two batches inside a bulk load and dies there."""
    done = subprocess.run(
        [sys.executable, "-c", DYING_LOADER, str(start), str(middle), str(end)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_a_bulk_load_whose_process_died_is_settled_by_the_next_write_or_connect(
    tmp_path: Path,
) -> None:
    with fresh_store("neo4j", tmp_path) as store:
        store.upsert_actors(ACTORS)
        store.upsert_articles(DOCS[:10])
        before = stored_relations()
        _die_in_a_bulk_load(10, 20, 30)
        assert pending_records() == 2  # one record a committed batch, none settled
        assert stored_relations() == before  # the dead block's claims: not tallied yet
        store.upsert_articles(DOCS[30:35])  # this process's next write settles them first
        assert pending_records() == 0
        assert store.relations() == afresh(DOCS[:35])
        _die_in_a_bulk_load(35, 45, 60)
        assert pending_records() == 2
        again = open_neo4j(os.environ["NEO4J_URI"])  # a new process's connect settles them
        try:
            assert pending_records() == 0
            settled = snapshot(again)
        finally:
            again.close()
        cast("Neo4jStore", store).wipe()
        store.upsert_actors(ACTORS)
        store.upsert_articles(DOCS[:35])
        store.upsert_articles(DOCS[35:])
        assert snapshot(store) == settled
        assert settled[2] == afresh(DOCS)
