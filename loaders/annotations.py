"""Span-annotated documents (brat, Label Studio) into articles, through a label mapping.

The two formats differ in syntax only: entities with labels and character
spans, relations between entities, identity links, and attributes. Readers
parse their syntax into :class:`Entity` and :class:`Link`; :func:`document`
does the rest (actor resolution, vocabulary mapping, evidence).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graph.model import Actor, AnnotatedArticle, Article, Claim, Evidence, Mention
from loaders.mapping import Mapping
from loaders.source import BadRecord, Item, Rejected, Resolver, Skipped, check_type, claim_id


@dataclass
class Entity:
    """A labelled mention: one span or, in brat, several (discontinuous)."""

    key: str
    label: str
    spans: tuple[tuple[int, int], ...]
    external: dict[str, str] = field(default_factory=dict)


@dataclass
class Link:
    """A labelled relation or event between two entities, as annotated."""

    record: str
    label: str
    source: str
    target: str
    attributes: dict[str, Any] = field(default_factory=dict)


def document(
    article: Article,
    entities: dict[str, Entity],
    links: list[Link],
    resolver: Resolver,
    mapping: Mapping,
) -> Iterator[Item]:
    """The article with its mentions and claims, then any skipped or rejected link."""
    text = article.text or ""
    kinds = {k: v["kind"] for k, v in mapping.section("entities").items()}
    identity = set(mapping.get("identity") or ())
    same = [link for link in links if link.label in identity]
    actors = _actors(text, entities, same, kinds, resolver, mapping)
    claims: dict[str, Claim] = {}
    for link in links:
        if link.label in identity:
            continue
        try:
            made = _claim(article, text, entities, actors, link, resolver, mapping)
        except BadRecord as exc:
            yield Rejected(link.record, exc.reason, exc.field)
            continue
        if isinstance(made, str):
            yield Skipped(link.record, made)
        else:
            claims.setdefault(made.id, made)
    mentions = tuple(
        Mention(actor=actors[e.key].id, start=a, end=b, text=text[a:b])
        for e in entities.values()
        if e.key in actors
        for a, b in e.spans
    )
    used = [m.actor for m in mentions] + [x for c in claims.values() for x in (c.source, c.target)]
    yield AnnotatedArticle(
        article=article,
        actors=resolver.carried(*used),
        mentions=tuple(sorted(set(mentions), key=lambda m: (m.start, m.end, m.actor))),
        claims=tuple(claims.values()),
    )


def _name(text: str, entity: Entity) -> str:
    return " ".join(" ".join(text[a:b] for a, b in entity.spans).split())


def _actors(
    text: str,
    entities: dict[str, Entity],
    same: list[Link],
    kinds: dict[str, str],
    resolver: Resolver,
    mapping: Mapping,
) -> dict[str, Actor]:
    """One actor per group of entities linked by identity; never across known actors."""
    parent = {
        k: k
        for k, e in entities.items()
        if e.label in kinds and not resolver.names_no_actor(_name(text, e), mapping)
    }

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for link in same:
        if link.source in parent and link.target in parent:
            parent[root(link.source)] = root(link.target)
    groups: dict[str, list[str]] = defaultdict(list)
    for k in sorted(parent):
        groups[root(k)].append(k)
    actors: dict[str, Actor] = {}
    for members in groups.values():
        known: dict[str, Actor] = {}
        for k in members:
            for value in (*entities[k].external.values(), _name(text, entities[k])):
                found = resolver.lookup(value)
                if found is not None:
                    known[found.id] = found
                    break
        if len(known) == 1:
            (actor,) = known.values()
            actors.update(dict.fromkeys(members, actor))
            continue
        if len(known) > 1:
            for k in members:
                e = entities[k]
                actors[k] = resolver.actor(
                    _name(text, e), kind=kinds[e.label], external_ids=e.external
                )
            continue
        names = [_name(text, entities[k]) for k in members]
        best = max(names, key=len)
        external = {key: v for k in members for key, v in entities[k].external.items()}
        actor = resolver.actor(
            best,
            kind=kinds[entities[members[0]].label],
            aliases=tuple(dict.fromkeys(n for n in names if n != best)),
            external_ids=external,
        )
        actors.update(dict.fromkeys(members, actor))
    return actors


def _claim(
    article: Article,
    text: str,
    entities: dict[str, Entity],
    actors: dict[str, Actor],
    link: Link,
    resolver: Resolver,
    mapping: Mapping,
) -> Claim | str:
    rule = mapping.section("relations").get(link.label) or mapping.section("events").get(link.label)
    if rule is None:
        if link.label in (mapping.get("not_stance") or ()):
            return f"{link.label} is not a stance edge"
        raise BadRecord(f"label {link.label!r} is not in the mapping", "label")
    for end in (link.source, link.target):
        if end not in entities:
            raise BadRecord(f"refers to {end!r}, which is not an annotated entity", "argument")
        if end not in actors:
            return f"{link.label}: {_name(text, entities[end])!r} is not an actor"
    source, target = actors[link.source], actors[link.target]
    if source.id == target.id:
        return f"{link.label}: both ends are one actor"
    kind = check_type(resolver.vocabulary, rule["type"])
    spans = [s for k in (link.source, link.target) for s in entities[k].spans]
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    attributes = dict(link.attributes)
    modality = attributes.pop("modality", rule.get("modality", "asserted"))
    confidence = attributes.pop("confidence", rule.get("confidence", 1.0))
    return Claim(
        id=claim_id(article.id, source.id, kind, target.id, link.record),
        article=article.id,
        source=source.id,
        target=target.id,
        type=kind,
        confidence=confidence,
        modality=modality,
        evidence=Evidence(quote=text[lo:hi], start=lo, end=hi) if text[lo:hi].strip() else None,
        date=article.published,
        mode=rule.get("mode"),
        attributes={"label": link.label, **attributes},
    )
