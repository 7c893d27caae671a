"""Neighbourhoods: the relation cap keeps the centre's ties, then the strongest, each whole."""

from __future__ import annotations

from itertools import combinations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.model import Actor, Relation
from graph.traversal.neighbourhood import neighbourhood
from graph.traversal.stance_graph import build_stance_graph

NODES = list("abcdefgh")
TYPES = [("ALLIED_WITH", 1), ("FIGHTS", -1), ("SUPPORTS", 1), ("OPPOSES", -1)]


@st.composite
def graphs(draw) -> nx.Graph:
    relations = []
    for u, v in draw(st.lists(st.sampled_from(list(combinations(NODES, 2))), unique=True)):
        for kind, polarity in draw(st.lists(st.sampled_from(TYPES), min_size=1, unique=True)):
            weight = draw(st.sampled_from([0.25, 0.5, 0.75, 1.0]))
            relations.append(
                Relation(
                    source=u,
                    target=v,
                    type=kind,
                    polarity=polarity,
                    symmetric=True,
                    weight=weight,
                    n_claims=1,
                    n_articles=1,
                    first_seen=None,
                    last_seen=None,
                )
            )
    return build_stance_graph([Actor(id=n, name=n.upper()) for n in NODES], relations)


def reference(G: nx.Graph, centre: str, kept: list[str], max_relations: int) -> tuple:
    """Every tie among ``kept``: the centre's first, then by |stance| and the pair's ids."""
    ties = sorted(
        (centre not in (u, v), -abs(G.edges[u, v]["stance"]), min(u, v), max(u, v))
        for u, v in combinations(kept, 2)
        if G.has_edge(u, v)
    )
    shown: list[Relation] = []
    for *_, u, v in ties:
        relations = G.edges[u, v]["relations"]
        if len(shown) + len(relations) > max_relations:
            break
        shown += relations
    total = sum(len(G.edges[u, v]["relations"]) for *_, u, v in ties)
    return total, sorted(r.key for r in shown)


@settings(max_examples=300, deadline=None)
@given(
    G=graphs(),
    centre=st.sampled_from(NODES),
    depth=st.integers(1, 3),
    limit=st.integers(1, 8),
    max_relations=st.integers(1, 12),
)
def test_relations_are_capped_as_documented(
    G: nx.Graph, centre: str, depth: int, limit: int, max_relations: int
) -> None:
    sub = neighbourhood(G, centre, depth, limit, max_relations)
    kept = [n.id for n in sub.nodes]
    assert (sub.total_relations, [r.key for r in sub.relations]) == reference(
        G, centre, kept, max_relations
    )
