"""The export's flat tables, nodes, edges and claims, written as CSV or Parquet.

Nodes and edges come from the export graph (:func:`queries.export.export_graph`);
claims are the evidence behind the exported relations, one row per claim.
Every table has fixed, typed columns, so an empty table still has its header
(CSV) or schema (Parquet), and a dashboard reading one keeps working as data
changes. Parquet needs the optional ``pyarrow`` (``pip install 'actorgraph[parquet]'``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import Any

import networkx as nx

from graph.errors import InvalidQuery
from graph.filters import Filters
from graph.identity import canonical_ids, canonical_key
from graph.model import Place, Relation
from graph.store import EvidenceItem, GraphStore

Columns = tuple[tuple[str, str], ...]
"""(name, type) pairs; types are ``string``, ``int``, ``float``, ``bool`` and ``date``."""

COLUMNS: dict[str, Columns] = {
    "nodes": (("id", "string"), ("label", "string"), ("kind", "string"),
              ("country", "string"), ("bloc", "int")),
    "edges": (("source", "string"), ("target", "string"), ("relation", "string"),
              ("polarity", "int"), ("symmetric", "bool"), ("weight", "float"),
              ("n_claims", "int"), ("n_articles", "int"), ("first_seen", "date"),
              ("last_seen", "date")),
    "claims": (("id", "string"), ("source", "string"), ("source_name", "string"),
               ("target", "string"), ("target_name", "string"),
               ("relation", "string"), ("polarity", "int"), ("confidence", "float"),
               ("modality", "string"), ("date", "date"), ("valid_from", "date"),
               ("valid_to", "date"), ("attributed_to", "string"), ("quote", "string"),
               ("article", "string"), ("article_title", "string"), ("publisher", "string"),
               ("url", "string"), ("place_name", "string"), ("place_admin1", "string"),
               ("place_admin2", "string"), ("place_country", "string"), ("latitude", "float"),
               ("longitude", "float"), ("precision", "string")),
}  # fmt: skip


class Table(StrEnum):
    """The tables an export can be asked for, one at a time."""

    NODES = "nodes"
    EDGES = "edges"
    CLAIMS = "claims"


def graph_rows(E: nx.MultiDiGraph[str], name: str) -> Iterator[dict[str, Any]]:
    """The rows of the ``nodes`` or ``edges`` table of the export graph ``E``.

    >>> E = nx.MultiDiGraph()
    >>> E.add_node("a", label="A", kind="militia")
    >>> list(graph_rows(E, "nodes"))
    [{'id': 'a', 'label': 'A', 'kind': 'militia'}]
    """
    if name == "nodes":
        for node, data in E.nodes(data=True):
            yield {"id": node, **{k: v for k, v in data.items() if k in _names("nodes")}}
    elif name == "edges":
        for u, v, data in E.edges(data=True):
            yield {"source": u, "target": v} | {
                k: val for k, val in data.items() if k in _names("edges")
            }
    else:
        raise InvalidQuery(f"unknown table {name!r}; expected nodes or edges")


def _names(table: str) -> set[str]:
    return {name for name, _ in COLUMNS[table]}


def claims_behind(
    store: GraphStore, relations: Sequence[Relation], filters: Filters
) -> list[EvidenceItem]:
    """The claims that make up ``relations`` under ``filters``, by pair, then date and id.

    One evidence query per pair of actors; a claim counts when the relation it
    counts towards (merges applied: a merged-away actor's claims count for the
    actor it was merged into) is among ``relations`` and the filters admit it.
    """
    canon, vocabulary = canonical_ids(store.merges()), store.vocabulary
    kept = {r.key for r in relations}
    pairs = sorted({tuple(sorted((r.source, r.target))) for r in relations})
    items = []
    for a, b in pairs:
        for item in store.evidence(a, b, filters):
            c = item.claim
            if canonical_key(c, canon, vocabulary) in kept and filters.admits_claim(c):
                items.append(item)
    return items


def claim_rows(
    items: Iterable[EvidenceItem],
    polarity: Mapping[str, int],
    names: Mapping[str, str] | None = None,
) -> Iterator[dict[str, Any]]:
    """The rows of the ``claims`` table, each with its place.

    ``polarity`` maps each relation type to its sign; ``names`` actor ids to
    names (an actor missing from it is named by its id).
    """
    names = names or {}
    for item in items:
        c, article = item.claim, item.article
        yield {
            "id": c.id,
            "source": c.source,
            "source_name": names.get(c.source, c.source),
            "target": c.target,
            "target_name": names.get(c.target, c.target),
            "relation": c.type,
            "polarity": polarity[c.type],
            "confidence": c.confidence,
            "modality": c.modality.value,
            "date": c.date,
            "valid_from": c.valid_from,
            "valid_to": c.valid_to,
            "attributed_to": c.attributed_to,
            "quote": c.evidence.quote if c.evidence else None,
            "article": article.id,
            "article_title": article.title,
            "publisher": article.publisher,
            "url": article.url,
            **place_columns(c.place),
        }


def place_columns(place: Place | None) -> dict[str, Any]:
    """A claim's place as the claims table's columns (all ``None`` without one).

    >>> place_columns(Place(name="Raqqa", country="SYR"))["place_country"]
    'SYR'
    """
    return {
        "place_name": place.name if place else None,
        "place_admin1": place.admin1 if place else None,
        "place_admin2": place.admin2 if place else None,
        "place_country": place.country if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "precision": str(place.precision) if place and place.precision else None,
    }


def to_csv(table: str, rows: Iterable[dict[str, Any]]) -> str:
    """``rows`` as CSV with the table's header; missing values are empty.

    >>> print(to_csv("nodes", [{"id": "a", "label": "A", "kind": "militia"}]).strip())
    id,label,kind,country,bloc
    a,A,militia,,
    """
    out = io.StringIO()
    writer = csv.writer(out)
    names = [name for name, _ in COLUMNS[table]]
    writer.writerow(names)
    for row in rows:
        writer.writerow([_text(row.get(name)) for name in names])
    return out.getvalue()


def _text(value: object) -> object:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else value


def to_parquet(table: str, rows: Iterable[dict[str, Any]]) -> bytes:
    """``rows`` as a Parquet file with the table's typed schema.

    Raises
    ------
    graph.errors.InvalidQuery
        pyarrow is not installed.
    """
    try:
        import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type stubs
        import pyarrow.parquet as pq  # type: ignore[import-untyped]  # nor does its parquet
    except ImportError:
        raise InvalidQuery(
            "Parquet exports need pyarrow: pip install 'actorgraph[parquet]'"
        ) from None
    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(),
             "bool": pa.bool_(), "date": pa.date32()}  # fmt: skip
    schema = pa.schema([(name, types[kind]) for name, kind in COLUMNS[table]])
    rows = list(rows)
    columns = {name: [_typed(row.get(name), kind) for row in rows] for name, kind in COLUMNS[table]}
    out = io.BytesIO()
    pq.write_table(pa.table(columns, schema=schema), out)
    return out.getvalue()


def _typed(value: object, kind: str) -> object:
    if kind == "date" and isinstance(value, str):
        return date.fromisoformat(value)
    return value
