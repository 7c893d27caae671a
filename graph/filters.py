"""Query filters and size bounds common to every query and every backend."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Annotated, TypedDict

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph.errors import InvalidQuery, OutOfRange
from graph.model import ClaimFacts, Country, Place, is_country

BBox = tuple[
    Annotated[float, Field(ge=-180.0, le=180.0)],
    Annotated[float, Field(ge=-90.0, le=90.0)],
    Annotated[float, Field(ge=-180.0, le=180.0)],
    Annotated[float, Field(ge=-90.0, le=90.0)],
]
"""``(min lon, min lat, max lon, max lat)``, as GeoJSON writes a bounding box; a box
whose min lon is east of its max lon crosses the antimeridian."""

if TYPE_CHECKING:
    from graph.vocabulary import Vocabulary

# Hard upper bounds on every size a query accepts: (low, high).
BOUNDS: dict[str, tuple[int, int]] = {
    "depth": (1, 4),
    "max_hops": (1, 6),
    "k": (1, 10),
    "limit": (1, 1000),
    "max_relations": (1, 10000),
    "max_length": (2, 4),
    "offset": (0, 1_000_000_000),
}


def check_bound(name: str, value: int) -> int:
    """``value`` if it is inside the bounds of ``name``, else :class:`OutOfRange`.

    >>> check_bound("depth", 2)
    2
    >>> check_bound("depth", 9)
    Traceback (most recent call last):
    ...
    graph.errors.OutOfRange: depth=9 is out of range; allowed 1..4
    """
    low, high = BOUNDS[name]
    if not low <= value <= high:
        raise OutOfRange(name, value, low, high)
    return value


def check_page(offset: int, limit: int) -> slice:
    """The slice of a page: ``offset`` 0 or more, ``limit`` inside its bounds.

    >>> [1, 2, 3, 4][check_page(1, 2)]
    [2, 3]
    >>> check_page(-1, 10)
    Traceback (most recent call last):
    ...
    graph.errors.InvalidQuery: offset=-1 is out of range; allowed 0..1000000000
    """
    check_bound("limit", limit)
    low, high = BOUNDS["offset"]
    if not low <= offset <= high:
        raise InvalidQuery(f"offset={offset} is out of range; allowed {low}..{high}")
    return slice(offset, offset + limit)


def parse_bbox(text: str | None) -> BBox | None:
    """A bounding box from ``minlon,minlat,maxlon,maxlat`` (the CLI's and the API's form).

    >>> parse_bbox("35.5,34.5,41,37.5")
    (35.5, 34.5, 41.0, 37.5)
    >>> parse_bbox("35.5,34.5,41")
    Traceback (most recent call last):
    ...
    graph.errors.InvalidQuery: bbox='35.5,34.5,41': expected minlon,minlat,maxlon,maxlat
    """
    if text is None or not text.strip():
        return None
    parts = text.split(",")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != 4:
        raise InvalidQuery(f"bbox={text!r}: expected minlon,minlat,maxlon,maxlat")
    return (values[0], values[1], values[2], values[3])


class PlaceFilters(TypedDict):
    country: str | None
    bbox: BBox | None


def place_filters(country: str | None, bbox: str | None) -> PlaceFilters:
    """The place fields of :class:`Filters` from what a user typed (CLI option, API parameter).

    >>> place_filters("syr", "35.5,34.5,41,37.5")
    {'country': 'SYR', 'bbox': (35.5, 34.5, 41.0, 37.5)}
    >>> place_filters("Syria", None)
    Traceback (most recent call last):
    ...
    graph.errors.InvalidQuery: country='Syria': expected an ISO 3166-1 alpha-3 code, e.g. SYR
    """
    code = country.strip().upper() if country and country.strip() else None
    if code is not None and not is_country(code):
        raise InvalidQuery(f"country={country!r}: expected an ISO 3166-1 alpha-3 code, e.g. SYR")
    return {"country": code, "bbox": parse_bbox(bbox)}


class Filters(BaseModel):
    """Which claims count: a time window, relation types, polarity, confidence, place.

    ``as_of`` keeps the claims dated on or before it that are still valid at
    that date; ``since``/``until`` keep the claims dated inside the window.
    Undated claims count only when no time filter is set.
    ``types`` and ``polarity`` restrict the relations; ``min_confidence``
    drops weaker claims before aggregation. ``country`` (ISO 3166-1 alpha-3) and
    ``bbox`` keep the claims whose place is in that country or inside that box;
    a claim without a place counts only when neither is set.

    >>> from datetime import date
    >>> Filters(since=date(2017, 1, 1), until=date(2016, 1, 1))
    Traceback (most recent call last):
    ...
    graph.errors.InvalidQuery: since 2017-01-01 is after until 2016-01-01
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    as_of: date | None = None
    since: date | None = None
    until: date | None = None
    types: tuple[str, ...] | None = None
    polarity: tuple[Annotated[int, Field(ge=-1, le=1)], ...] | None = None
    min_confidence: Annotated[float, Field(ge=0.0, le=1.0)] = 0.0
    country: Country | None = None
    bbox: BBox | None = None

    @model_validator(mode="after")
    def _window(self) -> Filters:
        if self.bbox and self.bbox[1] > self.bbox[3]:
            raise InvalidQuery(f"bbox min lat {self.bbox[1]} is north of max lat {self.bbox[3]}")
        if self.since and self.until and self.since > self.until:
            raise InvalidQuery(f"since {self.since} is after until {self.until}")
        if self.since and self.as_of and self.since > self.as_of:
            raise InvalidQuery(f"since {self.since} is after as_of {self.as_of}")
        return self

    @property
    def is_timeless(self) -> bool:
        return self.as_of is None and self.since is None and self.until is None

    @property
    def is_placeless(self) -> bool:
        return self.country is None and self.bbox is None

    @property
    def counts_every_claim(self) -> bool:
        """Whether every claim of a relation counts (only whole relations are filtered)."""
        return self.is_timeless and not self.min_confidence and self.is_placeless

    @property
    def is_unfiltered(self) -> bool:
        return self == NO_FILTERS

    def admits_claim(self, claim: ClaimFacts) -> bool:
        """Whether ``claim`` counts under the time window, confidence floor and place."""
        if claim.confidence < self.min_confidence:
            return False
        if not self.is_placeless and not self.admits_place(claim.place):
            return False
        if claim.date is None:
            return self.since is None and self.until is None and self.as_of is None
        if self.since and claim.date < self.since:
            return False
        if self.until and claim.date > self.until:
            return False
        if self.as_of:
            if claim.date > self.as_of or (claim.valid_from and claim.valid_from > self.as_of):
                return False
            if claim.valid_to and claim.valid_to < self.as_of:
                return False
        return True

    def admits_place(self, place: Place | None) -> bool:
        """Whether ``place`` is in the country and the box asked for (no place: only if none is)."""
        if self.country is not None and (place is None or place.country != self.country):
            return False
        if self.bbox is not None:
            if place is None or place.latitude is None or place.longitude is None:
                return False
            west, south, east, north = self.bbox
            if not south <= place.latitude <= north:
                return False
            lon = place.longitude
            inside = west <= lon <= east if west <= east else lon >= west or lon <= east
            if not inside:
                return False
        return True

    def admits_type(self, name: str, polarity: int) -> bool:
        """Whether relations of this type and polarity are kept."""
        if self.types is not None and name not in self.types:
            return False
        return self.polarity is None or polarity in self.polarity


NO_FILTERS = Filters()


def filters_for(
    vocabulary: Vocabulary,
    *,
    as_of: date | None = None,
    since: date | None = None,
    until: date | None = None,
    types: Iterable[str] | None = None,
    polarity: Iterable[int] | None = None,
    min_confidence: float = 0.0,
    country: str | None = None,
    bbox: str | None = None,
) -> Filters:
    """The filters a user asked for, checked: the one check the CLI and the API share.

    Every type must be in ``vocabulary``; an empty ``types`` or ``polarity`` keeps
    every one; the time window must be in order; ``country`` and ``bbox`` are read
    as typed (:func:`place_filters`).

    >>> from graph.vocabulary import load_vocabulary
    >>> filters_for(load_vocabulary(), types=["FIGHTS"], polarity=[]).types
    ('FIGHTS',)
    >>> filters_for(load_vocabulary(), types=["FRIENDS_WITH"])
    Traceback (most recent call last):
    ...
    graph.errors.UnknownRelationType: ...
    """
    types = tuple(types or ())
    for name in types:
        vocabulary[name]
    polarity = tuple(polarity or ())
    return Filters(
        as_of=as_of,
        since=since,
        until=until,
        types=types or None,
        polarity=polarity or None,
        min_confidence=min_confidence,
        **place_filters(country, bbox),
    )
