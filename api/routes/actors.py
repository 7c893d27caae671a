"""Actors: search, detail, allies, enemies, neighbourhood."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.actor_refs import find_actor
from api.deps import (
    FilterQuery,
    FiltersDep,
    MinClaims,
    PageQuery,
    RollUpDep,
    RollUpQuery,
    StoreDep,
    bounded,
)
from api.routing import OffloadedRoute, quick_read
from graph.filters import BOUNDS, Filters
from graph.model import Actor, ActorKind
from graph.store import ActorMatch, GraphStore, Stance, Subgraph
from queries.rollup import rolled_up
from queries.roster import ActorFilter, ActorRow, ActorSort, claim_counts
from queries.roster import list_actors as roster

router = APIRouter(prefix="/actors", tags=["actors"], route_class=OffloadedRoute)

ActorRef = Annotated[str, "An actor id, name or alias"]


@router.get("")
def list_actors(
    store: StoreDep,
    response: Response,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=1000,
            description="Name or alias, any spelling; without it, every actor",
        ),
    ] = None,
    unresolved: Annotated[
        bool | None, Query(description="Only the actors no gazetteer matched (false: the others)")
    ] = None,
    kind: Annotated[ActorKind | None, Query(description="Only actors of this kind")] = None,
    source: Annotated[
        str | None,
        Query(
            min_length=1,
            description="Only actors carrying an id from this dataset (acled, ucdp, gdelt...)",
        ),
    ] = None,
    min_claims: MinClaims = 0,
    sort: Annotated[
        ActorSort, Query(description="Without q: by id, name, or claims (most first)")
    ] = ActorSort.ID,
    offset: Annotated[int, bounded("offset", "Actors to skip")] = 0,
    limit: Annotated[
        int | None, bounded("limit", "Most actors (default 10 with q, else 100)")
    ] = None,
) -> list[ActorRow] | list[ActorMatch]:
    """Every actor with its claim count, paged and filtered; with ``q``, the best matches first.

    Paginated like every list: ``X-Total-Count`` counts the actors that pass
    the filters (with ``q``: the matches that do, of the best 1000).
    """
    where = ActorFilter(unresolved=unresolved, kind=kind, source=source, min_claims=min_claims)
    if q is None:
        found = roster(store, where, sort=sort, offset=offset, limit=limit or 100)
        response.headers["X-Total-Count"] = str(found.total)
        return list(found.items)
    matches = store.search_actors(q, BOUNDS["limit"][1])
    if where != ActorFilter():
        counts = claim_counts(store.relations()) if min_claims else Counter()
        matches = [m for m in matches if where.admits(m.actor, counts[m.actor.id])]
    response.headers["X-Total-Count"] = str(len(matches))
    return matches[offset : offset + (limit or 10)]


@router.get("/{ref}")
@quick_read
def actor_detail(store: StoreDep, ref: ActorRef) -> Actor:
    """One actor, by id or any known name or alias."""
    return find_actor(store, ref)


def _stances(
    store: GraphStore, ref: str, filters: Filters, roll_up: bool, *, hostile: bool
) -> list[Stance]:
    """The allies (or, ``hostile``, the enemies) of ``ref``, rolled up on request."""
    actor = find_actor(store, ref).id
    if roll_up:
        view = rolled_up(store, filters, ties_of=actor)
        return view.enemies(actor) if hostile else view.allies(actor)
    return store.enemies(actor, filters) if hostile else store.allies(actor, filters)


class StancesQuery(PageQuery, FilterQuery, RollUpQuery):
    """The query parameters of allies and enemies: roll-up, the filters, the page."""


StancesParams = Annotated[StancesQuery, Query()]


@router.get("/{ref}/allies")
@quick_read
def actor_allies(
    store: StoreDep, ref: ActorRef, query: StancesParams, response: Response
) -> list[Stance]:
    """Actors standing with this one, strongest first, with the relations and evidence."""
    stances = _stances(store, ref, query.filters(store.vocabulary), query.roll_up, hostile=False)
    return query.page(stances, response)


@router.get("/{ref}/enemies")
@quick_read
def actor_enemies(
    store: StoreDep, ref: ActorRef, query: StancesParams, response: Response
) -> list[Stance]:
    """Actors standing against this one, most hostile first."""
    stances = _stances(store, ref, query.filters(store.vocabulary), query.roll_up, hostile=True)
    return query.page(stances, response)


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
    actor = find_actor(store, ref).id
    if roll_up:
        return rolled_up(store, filters).neighbourhood(actor, depth, limit, max_relations)
    return store.neighbourhood(actor, depth, filters, limit, max_relations)
