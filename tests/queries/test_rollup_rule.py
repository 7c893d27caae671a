"""The roll-up rule on any membership graph: cycles, several umbrellas, gazetteer over claims."""

from __future__ import annotations

from datetime import date

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.model import Actor, Relation
from graph.rollup import umbrellas

IDS = [f"a{n}" for n in range(8)]

links = st.lists(st.tuples(st.sampled_from(IDS), st.sampled_from(IDS)), max_size=16)


def _member_of(member: str, umbrella: str) -> Relation:
    day = date(2016, 1, 1)
    return Relation(
        source=member,
        target=umbrella,
        type="MEMBER_OF",
        polarity=0,
        symmetric=False,
        weight=1.0,
        n_claims=1,
        n_articles=1,
        first_seen=day,
        last_seen=day,
    )


def _world(declared: list, claimed: list) -> tuple[list[Actor], list[Relation]]:
    parents: dict[str, set[str]] = {i: set() for i in IDS}
    for member, umbrella in declared:
        if member != umbrella:
            parents[member].add(umbrella)
    actors = [Actor(id=i, name=i.upper(), member_of=tuple(sorted(parents[i]))) for i in IDS]
    relations = [_member_of(m, u) for m, u in dict.fromkeys(claimed) if m != u]
    return actors, relations


@settings(max_examples=300, deadline=None)
@given(declared=links, claimed=links)
def test_every_actor_rolls_up_to_a_top_it_belongs_to(declared: list, claimed: list) -> None:
    actors, relations = _world(declared, claimed)
    found = umbrellas(actors, relations)
    links_used = nx.DiGraph()
    links_used.add_nodes_from(IDS)
    for actor in actors:
        links_used.add_edges_from((actor.id, p) for p in actor.member_of)
        if not actor.member_of:
            links_used.add_edges_from(
                (r.source, r.target) for r in relations if r.source == actor.id
            )
    for actor, top in found.top.items():
        assert top != actor
        assert top not in found.top  # a top is top-level: rolling up twice changes nothing
        assert nx.has_path(links_used, actor, top)  # reached through membership links
        assert actor not in found.ambiguous
    for actor, tops in found.ambiguous.items():
        assert actor not in found.top
        assert len(tops) > 1
    for cycle in found.cycles:
        assert len(cycle) > 1
        assert nx.is_strongly_connected(links_used.subgraph(cycle))
    for cycle in found.cycles:  # a cycle names no umbrella among its actors
        assert all(found.of(a) not in cycle or found.of(a) == a for a in cycle)
    shuffled = umbrellas(list(reversed(actors)), list(reversed(relations)))
    assert shuffled == found  # the order actors come in decides nothing


def test_a_declared_umbrella_hides_the_claimed_ones() -> None:
    actors, relations = _world([("a1", "a2")], [("a1", "a3"), ("a4", "a3")])
    found = umbrellas(actors, relations)
    assert (found.of("a1"), found.of("a4")) == ("a2", "a3")


def test_a_merged_actor_takes_its_memberships_along() -> None:
    actors, _ = _world([("a1", "a2")], [])
    found = umbrellas(actors, [], canon={"a1": "a5"})
    assert found.of("a5") == "a2"
