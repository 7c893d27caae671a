"""Signed paths: the k fewest-hop paths, strongest first, equal a brute-force ranking."""

from __future__ import annotations

from itertools import pairwise

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.traversal.paths import signed_paths

NODES = list("abcdefg")
STANCES = [-1.0, -0.5, 0.25, 0.5, 1.0]


@st.composite
def graphs(draw) -> nx.Graph:
    G = nx.Graph()
    G.add_nodes_from(NODES)
    pairs = [(u, v) for i, u in enumerate(NODES) for v in NODES[i + 1 :]]
    for u, v in draw(st.lists(st.sampled_from(pairs), unique=True, max_size=16)):
        stance = draw(st.sampled_from(STANCES))
        G.add_edge(u, v, stance=stance, sign=1 if stance > 0 else -1, relations=())
    return G


def ranked(G: nx.Graph, source: str, target: str, max_hops: int, k: int, positive: bool):
    """Every simple path within ``max_hops``, fewest hops, then strongest, then by actors."""
    walk = (
        nx.subgraph_view(G, filter_edge=lambda u, v: G.edges[u, v]["sign"] > 0) if positive else G
    )
    paths = nx.all_simple_paths(walk, source, target, cutoff=max_hops)

    def strength(nodes: list[str]) -> float:
        return sum(abs(G.edges[u, v]["stance"]) for u, v in pairwise(nodes))

    ordered = sorted(paths, key=lambda p: (len(p), -round(strength(p), 9), p))
    return [tuple(p) for p in ordered[:k]]


@settings(max_examples=300, deadline=None)
@given(
    G=graphs(),
    ends=st.lists(st.sampled_from(NODES), min_size=2, max_size=2, unique=True),
    max_hops=st.integers(1, 5),
    k=st.integers(1, 5),
    positive=st.booleans(),
)
def test_paths_match_a_brute_force_ranking(
    G: nx.Graph, ends: list[str], max_hops: int, k: int, positive: bool
) -> None:
    source, target = ends
    found = signed_paths(G, source, target, max_hops=max_hops, k=k, positive_only=positive)
    assert [p.actors for p in found] == ranked(G, source, target, max_hops, k, positive)


def test_the_strongest_of_many_equal_length_paths_wins() -> None:
    # 600 two-hop paths from s to t, more than networkx's Yen search is asked to scan
    G = nx.Graph()
    for i in range(600):
        stance = 1.0 if i == 417 else 0.5
        G.add_edge("s", f"m{i:03d}", stance=stance, sign=1, relations=())
        G.add_edge(f"m{i:03d}", "t", stance=0.5, sign=1, relations=())
    (best,) = signed_paths(G, "s", "t")
    assert best.actors == ("s", "m417", "t")
    assert [p.actors[1] for p in signed_paths(G, "s", "t", k=3)] == ["m417", "m000", "m001"]
