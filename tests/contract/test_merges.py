"""Contract: merging actors by hand; claims and names follow, and undoing restores every answer."""

from __future__ import annotations

import pytest

from graph.errors import InvalidQuery, UnknownActor
from graph.store import GraphStore
from tests.contract.world import ACTORS


def _answers(store: GraphStore) -> tuple:
    """What a user asking by name sees (names resolve as the store says)."""
    delta = store.actor("Delta Party").id
    return (
        store.stats(),
        store.relations(),
        store.allies("beta-militia"),
        store.enemies("alpha-front"),
        store.paths("beta-militia", delta, k=3),
        store.evidence("alpha-front", delta),
        store.search_actors("Delta"),
    )


def test_claims_and_names_follow_the_merge(world: GraphStore) -> None:
    merge = world.merge_actors("delta-party", "gamma-state", note="same actor, two names")
    assert (merge.seq, merge.source, merge.target, merge.active) == (
        1,
        "delta-party",
        "gamma-state",
        True,
    )
    assert world.actor("Delta Party").id == "gamma-state"
    assert "gamma-state" in [s.actor.id for s in world.enemies("alpha-front")]
    assert "delta-party" not in [s.actor.id for s in world.enemies("alpha-front")]
    (fight,) = world.evidence("alpha-front", "gamma-state")
    assert fight.claim.target == "delta-party"  # the claim keeps the name it was made with
    assert world.stats().actors == len(ACTORS) - 1


def test_unmerge_restores_every_answer(world: GraphStore) -> None:
    before = _answers(world)
    world.merge_actors("delta-party", "gamma-state")
    assert _answers(world) != before
    undone = world.unmerge("delta-party")
    assert undone.undone_at is not None
    assert _answers(world) == before
    assert [(m.source, m.active) for m in world.merges()] == [("delta-party", False)]


def test_a_claim_between_the_merged_pair_counts_for_neither(world: GraphStore) -> None:
    world.merge_actors("alpha-front", "beta-militia")
    assert all(r.source != r.target for r in world.relations())
    assert "beta-militia" not in {s.actor.id for s in world.enemies("beta-militia")}


def test_chained_merges_resolve_to_the_last(world: GraphStore) -> None:
    world.merge_actors("zeta-brigade", "beta-militia")
    world.merge_actors("beta-militia", "alpha-front")
    assert world.actor("Zeta Brigade").id == "alpha-front"
    assert world.merge_actors("delta-party", "zeta-brigade").target == "alpha-front"


def test_bad_merges_are_refused(world: GraphStore) -> None:
    with pytest.raises(UnknownActor):
        world.merge_actors("nobody", "gamma-state")
    world.merge_actors("delta-party", "gamma-state")
    with pytest.raises(InvalidQuery, match="already merged into 'gamma-state'"):
        world.merge_actors("delta-party", "alpha-front")
    with pytest.raises(InvalidQuery, match="already one actor"):
        world.merge_actors("gamma-state", "delta-party")
    with pytest.raises(InvalidQuery, match="not merged"):
        world.unmerge("alpha-front")
