"""The ``actorgraph`` command line: load files, ask the graph, serve the API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from cli import analysis, export, queries
from cli.common import DebugOpt, JsonOpt, StoreOpt, friendly_errors, opened, settings_for
from cli.output import console, emit_json, errors, table
from graph.ingest import load_files, plan

app = typer.Typer(
    name="actorgraph",
    help="Conflict-actor knowledge graph: who stands with or against whom, on what evidence.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.command()
@friendly_errors
def load(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of annotated articles.")],
    store: StoreOpt = None,
    json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Load gazetteers and annotated articles; loading the same input again changes nothing."""
    gazetteers, articles = plan(paths)
    db = opened(store)
    try:
        with Progress(
            TextColumn("[bold]loading"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=errors,
            transient=True,
            disable=json,
        ) as bar:
            task = bar.add_task("", total=len(gazetteers) + len(articles))
            summary = load_files(
                db,
                gazetteers,
                articles,
                db.vocabulary,
                on_file=lambda p: bar.update(task, advance=1, description=p.name),
            )
    finally:
        db.close()
    if json:
        emit_json(summary.as_dict())
        return
    counts = summary.articles
    table(
        "Load summary",
        (
            "files",
            "articles new",
            "unchanged",
            "updated",
            "actors new",
            "actors",
            "claims read",
            "relations",
        ),
        [
            (
                summary.files,
                counts["new"],
                counts["unchanged"],
                counts["updated"],
                summary.actors_new,
                summary.actors_total,
                summary.claims,
                f"{summary.relations_before} -> {summary.relations_after}",
            )
        ],
    )
    if not summary.changed:
        console.print("Nothing changed: everything was already loaded.")


@app.command()
@friendly_errors
def stats(store: StoreOpt = None, json: JsonOpt = False, debug: DebugOpt = False) -> None:
    """How many actors, articles, claims and relations the store holds."""
    db = opened(store)
    try:
        counts = db.stats()
    finally:
        db.close()
    if json:
        emit_json(counts)
        return
    table(
        "Store",
        ("actors", "articles", "claims", "relations"),
        [(counts.actors, counts.articles, counts.claims, counts.relations)],
    )


@app.command()
@friendly_errors
def serve(
    host: Annotated[str, typer.Option("--host", envvar="ACTORGRAPH_HOST")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", envvar="ACTORGRAPH_PORT")] = 8000,
    store: StoreOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs)."""
    import uvicorn

    from api.app import create_app

    settings = settings_for(store)
    opened(settings.store).close()  # fail here, in one line, if the store cannot be opened
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


queries.register(app)
export.register(app)
analysis.register(app)
