"""Options and helpers every command shares."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, nullcontext
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.markup import escape

from cli.output import end_quietly_on_broken_pipe, errors
from graph.backends import open_store
from graph.budget import time_budget
from graph.errors import ActorGraphError, StoreUnavailable
from graph.filters import BOUNDS, Filters
from graph.settings import Settings
from graph.store import GraphStore

StoreOpt = Annotated[
    str | None,
    typer.Option("--store", envvar="ACTORGRAPH_STORE", help="Store file path or neo4j:// URI."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")]
AsOfOpt = Annotated[date | None, typer.Option("--as-of", formats=["%Y-%m-%d"], help="As of date.")]
SinceOpt = Annotated[date | None, typer.Option("--since", formats=["%Y-%m-%d"])]
UntilOpt = Annotated[date | None, typer.Option("--until", formats=["%Y-%m-%d"])]
TypeOpt = Annotated[list[str] | None, typer.Option("--type", help="Relation type (repeatable).")]
ConfOpt = Annotated[float, typer.Option("--min-confidence", min=0.0, max=1.0)]
TimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--timeout", min=0.0, help="Give up if answering takes longer (seconds; default: no limit)."
    ),
]

F = TypeVar("F", bound=Callable[..., Any])


def bounded(flag: str, name: str, help: str) -> Any:
    """An integer option ranged by ``graph.filters.BOUNDS[name]``, as the API's parameter."""
    low, high = BOUNDS[name]

    def check(value: int) -> int:
        if not low <= value <= high:
            raise typer.BadParameter(f"{value} is out of range; allowed {low}..{high}")
        return value

    return typer.Option(flag, callback=check, help=f"{help} ({low}..{high}).")


def friendly_errors(func: F) -> F:
    """One red line and exit code 1 for any error; a traceback only with --debug."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ActorGraphError as exc:
            if kwargs.get("debug"):
                raise
            errors.print(f"[bold red]error:[/bold red] {escape(str(exc))}", highlight=False)
            raise typer.Exit(1) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            end_quietly_on_broken_pipe()
        except Exception as exc:
            if kwargs.get("debug"):
                raise
            errors.print(
                f"[bold red]internal error:[/bold red] {type(exc).__name__}: {escape(str(exc))} "
                "(rerun with --debug for the traceback, and please report it)",
                highlight=False,
            )
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def settings_for(store: str | None) -> Settings:
    return Settings(store=store) if store else Settings()


def opened(store: str | None, *, must_exist: bool = False) -> GraphStore:
    """The store ``store`` (or the configured one) names, opened.

    With ``must_exist`` an embedded store file that is not there is an error
    rather than a new empty store: a mistyped ``--store`` on a query would
    otherwise answer "unknown actor" and leave an empty file behind.
    """
    settings = settings_for(store)
    target = settings.store.strip()
    if must_exist and "://" not in target and target != ":memory:" and not Path(target).exists():
        raise StoreUnavailable(
            f"no store at {target}; load articles into it first (actorgraph load PATH --store "
            f"{target}) or choose another with --store or ACTORGRAPH_STORE"
        )
    return open_store(settings)


@contextmanager
def reading(store: str | None, timeout: float | None = None) -> Iterator[GraphStore]:
    """The existing store ``store`` names, open while a command reads it.

    On a terminal a spinner shows while the store opens and answers (a large
    one takes seconds to open). With ``timeout``, the answer must come within
    that many seconds of the store being open, as the API's query budget.
    """
    with (
        errors.status("Opening the store") as status,
        closing(opened(store, must_exist=True)) as db,
    ):
        status.update("Answering")
        with time_budget(timeout) if timeout is not None else nullcontext():
            yield db


def filters_of(
    as_of: date | None,
    since: date | None,
    until: date | None,
    types: list[str] | None,
    min_confidence: float,
    store: GraphStore,
) -> Filters:
    for name in types or ():
        store.vocabulary[name]
    return Filters(
        as_of=as_of,
        since=since,
        until=until,
        types=tuple(types) if types else None,
        min_confidence=min_confidence,
    )
