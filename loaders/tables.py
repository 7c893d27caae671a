"""Reading delimited event exports row by row, with line numbers and clear errors."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from graph.errors import LoadError, WrongFormat
from loaders.source import BadRecord, Item, guard

csv.field_size_limit(16 * 1024 * 1024)


Row = dict[str, str]


def read_rows(
    path: Path, required: Iterable[str], format_name: str, delimiter: str = ","
) -> Iterator[tuple[int, Row | BadRecord]]:
    """``(line, row)`` for each data row of a CSV file with a header, streamed.

    The header must hold every ``required`` column (in any order, any case);
    otherwise the file is refused before any row is read. A leading index
    column (a pandas export: an empty or ``Unnamed: 0`` header cell, or no
    header cell and a number in every row) is left out. A row of the wrong
    width comes as a :class:`BadRecord` in place of the row.
    """
    try:
        handle = path.open("r", encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise LoadError(str(path), f"cannot read file: {exc}") from None
    with handle:
        # tab-separated exports (ICEWS) are not quoted: a '"' is part of the text
        if delimiter == "\t":
            reader = csv.reader(handle, delimiter=delimiter, quoting=csv.QUOTE_NONE)
        else:
            reader = csv.reader(handle, delimiter=delimiter)
        try:
            header = [c.strip().lower() for c in next(reader, [])]
        except (csv.Error, UnicodeDecodeError) as exc:
            raise LoadError(str(path), f"not a CSV file: {exc}", record=1) from None
        missing = [c for c in required if c not in header]
        if missing:
            raise WrongFormat(
                str(path),
                f"not a {format_name} file: missing columns {', '.join(missing)}; "
                f"expected a header with {', '.join(required)}",
                record=1,
            )
        line = reader.line_num
        indexed = bool(header) and header[0] in {"", "unnamed: 0"}  # a pandas index column
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                raise LoadError(str(path), f"malformed CSV: {exc}", record=line + 1) from None
            start, line = line + 1, reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) == len(header) + 1 and values[0].strip().isdigit() and not indexed:
                header, indexed = ["", *header], True  # an index column with no header cell
            if len(values) != len(header):
                yield (
                    start,
                    BadRecord(f"{len(values)} fields, expected {len(header)} as in the header"),
                )
                continue
            cells = (
                zip(header[1:], values[1:], strict=True)
                if indexed
                else zip(header, values, strict=True)
            )
            yield start, {k: v.strip() for k, v in cells}


_FORMATS = ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%Y%m%d", "%d/%m/%Y")


def read_events(
    path: Path,
    required: Iterable[str],
    format_name: str,
    event: Callable[[str, Row | BadRecord], Item],
    delimiter: str = ",",
) -> Iterator[Item]:
    """One item per data row of a CSV event export: ``event(record, row)``, or a rejection.

    ``record`` names the row for errors (``"line 7"``); a row ``event`` refuses
    with :class:`BadRecord` becomes a :class:`~loaders.source.Rejected`.
    """
    for line, row in read_rows(path, required, format_name, delimiter):
        record = f"line {line}"
        # guard calls the lambda before the loop moves on: it reads this row's values
        yield from guard(record, row, lambda: [event(record, row)])  # noqa: B023


def parse_date(value: str, field: str) -> date:
    """A date in any of the forms event exports use.

    >>> parse_date("2020-05-07", "event_date"), parse_date("7-May-20", "event_date")
    (datetime.date(2020, 5, 7), datetime.date(2020, 5, 7))
    >>> parse_date("07 May 2020", "d"), parse_date("2017-01-03 00:00:00.000", "d")
    (datetime.date(2020, 5, 7), datetime.date(2017, 1, 3))
    >>> parse_date("May 2020", "event_date")
    Traceback (most recent call last):
    ...
    loaders.source.BadRecord: expected a date like 2020-05-07 or 7-May-20, got 'May 2020'
    """
    text = value.strip()
    text = re.sub(r"[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$", "", text)
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise BadRecord(f"expected a date like 2020-05-07 or 7-May-20, got {value!r}", field)


def number(value: str, field: str, kind: type = float) -> float | int | None:
    """A number, or None for an empty cell."""
    if not value.strip():
        return None
    try:
        return kind(value)
    except ValueError:
        raise BadRecord(f"expected a number, got {value!r}", field) from None
