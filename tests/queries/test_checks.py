"""Every analysis refuses a graph that is not a stance graph, with a domain error."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.traversal.stance_graph import example_graph
from queries.balance import balance
from queries.blocs import blocs
from queries.brokers import brokers, support_chains
from queries.checks import NotAStanceGraph
from queries.inference import infer

ANALYSES = {
    "blocs": blocs,
    "balance": balance,
    "brokers": brokers,
    "support_chains": support_chains,
    "infer": lambda G: infer(G, "a"),
}


@pytest.mark.parametrize("name", sorted(ANALYSES))
def test_a_plain_weighted_graph_is_refused(name: str) -> None:
    G = nx.Graph()
    G.add_edge("a", "b", weight=1.0)
    with pytest.raises(NotAStanceGraph, match="edge \\('a', 'b'\\) has no sign"):
        ANALYSES[name](G)


@pytest.mark.parametrize("name", sorted(ANALYSES))
def test_a_directed_graph_is_refused(name: str) -> None:
    with pytest.raises(NotAStanceGraph, match="undirected"):
        ANALYSES[name](nx.DiGraph(example_graph()))
