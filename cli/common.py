"""Helpers every command shares: one-line errors, opening the store.

The shared options live in :mod:`cli.options`; the ones commands declare one by one
are importable from here too.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, nullcontext
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.markup import escape

from cli.options import (  # noqa: F401  (re-exported for commands declaring options one by one)
    DebugOpt,
    JsonOpt,
    StoreOpt,
)
from cli.output import end_quietly_on_broken_pipe, errors
from graph.backends import open_store
from graph.budget import time_budget
from graph.errors import ActorGraphError, StoreUnavailable
from graph.settings import Settings
from graph.store import GraphStore

F = TypeVar("F", bound=Callable[..., Any])


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
