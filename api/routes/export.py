"""Exports for dashboards, honouring the common filters."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import FiltersDep, RollUpDep, StoreDep
from graph.errors import InvalidQuery
from queries.blocs import blocs
from queries.export import (
    CSV_TABLES,
    MEDIA_TYPES,
    SUFFIXES,
    ExportFormat,
    csv_table,
    export_graph,
    render,
)
from queries.rollup import rolled_up
from queries.stance_graph import build_stance_graph

router = APIRouter(tags=["export"])

CsvTable = StrEnum("CsvTable", {name.upper(): name for name in CSV_TABLES})


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
    """The graph as node-link JSON, Cytoscape JSON, GraphML, GEXF or CSV."""
    if table is not None and format is not ExportFormat.CSV:
        raise InvalidQuery("table applies to format=csv only")
    if roll_up:
        view = rolled_up(store, filters)
        actors, relations, stances = list(view.actors), view.relations(), view.graph
    else:
        actors, relations = store.actors(), store.relations(filters)
        stances = build_stance_graph(actors, relations)
    membership = blocs(stances).membership
    graph = export_graph(actors, relations, membership)
    body = render(graph, format) if table is None else csv_table(graph, table.value)
    name = f"actorgraph{'' if table is None else '-' + table.value}.{SUFFIXES[format]}"
    return Response(
        body,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
