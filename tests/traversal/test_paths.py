"""Signed paths: the k fewest-hop paths, strongest first, equal a brute-force ranking."""

from __future__ import annotations

from itertools import pairwise

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.traversal.paths import _of_length, signed_paths

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


@st.composite
def dense_graphs(draw) -> nx.Graph:
    """Up to 12 actors, ties added in any order: hubs, shared ties, many equal paths."""
    names = draw(st.permutations([f"x{i:02d}" for i in range(draw(st.integers(3, 12)))]))
    G = nx.Graph()
    G.add_nodes_from(names)
    for i, u in enumerate(names):
        for v in names[i + 1 :]:
            if draw(st.integers(0, 2)):
                stance = draw(st.sampled_from(STANCES))
                G.add_edge(u, v, stance=stance, sign=1 if stance > 0 else -1, relations=())
    return G


@settings(max_examples=200, deadline=None)
@given(G=dense_graphs(), data=st.data(), hops=st.integers(2, 4), limit=st.integers(1, 6))
def test_the_paths_of_one_length_are_the_first_in_depth_first_order(
    G: nx.Graph, data: st.DataObject, hops: int, limit: int
) -> None:
    # the reference: networkx's simple paths, depth first in the order of each actor's ties;
    # the first ``limit`` of them are kept (their order does not matter: paths are ranked after)
    source, target = data.draw(st.lists(st.sampled_from(sorted(G)), min_size=2, max_size=2,
                                        unique=True))  # fmt: skip
    every = nx.all_simple_paths(G, source, target, cutoff=hops)
    expected = [p for p in every if len(p) == hops + 1][:limit]
    found = _of_length(G.adj, source, target, hops, limit)
    assert sorted(found) == sorted(expected)


@settings(max_examples=200, deadline=None)
@given(
    G=dense_graphs(),
    data=st.data(),
    max_hops=st.integers(1, 4),
    k=st.integers(1, 4),
    positive=st.booleans(),
)
def test_paths_among_hubs_match_a_brute_force_ranking(
    G: nx.Graph, data: st.DataObject, max_hops: int, k: int, positive: bool
) -> None:
    source, target = data.draw(st.lists(st.sampled_from(sorted(G)), min_size=2, max_size=2,
                                        unique=True))  # fmt: skip
    found = signed_paths(G, source, target, max_hops=max_hops, k=k, positive_only=positive)
    assert [p.actors for p in found] == ranked(G, source, target, max_hops, k, positive)
