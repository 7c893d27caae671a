"""Domain objects to Neo4j parameter rows and back.

Each node keeps its domain object as JSON in ``data`` (so reads return
exactly what was written) beside the typed properties Cypher filters on and
Browser users see.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from graph.aggregate import relation_key
from graph.identity import canonical_key
from graph.model import Actor, AnnotatedArticle, Claim, Relation
from graph.names import normalise
from graph.vocabulary import Vocabulary


def native(value: Any) -> Any:
    """Neo4j temporal values as Python ones."""
    return value.to_native() if hasattr(value, "to_native") else value


def key_text(key: tuple[str, str, str]) -> str:
    """A relation key as one indexed string property."""
    return "|".join(key)


def actor_row(actor: Actor) -> dict[str, Any]:
    names = (actor.id.replace("-", " "), *actor.names, *actor.external_ids.values())
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "aliases": list(actor.aliases),
        "alias_text": " | ".join(actor.aliases),
        "country": actor.country,
        "name_keys": sorted({k for k in (normalise(n) for n in names) if k}),
        "unresolved": actor.unresolved,
        "data": actor.model_dump_json(),
    }


def article_params(doc: AnnotatedArticle, fingerprint: str) -> dict[str, Any]:
    a = doc.article
    return {
        "id": a.id,
        "title": a.title,
        "url": a.url,
        "publisher": a.publisher,
        "published": a.published,
        "kind": a.kind,
        "text": a.text,
        "fingerprint": fingerprint,
        "data": a.model_copy(update={"text": None}).model_dump_json(),
    }


def claim_row(
    claim: Claim, vocabulary: Vocabulary, canon: dict[str, str] | None = None
) -> dict[str, Any]:
    """A claim's node properties; ``key`` names the relation it counts towards (None: none)."""
    key = canonical_key(claim, canon, vocabulary) if canon else relation_key(claim, vocabulary)
    return {
        "id": claim.id,
        "type": claim.type,
        "key": key_text(key) if key else None,
        "source": claim.source,
        "target": claim.target,
        "article": claim.article,
        "attributed_to": claim.attributed_to,
        "confidence": claim.confidence,
        "modality": claim.modality.value,
        "date": claim.date,
        "valid_from": claim.valid_from,
        "valid_to": claim.valid_to,
        "quote": claim.evidence.quote if claim.evidence else None,
        "data": claim.model_dump_json(),
    }


def relation_props(relation: Relation) -> dict[str, Any]:
    """What a Browser user sees on an aggregated relationship."""
    evidence = relation.evidence
    return {
        "weight": relation.weight,
        "polarity": relation.polarity,
        "symmetric": relation.symmetric,
        "n_claims": relation.n_claims,
        "n_articles": relation.n_articles,
        "n_denials": relation.n_denials,
        "first_seen": relation.first_seen,
        "last_seen": relation.last_seen,
        "evidence": evidence.quote if evidence else None,
        "evidence_start": evidence.start if evidence else None,
        "evidence_end": evidence.end if evidence else None,
        "evidence_article": relation.evidence_article,
    }


def relation_from_record(source: str, target: str, kind: str, props: dict) -> Relation:
    quote = props.get("evidence")
    evidence = None
    if quote:
        evidence = {
            "quote": quote,
            "start": props.get("evidence_start"),
            "end": props.get("evidence_end"),
        }
    first: date | None = native(props.get("first_seen"))
    last: date | None = native(props.get("last_seen"))
    return Relation(
        source=source,
        target=target,
        type=kind,
        polarity=props["polarity"],
        symmetric=props["symmetric"],
        weight=props["weight"],
        n_claims=props["n_claims"],
        n_articles=props["n_articles"],
        n_denials=props.get("n_denials", 0),
        first_seen=first,
        last_seen=last,
        evidence=evidence,
        evidence_article=props.get("evidence_article"),
    )
