"""Actors: search, detail, allies, enemies, neighbourhood."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import FiltersDep, PageDep, RollUpDep, StoreDep, bounded
from api.routing import OffloadedRoute
from graph.filters import BOUNDS
from graph.model import Actor
from graph.store import ActorMatch, Stance, Subgraph
from queries.rollup import rolled_up

router = APIRouter(prefix="/actors", tags=["actors"], route_class=OffloadedRoute)

ActorRef = Annotated[str, "An actor id, name or alias"]


@router.get("")
def search_actors(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, description="Name or alias, any spelling")],
    response: Response,
    offset: Annotated[int, Query(ge=0, description="Matches to skip")] = 0,
    limit: Annotated[int, bounded("limit", "Most matches")] = 10,
) -> list[ActorMatch]:
    """Actors whose names or aliases match ``q``, best first.

    Paginated like every list: ``X-Total-Count`` counts the matches (the best
    1000 at most).
    """
    matches = store.search_actors(q, BOUNDS["limit"][1])
    response.headers["X-Total-Count"] = str(len(matches))
    return matches[offset : offset + limit]


@router.get("/{ref}")
def actor_detail(store: StoreDep, ref: ActorRef) -> Actor:
    """One actor, by id or any known name or alias."""
    return store.actor(ref)


@router.get("/{ref}/allies")
def actor_allies(
    store: StoreDep,
    ref: ActorRef,
    filters: FiltersDep,
    page: PageDep,
    response: Response,
    roll_up: RollUpDep = False,
) -> list[Stance]:
    """Actors standing with this one, strongest first, with the relations and evidence."""
    actor = store.actor(ref).id
    found = rolled_up(store, filters).allies(actor) if roll_up else store.allies(actor, filters)
    return page(found, response)


@router.get("/{ref}/enemies")
def actor_enemies(
    store: StoreDep,
    ref: ActorRef,
    filters: FiltersDep,
    page: PageDep,
    response: Response,
    roll_up: RollUpDep = False,
) -> list[Stance]:
    """Actors standing against this one, most hostile first."""
    actor = store.actor(ref).id
    found = rolled_up(store, filters).enemies(actor) if roll_up else store.enemies(actor, filters)
    return page(found, response)


@router.get("/{ref}/neighbourhood")
def actor_neighbourhood(
    store: StoreDep,
    ref: ActorRef,
    filters: FiltersDep,
    depth: Annotated[int, bounded("depth", "Hops from the actor")] = 1,
    limit: Annotated[int, bounded("limit", "Most actors besides the centre")] = 100,
    max_relations: Annotated[
        int, bounded("max_relations", "Most relations: the centre's ties, then the strongest")
    ] = 500,
    roll_up: RollUpDep = False,
) -> Subgraph:
    """Actors within ``depth`` hops and the relations among them.

    ``total_relations`` counts every relation among the actors returned;
    ``relations`` holds at most ``max_relations`` of them, each tie whole.
    """
    actor = store.actor(ref).id
    if roll_up:
        return rolled_up(store, filters).neighbourhood(actor, depth, limit, max_relations)
    return store.neighbourhood(actor, depth, filters, limit, max_relations)
