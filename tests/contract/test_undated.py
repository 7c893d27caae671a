"""Contract: sources without a date (re3d documents, say) count, but never inside a time window."""

from __future__ import annotations

from datetime import date

from graph.filters import Filters
from graph.store import GraphStore
from tests.contract.world import article

UNDATED = article("u1", None, [("gamma-state", "ALLIED_WITH", "delta-party", 0.7, "asserted")])


def test_undated_claims_make_relations_without_dates(world: GraphStore) -> None:
    world.upsert_article(UNDATED)
    (stance,) = [s for s in world.allies("gamma-state") if s.actor.id == "delta-party"]
    (relation,) = stance.relations
    assert (relation.weight, relation.first_seen, relation.last_seen) == (0.7, None, None)


def test_a_time_window_leaves_undated_claims_out(world: GraphStore) -> None:
    world.upsert_article(UNDATED)
    for window in (Filters(as_of=date(2030, 1, 1)), Filters(since=date(1900, 1, 1))):
        assert "delta-party" not in [s.actor.id for s in world.allies("gamma-state", window)]


def test_undated_evidence_comes_after_dated(world: GraphStore) -> None:
    world.upsert_article(
        article("u2", None, [("alpha-front", "FIGHTS", "beta-militia", 0.5, "asserted")])
    )
    items = world.evidence("alpha-front", "beta-militia")
    assert [i.claim.date for i in items][-1] is None
    assert [i.article.id for i in items][-1] == "u2"
    assert all(i.claim.date for i in items[:-1])
