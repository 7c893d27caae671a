"""``actorgraph export``: the graph for dashboards and other tools."""

from __future__ import annotations

import sys
from contextlib import closing
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cli.common import (
    AsOfOpt,
    ConfOpt,
    DebugOpt,
    SinceOpt,
    StoreOpt,
    TypeOpt,
    UntilOpt,
    filters_of,
    friendly_errors,
    opened,
)
from cli.output import errors, table
from graph.backends.neo4j_admin import write_import_files
from graph.errors import InvalidQuery
from graph.traversal.stance_graph import build_stance_graph
from queries.blocs import blocs
from queries.export import CSV_TABLES, ExportFormat, csv_table, export_graph, render

Format = StrEnum("Format", {f.name: f.value for f in ExportFormat} | {"NEO4J_ADMIN": "neo4j-admin"})


def export(
    format: Annotated[Format, typer.Option("--format", help="Export format.")],
    target: Annotated[
        Path | None,
        typer.Argument(
            help="Output file; a folder for csv (nodes.csv, edges.csv) and neo4j-admin."
        ),
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Same as TARGET.")] = None,
    store: StoreOpt = None,
    debug: DebugOpt = False,
    as_of: AsOfOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type: TypeOpt = None,
    min_confidence: ConfOpt = 0.0,
) -> None:
    """Write the graph (stdout without a target: csv then prints both tables, a blank line
    between); csv to a folder writes nodes.csv and edges.csv; neo4j-admin writes
    bulk-import files."""
    destination = output or target
    with closing(opened(store)) as db:
        if format.value == "neo4j-admin":
            if destination is None:
                raise InvalidQuery("neo4j-admin export needs an output folder")
            counts = write_import_files(db, destination)
            table(f"Wrote {destination}", ("file", "rows"), sorted(counts.items()))
            return
        flt = filters_of(as_of, since, until, type, min_confidence, db)
        actors, relations = db.actors(), db.relations(flt)
    membership = blocs(build_stance_graph(actors, relations)).membership
    graph = export_graph(actors, relations, membership)
    if destination is not None and format.value == "csv":
        destination.mkdir(parents=True, exist_ok=True)
        for name in CSV_TABLES:
            (destination / f"{name}.csv").write_text(csv_table(graph, name), encoding="utf-8")
        errors.print(f"wrote {destination / 'nodes.csv'} and {destination / 'edges.csv'}")
        return
    text = render(graph, ExportFormat(format.value))
    if destination is None:
        sys.stdout.write(text)
    else:
        destination.write_text(text, encoding="utf-8")
        errors.print(f"wrote {destination}")


def register(app: typer.Typer) -> None:
    app.command()(friendly_errors(export))
