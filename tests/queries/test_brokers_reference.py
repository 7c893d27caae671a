"""The brokers' betweenness (igraph, in C) held to networkx's, the reference, on random graphs."""

from __future__ import annotations

import random

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from queries.brokers import brokers
from tests.queries.test_analysis import signed_graphs


def networkx_brokers(G: nx.Graph, k: int) -> list[tuple[str, float]]:
    """Betweenness from ``k`` sampled sources by networkx, scaled to all, ranked as shown."""
    P = nx.Graph([(u, v) for u, v, sign in G.edges(data="sign") if sign > 0 and u != v])
    nodes = sorted(P)
    n = len(nodes)
    sources = nodes if n <= k else random.Random(0).sample(nodes, k)
    raw = nx.betweenness_centrality_subset(P, sources, nodes, normalized=False)
    scale = 2 / ((n - 1) * (n - 2)) * n / len(sources) if n > 2 else 1.0
    shown = [(a, round(s * scale, 6)) for a, s in raw.items() if s > 0]
    return sorted(shown, key=lambda x: (-x[1], x[0]))


@settings(max_examples=150, deadline=None)
@given(signed_graphs(), st.integers(1, 12))
def test_sampled_betweenness_is_networkx_s_for_the_same_sources(G: nx.Graph, k: int) -> None:
    found = [(b.actor, b.betweenness) for b in brokers(G, limit=1000, k=k)]
    assert found == networkx_brokers(G, k)


def test_equal_scores_rank_by_actor() -> None:
    # a star: every leaf scores 0, the centre alone is a broker; two stars joined are symmetric
    G = nx.Graph()
    for centre, leaves in (("m", "abc"), ("n", "xyz")):
        for leaf in leaves:
            G.add_edge(centre, leaf, sign=1, stance=1.0, relations=())
    G.add_edge("m", "n", sign=1, stance=1.0, relations=())
    assert [b.actor for b in brokers(G)] == ["m", "n"]
