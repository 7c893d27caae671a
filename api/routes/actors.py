"""Actors: search, detail, allies, enemies, neighbourhood."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import FiltersDep, PageDep, StoreDep, bounded
from api.routing import OffloadedRoute
from graph.filters import BOUNDS
from graph.model import Actor
from graph.store import ActorMatch, Stance, Subgraph

router = APIRouter(prefix="/actors", tags=["actors"], route_class=OffloadedRoute)

ActorRef = Annotated[str, "An actor id, name or alias"]


@router.get("")
def search_actors(
    store: StoreDep,
    q: Annotated[
        str, Query(min_length=1, max_length=1000, description="Name or alias, any spelling")
    ],
    response: Response,
    offset: Annotated[int, bounded("offset", "Matches to skip")] = 0,
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
    store: StoreDep, ref: ActorRef, filters: FiltersDep, page: PageDep, response: Response
) -> list[Stance]:
    """Actors standing with this one, strongest first, with the relations and evidence."""
    return page(store.allies(store.actor(ref).id, filters), response)


@router.get("/{ref}/enemies")
def actor_enemies(
    store: StoreDep, ref: ActorRef, filters: FiltersDep, page: PageDep, response: Response
) -> list[Stance]:
    """Actors standing against this one, most hostile first."""
    return page(store.enemies(store.actor(ref).id, filters), response)


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
) -> Subgraph:
    """Actors within ``depth`` hops and the relations among them.

    ``total_relations`` counts every relation among the actors returned;
    ``relations`` holds at most ``max_relations`` of them, each tie whole.
    """
    return store.neighbourhood(store.actor(ref).id, depth, filters, limit, max_relations)
