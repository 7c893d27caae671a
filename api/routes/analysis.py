"""Signed-network analysis: timeline, blocs, balance, inferred stances, brokers, backers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.actor_refs import find_actor
from api.deps import FiltersDep, PageDep, RollUpDep, StoreDep, bounded
from api.routing import OffloadedRoute
from graph.traversal.stance_graph import store_stance_graph
from queries.balance import Balance, balance
from queries.blocs import Blocs, blocs
from queries.brokers import Broker, SupportChain, brokers_with_blocs, support_chains
from queries.inference import InferredStance, infer
from queries.rollup import rolled_up
from queries.timeline import Period, Timeline, timeline

router = APIRouter(tags=["analysis"], route_class=OffloadedRoute)

Actor = Annotated[str, Query(min_length=1, description="Actor id, name or alias")]


@router.get("/timeline")
def pair_timeline(
    store: StoreDep,
    source: Actor,
    target: Actor,
    filters: FiltersDep,
    period: Annotated[Period, Query(description="Bucket size of the net stance")] = "year",
) -> Timeline:
    """Claims between two actors by date, the net sign per period, and when it flipped."""
    a, b = find_actor(store, source).id, find_actor(store, target).id
    return timeline(store.evidence(a, b, filters), a, b, store.vocabulary, period)


@router.get("/blocs")
def signed_blocs(store: StoreDep, filters: FiltersDep, roll_up: RollUpDep = False) -> Blocs:
    """Coalitions of the signed graph and the ties that violate them, with evidence."""
    return (
        rolled_up(store, filters).blocs() if roll_up else blocs(store_stance_graph(store, filters))
    )


@router.get("/balance")
def structural_balance(
    store: StoreDep, filters: FiltersDep, page: PageDep, response: Response
) -> Balance:
    """Signed triad census, unbalanced triads by evidence (paginated), balance index."""
    result = balance(store_stance_graph(store, filters), page.offset, page.limit)
    page.count(result.census["++-"] + result.census["---"], response)
    return result


@router.get("/actors/{ref}/inferred")
def inferred_stances(
    store: StoreDep,
    ref: str,
    filters: FiltersDep,
    page: PageDep,
    response: Response,
    max_length: Annotated[int, bounded("max_length", "Longest explaining path")] = 2,
) -> list[InferredStance]:
    """Stances suggested by paths (never observed fact), each with its path."""
    actor = find_actor(store, ref).id
    return page(infer(store_stance_graph(store, filters), actor, max_length), response)


@router.get("/brokers")
def bloc_brokers(
    store: StoreDep, filters: FiltersDep, page: PageDep, response: Response
) -> list[Broker]:
    """Actors bridging others on the cooperative graph, with the blocs they tie into.

    Betweenness on the cooperative ties; with more than 50 actors on them,
    estimated from 50 of them (drawn with a fixed seed) and scaled to all.
    """
    return page(brokers_with_blocs(store_stance_graph(store, filters), limit=1000), response)


@router.get("/support-network")
def support_network(
    store: StoreDep, filters: FiltersDep, page: PageDep, response: Response
) -> list[SupportChain]:
    """Chains of backing (SUPPORTS) of two steps or more, longest first: the first 1000 at most."""
    return page(support_chains(store_stance_graph(store, filters)), response)
