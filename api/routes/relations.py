"""Relations between actors: all of them, paths, and the evidence for a pair."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.actor_refs import find_actor
from api.deps import FiltersDep, PageDep, RollUpDep, StoreDep, bounded
from api.routing import OffloadedRoute, quick_read
from graph.model import Relation
from graph.store import EvidenceItem, Path
from queries.rollup import rolled_up

router = APIRouter(tags=["relations"], route_class=OffloadedRoute)

Source = Annotated[str, Query(min_length=1, description="Actor id, name or alias")]
Target = Annotated[str, Query(min_length=1, description="Actor id, name or alias")]


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


@router.get("/paths")
@quick_read
def paths(
    store: StoreDep,
    source: Source,
    target: Target,
    filters: FiltersDep,
    response: Response,
    max_hops: Annotated[int, bounded("max_hops", "Longest path")] = 4,
    k: Annotated[int, bounded("k", "How many shortest paths")] = 1,
    positive_only: Annotated[bool, Query(description="Walk cooperative steps only")] = False,
    roll_up: RollUpDep = False,
) -> list[Path]:
    """Shortest signed paths between two actors, fewest hops first.

    ``k`` is this list's page size; ``X-Total-Count`` is how many were found (at most ``k``).
    """
    ends = find_actor(store, source).id, find_actor(store, target).id
    if roll_up:
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
    store: StoreDep,
    source: Source,
    target: Target,
    filters: FiltersDep,
    page: PageDep,
    response: Response,
) -> list[EvidenceItem]:
    """The claims between two actors, with quotes, articles and dates."""
    found = store.evidence_page(
        find_actor(store, source).id,
        find_actor(store, target).id,
        filters,
        offset=page.offset,
        limit=page.limit,
    )
    response.headers["X-Total-Count"] = str(found.total)
    return list(found.items)
