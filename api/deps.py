"""Dependencies: the store built in the lifespan, and the common query filters.

They do no blocking I/O, so they are ``async def``: FastAPI runs a sync
dependency in the threadpool, a thread hop per request each.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated, TypeVar

from fastapi import Depends, Query, Request, Response
from pydantic import BeforeValidator

from graph.filters import BOUNDS, Filters, filters_for
from graph.store import GraphStore


async def get_store(request: Request) -> GraphStore:
    """The store the lifespan opened (tests override this dependency)."""
    return request.app.state.store


StoreDep = Annotated[GraphStore, Depends(get_store)]


def bounded(name: str, description: str) -> object:
    """A query parameter bounded by ``graph.filters.BOUNDS[name]``."""
    low, high = BOUNDS[name]
    return Query(ge=low, le=high, description=f"{description} ({low}..{high})")


def _iso_date(value: object) -> object:
    if isinstance(value, str) and not (len(value) == 10 and value[4] == "-" and value[7] == "-"):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


async def get_filters(
    store: StoreDep,
    as_of: Annotated[
        IsoDate | None, Query(description="Only evidence up to and valid at this date")
    ] = None,
    since: Annotated[IsoDate | None, Query(description="Only evidence dated on or after")] = None,
    until: Annotated[IsoDate | None, Query(description="Only evidence dated on or before")] = None,
    types: Annotated[
        list[str] | None, Query(description="Relation types to keep (the vocabulary's)")
    ] = None,
    polarity: Annotated[
        list[Annotated[int, Query(ge=-1, le=1)]] | None,
        Query(description="Polarities to keep: -1, 0, 1"),
    ] = None,
    min_confidence: Annotated[
        float, Query(ge=0.0, le=1.0, description="Claim confidence floor")
    ] = 0.0,
    country: Annotated[
        str | None,
        Query(max_length=3, description="Only claims acted out in this country (ISO-3, e.g. SYR)"),
    ] = None,
    bbox: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Only claims acted out inside minlon,minlat,maxlon,maxlat (WGS 84)",
        ),
    ] = None,
) -> Filters:
    """The common filters of every query, checked as the CLI checks them."""
    return filters_for(
        store.vocabulary,
        as_of=as_of,
        since=since,
        until=until,
        types=types,
        polarity=polarity,
        min_confidence=min_confidence,
        country=country,
        bbox=bbox,
    )


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


async def get_page(
    offset: Annotated[int, bounded("offset", "Items to skip")] = 0,
    limit: Annotated[int, bounded("limit", "Most items")] = 100,
) -> Page:
    return Page(offset, limit)


PageDep = Annotated[Page, Depends(get_page)]


MinClaims = Annotated[
    int,
    Query(ge=0, le=1_000_000_000, description="Only actors named by at least this many claims"),
]

RollUpDep = Annotated[
    bool,
    Query(
        description="Answer between top-level actors: each actor counts as its umbrella "
        "(MEMBER_OF) and the relations are aggregated again between those"
    ),
]
