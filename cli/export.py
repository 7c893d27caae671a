"""``actorgraph export``: the graph for dashboards and other tools."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cli.common import friendly_errors, reading
from cli.options import Common, query_command
from cli.output import errors, table
from cli.rollup import RollUpOpt
from graph.backends.neo4j_admin import write_import_files
from graph.errors import InvalidQuery
from queries.claims_export import claims_geojson, claims_table, claims_under, render_geojson
from queries.export import CSV_TABLES, ExportFormat, csv_table, render
from queries.rollup import export_of
from queries.tables import to_csv

# Members from ExportFormat, so a new export format reaches the CLI by itself.
_FORMATS = {f.name: f.value for f in ExportFormat} | {"NEO4J_ADMIN": "neo4j-admin"}
Format = StrEnum("Format", _FORMATS)  # type: ignore[misc]  # mypy reads only literal member lists


@query_command(output=False)
def export(
    format: Annotated[
        Format,
        typer.Option("--format", metavar="|".join(f.value for f in Format), help="Export format."),
    ],
    common: Common,
    target: Annotated[
        Path | None,
        typer.Argument(
            metavar="TARGET",
            help="Output file; a folder for csv (nodes.csv, edges.csv) and neo4j-admin.",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="PATH", help="Same as TARGET.")
    ] = None,
    roll_up: RollUpOpt = False,
) -> None:
    """Write the graph for other tools, to standard output, a file or a folder.

    Without a target, csv prints both tables, a blank line between; csv to a folder
    writes nodes.csv, edges.csv and claims.csv (one row per claim, with its place);
    geojson writes the claims that have a place as points; neo4j-admin writes
    bulk-import files.
    """
    destination = output or target
    with reading(common.store) as db:
        if format.value == "neo4j-admin":
            if destination is None:
                raise InvalidQuery("neo4j-admin export needs an output folder")
            counts = write_import_files(db, destination)
            table(f"Wrote {destination}", ("file", "rows"), sorted(counts.items()))
            return
        flt = common.filters(db)
        if format.value == "geojson":
            claims = claims_under(db, flt)
            _write(render_geojson(claims_geojson(claims, db.actors(), db.vocabulary)), destination)
            return
        graph = export_of(db, flt, roll_up=roll_up)
        folder = destination if format.value == "csv" else None
        if folder is not None:  # the claims table goes only to a folder
            claims_csv = to_csv("claims", claims_table(db, flt))
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        for name in CSV_TABLES:
            (folder / f"{name}.csv").write_text(csv_table(graph, name), encoding="utf-8")
        (folder / "claims.csv").write_text(claims_csv, encoding="utf-8")
        errors.print(f"wrote nodes.csv, edges.csv and claims.csv in {folder}")
        return
    _write(render(graph, ExportFormat(format.value)), destination)


def _write(text: str, destination: Path | None) -> None:
    if destination is None:
        sys.stdout.write(text)
    else:
        destination.write_text(text, encoding="utf-8")
        errors.print(f"wrote {destination}")


def register(app: typer.Typer) -> None:
    app.command()(friendly_errors(export))
