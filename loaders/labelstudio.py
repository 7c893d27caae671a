"""Label Studio JSON exports: a list of tasks, each a text with its annotations.

Span results (``"type": "labels"``, ``value.start/end/labels``) are entities;
relation results (``from_id``, ``to_id``, ``direction``, ``labels``) are
links: ``right`` reads from -> to, ``left`` to -> from, ``bi`` both ways. The
latest annotation that was not cancelled counts. Task data may give
``title``, ``url``, ``publisher`` and ``published``/``date``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from graph.errors import LoadError, WrongFormat
from graph.model import Article, slugify
from loaders.annotations import Entity, Link, document
from loaders.mapping import Mapping
from loaders.reading import MAX_DEPTH, check_shape
from loaders.source import BadRecord, Item, Rejected, Resolver, Skipped, guard
from loaders.tables import parse_date


def read(path: Path, resolver: Resolver, mapping: Mapping) -> Iterator[Item]:
    for i, task in tasks(Path(path)):
        record = f"[{i}]"
        # guard calls the lambda before the loop moves on: it reads this task's values
        yield from guard(record, None, lambda: list(_task(record, task, resolver, mapping)))  # noqa: B023


def tasks(path: Path) -> Iterator[tuple[int, Any]]:
    """The tasks of an export one at a time: the file is never read whole.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "x.json").write_text('[{"id": 1}, {"id": 2}]')
    ...     list(tasks(Path(d) / "x.json"))
    [(0, {'id': 1}), (1, {'id': 2})]
    """
    try:
        handle = path.open("r", encoding="utf-8-sig")
    except OSError as exc:
        raise LoadError(str(path), f"cannot read file: {exc}") from None
    with handle:
        stream = _Stream(handle, str(path))
        if stream.next_char() != "[":
            raise WrongFormat(
                str(path), "expected a Label Studio JSON export: a list of tasks", record=1
            )
        stream.pos += 1
        if stream.next_char() == "]":
            stream.pos += 1
        else:
            n = 0
            while True:
                yield n, stream.value()
                n += 1
                found = stream.next_char()
                stream.pos += 1
                if found == "]":
                    break
                if found != ",":
                    raise stream.error(f"invalid JSON: expected ',' or ']' after task [{n - 1}]")
        if stream.next_char():
            raise stream.error("invalid JSON: extra data after the list of tasks")


class _Stream:
    """A text file read in chunks, decoded one JSON value at a time, with line numbers."""

    def __init__(self, handle: TextIO, name: str) -> None:
        self.handle, self.name = handle, name
        self.buf, self.pos, self.line, self.eof = "", 0, 1, False
        self.decoder = json.JSONDecoder()

    def _more(self, size: int = 1 << 16) -> bool:
        try:
            chunk = self.handle.read(size)
        except UnicodeDecodeError as exc:
            raise LoadError(self.name, f"cannot read file: {exc}") from None
        if not chunk:
            self.eof = True
            return False
        self.line += self.buf.count("\n", 0, self.pos)
        self.buf, self.pos = self.buf[self.pos :] + chunk, 0
        return True

    def next_char(self) -> str:
        """The next character that is not a blank ("" at the end), left unread."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def value(self) -> Any:
        self.next_char()
        size = 1 << 16
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self.eof:
                    raise self.error(f"invalid JSON: {exc.msg}", exc.pos) from None
                size *= 2  # a large task: read on in growing chunks
                self._more(size)
                continue
            except RecursionError:
                raise self.error(f"a task nested deeper than {MAX_DEPTH} levels") from None
            if end == len(self.buf) and not self.eof and self._more(size):
                continue  # a number may go on in the next chunk
            check_shape(value, self.name, record=self.line + self.buf.count("\n", 0, self.pos))
            self.pos = end
            return value

    def error(self, message: str, at: int | None = None) -> LoadError:
        at = self.pos if at is None else at
        return LoadError(self.name, message, record=self.line + self.buf.count("\n", 0, at))


def _task(record: str, task: Any, resolver: Resolver, mapping: Mapping) -> Iterator[Item]:
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise BadRecord("expected a task with 'data'", "data")
    data = task["data"]
    text = data.get(mapping.get("text_field") or "text")
    if not isinstance(text, str) or not text:
        raise BadRecord("expected the task text in data.text", "data.text")
    annotations = [
        a
        for a in task.get("annotations") or []
        if isinstance(a, dict) and not a.get("was_cancelled")
    ]
    if not annotations:
        yield Skipped(record, "no annotation")
        return
    results = annotations[-1].get("result") or []
    entities: dict[str, Entity] = {}
    links: list[Link] = []
    for j, result in enumerate(results):
        where = f"{record}.annotations[-1].result[{j}]"
        try:
            _result(where, result, text, entities, links)
        except BadRecord as exc:
            yield Rejected(where, exc.reason, exc.field)
    day = data.get("published") or data.get("date")
    task_id = task.get("id", record.strip("[]"))
    article = Article(
        id=f"ls-{slugify(str(task_id))}",
        title=str(data.get("title") or text.strip().splitlines()[0][:200]),
        url=data.get("url") or None,
        publisher=data.get("publisher") or None,
        published=parse_date(str(day), "data.published") if day else None,
        text=text,
    )
    yield from document(article, entities, links, resolver, mapping)


def _result(
    where: str, result: Any, text: str, entities: dict[str, Entity], links: list[Link]
) -> None:
    if not isinstance(result, dict):
        raise BadRecord("expected a result object", "result")
    kind = result.get("type")
    if kind == "relation":
        source, target = result.get("from_id"), result.get("to_id")
        labels = result.get("labels") or []
        if not source or not target or not labels:
            raise BadRecord("expected from_id, to_id and labels", "labels")
        direction = result.get("direction", "right")
        if direction not in {"right", "left", "bi"}:
            raise BadRecord(f"expected direction right, left or bi, got {direction!r}", "direction")
        pairs = {"right": [(source, target)], "left": [(target, source)]}.get(
            direction, [(source, target), (target, source)]
        )
        links.extend(Link(where, label, s, t) for label in labels for s, t in pairs)
        return
    value = result.get("value")
    if not isinstance(value, dict) or "labels" not in value:
        return  # choices, ratings, text areas: not spans
    start, end, labels = value.get("start"), value.get("end"), value.get("labels")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        raise BadRecord(f"expected a span inside the text, got {start}..{end}", "value.start")
    if not labels:
        raise BadRecord("expected at least one label", "value.labels")
    if "text" in value and " ".join(str(value["text"]).split()) != " ".join(
        text[start:end].split()
    ):
        raise BadRecord(
            f"span reads {text[start:end]!r}, value.text says {value['text']!r}", "value.text"
        )
    key = result.get("id") or where
    entities[key] = Entity(key, labels[0], ((start, end),))
