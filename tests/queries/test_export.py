"""Every export reads back with networkx's own readers: same nodes, edges, attributes."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from graph.backends.embedded import EmbeddedStore
from graph.traversal.stance_graph import store_stance_graph
from queries.blocs import blocs
from queries.export import ExportFormat, export_graph, render


@pytest.fixture
def exported(seeded: EmbeddedStore) -> nx.MultiDiGraph:
    membership = blocs(store_stance_graph(seeded)).membership
    return export_graph(seeded.actors(), seeded.relations(), membership)


def same_graph(back: nx.Graph, original: nx.MultiDiGraph) -> None:
    assert set(back.nodes) == set(original.nodes)
    assert back.number_of_edges() == original.number_of_edges() == 13
    pmu = back.nodes["popular-mobilisation-forces"]
    assert (pmu["kind"], pmu["country"], int(pmu["bloc"])) == ("militia", "IRQ", 0)
    edges = {(u, v, d["relation"]): d for u, v, d in back.edges(data=True)}
    aif = edges[("alliance-of-iraqi-forces", "popular-mobilisation-forces", "OPPOSES")]
    assert (int(aif["polarity"]), float(aif["weight"]), int(aif["n_articles"])) == (-1, 1.75, 1)
    assert aif["first_seen"] == "2016-02-24"


def test_graphml_reads_back_and_is_xml(exported: nx.MultiDiGraph) -> None:
    text = render(exported, ExportFormat.GRAPHML)
    assert ET.fromstring(text).tag.endswith("graphml")
    same_graph(nx.read_graphml(io.BytesIO(text.encode())), exported)


def test_gexf_reads_back_and_is_xml(exported: nx.MultiDiGraph) -> None:
    text = render(exported, ExportFormat.GEXF)
    assert ET.fromstring(text).tag.endswith("gexf")
    same_graph(nx.read_gexf(io.BytesIO(text.encode())), exported)


def test_node_link_reads_back(exported: nx.MultiDiGraph) -> None:
    data = json.loads(render(exported, ExportFormat.NODE_LINK))
    same_graph(nx.node_link_graph(data, edges="links"), exported)


def test_cytoscape_reads_back(exported: nx.MultiDiGraph) -> None:
    data = json.loads(render(exported, ExportFormat.CYTOSCAPE))
    same_graph(nx.cytoscape_graph(data), exported)


def test_csv_has_nodes_and_edges(exported: nx.MultiDiGraph) -> None:
    nodes_part, edges_part = render(exported, ExportFormat.CSV).split("\r\n\r\n")
    nodes = list(csv.DictReader(io.StringIO(nodes_part)))
    edges = list(csv.DictReader(io.StringIO(edges_part)))
    assert {n["id"] for n in nodes} == set(exported.nodes)
    assert len(edges) == 13
    assert {e["relation"] for e in edges} >= {"SUPPORTS", "OPPOSES", "COOPERATES_WITH"}
