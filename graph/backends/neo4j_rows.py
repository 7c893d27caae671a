"""Domain objects to Neo4j parameter rows and back.

Actor, article and merge nodes keep their domain object as JSON in ``data``
(so reads return exactly what was written) beside the typed properties Cypher
filters on and Browser users see. Claims, a hundred thousand for ten thousand
articles, keep only the typed properties, one a field (null ones are not
stored), and are read back by the rule the embedded store reads its claim
columns by (:func:`graph.backends.sqlite_rows.claim_from_values`); a claim
written by an earlier version still holds its JSON in ``data``, read instead.
"""

from __future__ import annotations

import json
from typing import Any

from neo4j.spatial import WGS84Point

from graph.aggregate import build_relation
from graph.backends.iso_days import parse_day
from graph.backends.sqlite_rows import claim_from_values
from graph.model import Actor, AnnotatedArticle, Claim, Evidence, Relation, trusted
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


def mention_rows(doc: AnnotatedArticle) -> list[dict[str, Any]]:
    """The article's mentions, one row an actor with the spans of its mentions in order.

    >>> from graph.model import Article, Mention
    >>> spans = [("x", 0, 1, "X"), ("y", 2, 3, "Y"), ("x", 4, 6, "Xs")]
    >>> doc = AnnotatedArticle(article=Article(id="a1", title="t"), mentions=[
    ...     Mention(actor=a, start=s, end=e, text=t) for a, s, e, t in spans])
    >>> [(r["actor"], r["starts"], r["texts"]) for r in mention_rows(doc)]
    [('x', [0, 4], ['X', 'Xs']), ('y', [2], ['Y'])]
    """
    rows: dict[str, dict[str, Any]] = {}
    for m in doc.mentions:
        row = rows.setdefault(
            m.actor,
            {"article": doc.article.id, "actor": m.actor, "starts": [], "ends": [], "texts": []},
        )
        row["starts"].append(m.start)
        row["ends"].append(m.end)
        row["texts"].append(m.text)
    return list(rows.values())


def claim_row(claim: Claim, key: tuple[str, str, str] | None) -> dict[str, Any]:
    """A claim's node properties; ``key`` names the relation it counts towards (None: none).

    >>> from graph.model import Place
    >>> claim = Claim(id="c1", article="a1", source="x", target="y", type="FIGHTS",
    ...               date=None, attributes={"fatalities": 3},
    ...               place=Place(name="Aleppo", country="SYR", latitude=36.2, longitude=37.15))
    >>> row = claim_row(claim, ("x", "y", "FIGHTS"))
    >>> row["key"], row["attributes"], row["place_name"], row["place"].latitude
    ('x|y|FIGHTS', '{"fatalities": 3}', 'Aleppo', 36.2)
    >>> claim_from_stored(None, stored_values(row)) == claim
    True
    """
    place = claim.place
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
        "evidence_start": claim.evidence.start if claim.evidence else None,
        "evidence_end": claim.evidence.end if claim.evidence else None,
        "mode": claim.mode and str(claim.mode),
        "certainty": claim.certainty and str(claim.certainty),
        "support_type": claim.support_type and str(claim.support_type),
        "attributes": json.dumps(claim.attributes, sort_keys=True) if claim.attributes else None,
        "place_name": place.name if place else None,
        "place_admin1": place.admin1 if place else None,
        "place_admin2": place.admin2 if place else None,
        "place_country": place.country if place else None,
        "place_precision": place.precision and str(place.precision) if place else None,
        "place": place_point(claim),
    }


def stored_values(row: dict[str, Any]) -> tuple[Any, ...]:
    """What ``claim_values`` reads back of a claim node written from ``row`` (a test's stand-in
    for the server: dates as ISO text, the point's coordinates)."""
    point = row["place"]
    values = [row[p] for p in CLAIM_PROPERTIES]
    for i in DATE_POSITIONS:
        values[i] = values[i] and values[i].isoformat()
    return (*values, point and point.latitude, point and point.longitude, row["place_precision"])


CLAIM_PROPERTIES = (
    "article", "id", "source", "target", "type", "confidence", "modality",
    "date", "valid_from", "valid_to", "quote", "evidence_start", "evidence_end",
    "attributed_to", "mode", "certainty", "support_type", "attributes",
    "place_name", "place_admin1", "place_admin2", "place_country",
)  # fmt: skip
"""The claim properties ``claim_values`` returns first, in the embedded store's column order
(:data:`graph.backends.sqlite_rows.CLAIM_COLUMNS`), the place's coordinates and precision after."""
DATE_POSITIONS = (7, 8, 9)


def claim_from_stored(data: str | None, values: list[Any] | tuple[Any, ...]) -> Claim:
    """A stored claim from its ``data`` JSON when an earlier version wrote one, else from
    its properties as the ``claim_values`` projection returns them."""
    if data is not None:
        return Claim.model_validate_json(data)
    return claim_from_values(tuple(values))


def place_point(claim: Claim) -> WGS84Point | None:
    """Where the claim was acted out, as a Neo4j WGS-84 ``point`` (None: no coordinates)."""
    place = claim.place
    if place is None or place.latitude is None or place.longitude is None:
        return None
    return WGS84Point((place.longitude, place.latitude))


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


def relation_from_row(row: dict[str, Any]) -> Relation:
    """A relation from ``{source, target, type, props}`` (an aggregated relationship).

    Built without validating again (:func:`graph.model.trusted`): every figure was
    a validated :class:`Relation`'s when it was written (:func:`relation_props`),
    and a hub's neighbourhood or allies read hundreds of them.

    >>> from datetime import date
    >>> props = {"weight": 0.71, "polarity": 1, "symmetric": True, "n_claims": 1,
    ...          "n_articles": 1, "n_denials": 0, "first_seen": date(2017, 4, 20),
    ...          "last_seen": date(2017, 4, 20), "evidence": "A allied with B.",
    ...          "evidence_start": 0, "evidence_end": 16, "evidence_article": "a1"}
    >>> row = {"source": "a", "target": "b", "type": "ALLIED_WITH", "props": props}
    >>> relation_from_row(row) == Relation(
    ...     source="a", target="b", type="ALLIED_WITH", polarity=1, symmetric=True,
    ...     weight=0.71, n_claims=1, n_articles=1, first_seen=date(2017, 4, 20),
    ...     last_seen=date(2017, 4, 20), evidence_article="a1",
    ...     evidence={"quote": "A allied with B.", "start": 0, "end": 16})
    True
    """
    props = row["props"]
    quote = props.get("evidence")
    evidence = (
        trusted(
            Evidence, quote=quote, start=props.get("evidence_start"), end=props.get("evidence_end")
        )
        if quote
        else None
    )
    return trusted(
        Relation,
        source=row["source"],
        target=row["target"],
        type=row["type"],
        polarity=props["polarity"],
        symmetric=props["symmetric"],
        weight=props["weight"],
        n_claims=props["n_claims"],
        n_articles=props["n_articles"],
        n_denials=props.get("n_denials") or 0,
        first_seen=native(props.get("first_seen")),
        last_seen=native(props.get("last_seen")),
        evidence=evidence,
        evidence_article=props.get("evidence_article"),
    )


def relation_from_aggregate(row: dict[str, Any], vocabulary: Vocabulary) -> Relation:
    """A relation from a row of claims aggregated in Cypher (``relations_*_window``).

    The row holds the relation key (``source|target|type``), the raw figures and
    the claim shown as evidence (``best``: its article, quote, start and end); the
    weight is rounded here, as :func:`graph.aggregate.build_relation` rounds the
    embedded store's.
    """
    source, target, kind = row["key"].split("|")
    article, quote, start, end = row["best"]
    evidence = None if quote is None else trusted(Evidence, quote=quote, start=start, end=end)
    return build_relation(
        (source, target, kind),
        vocabulary,
        weight=row["weight"],
        n_claims=row["n_claims"],
        n_articles=row["n_articles"],
        n_denials=row["n_denials"],
        first_seen=native(row["first_seen"]),
        last_seen=native(row["last_seen"]),
        evidence=evidence,
        evidence_article=article,
    )


def relations_from_lists(source: str, rows: list[list[Any]]) -> list[Relation]:
    """The relations from ``source`` as ``stance_graph.cypher`` lists them (a relation's
    fields after its source, dates as ISO text), ordered by target and type, built without
    validating again as :func:`relation_from_row` builds them.

    >>> from datetime import date
    >>> row = ["b", "ALLIED_WITH", 1, True, 0.71, 1, 1, 0, "2017-04-20", "2017-04-20",
    ...        "A allied with B.", 0, 16, "a1"]
    >>> relations_from_lists("a", [row]) == [relation_from_row({
    ...     "source": "a", "target": "b", "type": "ALLIED_WITH", "props": {
    ...     "weight": 0.71, "polarity": 1, "symmetric": True, "n_claims": 1, "n_articles": 1,
    ...     "n_denials": 0, "first_seen": date(2017, 4, 20), "last_seen": date(2017, 4, 20),
    ...     "evidence": "A allied with B.", "evidence_start": 0, "evidence_end": 16,
    ...     "evidence_article": "a1"}})]
    True
    """

    rows.sort(key=lambda row: (row[0], row[1]))
    return [
        trusted(
            Relation,
            source=source,
            target=target,
            type=kind,
            polarity=polarity,
            symmetric=symmetric,
            weight=weight,
            n_claims=n_claims,
            n_articles=n_articles,
            n_denials=n_denials,
            first_seen=parse_day(first),
            last_seen=parse_day(last),
            evidence=trusted(Evidence, quote=quote, start=start, end=end) if quote else None,
            evidence_article=article,
        )
        for (
            target, kind, polarity, symmetric, weight, n_claims, n_articles, n_denials,
            first, last, quote, start, end, article,
        ) in rows
    ]  # fmt: skip
