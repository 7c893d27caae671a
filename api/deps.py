"""Dependencies: the store built in the lifespan, and the common query parameters.

They do no blocking I/O, so they are ``async def``: FastAPI runs a sync
dependency in the threadpool, a thread hop per request each. The query
parameters shared by many routes are pydantic models (FastAPI's query
parameter models): FastAPI checks a model in one validation, not one call per
parameter, and documents each field as a parameter of its own. The quick reads
(:func:`api.routing.quick_read`) take all their query parameters as one model
each, built from these.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query, Request, Response
from pydantic import BaseModel, BeforeValidator, Field

from graph.filters import BOUNDS, NO_FILTERS, Filters, filters_for
from graph.store import GraphStore
from graph.vocabulary import Vocabulary


async def get_store(request: Request) -> GraphStore:
    """The store the lifespan opened (tests override this dependency)."""
    return request.app.state.store


StoreDep = Annotated[GraphStore, Depends(get_store)]


def bounded(name: str, description: str) -> object:
    """A query parameter bounded by ``graph.filters.BOUNDS[name]``."""
    low, high = BOUNDS[name]
    return Query(ge=low, le=high, description=f"{description} ({low}..{high})")


def bounded_field(name: str, description: str, default: int) -> Any:
    """A query model's field bounded by ``graph.filters.BOUNDS[name]``, as :func:`bounded`."""
    low, high = BOUNDS[name]
    return Field(default, ge=low, le=high, description=f"{description} ({low}..{high})")


def _iso_date(value: object) -> object:
    if isinstance(value, str) and not (len(value) == 10 and value[4] == "-" and value[7] == "-"):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class FilterQuery(BaseModel):
    """The common filters of every query, as query parameters.

    One model, so that FastAPI checks them in one validation rather than one
    parameter at a time; a route's own query model adds its parameters to
    these (see :class:`PageQuery`, :class:`RollUpQuery`).
    """

    as_of: IsoDate | None = Field(None, description="Only evidence up to and valid at this date")
    since: IsoDate | None = Field(None, description="Only evidence dated on or after")
    until: IsoDate | None = Field(None, description="Only evidence dated on or before")
    types: list[str] | None = Field(None, description="Relation types to keep (the vocabulary's)")
    polarity: list[Annotated[int, Field(ge=-1, le=1)]] | None = Field(
        None, description="Polarities to keep: -1, 0, 1"
    )
    min_confidence: float = Field(0.0, ge=0.0, le=1.0, description="Claim confidence floor")
    country: str | None = Field(
        None,
        max_length=3,
        description="Only claims acted out in this country (ISO-3, e.g. SYR)",
    )
    bbox: str | None = Field(
        None,
        max_length=200,
        description="Only claims acted out inside minlon,minlat,maxlon,maxlat (WGS 84)",
    )

    @property
    def unfiltered(self) -> bool:
        """Whether no filter was asked for (then :meth:`filters` is ``NO_FILTERS``)."""
        return (
            self.as_of is None
            and self.since is None
            and self.until is None
            and not self.types
            and not self.polarity
            and not self.min_confidence
            and self.country is None
            and self.bbox is None
        )

    def filters(self, vocabulary: Vocabulary) -> Filters:
        """The filters asked for, checked as the CLI checks them."""
        if self.unfiltered:
            return NO_FILTERS
        return filters_for(
            vocabulary,
            as_of=self.as_of,
            since=self.since,
            until=self.until,
            types=self.types,
            polarity=self.polarity,
            min_confidence=self.min_confidence,
            country=self.country,
            bbox=self.bbox,
        )


async def get_filters(store: StoreDep, query: Annotated[FilterQuery, Query()]) -> Filters:
    """The common filters of every query, checked as the CLI checks them."""
    return query.filters(store.vocabulary)


FiltersDep = Annotated[Filters, Depends(get_filters)]


T = TypeVar("T")


class Page:
    """``offset``/``limit`` on a list answer; the full count goes in ``X-Total-Count``."""

    def __init__(self, offset: int, limit: int) -> None:
        self.offset, self.limit = offset, limit

    def __call__(self, items: Sequence[T], response: Response) -> list[T]:
        self.count(len(items), response)
        return list(items[self.offset : self.offset + self.limit])

    @staticmethod
    def count(total: int, response: Response) -> None:
        """For answers paged where they are made: how many items there are in all."""
        response.headers["X-Total-Count"] = str(total)


class PageQuery(BaseModel):
    """``offset`` and ``limit`` as query parameters."""

    offset: int = bounded_field("offset", "Items to skip", 0)
    limit: int = bounded_field("limit", "Most items", 100)

    @property
    def page(self) -> Page:
        return Page(self.offset, self.limit)


async def get_page(query: Annotated[PageQuery, Query()]) -> Page:
    return query.page


PageDep = Annotated[Page, Depends(get_page)]


MinClaims = Annotated[
    int,
    Query(ge=0, le=1_000_000_000, description="Only actors named by at least this many claims"),
]

ROLL_UP = (
    "Answer between top-level actors: each actor counts as its umbrella "
    "(MEMBER_OF) and the relations are aggregated again between those"
)

RollUpDep = Annotated[bool, Query(description=ROLL_UP)]


class RollUpQuery(BaseModel):
    """``roll_up`` as a query parameter."""

    roll_up: bool = Field(False, description=ROLL_UP)


def answers_from_index(query: BaseModel) -> bool:
    """Whether a quick read with this query needs only the store's index in memory: no
    filters, no roll-up (see :func:`api.routing.quick_read`)."""
    return (not isinstance(query, FilterQuery) or query.unfiltered) and not getattr(
        query, "roll_up", False
    )
