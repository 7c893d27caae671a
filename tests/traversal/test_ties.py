"""What is kept of each actor's ties: it follows the graph it was made from."""

from __future__ import annotations

from datetime import date

from graph.model import Actor, Relation
from graph.traversal.stance_graph import build_stance_graph, example_graph, positive_subgraph
from graph.traversal.stances import allies, enemies
from graph.traversal.ties import ranked_ties, ties_by_sign


def test_a_view_asked_first_does_not_stand_in_for_the_whole_graph() -> None:
    G = example_graph()
    view = positive_subgraph(G)  # shares G.graph with G
    assert ranked_ties(view, "a") == [(-0.9, "b")]
    assert ties_by_sign(view, "a") == {1: ["b"], -1: [], 0: []}
    assert ranked_ties(G, "a") == [(-0.9, "b"), (-0.8, "c"), (-0.0, "e")]
    assert [s.actor.id for s in enemies(G, "a")] == ["c"]


def test_a_mixed_tie_lists_only_the_relations_of_its_sign() -> None:
    day = date(2016, 2, 24)

    def rel(kind: str, polarity: int, weight: float) -> Relation:
        return Relation(
            source="a", target="b", type=kind, polarity=polarity, symmetric=True,
            weight=weight, n_claims=1, n_articles=1, first_seen=day, last_seen=day,
        )  # fmt: skip

    actors = [Actor(id="a", name="A"), Actor(id="b", name="B")]
    G = build_stance_graph(actors, [rel("ALLIED_WITH", 1, 0.9), rel("FIGHTS", -1, 0.3)])
    (ally,) = allies(G, "a")
    assert (ally.actor.id, ally.stance) == ("b", 0.6)
    assert [r.type for r in ally.relations] == ["ALLIED_WITH"]
    assert enemies(G, "b") == []
