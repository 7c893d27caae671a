"""Rendering results for people (rich tables) and machines (JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

console = Console()
errors = Console(stderr=True, soft_wrap=True)

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
    grid = Table(title=title, title_justify="left", show_lines=False)
    for n, column in enumerate(columns):
        last = n == len(columns) - 1
        grid.add_column(column, overflow="fold", no_wrap=not last, ratio=1 if last else None)
    count = 0
    for row in rows:
        grid.add_row(*(str(cell) for cell in row))
        count += 1
    if count:
        console.print(grid)
    else:
        console.print(f"[dim]{title}: none[/dim]")
