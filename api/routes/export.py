"""Exports for dashboards and other tools, honouring the common filters."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import FiltersDep, RollUpDep, StoreDep
from graph.errors import InvalidQuery
from queries.claims_export import claims_geojson, claims_table, claims_under, render_geojson
from queries.export import MEDIA_TYPES, SUFFIXES, ExportFormat, render
from queries.rollup import export_of
from queries.tables import Table, graph_rows, to_csv, to_parquet

router = APIRouter(tags=["export"])

PARQUET = "application/vnd.apache.parquet"


class Format(StrEnum):
    """The graph formats of :class:`queries.export.ExportFormat`, and Parquet (one table)."""

    NODE_LINK = "node-link"
    CYTOSCAPE = "cytoscape"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"
    GEOJSON = "geojson"
    PARQUET = "parquet"


@router.get(
    "/export",
    response_class=Response,
    responses={
        200: {
            "content": {t: {} for t in {*MEDIA_TYPES.values(), PARQUET}},
            "description": "The graph, or one of its tables, in the requested format",
        }
    },
)
def export(
    store: StoreDep,
    filters: FiltersDep,
    format: Annotated[Format, Query(description="Output format")] = Format.NODE_LINK,
    table: Annotated[
        Table | None,
        Query(
            description="With format=csv or parquet: this table only (CSV's default: nodes and"
            " edges, a blank line between; Parquet needs one)"
        ),
    ] = None,
    roll_up: RollUpDep = False,
) -> Response:
    """The graph as node-link JSON, Cytoscape JSON, GraphML, GEXF, CSV or Parquet;
    ``geojson``: the claims with a place, as points.

    ``table=claims`` gives the evidence behind the exported relations, one row
    per claim with its quote, article and place.
    """
    tabular = format in (Format.CSV, Format.PARQUET)
    if table is not None and not tabular:
        raise InvalidQuery("table applies to format=csv or format=parquet only")
    if format is Format.PARQUET and table is None:
        raise InvalidQuery("format=parquet holds one table: add table=nodes, edges or claims")
    if format is Format.GEOJSON:
        items = claims_under(store, filters)
        body = render_geojson(claims_geojson(items, store.actors(), store.vocabulary))
        return _attachment(body, MEDIA_TYPES[ExportFormat.GEOJSON], "actorgraph.geojson")
    if table is Table.CLAIMS:
        if roll_up:
            raise InvalidQuery(
                "roll_up does not apply to claims: each names the actors it is about"
            )
        rows = claims_table(store, filters)
    else:
        graph = export_of(store, filters, roll_up=roll_up)
        if table is None:
            fmt = ExportFormat(format.value)
            return _attachment(render(graph, fmt), MEDIA_TYPES[fmt], f"actorgraph.{SUFFIXES[fmt]}")
        rows = graph_rows(graph, table.value)
    name = f"actorgraph-{table.value}.{format.value}"
    if format is Format.PARQUET:
        return _attachment(to_parquet(table.value, rows), PARQUET, name)
    return _attachment(to_csv(table.value, rows), MEDIA_TYPES[ExportFormat.CSV], name)


def _attachment(body: str | bytes, media_type: str, name: str) -> Response:
    disposition = f'attachment; filename="{name}"'
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})
