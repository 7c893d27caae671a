"""GDELT event exports, 1.0 (57 or 58 columns) and 2.0 (61), tab-separated, no header.

The CAMEO event code maps to the vocabulary (longest listed prefix first),
QuadClass gives the mode, the GoldsteinScale and mention counts are kept.
An actor is known by its codes, never by its raw name: the user's gazetteer
by the whole actor code, else the reference by the known-group code, else
by the country code (the actor is the country; its role, GOV, MIL..., goes
on the claim). A role code with no country or group is no actor: the row is
skipped and counted. SOURCEURL (when the row has one) is the article: the
events of one article are one document, whose claims count once. Rows
without two actors, or whose code makes no claim, are skipped and counted.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from graph.errors import LoadError, WrongFormat
from graph.model import (
    Actor,
    AnnotatedArticle,
    Article,
    Claim,
    Evidence,
    Place,
    slugify,
    stable_id,
)
from loaders.events import Stated
from loaders.mapping import Mapping, longest_prefix
from loaders.place import place
from loaders.source import BadRecord, Item, Rejected, Resolver, Skipped, check_type, claim_id
from loaders.tables import number, parse_date

EXPECTS = "a GDELT event export: tab-separated, no header, 57, 58 (1.0) or 61 (2.0) columns"

# (first columns shared by both generations); geography differs after column 35
ID, SQLDATE = 0, 1
ACTOR1, ACTOR2 = 5, 15  # Code, Name, CountryCode, KnownGroup, Ethnic, Rel1, Rel2, Type1..3
ROOT_EVENT, EVENT_CODE, QUAD_CLASS, GOLDSTEIN = 25, 26, 29, 30
NUM_MENTIONS, NUM_SOURCES, NUM_ARTICLES = 31, 32, 33
SOURCE_URL = {57: None, 58: 57, 61: 60}
# ActionGeo_Type, _Fullname, _CountryCode, _ADM1Code, [_ADM2Code (2.0)], _Lat, _Long
ACTION_GEO = {57: 49, 58: 49, 61: 51}


def looks_like(head: str) -> bool:
    """Whether the first line of ``head`` is a GDELT event row."""
    first = head.splitlines()[0] if head else ""
    cells = first.split("\t")
    return len(cells) in SOURCE_URL and cells[0].isdigit() and len(cells[1]) == 8


def read(path: Path, resolver: Resolver, mapping: Mapping) -> Iterator[Item]:
    """The file's events, one document per source article (SOURCEURL), else per event.

    Rows of one article are gathered (the file is read whole, as a re3d folder
    is): their claims count once as the article's evidence, not once per row.
    """
    try:
        handle = path.open("r", encoding="utf-8", errors="replace", newline="")
    except OSError as exc:
        raise LoadError(str(path), f"cannot read file: {exc}") from None
    articles: dict[str, list[tuple[str, _Event]]] = {}
    with handle:
        for line, cells in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if line == 1 and (len(cells) not in SOURCE_URL or not cells[0].isdigit()):
                raise WrongFormat(str(path), f"not a GDELT export: expected {EXPECTS}", record=1)
            if not cells or cells == [""]:
                continue
            record = f"line {line}"
            try:
                item = _row(record, cells, resolver, mapping)
            except BadRecord as exc:
                yield Rejected(record, exc.reason, exc.field, raw="\t".join(cells))
                continue
            if isinstance(item, _Event):
                key = item.url or f"event {item.event_id}"
                articles.setdefault(key, []).append((record, item))
            else:
                yield item
    for events in articles.values():
        try:
            yield _document(events, resolver, mapping)
        except BadRecord as exc:
            yield Rejected(events[0][0], exc.reason, exc.field)


@dataclass(frozen=True)
class _Event:
    event_id: str
    day: date
    url: str
    stated: Stated
    attributes: dict
    names: tuple[str, str]
    place: Place | None


def _cameo(code: str, mapping: Mapping) -> dict | None:
    return longest_prefix(code, mapping.section("cameo"))


def _place(cells: list[str], mapping: Mapping) -> Place | None:
    """ActionGeo_*: where the event happened. The country is read from the full name's
    last part ("Damascus, Dimashq, Syria"): GDELT's own country codes are FIPS 10-4."""
    at = ACTION_GEO[len(cells)]
    lat_at = at + (5 if len(cells) == 61 else 4)
    parts = [p.strip() for p in cells[at + 1].split(",") if p.strip()]
    return place(
        name=parts[0] if parts else None,
        admin1=parts[1] if len(parts) > 2 else None,
        country=parts[-1] if parts else None,
        latitude=(cells[lat_at], "ActionGeo_Lat"),
        longitude=(cells[lat_at + 1], "ActionGeo_Long"),
        precision=cells[at],
        scale=mapping.section("geo_type"),
    )


def _actor(
    cells: list[str], at: int, resolver: Resolver, mapping: Mapping
) -> tuple[Actor, str | None] | str:
    """The actor of one side, by its codes, and its role; or why the side is no actor.

    The user's gazetteer answers to the whole actor code first (``SYRGOV``);
    else the code without its role, religion and ethnic parts names the
    actor: a known group (``NAT``: NATO) or a country (``SYR``) from the
    reference, else an unresolved actor named by that code. The role (``GOV``,
    ``MIL``...) goes on the claim; the raw name is never the actor's name.
    """
    code = cells[at].strip()
    country, group = cells[at + 2].strip(), cells[at + 3].strip()
    extra = {cells[at + i].strip() for i in (4, 5, 6)} - {""}  # ethnic and religion codes
    types = [t.strip() for t in cells[at + 7 : at + 10] if t.strip()]
    role = types[0] if types else None
    if not code:
        return "no actor"
    known = resolver.gazetteer_code(code)
    if known is not None:
        resolver.tally["gazetteer" if known.provenance is None else "code"] += 1
        return known, role
    kinds = mapping.section("actor_types")
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    rest = [p for p in parts if p not in kinds and p not in extra and p not in types]
    if not rest and not country and not group:
        resolver.tally["dropped"] += 1
        return "a role, religion or ethnic code with no country or group: no actor"
    reference = resolver.reference
    entry = None
    if reference is not None:  # a group is never taken for its country
        entry = reference.known_group(group) if group else reference.country(country)
    if entry is not None:
        resolver.tally["code"] += 1
        return resolver.adopt(entry), role
    label = group or country or "".join(rest)
    known = resolver.gazetteer_code(label)
    if known is not None:
        resolver.tally["gazetteer" if known.provenance is None else "code"] += 1
        return known, role
    kind = (
        "state"
        if label == country
        else next((kinds[t]["kind"] for t in types if t in kinds), "other")
    )
    resolver.tally["unresolved"] += 1
    actor = resolver.gazetteer.resolve_or_create(
        label,
        kind=kind,
        external_ids={"gdelt": label},
        reason=f"GDELT code {label} is in no gazetteer or reference entry",
    )
    resolver.created.setdefault(actor.id, actor)
    return actor, role


def _row(record: str, cells: list[str], resolver: Resolver, mapping: Mapping) -> Item | _Event:
    width = len(cells)
    if width not in SOURCE_URL:
        raise BadRecord(f"{width} columns, expected 57, 58 or 61", "columns")
    event_id = cells[ID].strip()
    if not event_id.isdigit():
        raise BadRecord(f"expected a numeric GLOBALEVENTID, got {event_id!r}", "GLOBALEVENTID")
    day = parse_date(cells[SQLDATE], "SQLDATE")
    source = _actor(cells, ACTOR1, resolver, mapping)
    target = _actor(cells, ACTOR2, resolver, mapping)
    for side in (source, target):
        if isinstance(side, str):
            return Skipped(record, side if side != "no actor" else "fewer than two actors")
    assert not isinstance(source, str)
    assert not isinstance(target, str)
    code = cells[EVENT_CODE].strip()
    rule = _cameo(code, mapping)
    if rule is None:
        return Skipped(record, f"CAMEO root {code[:2] or '-'} makes no claim in the mapping")
    if source[0].id == target[0].id:
        return Skipped(record, "its two sides are one actor")
    mode = mapping.section("quad_class").get(cells[QUAD_CLASS].strip()) or rule.get("mode")
    column = SOURCE_URL[width]
    url = cells[column].strip() if column is not None else ""
    roles = {"source_role": source[1], "target_role": target[1]}
    attributes = {
        "cameo": code,
        "quad_class": number(cells[QUAD_CLASS], "QuadClass", int),
        "goldstein": number(cells[GOLDSTEIN], "GoldsteinScale"),
        "num_mentions": number(cells[NUM_MENTIONS], "NumMentions", int),
        "num_sources": number(cells[NUM_SOURCES], "NumSources", int),
        "num_articles": number(cells[NUM_ARTICLES], "NumArticles", int),
        "root_event": cells[ROOT_EVENT].strip() == "1",
        "gdelt_event": event_id,
        **{k: v for k, v in roles.items() if v},
    }
    stated = Stated(source[0], target[0], check_type(resolver.vocabulary, rule["type"]), mode)
    names = (cells[ACTOR1 + 1].strip(), cells[ACTOR2 + 1].strip())
    attributes = {k: v for k, v in attributes.items() if v is not None}
    return _Event(event_id, day, url, stated, attributes, names, _place(cells, mapping))


def _document(events: list[tuple[str, _Event]], resolver: Resolver, mapping: Mapping) -> Item:
    """One source article and the claims of its events (one claim per distinct statement)."""
    first = events[0][1]
    url = first.url
    article_id = f"gdelt-{stable_id(url)}" if url else f"gdelt-{slugify(first.event_id)}"
    day = min(e.day for _, e in events)
    claims: dict[str, Claim] = {}
    for _, e in events:
        s = e.stated
        cid = claim_id(article_id, s.source.id, s.type, s.target.id)
        if cid in claims:
            continue
        quote = f"{e.names[0] or '-'} / CAMEO {e.attributes['cameo']} / {e.names[1] or '-'}"
        claims[cid] = Claim(
            id=cid,
            article=article_id,
            source=s.source.id,
            target=s.target.id,
            type=s.type,
            confidence=float(mapping.get("confidence", 1.0)),
            modality=mapping.get("modality", "reported"),
            evidence=Evidence(quote=quote),
            date=e.day,
            mode=s.mode,
            attributes=e.attributes,
            place=e.place,
        )
    article = Article(
        id=article_id,
        title=f"GDELT event {first.event_id}"
        + (f" and {len(events) - 1} more of the same article" if len(events) > 1 else ""),
        url=url or None,
        publisher=urlsplit(url).hostname if url else None,
        published=day,
        kind="event",
    )
    ids = [a for c in claims.values() for a in (c.source, c.target)]
    return AnnotatedArticle(
        article=article, actors=resolver.carried(*ids), claims=tuple(claims.values())
    )
