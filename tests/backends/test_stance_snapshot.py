"""The embedded store hands the analyses its own stance graph: the same answers, no stale copy.

The reference is the graph drawn from the store's actors and relations
(:func:`graph.traversal.stance_graph.build_stance_graph`), which every store
can give; every analysis must answer the same on the kept copy.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.backends.embedded import EmbeddedStore
from graph.filters import Filters
from graph.model import Actor, AnnotatedArticle
from graph.traversal.stance_graph import build_stance_graph, store_stance_graph
from queries.balance import balance
from queries.blocs import blocs
from queries.brokers import brokers_with_blocs, support_chains
from queries.inference import infer
from tests.contract.world import article

ACTORS = [Actor(id=f"actor-{i:03}", name=f"Actor {i}") for i in range(80)]
TYPES = ("ALLIED_WITH", "SUPPORTS", "FIGHTS", "OPPOSES", "COOPERATES_WITH", "ATTACKS")


def _articles(first: int, n: int) -> list[AnnotatedArticle]:
    """``n`` articles of random claims among the actors, hubs more often (seeded)."""
    rng = random.Random(first)
    weights = [1 / (i + 1) for i in range(len(ACTORS))]
    docs = []
    for number in range(first, first + n):
        rows = []
        for _ in range(rng.randint(2, 6)):
            source, target = rng.choices(ACTORS, weights, k=2)
            if source != target:
                kind, confidence = rng.choice(TYPES), round(rng.uniform(0.3, 1.0), 2)
                rows.append((source.id, kind, target.id, confidence, "asserted"))
        day = date(2012, 1, 1) + (date(2020, 1, 1) - date(2012, 1, 1)) * rng.random()
        docs.append(article(f"doc-{number}", day, rows))
    return docs


def _answers(G: nx.Graph[str], actors: list[str]) -> dict[str, Any]:
    return {
        "blocs": blocs(G),
        "balance": balance(G, 0, 100),
        "brokers": brokers_with_blocs(G, limit=1000),
        "chains": support_chains(G),
        "inferred": [infer(G, a, 3) for a in actors],
    }


def _reference(store: EmbeddedStore, filters: Filters | None = None) -> nx.Graph[str]:
    relations = store.relations(filters) if filters else store.relations()
    return build_stance_graph(store.actors(), relations)


@pytest.fixture
def store(tmp_path: Path) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "s.sqlite")
    store.upsert_actors(ACTORS)
    store.upsert_articles(_articles(0, 300))
    return store


def test_every_analysis_answers_the_same_on_the_kept_graph(store: EmbeddedStore) -> None:
    kept = store_stance_graph(store)
    some = sorted(kept)[:: len(kept) // 5][:5]
    assert kept.number_of_edges() == _reference(store).number_of_edges() > 100
    assert _answers(kept, some) == _answers(_reference(store), some)


def test_a_write_gives_the_next_analysis_a_new_graph_and_leaves_the_old_one_alone(
    store: EmbeddedStore,
) -> None:
    before = store_stance_graph(store)
    assert store_stance_graph(store) is before  # nothing changed: the same copy
    edges_before = {(u, v): d["stance"] for u, v, d in before.edges(data=True)}
    store.upsert_articles(_articles(300, 40))
    after = store_stance_graph(store)
    assert after is not before
    assert {(u, v): d["stance"] for u, v, d in before.edges(data=True)} == edges_before
    some = sorted(after)[:5]
    assert _answers(after, some) == _answers(_reference(store), some)
    assert edges_before != {(u, v): d["stance"] for u, v, d in after.edges(data=True)}


def test_filtered_analyses_draw_their_own_graph(store: EmbeddedStore) -> None:
    window = Filters(since=date(2016, 1, 1))
    G = store_stance_graph(store, window)
    assert G is not store_stance_graph(store)
    assert blocs(G) == blocs(_reference(store, window))


def test_a_replaced_copy_is_freed_once_no_analysis_holds_it(store: EmbeddedStore) -> None:
    import gc
    import weakref

    before = store_stance_graph(store)
    support_chains(before)  # reads before.edges: a view networkx keeps, which refers back
    gone = weakref.ref(before)
    del before
    store.upsert_articles(_articles(400, 5))
    store_stance_graph(store)
    gc.collect()  # a frozen copy is never collected: it must go by reference counting
    assert gone() is None
