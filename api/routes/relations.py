"""Relations between actors: all of them, paths, and the evidence for a pair."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from api.actor_refs import find_actor
from api.deps import (
    FilterQuery,
    FiltersDep,
    PageDep,
    PageQuery,
    RollUpDep,
    RollUpQuery,
    StoreDep,
    bounded_field,
)
from api.routing import OffloadedRoute, quick_read
from graph.model import Relation
from graph.store import EvidenceItem, Path
from queries.rollup import rolled_up

router = APIRouter(tags=["relations"], route_class=OffloadedRoute)


@router.get("/relations")
def relations(
    store: StoreDep,
    filters: FiltersDep,
    page: PageDep,
    response: Response,
    roll_up: RollUpDep = False,
) -> list[Relation]:
    """Every relation holding under the filters (``polarity=1``: who is allied with whom)."""
    if not roll_up:
        return page(store.relations(filters), response)
    view = rolled_up(store, filters)
    page.count(len(view.combined), response)
    return view.relations(page.offset, page.limit)


class Ends(BaseModel):
    """The two actors of a pair, as query parameters."""

    source: str = Field(min_length=1, description="Actor id, name or alias")
    target: str = Field(min_length=1, description="Actor id, name or alias")


class PathSteps(BaseModel):
    """How paths are walked, as query parameters."""

    max_hops: int = bounded_field("max_hops", "Longest path", 4)
    k: int = bounded_field("k", "How many shortest paths", 1)
    positive_only: bool = Field(False, description="Walk cooperative steps only")


class PathsQuery(FilterQuery, RollUpQuery, PathSteps, Ends):
    """The query parameters of ``/paths``: the ends, the walk, roll-up, the filters."""


class EvidenceQuery(PageQuery, FilterQuery, Ends):
    """The query parameters of ``/evidence``: the ends, the filters, the page."""


@router.get("/paths")
@quick_read
def paths(store: StoreDep, query: Annotated[PathsQuery, Query()], response: Response) -> list[Path]:
    """Shortest signed paths between two actors, fewest hops first.

    ``k`` is this list's page size; ``X-Total-Count`` is how many were found (at most ``k``).
    """
    filters = query.filters(store.vocabulary)
    ends = find_actor(store, query.source).id, find_actor(store, query.target).id
    max_hops, k, positive_only = query.max_hops, query.k, query.positive_only
    if query.roll_up:
        view = rolled_up(store, filters)
        found = view.paths(*ends, max_hops=max_hops, k=k, positive_only=positive_only)
    else:
        found = store.paths(
            *ends, max_hops=max_hops, k=k, positive_only=positive_only, filters=filters
        )
    response.headers["X-Total-Count"] = str(len(found))
    return found


@router.get("/evidence")
@quick_read
def evidence(
    store: StoreDep, query: Annotated[EvidenceQuery, Query()], response: Response
) -> list[EvidenceItem]:
    """The claims between two actors, with quotes, articles and dates."""
    filters = query.filters(store.vocabulary)
    found = store.evidence_page(
        find_actor(store, query.source).id,
        find_actor(store, query.target).id,
        filters,
        offset=query.offset,
        limit=query.limit,
    )
    response.headers["X-Total-Count"] = str(found.total)
    return list(found.items)
