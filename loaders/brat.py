"""brat standoff: a ``.ann`` file of annotations beside the ``.txt`` it annotates.

Lines: ``T`` text-bound entities (discontinuous spans ``0 5;9 14`` included),
``R`` relations (``Label Arg1:T1 Arg2:T2``), ``E`` events (``Label:T3 Role:T1
Role:T2``; the mapping names the roles that are source and target), ``A``/``M``
attributes (``Negated E1``, ``Confidence R1 Low``), ``N`` normalisations to
external ids (``Reference T1 Wikidata:Q2429253``), ``*`` equivalences and
``#`` notes. The document carries no date unless the mapping's ``date``
pattern finds one in the file name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from itertools import pairwise
from pathlib import Path

from graph.errors import LoadError
from graph.model import Article, slugify
from loaders.annotations import Entity, Link, document
from loaders.mapping import Mapping
from loaders.reading import read_text, read_text_file
from loaders.source import BadRecord, Item, Rejected, Resolver

_SPAN = re.compile(r"^(\d+) (\d+)$")


def read(path: Path, resolver: Resolver, mapping: Mapping) -> Iterator[Item]:
    path = Path(path)
    text_name = path.with_suffix(".txt").name
    lines = read_text(path, max_bytes=resolver.max_text_bytes).splitlines()
    if not (path.parent / text_name).exists():
        raise LoadError(str(path), f"a brat .ann needs its text beside it: {text_name}")
    text = read_text_file(
        path.parent,
        text_name,
        source=str(path),
        record="file",
        field="text",
        max_bytes=resolver.max_text_bytes,
    )
    entities: dict[str, Entity] = {}
    links: list[Link] = []
    attributes: dict[str, dict] = {}
    events: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    rejected: list[Rejected] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        record = f"line {n}"
        try:
            _parse(line, text, record, entities, links, attributes, events, mapping)
        except BadRecord as exc:
            rejected.append(Rejected(record, exc.reason, exc.field, raw=line))
    for key, (label, roles) in events.items():
        links.extend(_event_links(key, label, roles, mapping))
    for link in links:
        link.attributes.update(attributes.get(link.record.split(" ")[-1], {}))
    yield from rejected
    article = Article(
        id=f"brat-{slugify(path.stem)}",
        title=text.strip().splitlines()[0][:200] if text.strip() else path.stem,
        published=_date(path, mapping),
        text=text,
    )
    yield from document(article, entities, links, resolver, mapping)


def _date(path: Path, mapping: Mapping) -> date | None:
    found = re.search(r"(\d{4})-?(\d{2})-?(\d{2})", path.stem)
    if not found or not mapping.get("date_from_file_name", True):
        return None
    try:
        return date(*(int(g) for g in found.groups()))
    except ValueError:
        return None


def _parse(
    line: str,
    text: str,
    record: str,
    entities: dict[str, Entity],
    links: list[Link],
    attributes: dict[str, dict],
    events: dict[str, tuple[str, list[tuple[str, str]]]],
    mapping: Mapping,
) -> None:
    key, _, rest = line.partition("\t")
    kind = key[:1]
    if kind == "#":
        return
    if not rest:
        raise BadRecord("expected an id, a tab and the annotation", "line")
    if kind == "T":
        head, _, quoted = rest.partition("\t")
        label, _, where = head.partition(" ")
        spans = []
        for part in where.split(";"):
            match = _SPAN.match(part.strip())
            if not match:
                raise BadRecord(f"expected spans like '0 5' or '0 5;9 14', got {where!r}", "span")
            a, b = int(match[1]), int(match[2])
            if not 0 <= a < b <= len(text):
                raise BadRecord(f"span {a}..{b} is outside the text (0..{len(text)})", "span")
            spans.append((a, b))
        shown = " ".join(text[a:b] for a, b in spans)
        if quoted and " ".join(quoted.split()) != " ".join(shown.split()):
            raise BadRecord(f"span reads {shown!r}, the annotation says {quoted!r}", "span")
        entities[key] = Entity(key, label, tuple(spans))
    elif kind == "R":
        label, *args = rest.split()
        roles = dict(a.split(":", 1) for a in args if ":" in a)
        if len(roles) != 2:
            raise BadRecord("expected 'Label Arg1:T1 Arg2:T2'", "arguments")
        (_, source), (_, target) = sorted(roles.items())
        links.append(Link(f"{record} {key}", label, source, target))
    elif kind == "*":
        label, *ids = rest.split()
        links.extend(Link(f"{record} {key}", label, a, b) for a, b in pairwise(ids))
    elif kind == "E":
        trigger, *args = rest.split()
        label = trigger.split(":", 1)[0]
        split = (a.partition(":") for a in args if ":" in a)
        events[key] = (label, [(role, ref) for role, _, ref in split])
    elif kind in "AM":
        parts = rest.split()
        if len(parts) < 2:
            raise BadRecord("expected 'Name Target [Value]'", "attribute")
        name, target, value = parts[0], parts[1], (parts[2] if len(parts) > 2 else None)
        rule = mapping.section("attributes").get(name) or {}
        if isinstance(rule.get("values"), dict):
            rule = rule["values"].get(value) or {}
        attributes.setdefault(target, {}).update(rule)
    elif kind == "N":
        head, _, _ = rest.partition("\t")
        parts = head.split()
        if len(parts) != 3 or ":" not in parts[2]:
            raise BadRecord("expected 'Reference T1 DB:ID'", "normalisation")
        target, (db, ident) = parts[1], parts[2].split(":", 1)
        if target not in entities:
            raise BadRecord(f"normalises {target!r}, which is not an entity above", "normalisation")
        key_name = (mapping.section("normalisations").get(db) or db).lower()
        entities[target].external[key_name] = ident
    else:
        raise BadRecord(
            f"unknown annotation kind {kind!r}; expected T, R, E, A, M, N, * or #", "id"
        )


def _event_links(
    key: str, label: str, roles: list[tuple[str, str]], mapping: Mapping
) -> list[Link]:
    rule = mapping.section("events").get(label)
    if not rule:  # unmapped: the claim step rejects it, or counts it as not a stance
        return [Link(f"event {key}", label, "", "")]
    by_role: dict[str, list[str]] = {}
    for role, ref in roles:
        by_role.setdefault(re.sub(r"\d+$", "", role), []).append(ref)
    sources, targets = by_role.get(rule["source"], []), by_role.get(rule["target"], [])
    if rule["source"] == rule["target"]:
        pairs = [(s, t) for i, s in enumerate(sources) for t in sources[i + 1 :]]
    else:
        pairs = [(s, t) for s in sources for t in targets]
    return [Link(f"event {key}", label, s, t) for s, t in pairs]
