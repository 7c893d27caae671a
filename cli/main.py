"""The ``actorgraph`` command line: load files, ask the graph, serve the API."""

from __future__ import annotations

import functools
import sys
from collections import Counter
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from typer.core import TyperGroup

from cli import actors, analysis, export, queries
from cli.common import friendly_errors, opened, reading, settings_for
from cli.help import tidy
from cli.options import Common, DebugOpt, JsonOpt, StoreOpt, query_command
from cli.output import (
    Grid,
    console,
    emit_json,
    end_quietly_on_broken_pipe,
    errors,
    plural,
    show,
    table,
)
from graph.errors import LoadError
from graph.store import UpsertStatus
from ingest.pipeline import load as load_inputs
from ingest.pipeline import plan
from ingest.summary import InputSummary, LoadSummary
from loaders.formats import FORMAT_NAMES


class OneLineErrors(TyperGroup):
    """Usage errors (a bad date, a value out of range) as one line on stderr, exit code 2,
    like every other error, instead of a framed usage box."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        tidy(self)
        run = functools.partial(
            super().main,
            args,
            prog_name,
            complete_var,
            windows_expand_args=windows_expand_args,
            **extra,
        )
        if not standalone_mode:
            return run(standalone_mode=False)
        try:
            result = run(standalone_mode=False)
        except typer.TyperException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError" or not hasattr(exc, "format_message"):
                return run(standalone_mode=True)  # typer's own way
            ctx = getattr(exc, "ctx", None)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            errors.print(
                f"[bold red]error:[/bold red] {escape(exc.format_message())}{hint}",
                highlight=False,
            )
            sys.exit(exc.exit_code)
        except typer.Abort:
            errors.print("aborted")
            sys.exit(1)
        except BrokenPipeError:
            end_quietly_on_broken_pipe()
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    cls=OneLineErrors,
    name="actorgraph",
    help="Conflict-actor knowledge graph: who stands with or against whom, on what evidence.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        metavar="|".join(FORMAT_NAMES),
        help="Input format; detected from each input if omitted.",
    ),
]


@app.command()
@friendly_errors
def load(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH...", help="Files or folders to load.")
    ],
    format: FormatOpt = None,
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", metavar="FILE", help="Your own mapping table for the format."),
    ] = None,
    skip_bad: Annotated[
        bool,
        typer.Option(
            "--skip-bad", help="Load the good records; write the bad ones beside the input."
        ),
    ] = False,
    rejects: Annotated[
        Path | None,
        typer.Option(
            "--rejects", metavar="DIR", help="Folder for rejects files (with --skip-bad)."
        ),
    ] = None,
    store: StoreOpt = None,
    json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Load gazetteers, annotated articles and event exports; loading again changes nothing."""
    inputs = plan(paths, format)
    if not inputs.inputs and not inputs.gazetteers:
        raise LoadError(", ".join(map(str, paths)), "nothing to load: no input of a known format")
    if inputs.detected and not json:
        _print_detected(inputs.inputs)
    with (
        closing(opened(store)) as db,
        Progress(
            TextColumn("[bold]{task.fields[phase]}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=errors,
            transient=True,
            disable=json,
        ) as bar,
    ):
        many = len(inputs.inputs) > 1
        overall = bar.add_task("", total=len(inputs.inputs), phase="inputs") if many else None
        current: TaskID | None = None  # one line for the input being loaded, whichever it is

        def progress(path: Path, phase: str, done: int, total: int | None) -> None:
            nonlocal current
            if current is None:
                current = bar.add_task(path.name, total=None, phase=phase)
            bar.update(current, description=path.name, completed=done, total=total, phase=phase)
            if phase == "storing" and overall is not None:
                bar.advance(overall)

        summary = load_inputs(
            db,
            inputs,
            mapping=mapping,
            skip_bad=skip_bad,
            rejects_dir=rejects,
            on_progress=progress,
            max_text_bytes=settings_for(store).max_text_file_bytes,
        )
    if json:
        emit_json(summary.as_dict())
        return
    _print_summary(summary)


LISTED = 10
"""Up to this many inputs are reported one by one; more are summed up by format."""


def _print_detected(found: Sequence[tuple[Path, str]]) -> None:
    if len(found) <= LISTED:
        for path, name in found:
            shown = escape(str(path))
            errors.print(f"{shown}: format [bold]{name}[/bold] (detected)", highlight=False)
        return
    for name, n in Counter(name for _, name in found).most_common():
        line = f"{plural(n, 'input')}: format [bold]{name}[/bold] (detected)"
        errors.print(line, highlight=False)


def _print_inputs(inputs: list[InputSummary]) -> None:
    """A line per input, or per format when there are many."""
    if len(inputs) <= LISTED:
        groups = [(f"[bold]{escape(i.path)}[/bold] ({i.format})", [i]) for i in inputs]
    else:
        by_format: dict[str, list[InputSummary]] = {}
        for i in inputs:
            by_format.setdefault(i.format, []).append(i)
        groups = [
            (f"[bold]{plural(len(items), 'input')}[/bold] ({name})", items)
            for name, items in by_format.items()
        ]
    for name, items in groups:
        docs: Counter = sum((i.documents for i in items), Counter())
        records = sum(i.records for i in items)
        console.print(
            f"{name}: {plural(records, 'record')} -> "
            f"{docs['new']:,} new, {docs['unchanged']:,} unchanged, {docs['updated']:,} updated; "
            f"{plural(sum(i.claims for i in items), 'claim')}; "
            f"{sum(sum(i.skipped.values()) for i in items):,} skipped; "
            f"{sum(i.rejected for i in items):,} rejected",
            highlight=False,
        )
        for i in items:
            if i.rejects_file:
                console.print(
                    f"  rejects with their reasons: {escape(i.rejects_file)}", highlight=False
                )


RESOLVED_BY = ("gazetteer", "alias", "code", "rule")
"""What can decide an actor name, as the load summary lists them (id lookups count as gazetteer)."""


def _print_summary(summary: LoadSummary) -> None:
    _print_inputs(summary.inputs)
    reasons: Counter = Counter()
    for i in summary.inputs:
        reasons.update(i.skipped)
    if reasons:
        table("Skipped records, by reason", ("reason", "records"), reasons.most_common(12))
    decided = summary.resolution
    if decided:
        console.print(
            "Actor names resolved: "
            + ", ".join(f"{decided[k]:,} by {k}" for k in RESOLVED_BY if decided[k])
            + f"; {decided['unresolved']:,} unresolved; "
            f"{decided['dropped']:,} dropped as no actor",
            highlight=False,
        )
    counts = summary.articles
    table(
        "Load summary",
        ("files", "new", "unchanged", "updated", "actors new", "actors", "claims", "relations"),
        [
            (
                *(
                    f"{n:,}"
                    for n in (
                        summary.files,
                        counts[UpsertStatus.NEW],
                        counts[UpsertStatus.UNCHANGED],
                        counts[UpsertStatus.UPDATED],
                        summary.actors_new,
                        summary.actors_total,
                        summary.claims,
                    )
                ),
                f"{summary.relations_before:,} -> {summary.relations_after:,}",
            )
        ],
    )
    if not summary.changed:
        console.print("Nothing changed: everything was already loaded.")


@app.command()
@friendly_errors
@query_command(filters=False)
def stats(common: Common) -> None:
    """How many actors, articles, claims and relations the store holds."""
    with reading(common.store) as db:
        counts = db.stats()
    columns = ("actors", "articles", "claims", "relations")
    row = (counts.actors, counts.articles, counts.claims, counts.relations)
    show(common.output, counts, [Grid("Store", columns, [row])])


@app.command()
@friendly_errors
def serve(
    host: Annotated[
        str,
        typer.Option(
            "--host", envvar="ACTORGRAPH_HOST", metavar="HOST", help="Address to listen on."
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option(
            "--port",
            envvar="ACTORGRAPH_PORT",
            min=1,
            max=65535,
            metavar="PORT",
            help="Port to listen on.",
        ),
    ] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            envvar="ACTORGRAPH_WORKERS",
            min=1,
            max=64,
            metavar="N",
            help="Server processes answering over the one store (reads on N cores).",
        ),
    ] = 1,
    store: StoreOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs)."""
    from api.server import check_workers
    from api.server import serve as run_server

    settings = settings_for(store).model_copy(
        update={"host": host, "port": port, "workers": workers}
    )
    check_workers(settings)
    opened(settings.store).close()  # fail here, in one line, if the store cannot be opened
    run_server(settings)


queries.register(app)
export.register(app)
analysis.register(app)
actors.register(app)
