"""POLECAT event files: PLOVER-coded events, tab-separated with a header row.

Each row is one event: Actor Name does what its PLOVER Event Type (and Event
Mode) says to Recipient Name, through the mapping table; Contexts, Intensity
and Quad Code are kept. Names listed together (``;``) are each a party. An
actor's kind comes from its sectors; Placename, City, District, Province,
Country, Latitude, Longitude and Feature Type are the claim's place. Rows
whose type makes no claim are skipped and counted. Streams the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from graph.model import Actor, Article, Place, slugify
from loaders.events import Stated, event_document
from loaders.mapping import Mapping, event_rule
from loaders.place import country_code, place
from loaders.source import BadRecord, Item, Resolver, Skipped, split_names
from loaders.tables import Row, number, parse_date, read_events

REQUIRED = (
    "event id",
    "event date",
    "event type",
    "event mode",
    "actor name",
    "actor country",
    "actor sectors",
    "recipient name",
    "recipient country",
    "recipient sectors",
)
EMPTY = {"", "NA", "None", "NULL"}
SIGNATURE = {"event type", "event mode", "actor name", "recipient name"}
"""Header columns that tell a POLECAT file from other tab-separated exports."""


def read(path: Path, resolver: Resolver, mapping: Mapping) -> Iterator[Item]:
    return read_events(
        path, REQUIRED, "POLECAT", lambda r, row: _event(r, row, resolver, mapping), delimiter="\t"
    )


def _cell(row: Row, column: str) -> str:
    value = row.get(column, "").strip()
    return "" if value in EMPTY else value


def _actors(row: Row, side: str, resolver: Resolver, mapping: Mapping) -> list[Actor]:
    sectors = mapping.section("sectors")
    primary = _cell(row, f"primary {side} sector")
    listed = [primary, *split_names(_cell(row, f"{side} sectors"), ",")]
    kind = next((sectors[s]["kind"] for s in listed if s in sectors), "other")
    code = country_code(_cell(row, f"{side} country"))
    extra: dict[str, object] = {"country": code} if code else {}
    found = []
    for name in split_names(_cell(row, f"{side} name")):
        found.append(resolver.actor(name, kind=kind, external_ids={"polecat": name}, **extra))
    return found


def _event(record: str, row: Row | BadRecord, resolver: Resolver, mapping: Mapping) -> Item:
    if isinstance(row, BadRecord):
        raise row
    event_id = _cell(row, "event id")
    if not event_id:
        raise BadRecord("expected an event id", "Event ID")
    day = parse_date(_cell(row, "event date"), "Event Date")
    event_type, mode = _cell(row, "event type").upper(), _cell(row, "event mode").lower()
    rule = event_rule(mapping.section("events"), event_type, mode, "Event Type")
    if not rule:
        return Skipped(record, f"{event_type} / {mode or '-'} makes no claim in the mapping")
    sources = _actors(row, "actor", resolver, mapping)
    targets = _actors(row, "recipient", resolver, mapping)
    if not sources or not targets:
        return Skipped(record, "fewer than two actors")
    article = Article(
        id=f"polecat-{slugify(event_id)}",
        title=f"{event_type}{' / ' + mode if mode else ''}: "
        f"{', '.join(a.name for a in sources)} -> {', '.join(a.name for a in targets)}",
        publisher=_cell(row, "source") or None,
        published=day,
        kind="event",
    )
    attributes = {
        "plover_event": event_type,
        "plover_mode": mode or None,
        "plover_contexts": _cell(row, "contexts") or None,
        "intensity": number(_cell(row, "intensity") or _cell(row, "event intensity"), "Intensity"),
        "quad_code": _cell(row, "quad code") or None,
    }
    stated = [Stated(a, b, rule["type"], rule.get("mode")) for a in sources for b in targets]
    return event_document(
        record,
        article,
        stated,
        resolver,
        mapping,
        attributes={k: v for k, v in attributes.items() if v is not None},
        place=_place(row, mapping),
    )


def _place(row: Row, mapping: Mapping) -> Place | None:
    feature = _cell(row, "feature type").upper()
    scale = mapping.section("feature_types")
    prefix = next((p for p in scale if feature.startswith(p)), "") if feature else ""
    return place(
        name=_cell(row, "placename") or _cell(row, "city") or None,
        admin1=_cell(row, "province") or None,
        admin2=_cell(row, "district") or None,
        country=_cell(row, "country") or None,
        latitude=(row.get("latitude"), "Latitude"),
        longitude=(row.get("longitude"), "Longitude"),
        precision=prefix or None,
        scale=scale,
    )
