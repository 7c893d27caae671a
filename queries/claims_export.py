"""Claims under the filters: the claims table's rows, and GeoJSON points for maps.

The relation exports (:mod:`queries.export`) carry one edge per relation; these
carry one row per claim, with where it was acted out: a GeoJSON Feature per
claim whose place has coordinates (RFC 7946: ``[longitude, latitude]``); the
claims table with the place's columns is :mod:`queries.tables`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from graph.filters import NO_FILTERS, Filters
from graph.model import Actor, Claim
from graph.store import EvidenceItem, GraphStore, evidence_order
from graph.vocabulary import Vocabulary
from queries.tables import claim_rows, claims_behind, place_columns


def claims_under(store: GraphStore, filters: Filters = NO_FILTERS) -> list[EvidenceItem]:
    """Every claim of the relations holding under ``filters`` that ``filters`` admit.

    One evidence read per related pair; each claim once (its pair is read once),
    by date then id.
    """
    return sorted(claims_behind(store, store.relations(filters), filters), key=evidence_order)


def claims_table(store: GraphStore, filters: Filters = NO_FILTERS) -> Iterator[dict[str, Any]]:
    """The ``claims`` table's rows (:func:`queries.tables.claim_rows`) of :func:`claims_under`,
    each with its sign and its actors' names."""
    polarity = {t.name: t.polarity for t in store.vocabulary}
    names = {a.id: a.name for a in store.actors()}
    return claim_rows(claims_under(store, filters), polarity, names)


def _row(item: EvidenceItem, names: Mapping[str, str], vocabulary: Vocabulary) -> dict[str, Any]:
    claim: Claim = item.claim
    return {
        "claim": claim.id,
        "source": claim.source,
        "source_name": names.get(claim.source, claim.source),
        "type": claim.type,
        "sign": vocabulary[claim.type].polarity,
        "target": claim.target,
        "target_name": names.get(claim.target, claim.target),
        "date": claim.date.isoformat() if claim.date else None,
        "confidence": claim.confidence,
        "modality": str(claim.modality),
        "article": item.article.id,
        "article_title": item.article.title,
        "publisher": item.article.publisher,
        "url": item.article.url,
        **place_columns(claim.place),
    }


def claims_geojson(
    items: Iterable[EvidenceItem], actors: Iterable[Actor], vocabulary: Vocabulary
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one Point per claim that has coordinates.

    Parameters
    ----------
    items : iterable of EvidenceItem
        The claims with their articles (:func:`claims_under`).
    actors : iterable of Actor
        Gives the actors' names.
    vocabulary : Vocabulary
        Gives each claim's sign (its type's polarity).

    Returns
    -------
    dict
        Features with the claim's ends (ids and names), type, sign, date,
        source article and place as properties. Claims without coordinates
        are left out.

    Examples
    --------
    >>> from datetime import date
    >>> from graph.model import Article, Place
    >>> claim = Claim(id="c1", article="a1", source="a", target="b", type="FIGHTS",
    ...               date=date(2017, 9, 1), place=Place(latitude=35.3, longitude=40.1))
    >>> item = EvidenceItem(claim=claim, article=Article(id="a1", title="Clash"))
    >>> found = claims_geojson([item], [Actor(id="a", name="A"), Actor(id="b", name="B")],
    ...                        Vocabulary.default())
    >>> found["features"][0]["geometry"], found["features"][0]["properties"]["sign"]
    ({'type': 'Point', 'coordinates': [40.1, 35.3]}, -1)
    """
    names = {a.id: a.name for a in actors}
    features = []
    for item in items:
        place = item.claim.place
        if place is None or place.latitude is None or place.longitude is None:
            continue
        properties = {
            k: v
            for k, v in _row(item, names, vocabulary).items()
            if v is not None and k not in ("latitude", "longitude")
        }
        features.append(
            {
                "type": "Feature",
                "id": item.claim.id,
                "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def render_geojson(collection: dict[str, Any]) -> str:
    return json.dumps(collection, indent=1, ensure_ascii=False) + "\n"
