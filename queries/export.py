"""Exports for dashboards: node-link JSON, Cytoscape JSON, GraphML, GEXF and CSV.

Every format carries the same graph: actors (kind, country, bloc) and the
relations holding under the filters (the ``relation`` type, polarity, weight,
counts, first and last seen), one edge per relation. The edge attribute is
``relation`` rather than ``type`` because GEXF reserves ``type``. Dates are
ISO strings (``first_seen``/``last_seen`` attributes) and missing values are
left out, so Gephi and other GraphML/GEXF readers take the files; networkx's
own readers give back the same nodes, edges and attributes
(``tests/queries/test_export.py``).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any, TypeVar
from xml.etree.ElementTree import Element, ElementTree

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

from graph.budget import check_deadline
from graph.errors import InvalidQuery
from graph.model import Actor, Relation
from queries.tables import graph_rows, to_csv


class ExportFormat(StrEnum):
    NODE_LINK = "node-link"
    CYTOSCAPE = "cytoscape"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"
    GEOJSON = "geojson"
    """Claims, not relations: written by :mod:`queries.claims_export`."""


MEDIA_TYPES = {
    ExportFormat.NODE_LINK: "application/json",
    ExportFormat.CYTOSCAPE: "application/json",
    ExportFormat.GRAPHML: "application/xml",
    ExportFormat.GEXF: "application/xml",
    ExportFormat.CSV: "text/csv",
    ExportFormat.GEOJSON: "application/geo+json",
}
SUFFIXES = {
    ExportFormat.NODE_LINK: "json",
    ExportFormat.CYTOSCAPE: "cyjs",
    ExportFormat.GRAPHML: "graphml",
    ExportFormat.GEXF: "gexf",
    ExportFormat.CSV: "csv",
    ExportFormat.GEOJSON: "geojson",
}


T = TypeVar("T")


def _within_budget(items: Iterable[T], every: int = 1000) -> Iterator[T]:
    """``items``, checking the query's time budget every ``every`` of them."""
    for n, item in enumerate(items):
        if n % every == 0:
            check_deadline()
        yield item


def export_graph(
    actors: Iterable[Actor], relations: Iterable[Relation], membership: dict[str, int] | None = None
) -> nx.MultiDiGraph[str]:
    """The graph every format writes: one node per related actor, one edge per relation.

    Parameters
    ----------
    actors : iterable of Actor
        Every actor; those without a relation are left out.
    relations : iterable of Relation
        The relations to write (``GraphStore.relations`` under the filters).
    membership : dict, optional
        Each actor's bloc (:attr:`queries.blocs.Blocs.membership`), written as ``bloc``.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes carry ``label``, ``kind``, ``country`` and ``bloc`` when known;
        edges (keyed by relation type) ``relation``, ``polarity``,
        ``symmetric``, ``weight``, ``n_claims``, ``n_articles`` and
        ``first_seen``/``last_seen`` when dated.

    Raises
    ------
    graph.errors.InvalidQuery
        A relation names an actor that is not among ``actors``.

    Examples
    --------
    >>> from graph.traversal.stance_graph import example_graph
    >>> G = example_graph()
    >>> rels = [r for _, _, rs in G.edges(data="relations") for r in rs]
    >>> E = export_graph([G.nodes[n]["actor"] for n in G], rels, {"a": 0, "b": 0})
    >>> E.nodes["a"]["bloc"], E.edges["a", "b", "ALLIED_WITH"]["weight"]
    (0, 0.9)
    """
    relations = list(relations)
    related = {x for r in relations for x in (r.source, r.target)}
    actors = list(actors)
    missing = related - {a.id for a in actors}
    if missing:
        raise InvalidQuery(
            f"relations name actors that are not given: {', '.join(sorted(missing))}"
        )
    E: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for actor in _within_budget(actors):
        if actor.id not in related:
            continue
        attrs: dict[str, str | int] = {"label": actor.name, "kind": actor.kind.value}
        if actor.country:
            attrs["country"] = actor.country
        if membership and actor.id in membership:
            attrs["bloc"] = membership[actor.id]
        E.add_node(actor.id, **attrs)
    for r in _within_budget(relations):
        dates = {
            name: day.isoformat()
            for name, day in (("first_seen", r.first_seen), ("last_seen", r.last_seen))
            if day is not None
        }
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
            **dates,
        )
    return E


CSV_TABLES = ("nodes", "edges")
"""The tables of the relation graph (:func:`csv_table`)."""


def csv_table(E: nx.MultiDiGraph[str], name: str) -> str:
    """One CSV table of ``E``: ``"nodes"`` or ``"edges"``, each with a header row.

    >>> E = nx.MultiDiGraph()
    >>> E.add_node("a", label="A", kind="militia")
    >>> print(csv_table(E, "nodes").strip())
    id,label,kind,country,bloc
    a,A,militia,,
    """
    return to_csv(name, _within_budget(graph_rows(E, name)))


def _csv(E: nx.MultiDiGraph[str]) -> str:
    """Nodes then edges, as two CSV tables separated by a blank line."""
    return csv_table(E, "nodes") + "\r\n" + csv_table(E, "edges")


def render(E: nx.MultiDiGraph[str], fmt: ExportFormat | str) -> str:
    """``E`` (from :func:`export_graph`) in ``fmt``, as text, within the query's time budget.

    Parameters
    ----------
    E : networkx.MultiDiGraph
        The export graph.
    fmt : ExportFormat or str
        ``node-link`` (d3), ``cytoscape``, ``graphml``, ``gexf`` or ``csv``
        (nodes, a blank line, edges).

    Returns
    -------
    str

    Raises
    ------
    graph.errors.InvalidQuery
        An unknown format.

    Examples
    --------
    >>> E = nx.MultiDiGraph()
    >>> E.add_node("a", label="A", kind="militia")
    >>> print(render(E, "csv").strip())
    id,label,kind,country,bloc
    a,A,militia,,
    <BLANKLINE>
    source,target,relation,polarity,symmetric,weight,n_claims,n_articles,first_seen,last_seen
    >>> render(E, "pdf")
    Traceback (most recent call last):
    ...
    graph.errors.InvalidQuery: unknown export format 'pdf'; expected one of node-link, ...
    """
    try:
        fmt = ExportFormat(fmt)
    except ValueError:
        known = ", ".join(f.value for f in ExportFormat)
        raise InvalidQuery(f"unknown export format {fmt!r}; expected one of {known}") from None
    if fmt is ExportFormat.NODE_LINK:
        return json.dumps(nx.node_link_data(E, edges="links"), indent=1)
    if fmt is ExportFormat.CYTOSCAPE:
        return json.dumps(nx.cytoscape_data(E), indent=1)
    if fmt is ExportFormat.GRAPHML:
        graphml = _BudgetedGraphML()
        graphml.add_graph_element(E)
        text = graphml.text()
    elif fmt is ExportFormat.GEXF:
        gexf = _BudgetedGexf()
        gexf.add_graph(E)
        text = gexf.text()
    elif fmt is ExportFormat.GEOJSON:
        raise InvalidQuery("geojson is written from claims (queries.claims_export), not relations")
    else:
        return _csv(E)
    return "\n".join(text.splitlines()) + "\n"


class _BudgetedBytes(io.BytesIO):
    """Bytes written out (in pieces of about 8 KiB), checking the time budget every 64 pieces."""

    pieces = 0

    def write(self, data: Any) -> int:
        self.pieces += 1
        if self.pieces % 64 == 0:
            check_deadline()
        return super().write(data)


class _Budgeted:
    """An XML writer of networkx that checks the time budget as it builds and writes out.

    Builds and indents as networkx does, checking every 1000 elements; writes
    out the text ``str(writer)`` would give, through :class:`_BudgetedBytes`.
    """

    _written = 0
    xml: Element
    prettyprint: bool
    encoding: str

    def add_attributes(self, *args: Any) -> Any:
        self._written += 1
        if self._written % 1000 == 0:
            check_deadline()
        return super().add_attributes(*args)  # type: ignore[misc]

    def indent(self, elem: Element, level: int = 0) -> None:
        self._written += 1
        if self._written % 1000 == 0:
            check_deadline()
        super().indent(elem, level)  # type: ignore[misc]

    def text(self) -> str:
        check_deadline()
        if self.prettyprint:
            self.indent(self.xml)
        out = _BudgetedBytes()
        ElementTree(self.xml).write(out, encoding="us-ascii")  # as xml.etree's tostring
        return out.getvalue().decode(self.encoding)


class _BudgetedGraphML(_Budgeted, GraphMLWriter):
    pass


class _BudgetedGexf(_Budgeted, GEXFWriter):
    pass
