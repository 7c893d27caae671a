"""Reading what an input names, within bounds: the one place files and nesting are checked.

Every loader that reads a whole text file goes through :func:`read_text`;
an article's ``text_file`` (and a brat ``.ann``'s ``.txt``) through
:func:`read_text_file`, which also keeps it inside the folder of the
document that names it. Parsed JSON and YAML go through :func:`check_shape`,
so that no document nests deeper than :data:`MAX_DEPTH` or holds more than
:data:`MAX_VALUES` values (a YAML alias bomb included). Each failure is a
:class:`~graph.errors.LoadError` naming the file, record and field.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import yaml

from graph.errors import LoadError

MAX_TEXT_BYTES = 20_000_000
"""Default cap on one text file (the ``max_text_file_bytes`` setting)."""
MAX_DEPTH = 64
"""Deepest nesting of lists and mappings a JSON or YAML document may have."""
MAX_VALUES = 2_000_000
"""Most values (strings, numbers, lists, mappings) in one JSON or YAML document."""


def read_text(
    path: Path,
    *,
    max_bytes: int = MAX_TEXT_BYTES,
    source: str | None = None,
    record: str | None = None,
    field: str | None = None,
    encoding: str = "utf-8",
    shown: str | None = None,
) -> str:
    """The text of the regular file ``path``, if it is at most ``max_bytes`` and valid UTF-8.

    Never reads more than ``max_bytes`` + 1 bytes, whatever ``path`` is. Errors
    name the file as ``shown`` (default: ``path``).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "a.txt").write_bytes(b"\\xff\\xfe")
    ...     read_text(Path(d) / "a.txt")
    Traceback (most recent call last):
    ...
    graph.errors.LoadError: ...a.txt: cannot read ...a.txt: not UTF-8 text (byte 0)
    """
    where, shown = source or str(path), shown or str(path)

    def fail(message: str) -> LoadError:
        return LoadError(where, f"cannot read {shown}: {message}", record=record, field=field)

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise fail(str(exc.strerror or exc)) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise fail("not a regular file")
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise fail(f"over the limit of {max_bytes:,} bytes")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise fail(f"not UTF-8 text (byte {exc.start})") from None


def read_text_file(
    folder: Path | None,
    name: str,
    *,
    source: str,
    record: str,
    field: str,
    max_bytes: int = MAX_TEXT_BYTES,
) -> str:
    """The text file ``name`` that a document in ``folder`` names, read by :func:`read_text`.

    ``name`` must be relative and stay inside ``folder`` once every symbolic
    link is followed; with no ``folder`` (a document that came over HTTP)
    no file may be named at all. The error says what was wrong with the name
    without telling whether anything exists outside.

    >>> read_text_file(Path("."), "/etc/hostname", source="doc.json", record="article",
    ...                field="text_file")
    Traceback (most recent call last):
    ...
    graph.errors.LoadError: doc.json: record article: field text_file: expected a path \
relative to the document's folder, got an absolute one
    """

    def fail(message: str) -> LoadError:
        return LoadError(source, message, record=record, field=field)

    if folder is None:
        raise fail("a text file cannot be named here; give the article text inline as 'text'")
    relative = Path(name)
    if relative.is_absolute() or name.startswith(("/", "\\")):
        raise fail("expected a path relative to the document's folder, got an absolute one")
    if ".." in relative.parts:
        raise fail("expected a path inside the document's folder, got one with '..'")
    if "\x00" in name:
        raise fail("expected a file name, got one with a NUL character")
    root = folder.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise fail("expected a file inside the document's folder; it links outside it")
    return read_text(
        target, max_bytes=max_bytes, source=source, record=record, field=field, shown=name
    )


def check_shape(value: Any, source: str, *, record: str | int | None = None) -> Any:
    """``value`` if it nests at most :data:`MAX_DEPTH` deep and holds at most :data:`MAX_VALUES`.

    >>> check_shape([[1]], "a.json")
    [[1]]
    >>> nested: list = []
    >>> for _ in range(100):
    ...     nested = [nested]
    >>> check_shape(nested, "a.json")
    Traceback (most recent call last):
    ...
    graph.errors.LoadError: a.json: nested deeper than 64 levels
    """
    seen, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            raise LoadError(source, f"over {MAX_VALUES:,} values in one document", record=record)
        if isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                raise LoadError(source, f"nested deeper than {MAX_DEPTH} levels", record=record)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return value


def parse_json(text: str | bytes, source: str, *, record: str | int | None = None) -> Any:
    """JSON text (a UTF-8 byte order mark allowed) to a value, bounded by :func:`check_shape`."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LoadError(source, f"not UTF-8 text (byte {exc.start})", record=record) from None
    try:
        value = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        line = exc.lineno if record is None else record
        raise LoadError(source, f"invalid JSON: {exc.msg}", record=line) from None
    except RecursionError:
        raise LoadError(source, f"nested deeper than {MAX_DEPTH} levels", record=record) from None
    return check_shape(value, source, record=record)


def parse_yaml(text: str, source: str) -> Any:
    """YAML text (safe tags only) to a value, bounded by :func:`check_shape`."""
    try:
        value = yaml.safe_load(text.removeprefix("\ufeff"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise LoadError(source, f"invalid YAML: {exc}", record=line) from None
    except RecursionError:
        raise LoadError(source, f"nested deeper than {MAX_DEPTH} levels") from None
    return check_shape(value, source)


def read_data(path: Path, *, max_bytes: int = MAX_TEXT_BYTES) -> Any:
    """The value of a JSON (``.json``) or else YAML file, read by :func:`read_text`, parsed
    by :func:`parse_json` or :func:`parse_yaml`."""
    text = read_text(path, max_bytes=max_bytes)
    if path.suffix.lower() == ".json":
        return parse_json(text, str(path))
    return parse_yaml(text, str(path))
