"""Rendering results for people (rich tables) and machines (JSON)."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from pydantic import BaseModel
from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook, RenderResult
from rich.markup import escape
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with its control characters (ANSI escapes...) written out as ``\\x..``.

    >>> printable("Hezbollah\x1b[2J\x07")
    'Hezbollah\\x1b[2J\\x07'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class _Escaped:
    """A renderable whose text is printed with its control characters escaped."""

    def __init__(self, renderable: ConsoleRenderable) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            if segment.control:  # rich's own cursor moves, not data
                yield segment
            else:
                yield Segment(printable(segment.text), segment.style)


class EscapeControls(RenderHook):
    """Everything printed to the terminal has its control characters escaped.

    Names and quotes come from loaded documents: an actor named with ANSI
    escapes must not recolour, clear or retitle the analyst's terminal.
    Styling is rich's own and is kept.
    """

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Escaped(r) for r in renderables]


console = Console()
errors = Console(stderr=True, soft_wrap=True)
for _console in (console, errors):
    _console.push_render_hook(EscapeControls())


def end_quietly_on_broken_pipe() -> NoReturn:
    """The reader of our output went away (``| head``): stop without a word, as tools do."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more is flushed into the closed pipe
    except (OSError, ValueError):
        pass  # not a real file descriptor (a test runner's capture)
    sys.exit(141)  # 128 + SIGPIPE, as the shell reports a tool stopped by a closed pipe


QUOTE_WIDTH = 70


def as_json(value: Any) -> str:
    """Pydantic models, lists of them, or plain data, as indented JSON."""

    def plain(item: Any) -> Any:
        if isinstance(item, BaseModel):
            return item.model_dump(mode="json")
        if isinstance(item, list | tuple):
            return [plain(i) for i in item]
        if isinstance(item, dict):
            return {k: plain(v) for k, v in item.items()}
        return item

    return json.dumps(plain(value), indent=2, ensure_ascii=False)


def emit_json(value: Any) -> None:
    print(as_json(value))


def plural(n: int, noun: str) -> str:
    """``n`` and ``noun``, in the plural unless ``n`` is 1.

    >>> plural(1, "claim"), plural(20146, "record")
    ('1 claim', '20,146 records')
    """
    return f"{n} {noun}" if n == 1 else f"{n:,} {noun}s"


def short(text: str | None, width: int = QUOTE_WIDTH) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A table of data: cells and title are shown as they are, never read as markup."""
    grid = Table(title=Text(printable(title)), title_justify="left", show_lines=False)
    for n, column in enumerate(columns):
        last = n == len(columns) - 1
        grid.add_column(column, overflow="fold", no_wrap=not last, ratio=1 if last else None)
    count = 0
    for row in rows:
        grid.add_row(*(Text(printable(str(cell))) for cell in row))
        count += 1
    if count:
        console.print(grid)
    else:
        console.print(f"[dim]{escape(title)}: none[/dim]")
