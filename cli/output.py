"""Rendering answers for people (rich tables that wrap) and pipelines (JSON, CSV, TSV)."""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NoReturn

from pydantic import BaseModel
from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook, RenderResult
from rich.markup import escape
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    r"""``text`` with its control characters (ANSI escapes...) written out as ``\xNN``.

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


SIGNS = {1: "+", -1: "-", 0: "0"}
WIDE_MIN = 24
"""A wrapping column (an evidence quote) keeps at least this width, however narrow the screen."""


class Output(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    TSV = "tsv"


@dataclass
class Grid:
    """One table of an answer: a title, column names and rows of full, unshortened text.

    ``wide`` names the columns of long text (quotes) that wrap onto more lines
    rather than be cut or dropped when the screen is narrow.
    """

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    wide: frozenset[str] = field(default_factory=frozenset)


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


def one_line(text: str | None) -> str:
    """``text`` with its runs of whitespace (line breaks included) as single spaces.

    >>> one_line("a  quote\\n over two lines")
    'a quote over two lines'
    """
    return " ".join((text or "").split())


def cell(value: Any) -> str:
    return "" if value is None else str(value)


def shown(value: Any) -> Text:
    """A cell as the terminal shows it: control characters escaped, never read as markup."""
    return Text(printable(cell(value)))


def table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A rich table on the console, or its title and "none"."""
    print_grid(Grid(title, columns, list(rows)))


def print_grid(grid: Grid) -> None:
    """A rich table whose columns wrap and are never cut; where the screen is too narrow
    for that, each row as a block of "column  value" lines (the long text wrapped)."""
    if not grid.rows:
        console.print(f"[dim]{escape(printable(grid.title))}: none[/dim]", highlight=False)
        return
    widths = column_widths(grid, console.width)
    if widths is None:
        _print_blocks(grid)
        return
    result = Table(title=Text(printable(grid.title)), title_justify="left")
    for name, width in zip(grid.columns, widths, strict=True):
        result.add_column(name, overflow="fold", width=width)
    for row in grid.rows:
        result.add_row(*(shown(value) for value in row))
    console.print(result, highlight=False)


def column_widths(grid: Grid, screen: int) -> list[int] | None:
    """Widths for the columns of ``grid`` on a ``screen`` that wide, or None if it cannot
    show them without breaking words or giving a long-text column under ``WIDE_MIN``.

    Each column starts as wide as its longest line; the widest short columns give up
    room, down to their longest word, until the long-text columns have a fair share
    (two fifths of the screen) or, failing that, ``WIDE_MIN``.

    >>> row = ("Syrian Arab Army", "+2.20", "x " * 40)
    >>> grid = Grid("t", ("actor", "stance", "evidence"), [row], wide=frozenset({"evidence"}))
    >>> column_widths(grid, 100), column_widths(grid, 50), column_widths(grid, 40)
    ([16, 6, 68], [10, 6, 24], None)
    """
    room = screen - 3 * len(grid.columns) - 1
    columns = [
        [*(printable(cell(row[n])) for row in grid.rows), name]
        for n, name in enumerate(grid.columns)
    ]
    natural = [
        max(len(line) for v in values for line in v.splitlines() or [""]) for values in columns
    ]
    least = [max((len(w) for v in values for w in v.split()), default=1) for values in columns]
    wide = [n for n, name in enumerate(grid.columns) if name in grid.wide]
    fair = max(WIDE_MIN, room * 2 // 5 // max(len(wide), 1))
    for reserve in (fair, WIDE_MIN):  # a fair share of the screen for long text, else its least
        widths = [
            min(reserve, natural[n]) if n in wide else natural[n] for n in range(len(columns))
        ]
        while sum(widths) > room:
            shrinkable = [n for n in range(len(widths)) if n not in wide and widths[n] > least[n]]
            if not shrinkable:
                break
            n = max(shrinkable, key=lambda i: widths[i])
            widths[n] -= 1
        if sum(widths) <= room:
            for n in wide:  # the long text takes what is left, up to its own length
                widths[n] = min(natural[n], widths[n] + (room - sum(widths)) // len(wide))
            return widths
    return None


def _print_blocks(grid: Grid) -> None:
    console.print(f"[italic]{escape(printable(grid.title))}[/italic]", highlight=False)
    label = max(map(len, grid.columns[1:]), default=0)
    for row in grid.rows:
        block = Table.grid(padding=(0, 2))
        block.add_column(style="dim", min_width=label, no_wrap=True)
        block.add_column(overflow="fold")
        for name, value in zip(grid.columns[1:], row[1:], strict=True):
            block.add_row(name, shown(value))
        console.print(f"[bold]{escape(printable(cell(row[0])))}[/bold]", highlight=False)
        console.print(Padding(block, (0, 0, 0, 2)), highlight=False)


def write_rows(grid: Grid, delimiter: str) -> None:
    out = csv.writer(sys.stdout, delimiter=delimiter, lineterminator="\n")
    out.writerow(grid.columns)
    for row in grid.rows:
        out.writerow([cell(value) for value in row])


def show(
    output: Output,
    answer: Any,
    grids: Sequence[Grid] | Callable[[], Sequence[Grid]],
    *,
    human: Callable[[], None] | None = None,
) -> None:
    """The answer in the format asked for.

    JSON is ``answer`` whole. CSV and TSV are the ``grids`` one after another,
    a blank line between, every row and every value in full. A table is the
    grids as rich tables, or ``human`` when the answer reads better as text.
    """
    if output is Output.JSON:
        emit_json(answer)
        return
    tables = grids() if callable(grids) else grids
    if output in (Output.CSV, Output.TSV):
        for n, grid in enumerate(tables):
            if n:
                print()
            write_rows(grid, "," if output is Output.CSV else "\t")
        return
    if human is not None:
        human()
        return
    for grid in tables:
        print_grid(grid)
