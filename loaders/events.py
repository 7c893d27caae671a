"""Event records (ACLED, UCDP, GDELT rows) as source documents with their claims."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import Actor, AnnotatedArticle, Article, Claim, Evidence, Place
from loaders.mapping import Mapping
from loaders.source import Item, Resolver, Skipped, check_type, claim_id


@dataclass(frozen=True)
class Stated:
    """One claim an event record makes, before it becomes a :class:`Claim`."""

    source: Actor
    target: Actor
    type: str
    mode: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)


def event_document(
    record: str,
    article: Article,
    stated: list[Stated],
    resolver: Resolver,
    mapping: Mapping,
    *,
    quote: str | None = None,
    empty: str = "no claim between two actors",
    attributes: dict[str, Any] | None = None,
    place: Place | None = None,
) -> Item:
    """The document for one event record, or :class:`Skipped` if it claims nothing.

    Every claim is placed where the record says the event took place.
    A claim whose two sides resolve to one actor is dropped (an actor does not
    fight itself); a record left with no claim is skipped, with the reason.
    """
    vocabulary = resolver.vocabulary
    evidence = Evidence(quote=quote, start=0, end=len(quote)) if quote else None
    claims: dict[str, Claim] = {}
    for s in stated:
        if s.source.id == s.target.id:
            continue
        kind = check_type(vocabulary, s.type)
        cid = claim_id(article.id, s.source.id, kind, s.target.id)
        claims.setdefault(
            cid,
            Claim(
                id=cid,
                article=article.id,
                source=s.source.id,
                target=s.target.id,
                type=kind,
                confidence=float(mapping.get("confidence", 1.0)),
                modality=mapping.get("modality", "asserted"),
                evidence=evidence,
                date=article.published,
                mode=s.mode,
                attributes={**(attributes or {}), **s.attributes},
                place=place,
            ),
        )
    if not claims:
        return Skipped(record, "its two sides are one actor" if stated else empty)
    ids = [a for c in claims.values() for a in (c.source, c.target)]
    return AnnotatedArticle(
        article=article, actors=resolver.carried(*ids), claims=tuple(claims.values())
    )
