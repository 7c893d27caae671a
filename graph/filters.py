"""Query filters and size bounds common to every query and every backend."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph.errors import InvalidQuery, OutOfRange
from graph.model import ClaimFacts

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
    graph.errors.InvalidQuery: offset=-1 is out of range; allowed 0 or more
    """
    check_bound("limit", limit)
    if offset < 0:
        raise InvalidQuery(f"offset={offset} is out of range; allowed 0 or more")
    return slice(offset, offset + limit)


class Filters(BaseModel):
    """Which claims count: a time window, relation types, polarity, confidence.

    ``as_of`` keeps the claims dated on or before it that are still valid at
    that date; ``since``/``until`` keep the claims dated inside the window.
    Undated claims count only when no time filter is set.
    ``types`` and ``polarity`` restrict the relations; ``min_confidence``
    drops weaker claims before aggregation.

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

    @model_validator(mode="after")
    def _window(self) -> Filters:
        if self.since and self.until and self.since > self.until:
            raise InvalidQuery(f"since {self.since} is after until {self.until}")
        if self.since and self.as_of and self.since > self.as_of:
            raise InvalidQuery(f"since {self.since} is after as_of {self.as_of}")
        return self

    @property
    def is_timeless(self) -> bool:
        return self.as_of is None and self.since is None and self.until is None

    @property
    def is_unfiltered(self) -> bool:
        return self == NO_FILTERS

    def admits_claim(self, claim: ClaimFacts) -> bool:
        """Whether ``claim`` counts under the time window and confidence floor."""
        if claim.confidence < self.min_confidence:
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
) -> Filters:
    """The filters a user asked for, checked: the one check the CLI and the API share.

    Every type must be in ``vocabulary``; an empty ``types`` or ``polarity`` keeps
    every one; the time window must be in order.

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
    )
