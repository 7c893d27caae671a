"""GDELT event exports, 1.0 (57 or 58 columns) and 2.0 (61), tab-separated, no header.

The CAMEO event code maps to the vocabulary (longest listed prefix first),
QuadClass gives the mode, the GoldsteinScale and mention counts are kept;
Actor1/Actor2 resolve through the gazetteer by code, then by name. SOURCEURL
(when the row has one) is the article. Rows without two actors, or whose
code makes no claim, are skipped and counted. Streams the file row by row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from graph.errors import LoadError, WrongFormat
from graph.model import Actor, Article, slugify
from loaders.events import Stated, event_document
from loaders.mapping import Mapping
from loaders.source import BadRecord, Item, Resolver, Skipped, guard
from loaders.tables import number, parse_date

EXPECTS = "a GDELT event export: tab-separated, no header, 57, 58 (1.0) or 61 (2.0) columns"

# (first columns shared by both generations); geography differs after column 35
ID, SQLDATE = 0, 1
ACTOR1, ACTOR2 = 5, 15  # Code, Name, CountryCode, KnownGroup, Ethnic, Rel1, Rel2, Type1..3
ROOT_EVENT, EVENT_CODE, QUAD_CLASS, GOLDSTEIN = 25, 26, 29, 30
NUM_MENTIONS, NUM_SOURCES, NUM_ARTICLES = 31, 32, 33
SOURCE_URL = {57: None, 58: 57, 61: 60}


def looks_like(head: str) -> bool:
    """Whether the first line of ``head`` is a GDELT event row."""
    first = head.splitlines()[0] if head else ""
    cells = first.split("\t")
    return len(cells) in SOURCE_URL and cells[0].isdigit() and len(cells[1]) == 8


def read(path: Path, resolver: Resolver, mapping: Mapping) -> Iterator[Item]:
    try:
        handle = path.open("r", encoding="utf-8", errors="replace", newline="")
    except OSError as exc:
        raise LoadError(str(path), f"cannot read file: {exc}") from None
    with handle:
        for line, cells in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if line == 1 and (len(cells) not in SOURCE_URL or not cells[0].isdigit()):
                raise WrongFormat(str(path), f"not a GDELT export: expected {EXPECTS}", record=1)
            if not cells or cells == [""]:
                continue
            record = f"line {line}"
            raw = "\t".join(cells)
            # guard calls the lambda before the loop moves on: it reads this line's values
            yield from guard(record, raw, lambda: [_row(record, cells, resolver, mapping)])  # noqa: B023


def _cameo(code: str, mapping: Mapping) -> dict | None:
    table = mapping.section("cameo")
    for size in range(len(code), 1, -1):
        if code[:size] in table:
            return table[code[:size]]
    return None


def _actor(cells: list[str], at: int, resolver: Resolver, mapping: Mapping) -> Actor | None:
    code, name = cells[at].strip(), cells[at + 1].strip()
    if not name:
        return None
    types = [t for t in cells[at + 7 : at + 10] if t.strip()]
    kinds = mapping.section("actor_types")
    kind = next((kinds[t]["kind"] for t in types if t in kinds), None)
    if code:
        known = resolver.lookup(code)
        if known is not None:
            return known
    country = cells[at + 2].strip()
    if len(code) == 3 and code == country:
        # A country as such (CAN for "CANADA", "CANADIAN", ...): one actor per code.
        return resolver.actor(name, kind=kind or "state", external_ids={"gdelt": code})
    if not types or not code:
        # A generic role or religion (OPP "ACTIVIST", MOS "ISLAM"): the name alone.
        return resolver.actor(name, kind=kind or "other")
    return resolver.actor(f"{name} ({code})", kind=kind or "other", external_ids={"gdelt": code})


def _row(record: str, cells: list[str], resolver: Resolver, mapping: Mapping) -> Item:
    width = len(cells)
    if width not in SOURCE_URL:
        raise BadRecord(f"{width} columns, expected 57, 58 or 61", "columns")
    event_id = cells[ID].strip()
    if not event_id.isdigit():
        raise BadRecord(f"expected a numeric GLOBALEVENTID, got {event_id!r}", "GLOBALEVENTID")
    day = parse_date(cells[SQLDATE], "SQLDATE")
    source = _actor(cells, ACTOR1, resolver, mapping)
    target = _actor(cells, ACTOR2, resolver, mapping)
    if source is None or target is None:
        return Skipped(record, "fewer than two actors")
    code = cells[EVENT_CODE].strip()
    rule = _cameo(code, mapping)
    if rule is None:
        return Skipped(record, f"CAMEO root {code[:2] or '-'} makes no claim in the mapping")
    mode = mapping.section("quad_class").get(cells[QUAD_CLASS].strip()) or rule.get("mode")
    column = SOURCE_URL[width]
    url = cells[column].strip() if column is not None else ""
    attributes = {
        "cameo": code,
        "quad_class": number(cells[QUAD_CLASS], "QuadClass", int),
        "goldstein": number(cells[GOLDSTEIN], "GoldsteinScale"),
        "num_mentions": number(cells[NUM_MENTIONS], "NumMentions", int),
        "num_sources": number(cells[NUM_SOURCES], "NumSources", int),
        "num_articles": number(cells[NUM_ARTICLES], "NumArticles", int),
        "root_event": cells[ROOT_EVENT].strip() == "1",
    }
    article = Article(
        id=f"gdelt-{slugify(event_id)}",
        title=f"{cells[ACTOR1 + 1]} / CAMEO {code} / {cells[ACTOR2 + 1]}",
        url=url or None,
        publisher=None,
        published=day,
        kind="event",
    )
    return event_document(
        record,
        article,
        [Stated(source, target, rule["type"], mode)],
        resolver,
        mapping,
        attributes={k: v for k, v in attributes.items() if v is not None},
    )
