"""Contract: writing articles, idempotency, retraction, all-or-nothing."""

from __future__ import annotations

from datetime import date

import pytest

from graph.errors import UnknownActor, UnknownArticle, UnknownRelationType
from graph.store import GraphStore, UpsertStatus
from tests.contract.world import A1, ACTORS, WORLD, article


def answers(store: GraphStore) -> tuple:
    """Everything a user can ask about the world, for before/after comparisons."""
    return (
        store.stats(),
        store.relations(),
        store.allies("beta-militia"),
        store.enemies("alpha-front"),
        store.paths("gamma-state", "delta-party", k=3),
        store.evidence("alpha-front", "beta-militia"),
    )


def test_new_then_unchanged(store: GraphStore) -> None:
    store.upsert_actors(ACTORS)
    assert store.upsert_article(A1).status == UpsertStatus.NEW
    assert store.upsert_article(A1).status == UpsertStatus.UNCHANGED


def test_loading_twice_changes_nothing(world: GraphStore) -> None:
    before = answers(world)
    assert world.upsert_actors(ACTORS) == 0
    for doc in WORLD:
        assert world.upsert_article(doc).status == UpsertStatus.UNCHANGED
    assert answers(world) == before


def test_counts(world: GraphStore) -> None:
    stats = world.stats()
    assert (stats.actors, stats.articles, stats.claims) == (6, 3, 7)
    # ALLIED_WITH, SUPPORTS, FIGHTS x2, LEADS, OPPOSES
    assert stats.relations == 6


def test_updated_article_replaces_its_claims(world: GraphStore) -> None:
    changed = article(
        "a2", date(2017, 5, 1), [("alpha-front", "FIGHTS", "beta-militia", 0.4, "asserted")]
    )
    assert world.upsert_article(changed).status == UpsertStatus.UPDATED
    fights = [r for r in world.relations() if r.type == "FIGHTS" and "beta-militia" in r.key]
    assert [r.weight for r in fights] == [0.4]
    assert not [r for r in world.relations() if r.type == "OPPOSES"]


def test_retraction_recomputes_touched_relations(world: GraphStore) -> None:
    assert [s.actor.id for s in world.enemies("alpha-front")] == ["delta-party", "beta-militia"]
    world.delete_article("a2")
    assert [s.actor.id for s in world.allies("alpha-front")] == ["beta-militia"]
    assert world.stats().claims == 5
    with pytest.raises(UnknownArticle):
        world.article("a2")


def test_retracting_an_unknown_article_fails(world: GraphStore) -> None:
    with pytest.raises(UnknownArticle):
        world.delete_article("no-such-article")


def test_unknown_actor_writes_nothing(world: GraphStore) -> None:
    before = answers(world)
    bad = article(
        "a9",
        date(2018, 1, 1),
        [
            ("alpha-front", "ALLIED_WITH", "gamma-state", 0.9, "asserted"),
            ("alpha-front", "FIGHTS", "omega-unknown", 0.9, "asserted"),
        ],
    )
    with pytest.raises(UnknownActor):
        world.upsert_article(bad)
    assert answers(world) == before
    with pytest.raises(UnknownArticle):
        world.article("a9")


def test_unknown_relation_type_writes_nothing(world: GraphStore) -> None:
    before = answers(world)
    bad = article(
        "a9", date(2018, 1, 1), [("alpha-front", "BEFRIENDS", "gamma-state", 0.9, "asserted")]
    )
    with pytest.raises(UnknownRelationType):
        world.upsert_article(bad)
    assert answers(world) == before


def test_article_keeps_its_text(world: GraphStore) -> None:
    stored = world.article("a1")
    assert stored.text == A1.article.text
    assert stored.publisher == "Fictional Wire"


def test_a_bulk_load_stores_what_single_writes_store(store: GraphStore) -> None:
    with store.bulk_load():
        store.upsert_actors(ACTORS)
        results = store.upsert_articles(WORLD[:2])
        results.append(store.upsert_article(WORLD[2]))
        # the same article again, changed, inside the block: it replaces its claims
        changed = article(
            "a2", date(2017, 5, 1), [("alpha-front", "FIGHTS", "beta-militia", 0.4, "asserted")]
        )
        results.append(store.upsert_article(changed))
        store.delete_article("a3")
    assert [r.status for r in results] == [UpsertStatus.NEW] * 3 + [UpsertStatus.UPDATED]
    fights = [r for r in store.relations() if r.type == "FIGHTS" and "beta-militia" in r.key]
    assert [r.weight for r in fights] == [0.4]
    assert store.stats().articles == 2
    with store.bulk_load():
        store.upsert_article(WORLD[2])
        store.upsert_article(WORLD[1])
    world_again = answers(store)
    assert [r.status for r in store.upsert_articles(WORLD)] == [UpsertStatus.UNCHANGED] * 3
    assert answers(store) == world_again
    assert world_again[0] == store.stats()
    assert (world_again[0].articles, world_again[0].claims) == (3, 7)


def test_claim_ids_belong_to_their_article(store: GraphStore) -> None:
    # two sources may number their claims alike ("c1"): each article keeps its own claim
    store.upsert_actors(ACTORS)
    first = article(
        "a7", date(2018, 1, 1), [("alpha-front", "FIGHTS", "beta-militia", 0.9, "asserted")]
    )
    second = article(
        "a8", date(2018, 2, 1), [("alpha-front", "FIGHTS", "beta-militia", 0.5, "asserted")]
    )
    for doc in (first, second):
        renumbered = doc.model_copy(
            update={"claims": (doc.claims[0].model_copy(update={"id": "c1"}),)}
        )
        assert store.upsert_article(renumbered).status == UpsertStatus.NEW
    assert store.stats().claims == 2
    assert len(store.evidence("alpha-front", "beta-militia")) == 2
    store.delete_article("a7")
    (kept,) = store.evidence("alpha-front", "beta-militia")
    assert kept.claim.article == "a8"
