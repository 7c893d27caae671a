"""Exports for dashboards, honouring the common filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import FiltersDep, StoreDep
from queries.blocs import blocs
from queries.export import MEDIA_TYPES, SUFFIXES, ExportFormat, export_graph, render
from queries.stance_graph import build_stance_graph

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
) -> Response:
    """The graph as node-link JSON, Cytoscape JSON, GraphML, GEXF or CSV."""
    actors, relations = store.actors(), store.relations(filters)
    membership = blocs(build_stance_graph(actors, relations)).membership
    body = render(export_graph(actors, relations, membership), format)
    name = f"actorgraph.{SUFFIXES[format]}"
    return Response(
        body,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
