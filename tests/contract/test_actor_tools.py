"""Contract: the analyst's tools (actor list, unresolved, accepting) on every backend."""

from __future__ import annotations

from graph.store import GraphStore
from queries.accept import accept
from queries.roster import ActorFilter, ActorSort, list_actors
from queries.suggestions import unresolved_actors
from tests.contract.world import WORLD
from tests.unresolved_world import KNOWN, U1, UNRESOLVED


def _load(store: GraphStore) -> GraphStore:
    store.upsert_actors((*KNOWN, *UNRESOLVED))
    for doc in (*WORLD, U1):
        store.upsert_article(doc)
    return store


def test_the_actor_list_counts_claims_and_pages(store: GraphStore) -> None:
    _load(store)
    page = list_actors(store, sort=ActorSort.CLAIMS, limit=3)
    assert page.total == 9
    assert [(r.actor.id, r.claims) for r in page.items] == [
        ("alpha-front", 5),
        ("beta-militia", 5),
        ("delta-party", 4),
    ]
    found = list_actors(store, ActorFilter(source="ucdp"))
    assert [r.actor.id for r in found.items] == ["gamma-state"]


def test_unresolved_actors_and_accepting_a_suggestion(store: GraphStore) -> None:
    _load(store)
    page = unresolved_actors(store)
    assert [(u.actor.id, u.claims, [s.actor.id for s in u.suggestions]) for u in page.items] == [
        ("alpha-frnt", 2, ["alpha-front"]),
        ("beta-militia-fighters", 1, ["beta-militia"]),
        ("omega-group", 0, []),
    ]
    done = accept(store, "Alpha Frnt", "alpha-front")
    assert done.suggestion is not None
    assert [m.note for m in store.merges()] == [done.merge.note]
    assert unresolved_actors(store).total == 2
    assert list_actors(store).total == 8
    assert list_actors(store, ActorFilter(min_claims=7)).items[0].actor.id == "alpha-front"
    store.unmerge("alpha-frnt")
    assert unresolved_actors(store).total == 3
