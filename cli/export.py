"""``actorgraph export``: the graph in other tools' formats."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cli.common import DebugOpt, StoreOpt, friendly_errors, opened
from cli.output import table
from graph.backends.neo4j_admin import write_import_files


class ExportFormat(StrEnum):
    NEO4J_ADMIN = "neo4j-admin"


def export(
    target: Annotated[Path, typer.Argument(help="Output folder (neo4j-admin).")],
    format: Annotated[ExportFormat, typer.Option("--format", help="Export format.")],
    store: StoreOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Write the graph for another tool; neo4j-admin: CSV files for a bulk import."""
    db = opened(store)
    try:
        counts = write_import_files(db, target)
    finally:
        db.close()
    table(f"Wrote {target}", ("file", "rows"), sorted(counts.items()))


def register(app: typer.Typer) -> None:
    app.command()(friendly_errors(export))
