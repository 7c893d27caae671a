"""UCDP GED CSV: each event a source document; side_a against side_b.

type_of_violence 1 and 2 make FIGHTS, 3 (one-sided) ATTACKS on civilians, as
the mapping table says (written as a code or, as some exports do, in words:
"state-based conflict", "non-state conflict", "one-sided violence"); the
best/low/high death estimates are kept on the claims. Sides naming several
actors are split. Streams the file row by row.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from graph.model import Actor, Article, Place, slugify
from loaders.events import Stated, event_document
from loaders.mapping import Mapping
from loaders.place import place
from loaders.source import BadRecord, Item, Resolver
from loaders.tables import Row, number, parse_date, read_events

REQUIRED = ("id", "type_of_violence", "side_a", "side_b", "date_start", "best", "low", "high")


def expects() -> str:
    return ", ".join(REQUIRED)


def read(path: Path, resolver: Resolver, mapping: Mapping) -> Iterator[Item]:
    words = {
        " ".join(k.lower().split()): str(v) for k, v in mapping.section("violence_words").items()
    }
    return read_events(
        path, REQUIRED, "UCDP GED", lambda r, row: _event(r, row, resolver, mapping, words)
    )


def _side(
    value: str, civilians: bool, resolver: Resolver, mapping: Mapping, field: str
) -> list[Actor]:
    kinds = mapping.section("kinds")
    prefix = mapping.get("government_prefix") or "Government of "
    names = [n.strip() for n in value.split(mapping.get("side_separator") or ", ") if n.strip()]
    if not names:
        raise BadRecord("expected an actor name", field)
    actors = []
    for name in names:
        group = "civilians" if civilians else "government" if name.startswith(prefix) else "other"
        kind = (kinds.get(group) or {}).get("kind", "other")
        actors.append(resolver.actor(name, kind=kind, external_ids={"ucdp": name}))
    return actors


def _event(
    record: str, row: Row | BadRecord, resolver: Resolver, mapping: Mapping, words: dict[str, str]
) -> Item:
    """``words``: the mapping's ``violence_words``, keys normalised (once per file)."""
    if isinstance(row, BadRecord):
        raise row
    violence = row["type_of_violence"]
    violence = words.get(" ".join(violence.lower().replace("_", " ").split()), violence)
    rule = mapping.section("violence").get(violence)
    if rule is None:
        known = ", ".join(mapping.section("violence"))
        raise BadRecord(f"expected type_of_violence {known}, got {violence!r}", "type_of_violence")
    if not row["id"]:
        raise BadRecord("expected an event id", "id")
    day = parse_date(row["date_start"], "date_start")
    side_a = _side(row["side_a"], False, resolver, mapping, "side_a")
    side_b = _side(row["side_b"], violence == "3", resolver, mapping, "side_b")
    estimates = {k: number(row[k], k, int) for k in ("best", "low", "high")}
    stated = [Stated(a, b, rule["type"], rule.get("mode")) for a in side_a for b in side_b]
    headline = row.get("source_headline") or None
    article = Article(
        id=f"ucdp-ged-{slugify(row['id'])}",
        title=row.get("dyad_name") or f"{row['side_a']} - {row['side_b']}",
        publisher=row.get("source_office") or None,
        published=day,
        text=row.get("source_article") or headline,
        kind="event",
    )
    attributes: dict[str, int | float | str] = {
        "ucdp_type_of_violence": int(violence),
        **{f"deaths_{k}": v for k, v in estimates.items() if v is not None},
    }
    if row.get("conflict_name"):
        attributes["ucdp_conflict"] = row["conflict_name"]
    return event_document(
        record,
        article,
        stated,
        resolver,
        mapping,
        quote=headline,
        attributes=attributes,
        place=_place(row, mapping),
    )


def _place(row: Row, mapping: Mapping) -> Place | None:
    return place(
        name=row.get("where_coordinates"),
        admin1=row.get("adm_1"),
        admin2=row.get("adm_2"),
        country=row.get("country"),
        latitude=(row.get("latitude"), "latitude"),
        longitude=(row.get("longitude"), "longitude"),
        precision=row.get("where_prec"),
        scale=mapping.section("where_prec"),
    )
