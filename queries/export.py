"""Exports for dashboards: node-link JSON, Cytoscape JSON, GraphML, GEXF and CSV.

Every format carries the same graph: actors (kind, country, bloc) and the
relations holding under the filters (the ``relation`` type, polarity, weight,
counts, first and last seen), one edge per relation. The edge attribute is
``relation`` rather than ``type`` because GEXF reserves ``type``. Dates are ISO strings and missing
values are left out, so Gephi and other GraphML/GEXF readers take the files.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from enum import StrEnum

import networkx as nx

from graph.model import Actor, Relation


class ExportFormat(StrEnum):
    NODE_LINK = "node-link"
    CYTOSCAPE = "cytoscape"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"


MEDIA_TYPES = {
    ExportFormat.NODE_LINK: "application/json",
    ExportFormat.CYTOSCAPE: "application/json",
    ExportFormat.GRAPHML: "application/xml",
    ExportFormat.GEXF: "application/xml",
    ExportFormat.CSV: "text/csv",
}
SUFFIXES = {
    ExportFormat.NODE_LINK: "json",
    ExportFormat.CYTOSCAPE: "cyjs",
    ExportFormat.GRAPHML: "graphml",
    ExportFormat.GEXF: "gexf",
    ExportFormat.CSV: "csv",
}


def export_graph(
    actors: Iterable[Actor], relations: Iterable[Relation], membership: dict[str, int] | None = None
) -> nx.MultiDiGraph:
    """The graph every format writes: one node per related actor, one edge per relation.

    Examples
    --------
    >>> from queries.stance_graph import example_graph
    >>> G = example_graph()
    >>> rels = [r for _, _, rs in G.edges(data="relations") for r in rs]
    >>> E = export_graph([G.nodes[n]["actor"] for n in G], rels, {"a": 0, "b": 0})
    >>> E.nodes["a"]["bloc"], E.edges["a", "b", "ALLIED_WITH"]["weight"]
    (0, 0.9)
    """
    relations = list(relations)
    related = {x for r in relations for x in (r.source, r.target)}
    E = nx.MultiDiGraph()
    for actor in actors:
        if actor.id not in related:
            continue
        attrs = {"label": actor.name, "kind": actor.kind.value}
        if actor.country:
            attrs["country"] = actor.country
        if membership and actor.id in membership:
            attrs["bloc"] = membership[actor.id]
        E.add_node(actor.id, **attrs)
    for r in relations:
        E.add_edge(
            r.source,
            r.target,
            key=r.type,
            relation=r.type,
            label=r.type,
            polarity=r.polarity,
            symmetric=r.symmetric,
            weight=r.weight,
            n_claims=r.n_claims,
            n_articles=r.n_articles,
            first_seen=r.first_seen.isoformat() if r.first_seen else "",
            last_seen=r.last_seen.isoformat() if r.last_seen else "",
        )
    return E


def _csv(E: nx.MultiDiGraph) -> str:
    """Nodes then edges, as two CSV tables separated by a blank line."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "label", "kind", "country", "bloc"])
    for node, data in E.nodes(data=True):
        writer.writerow(
            [node, data["label"], data["kind"], data.get("country", ""), data.get("bloc", "")]
        )
    writer.writerow([])
    columns = [
        "relation",
        "polarity",
        "symmetric",
        "weight",
        "n_claims",
        "n_articles",
        "first_seen",
        "last_seen",
    ]
    writer.writerow(["source", "target", *columns])
    for u, v, data in E.edges(data=True):
        writer.writerow([u, v, *(data[c] for c in columns)])
    return out.getvalue()


def render(E: nx.MultiDiGraph, fmt: ExportFormat) -> str:
    """``E`` in ``fmt``, as text."""
    if fmt is ExportFormat.NODE_LINK:
        return json.dumps(nx.node_link_data(E, edges="links"), indent=1)
    if fmt is ExportFormat.CYTOSCAPE:
        return json.dumps(nx.cytoscape_data(E), indent=1)
    if fmt is ExportFormat.GRAPHML:
        return "\n".join(nx.generate_graphml(E)) + "\n"
    if fmt is ExportFormat.GEXF:
        return "\n".join(nx.generate_gexf(E)) + "\n"
    return _csv(E)
