"""Rendering answers for people (rich tables that wrap) and pipelines (JSON, CSV, TSV)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table

console = Console()
errors = Console(stderr=True, soft_wrap=True)

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


def table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A rich table on the console, or its title and "none"."""
    print_grid(Grid(title, columns, list(rows)))


def print_grid(grid: Grid) -> None:
    """A rich table whose columns wrap and are never cut; where the screen is too narrow
    for that, each row as a block of "column  value" lines (the long text wrapped)."""
    if not grid.rows:
        console.print(f"[dim]{grid.title}: none[/dim]", highlight=False)
        return
    widths = column_widths(grid, console.width)
    if widths is None:
        _print_blocks(grid)
        return
    shown = Table(title=grid.title, title_justify="left")
    for name, width in zip(grid.columns, widths, strict=True):
        shown.add_column(name, overflow="fold", width=width)
    for row in grid.rows:
        shown.add_row(*(cell(value) for value in row))
    console.print(shown, highlight=False)


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
    columns = [[*(cell(row[n]) for row in grid.rows), name] for n, name in enumerate(grid.columns)]
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
    console.print(f"[italic]{grid.title}[/italic]", highlight=False)
    label = max(map(len, grid.columns[1:]), default=0)
    for row in grid.rows:
        block = Table.grid(padding=(0, 2))
        block.add_column(style="dim", min_width=label, no_wrap=True)
        block.add_column(overflow="fold")
        for name, value in zip(grid.columns[1:], row[1:], strict=True):
            block.add_row(name, cell(value))
        console.print(f"[bold]{escape(cell(row[0]))}[/bold]", highlight=False)
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
