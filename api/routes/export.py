"""Exports for dashboards, honouring the common filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import FiltersDep, RollUpDep, StoreDep
from graph.errors import InvalidQuery
from queries.claims_export import claims_csv, claims_geojson, claims_under, render_geojson
from queries.export import (
    MEDIA_TYPES,
    SUFFIXES,
    CsvTable,
    ExportFormat,
    csv_table,
    render,
)
from queries.rollup import export_of

router = APIRouter(tags=["export"])


@router.get(
    "/export",
    response_class=Response,
    responses={
        200: {
            "content": {t: {} for t in set(MEDIA_TYPES.values())},
            "description": "The graph in the requested format",
        }
    },
)
def export(
    store: StoreDep,
    filters: FiltersDep,
    format: Annotated[ExportFormat, Query(description="Output format")] = ExportFormat.NODE_LINK,
    table: Annotated[
        CsvTable | None,
        Query(description="With format=csv: only this table (default: both, a blank line between)"),
    ] = None,
    roll_up: RollUpDep = False,
) -> Response:
    """The graph as node-link JSON, Cytoscape JSON, GraphML, GEXF or CSV (``table=claims``:
    one row per claim, with its place); ``geojson``: the claims with a place, as points."""
    if table is not None and format is not ExportFormat.CSV:
        raise InvalidQuery("table applies to format=csv only")
    if format is ExportFormat.GEOJSON or table is CsvTable.CLAIMS:
        items = claims_under(store, filters)
        if table is CsvTable.CLAIMS:
            body = claims_csv(items, store.actors(), store.vocabulary)
        else:
            body = render_geojson(claims_geojson(items, store.actors(), store.vocabulary))
    else:
        graph = export_of(store, filters, roll_up=roll_up)
        body = render(graph, format) if table is None else csv_table(graph, table.value)
    name = f"actorgraph{'' if table is None else '-' + table.value}.{SUFFIXES[format]}"
    return Response(
        body,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
