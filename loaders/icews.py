"""ICEWS coded event files as published on Dataverse: tab-separated, a header row.

Each row is one event: Source Name does what the CAMEO Code says to Target
Name (through the CAMEO table, as GDELT's), with Intensity, Story ID and
Sentence Number kept. An actor's kind comes from its sectors (ICEWS sector ->
CAMEO role -> kind); an actor named as its country is a state. City, District,
Province, Country, Latitude and Longitude are the claim's place. Rows whose
code makes no claim are skipped and counted. Streams the file row by row.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from graph.model import Actor, Article, Place, slugify
from loaders.events import Stated, event_document
from loaders.mapping import Mapping, longest_prefix, read_mapping
from loaders.place import country_code, place
from loaders.source import BadRecord, Item, Resolver, Skipped
from loaders.tables import Row, number, parse_date, read_events

REQUIRED = (
    "event id",
    "event date",
    "source name",
    "source sectors",
    "source country",
    "cameo code",
    "target name",
    "target sectors",
    "target country",
)
EMPTY = {"", "NA"}
SIGNATURE = {"event id", "source sectors", "cameo code"}
"""Header columns that tell an ICEWS file from other tab-separated exports."""


@cache
def sector_roles() -> dict[str, str]:
    """ICEWS sector name -> CAMEO agent code (``loaders/icews.sectors.yaml``)."""
    path = resources.files("loaders") / "icews.sectors.yaml"
    return dict(yaml.safe_load(path.read_text(encoding="utf-8"))["sectors"])


def read(path: Path, resolver: Resolver, mapping: Mapping) -> Iterator[Item]:
    cameo = mapping.section("cameo") or read_mapping("gdelt", resolver.vocabulary).section("cameo")
    return read_events(
        path,
        REQUIRED,
        "ICEWS",
        lambda r, row: _event(r, row, resolver, mapping, cameo),
        delimiter="\t",
    )


def _cell(row: Row, column: str) -> str:
    value = row.get(column, "").strip()
    return "" if value in EMPTY else value


def _kind(sectors: str, mapping: Mapping) -> str | None:
    roles, table = mapping.section("roles"), sector_roles()
    kinds = set()
    for sector in sectors.split(","):
        code = table.get(sector.strip(), "")
        rule = roles.get(code[:3]) if code else None
        if rule:
            kinds.add(rule["kind"])
    return next((k for k in mapping.get("kind_order") or () if k in kinds), None)


def _actor(row: Row, side: str, resolver: Resolver, mapping: Mapping) -> Actor | None:
    name = _cell(row, f"{side} name")
    if not name:
        return None
    country = _cell(row, f"{side} country")
    kind = _kind(_cell(row, f"{side} sectors"), mapping)
    fields: dict[str, object] = {"external_ids": {"icews": name}}
    code = country_code(country) if country else None
    if name == country:
        kind = "state"
    if code:
        fields["country"] = code
    return resolver.actor(name, kind=kind or "other", **fields)


def _event(
    record: str, row: Row | BadRecord, resolver: Resolver, mapping: Mapping, cameo: dict
) -> Item:
    if isinstance(row, BadRecord):
        raise row
    event_id = _cell(row, "event id")
    if not event_id.isdigit():
        raise BadRecord(f"expected a numeric event id, got {event_id!r}", "Event ID")
    day = parse_date(row["event date"], "Event Date")
    code = _cell(row, "cameo code")
    if not code.isdigit() or not 2 <= len(code) <= 4:
        raise BadRecord(f"expected a CAMEO code of 2 to 4 digits, got {code!r}", "CAMEO Code")
    source = _actor(row, "source", resolver, mapping)
    target = _actor(row, "target", resolver, mapping)
    if source is None or target is None:
        return Skipped(record, "fewer than two actors")
    rule = longest_prefix(code, cameo)
    if rule is None:
        return Skipped(record, f"CAMEO root {code[:2]} makes no claim in the mapping")
    text = _cell(row, "event text")
    article = Article(
        id=f"icews-{slugify(event_id)}",
        title=f"{source.name} / {text or 'CAMEO ' + code} / {target.name}",
        publisher=_cell(row, "publisher") or None,
        published=day,
        kind="event",
    )
    attributes = {
        "cameo": code,
        "intensity": number(_cell(row, "intensity"), "Intensity"),
        "icews_story": _cell(row, "story id") or None,
        "icews_sentence": number(_cell(row, "sentence number"), "Sentence Number", int),
    }
    return event_document(
        record,
        article,
        [Stated(source, target, rule["type"], rule.get("mode"))],
        resolver,
        mapping,
        attributes={k: v for k, v in attributes.items() if v is not None},
        place=_place(row, mapping),
    )


def _place(row: Row, mapping: Mapping) -> Place | None:
    city, district, province = (_cell(row, c) for c in ("city", "district", "province"))
    named = next(
        (c for c, v in (("City", city), ("District", district), ("Province", province)) if v),
        "Country",
    )
    return place(
        name=city or district or province or None,
        admin1=province or None,
        admin2=district or None,
        country=_cell(row, "country") or None,
        latitude=(row.get("latitude"), "Latitude"),
        longitude=(row.get("longitude"), "Longitude"),
        precision=named,
        scale=mapping.section("geo_precision"),
    )
