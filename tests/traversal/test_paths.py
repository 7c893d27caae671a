"""Signed paths: the k fewest-hop paths, strongest first, equal a brute-force ranking."""

from __future__ import annotations

from itertools import pairwise

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.traversal.paths import _of_length, signed_paths
from graph.traversal.ties import keep_ties

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
    kept=st.booleans(),
)
def test_paths_match_a_brute_force_ranking(
    G: nx.Graph, ends: list[str], max_hops: int, k: int, positive: bool, kept: bool
) -> None:
    source, target = ends
    if kept:  # as on a store's graph: the ends' ties read strongest first
        keep_ties(G)
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


@settings(max_examples=100, deadline=None)
@given(
    stances=st.lists(
        st.tuples(
            st.sampled_from([0.1, 0.2, 0.3, 0.1 + 1e-10, 0.3 - 1e-10]), st.sampled_from(STANCES)
        ),
        min_size=1,
        max_size=40,
    ),
    tied=st.booleans(),
    k=st.integers(1, 5),
)
def test_two_hop_paths_among_many_near_equal_ones_rank_as_all_of_them(
    stances: list[tuple[float, float]], tied: bool, k: int
) -> None:
    # hubs share many ties whose sums differ below the rankings' rounding: the threshold
    # walk down the ends' kept ties must leave every middle that rounds into the k best
    G = nx.Graph()
    for i, (a, b) in enumerate(stances):
        G.add_edge("s", f"m{i:02d}", stance=a, sign=1, relations=())
        G.add_edge(f"m{i:02d}", "t", stance=b, sign=1 if b > 0 else -1, relations=())
    if tied:
        G.add_edge("s", "t", stance=0.5, sign=1, relations=())
    expected = [p.actors for p in signed_paths(G, "s", "t", k=k)]
    keep_ties(G)
    assert [p.actors for p in signed_paths(G, "s", "t", k=k)] == expected
    assert expected == ranked(G, "s", "t", 4, k, False)


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
    kept=st.booleans(),
)
def test_paths_among_hubs_match_a_brute_force_ranking(
    G: nx.Graph, data: st.DataObject, max_hops: int, k: int, positive: bool, kept: bool
) -> None:
    source, target = data.draw(st.lists(st.sampled_from(sorted(G)), min_size=2, max_size=2,
                                        unique=True))  # fmt: skip
    if kept:
        keep_ties(G)
    found = signed_paths(G, source, target, max_hops=max_hops, k=k, positive_only=positive)
    assert [p.actors for p in found] == ranked(G, source, target, max_hops, k, positive)
