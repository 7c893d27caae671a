"""ACLED CSV exports, current and legacy layouts: each event a source document.

actor1 against actor2 makes the claim the mapping table gives for the event
type (and sub-event type); actors listed together (``assoc_actor_N``, or
``ally_actor_N`` in the legacy layout) cooperate. ``;``-separated names are
split; period-suffixed names ("Military Forces of Iraq (2014-)") resolve
without the period, which the claim keeps. Streams the file row by row.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from graph.model import Actor, ActorKind, Article, Place, slugify
from loaders.events import Stated, event_document
from loaders.mapping import Mapping, event_rule
from loaders.place import place
from loaders.source import BadRecord, Item, Resolver, split_names, split_period
from loaders.tables import Row, number, parse_date, read_events

REQUIRED = ("event_id_cnty", "event_date", "event_type", "actor1", "actor2")
CURRENT = ("sub_event_type", "assoc_actor_1", "assoc_actor_2", "inter1", "inter2")
LEGACY = ("ally_actor_1", "ally_actor_2", "inter1", "inter2")


def expects() -> str:
    return (
        f"{', '.join(REQUIRED)} and either {', '.join(CURRENT)} (current layout) "
        f"or {', '.join(LEGACY)} (legacy layout)"
    )


def read(path: Path, resolver: Resolver, mapping: Mapping) -> Iterator[Item]:
    return read_events(path, REQUIRED, "ACLED", lambda r, row: _event(r, row, resolver, mapping))


def _actors(
    names: str, inter: str, resolver: Resolver, mapping: Mapping, field: str
) -> list[tuple[Actor, str | None]]:
    kind = (mapping.section("inter").get(inter.strip()) or {}).get("kind", ActorKind.OTHER)
    found = []
    for full in split_names(names):
        name, period = split_period(full)
        if not name:
            raise BadRecord(f"{full!r} is not an actor name", field)
        actor = resolver.actor(name, kind=kind, external_ids={"acled": full})
        found.append((actor, period))
    return found


def _event(record: str, row: Row | BadRecord, resolver: Resolver, mapping: Mapping) -> Item:
    if isinstance(row, BadRecord):
        raise row
    event_id = row["event_id_cnty"]
    if not event_id:
        raise BadRecord("expected an event id", "event_id_cnty")
    day = parse_date(row["event_date"], "event_date")
    event_type, sub_type = row["event_type"], row.get("sub_event_type", "")
    rule = event_rule(mapping.section("events"), event_type, sub_type, "event_type")
    legacy = "ally_actor_1" in row and "assoc_actor_1" not in row
    together_1 = row.get("ally_actor_1" if legacy else "assoc_actor_1", "")
    together_2 = row.get("ally_actor_2" if legacy else "assoc_actor_2", "")
    side1 = _actors(row["actor1"], row.get("inter1", ""), resolver, mapping, "actor1")
    side2 = _actors(row["actor2"], row.get("inter2", ""), resolver, mapping, "actor2")
    with1 = _actors(together_1, row.get("inter1", ""), resolver, mapping, "assoc_actor_1")
    with2 = _actors(together_2, row.get("inter2", ""), resolver, mapping, "assoc_actor_2")
    stated: list[Stated] = []
    if rule:
        for a, pa in side1:
            for b, pb in side2:
                periods = {k: v for k, v in (("source_period", pa), ("target_period", pb)) if v}
                stated.append(Stated(a, b, rule["type"], rule.get("mode"), periods))
    together = mapping.get("together") or {}
    if together:
        for main, allies in ((side1, with1), (side2, with2)):
            for a, pa in main:
                for b, pb in allies:
                    periods = {k: v for k, v in (("source_period", pa), ("target_period", pb)) if v}
                    stated.append(Stated(a, b, together["type"], together.get("mode"), periods))
    location = ", ".join(p for p in (row.get("location"), row.get("country")) if p)
    title = " - ".join(p for p in (event_type, sub_type) if p) + (
        f" in {location}" if location else ""
    )
    notes = row.get("notes") or None
    article = Article(
        id=f"acled-{slugify(event_id)}",
        title=title,
        publisher=row.get("source") or None,
        published=day,
        text=notes,
        kind="event",
    )
    attributes = {
        "acled_event_type": event_type,
        "fatalities": number(row.get("fatalities", ""), "fatalities", int),
    }
    if sub_type:
        attributes["acled_sub_event_type"] = sub_type
    if not rule:
        why = f"{event_type} / {sub_type or '-'} makes no claim in the mapping"
    else:
        why = "no actor2 and no actors listed together"
    return event_document(
        record,
        article,
        stated,
        resolver,
        mapping,
        quote=notes,
        empty=why,
        attributes={k: v for k, v in attributes.items() if v is not None},
        place=_place(row, mapping),
    )


def _place(row: Row, mapping: Mapping) -> Place | None:
    return place(
        name=row.get("location"),
        admin1=row.get("admin1"),
        admin2=row.get("admin2"),
        country=row.get("iso3") or row.get("iso") or row.get("country"),
        latitude=(row.get("latitude"), "latitude"),
        longitude=(row.get("longitude"), "longitude"),
        precision=row.get("geo_precision"),
        scale=mapping.section("geo_precision"),
    )
