"""How the embedded store lays claims out in SQLite columns, and its compact claims in memory.

Claims are stored column by column rather than as JSON, so the
store reopens by reading plain values (no model validation per claim) and the
file can be inspected with any SQLite client. In memory the store keeps a
:class:`ClaimRow` per claim: the fields queries and aggregation need, a
fraction of the size of a :class:`~graph.model.Claim`; the full claim is read
back only when evidence is asked for.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from graph.backends.iso_days import parse_day
from graph.model import (
    Certainty,
    Claim,
    Evidence,
    Modality,
    Mode,
    Place,
    Precision,
    SupportType,
    trusted,
)

PLACE_COLUMNS = (
    "place_name",
    "place_admin1",
    "place_admin2",
    "place_country",
    "place_lat",
    "place_lon",
    "place_precision",
)
"""A claim's :class:`~graph.model.Place`, one column a field (all NULL: no place)."""

CLAIM_COLUMNS = (
    "article",
    "id",
    "source",
    "target",
    "type",
    "confidence",
    "modality",
    "date",
    "valid_from",
    "valid_to",
    "quote",
    "quote_start",
    "quote_end",
    "attributed_to",
    "mode",
    "certainty",
    "support_type",
    "attributes",
    *PLACE_COLUMNS,
)
ROW_COLUMNS = (*CLAIM_COLUMNS[:13], *PLACE_COLUMNS)
"""The columns a :class:`ClaimRow` is read from."""

Row = tuple[Any, ...]
"""A row as SQLite gives it: the values of the columns selected, in their order."""


# an enum member from its stored value, without the enum call's lookup machinery
_MODALITY = {m.value: m for m in Modality}
_MODE: dict[str | None, Mode | None] = {None: None, **{m.value: m for m in Mode}}
_CERTAINTY: dict[str | None, Certainty | None] = {None: None, **{c.value: c for c in Certainty}}
_SUPPORT: dict[str | None, SupportType | None] = {None: None, **{t.value: t for t in SupportType}}
_PRECISION: dict[str | None, Precision | None] = {None: None, **{p.value: p for p in Precision}}
_PLACE_FIELDS = tuple(Place.model_fields)


def place_values(place: Place | None) -> Row:
    """The :data:`PLACE_COLUMNS` of ``place`` (all None for no place)."""
    if place is None:
        return (None,) * len(PLACE_COLUMNS)
    return (
        place.name,
        place.admin1,
        place.admin2,
        place.country,
        place.latitude,
        place.longitude,
        place.precision and str(place.precision),
    )


def place_from_values(values: Row) -> Place | None:
    """The :class:`Place` stored as ``values``, validated when it was stored; None if none."""
    if all(v is None for v in values):
        return None
    *given, precision = values
    return trusted(Place, **dict(zip(_PLACE_FIELDS, (*given, _PRECISION[precision]), strict=True)))


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


class ClaimRow:
    """What the embedded store keeps in memory of one claim.

    It answers the attributes :class:`graph.filters.Filters` and
    :class:`graph.aggregate.RelationTally` read from a claim.
    """

    __slots__ = (
        "_evidence",
        "_place",
        "article",
        "confidence",
        "date",
        "id",
        "modality",
        "quote",
        "quote_end",
        "quote_start",
        "source",
        "target",
        "type",
        "valid_from",
        "valid_to",
    )

    def __init__(self, row: Row) -> None:
        """From the :data:`ROW_COLUMNS` of a stored claim, first in ``row``."""
        intern = sys.intern
        (
            article,
            self.id,
            source,
            target,
            kind,
            self.confidence,
            modality,
            day,
            valid_from,
            valid_to,
            self.quote,
            self.quote_start,
            self.quote_end,
            *place,
        ) = row
        # shared by many claims: one string each, not one per row
        self.article = intern(article)
        self.source = intern(source)
        self.target = intern(target)
        self.type = intern(kind)
        self.modality = intern(modality)
        self.date = parse_day(day)
        self.valid_from = parse_day(valid_from)
        self.valid_to = parse_day(valid_to)
        self._evidence: Evidence | None = None
        self._place = tuple(place[: len(PLACE_COLUMNS)])

    @property
    def place(self) -> Place | None:
        """The claim's place (filters by country and area read it)."""
        return place_from_values(self._place)

    @property
    def evidence(self) -> Evidence | None:
        """Built when first asked for (the claims a relation shows as its evidence)."""
        if self._evidence is None and self.quote is not None:
            self._evidence = trusted(  # validated when the claim was stored
                Evidence, quote=self.quote, start=self.quote_start, end=self.quote_end
            )
        return self._evidence


def claim_values(claim: Claim) -> Row:
    """The :data:`CLAIM_COLUMNS` of ``claim``."""
    evidence = claim.evidence
    return (
        claim.article,
        claim.id,
        claim.source,
        claim.target,
        claim.type,
        claim.confidence,
        str(claim.modality),
        _day(claim.date),
        _day(claim.valid_from),
        _day(claim.valid_to),
        evidence.quote if evidence else None,
        evidence.start if evidence else None,
        evidence.end if evidence else None,
        claim.attributed_to,
        claim.mode and str(claim.mode),
        claim.certainty and str(claim.certainty),
        claim.support_type and str(claim.support_type),
        json.dumps(claim.attributes, sort_keys=True) if claim.attributes else None,
        *place_values(claim.place),
    )


def claim_from_values(values: Row) -> Claim:
    """The :class:`Claim` stored as ``values`` (all of :data:`CLAIM_COLUMNS`).

    Built from values validated when the claim was stored, without
    validating them again (evidence lists run to thousands of claims).
    """
    (
        article,
        claim_id,
        source,
        target,
        kind,
        confidence,
        modality,
        day,
        valid_from,
        valid_to,
        quote,
        start,
        end,
        attributed_to,
        mode,
        certainty,
        support_type,
        attributes,
        *place,
    ) = values
    return trusted(
        Claim,
        id=claim_id,
        article=article,
        source=source,
        target=target,
        type=kind,
        confidence=confidence,
        modality=_MODALITY[modality],
        attributed_to=attributed_to,
        evidence=None if quote is None else trusted(Evidence, quote=quote, start=start, end=end),
        date=parse_day(day),
        valid_from=parse_day(valid_from),
        valid_to=parse_day(valid_to),
        mode=_MODE[mode],
        certainty=_CERTAINTY[certainty],
        support_type=_SUPPORT[support_type],
        attributes=json.loads(attributes) if attributes else {},
        place=place_from_values(tuple(place)),
    )
