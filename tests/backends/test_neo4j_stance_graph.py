"""The Neo4j store keeps the stance graph it drew until the data changes, whoever changes it.

Analyses on Neo4j read the graph the store keeps (:mod:`graph.backends.neo4j_stance`);
the reference is the graph drawn from the store's actors and relations. A write made
through another connection (another API worker, the CLI) must reach the next analysis.
Runs against the live server named by ``NEO4J_URI`` (skipped without one).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

import networkx as nx
import pytest

from graph.backends import open_neo4j
from graph.filters import Filters
from graph.traversal.stance_graph import build_stance_graph, store_stance_graph
from queries.blocs import blocs
from tests.backends.test_stance_snapshot import ACTORS, _answers, _articles
from tests.stores import fresh_store

if TYPE_CHECKING:
    from graph.backends.neo4j import Neo4jStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Neo4jStore]:
    with fresh_store("neo4j", tmp_path) as made:
        neo4j = cast("Neo4jStore", made)
        neo4j.upsert_actors(ACTORS)
        neo4j.upsert_articles(_articles(0, 120))
        yield neo4j


@pytest.fixture
def other(store: Neo4jStore) -> Iterator[Neo4jStore]:
    """A second connection to the same database, as another process would have."""
    second = cast("Neo4jStore", open_neo4j(os.environ["NEO4J_URI"]))
    yield second
    second.close()


def _reference(store: Neo4jStore, filters: Filters | None = None) -> nx.Graph[str]:
    relations = store.relations(filters) if filters else store.relations()
    return build_stance_graph(store.actors(), relations)


def _stances(G: nx.Graph[str]) -> dict[tuple[str, str], float]:
    return {(u, v): d["stance"] for u, v, d in G.edges(data=True)}


def test_the_kept_graph_is_the_drawn_one_and_answers_the_same(store: Neo4jStore) -> None:
    kept = store_stance_graph(store)
    assert store_stance_graph(store) is kept  # nothing changed: drawn once
    reference = _reference(store)
    assert list(kept.nodes) == list(reference.nodes)
    assert list(kept.edges(data=True)) == list(reference.edges(data=True))
    some = sorted(kept)[::16][:5]
    assert _answers(kept, some) == _answers(reference, some)


@pytest.mark.parametrize("write", ["articles", "retraction", "merge", "actor"])
def test_a_write_through_another_connection_reaches_the_next_analysis(
    store: Neo4jStore, other: Neo4jStore, write: str
) -> None:
    before = store_stance_graph(store)
    stances = _stances(before)
    if write == "articles":
        other.upsert_articles(_articles(500, 30))
    elif write == "retraction":
        other.delete_article("doc-3")
    elif write == "merge":
        other.merge_actors("actor-002", "actor-001")
    else:
        renamed = ACTORS[0].model_copy(update={"name": "Renamed"})
        other.upsert_actors([renamed])
    after = store_stance_graph(store)
    assert after is not before
    assert _stances(before) == stances  # the graph an analysis holds is left alone
    reference = _reference(store)
    assert list(after.edges(data=True)) == list(reference.edges(data=True))
    assert [after.nodes[n]["actor"] for n in after] == [reference.nodes[n]["actor"] for n in after]
    if write == "actor":
        assert after.nodes["actor-000"]["actor"].name == "Renamed"
    else:
        assert _stances(after) != stances


def test_nothing_written_keeps_the_graph_across_unchanged_reloads(
    store: Neo4jStore, other: Neo4jStore
) -> None:
    kept = store_stance_graph(store)
    other.upsert_articles(_articles(0, 120))  # the same articles again: nothing changes
    other.upsert_actors(ACTORS)
    assert store_stance_graph(store) is kept


def test_a_filtered_analysis_gets_its_own_graph_and_a_write_redraws_it(
    store: Neo4jStore, other: Neo4jStore
) -> None:
    for window in (Filters(since=date(2016, 1, 1)), Filters(types=("ALLIED_WITH", "FIGHTS"))):
        G = store_stance_graph(store, window)
        assert G is not store_stance_graph(store)
        assert store_stance_graph(store, window) is G
        assert blocs(G) == blocs(_reference(store, window))
    other.upsert_articles(_articles(600, 30))
    redrawn = store_stance_graph(store, window)
    assert redrawn is not G
    assert list(redrawn.edges(data=True)) == list(_reference(store, window).edges(data=True))


def test_after_a_wipe_the_next_analysis_sees_an_empty_database(store: Neo4jStore) -> None:
    assert store_stance_graph(store).number_of_edges() > 0
    store.wipe()
    assert store_stance_graph(store).number_of_nodes() == 0


def test_data_without_a_revision_gets_one_on_connect_and_is_kept_from_the_first_read(
    store: Neo4jStore,
) -> None:
    """As a database made by ``neo4j-admin database import`` has it: data, no revision node."""
    store._db.write(lambda tx: store._db.run(tx, "wipe_revision"))
    assert store_stance_graph(store) is not store_stance_graph(store)  # nothing to keep it by
    connected = cast("Neo4jStore", open_neo4j(os.environ["NEO4J_URI"]))
    try:
        kept = store_stance_graph(connected)
        assert store_stance_graph(connected) is kept
        assert list(kept.edges(data=True)) == list(_reference(store).edges(data=True))
    finally:
        connected.close()


def test_an_empty_database_stays_empty_on_connect(store: Neo4jStore) -> None:
    store.wipe()
    connected = cast("Neo4jStore", open_neo4j(os.environ["NEO4J_URI"]))
    try:
        assert connected.node_count() == 0
    finally:
        connected.close()


def test_data_as_imported_gets_its_ties_and_answers_as_before(store: Neo4jStore) -> None:
    """``neo4j-admin database import`` writes relations but no TIE (a TIE names its relations'
    element ids): the next connection builds them, so walks find what they found before."""
    G = store_stance_graph(store)
    hub = max(G, key=lambda a: (G.degree(a), a))
    hops = nx.single_source_shortest_path_length(G, hub, cutoff=4)
    far = max(hops, key=lambda a: (hops[a], a))  # as far as a path may go
    before = (store.neighbourhood(hub, depth=2), store.paths(hub, far, k=3))
    text = (Path(__file__).parent / "cypher" / "as_imported.cypher").read_text()
    store._db.write(lambda tx: tx.run(text).consume())
    assert store.paths(hub, far, k=3) == []  # what such a database answered
    connected = cast("Neo4jStore", open_neo4j(os.environ["NEO4J_URI"]))
    try:
        assert (connected.neighbourhood(hub, depth=2), connected.paths(hub, far, k=3)) == before
        assert hops[far] >= 2  # answers worth comparing: a path of steps, relations around
        assert before[1]
        assert before[0].relations
    finally:
        connected.close()


def test_a_tie_build_cut_short_is_finished_by_the_next_connection(
    store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first connection after an import builds the TIEs in batches (tens of seconds at
    10k articles): a process stopped after its first batch must not leave the database with
    some TIEs for good (the next connection then saw TIEs and built no more)."""
    from graph.backends import neo4j_imported

    G = store_stance_graph(store)
    hub = max(G, key=lambda a: (G.degree(a), a))
    before = store.neighbourhood(hub, depth=2)
    text = (Path(__file__).parent / "cypher" / "as_imported.cypher").read_text()
    store._db.write(lambda tx: tx.run(text).consume())
    monkeypatch.setattr(neo4j_imported, "TIE_BATCH", 1)
    write = store._db.write
    batches = 0

    def dies_after_a_batch(work):  # type: ignore[no-untyped-def]
        nonlocal batches
        if batches == 2:  # the mark and one batch written
            raise KeyboardInterrupt  # the process stopped
        batches += 1
        return write(work)

    monkeypatch.setattr(store._db, "write", dies_after_a_batch)
    with pytest.raises(KeyboardInterrupt):
        neo4j_imported.build_missing_ties(store._db)
    monkeypatch.undo()
    connected = cast("Neo4jStore", open_neo4j(os.environ["NEO4J_URI"]))
    try:
        assert connected.neighbourhood(hub, depth=2) == before
        assert len(before.relations) > 1
    finally:
        connected.close()
