"""Brokers between blocs and the external support network."""

from __future__ import annotations

import itertools

import networkx as nx
from pydantic import BaseModel, ConfigDict

from graph.budget import check_deadline
from graph.model import Relation
from queries.stance_graph import positive_subgraph


class Broker(BaseModel):
    model_config = ConfigDict(frozen=True)

    actor: str
    betweenness: float
    bridges: tuple[int, ...]


def brokers(G: nx.Graph, membership: dict[str, int] | None = None, limit: int = 20) -> list[Broker]:
    """Actors bridging others on the cooperative graph (betweenness centrality).

    ``membership`` (an actor's bloc, from :func:`queries.blocs.blocs`) adds the
    blocs each broker has cooperative ties into.

    Examples
    --------
    >>> G = nx.Graph()
    >>> for u, v in [("a", "b"), ("b", "c"), ("c", "d")]:
    ...     G.add_edge(u, v, sign=1, stance=1.0, relations=())
    >>> [(b.actor, b.betweenness) for b in brokers(G)]
    [('b', 0.666667), ('c', 0.666667)]
    """
    P = positive_subgraph(G)
    scores = nx.betweenness_centrality(P, normalized=True)
    ranked = sorted(((a, s) for a, s in scores.items() if s > 0), key=lambda x: (-x[1], x[0]))
    found = []
    for actor, score in ranked[:limit]:
        bridges: tuple[int, ...] = ()
        if membership:
            bridges = tuple(sorted({membership[o] for o in P.adj[actor] if o in membership}))
        found.append(Broker(actor=actor, betweenness=round(score, 6), bridges=bridges))
    return found


class SupportChain(BaseModel):
    model_config = ConfigDict(frozen=True)

    actors: tuple[str, ...]
    relations: tuple[Relation, ...]


def support_chains(relations: list[Relation], max_length: int = 4) -> list[SupportChain]:
    """Chains of SUPPORTS relations of two steps or more (state -> militia -> ally).

    Examples
    --------
    >>> from datetime import date
    >>> d = date(2016, 1, 1)
    >>> r = lambda s, t: Relation(source=s, target=t, type="SUPPORTS", polarity=1,
    ...     symmetric=False, weight=1.0, n_claims=1, n_articles=1, first_seen=d, last_seen=d)
    >>> [c.actors for c in support_chains([r("state", "militia"), r("militia", "ally")])]
    [('state', 'militia', 'ally')]
    """
    D = nx.DiGraph()
    for relation in relations:
        if relation.type == "SUPPORTS" and relation.holds:
            D.add_edge(relation.source, relation.target, relation=relation)
    chains = []
    stack = [(n,) for n in sorted(D) if D.in_degree(n) == 0] or [(n,) for n in sorted(D)]
    while stack:
        check_deadline()
        path = stack.pop()
        for nxt in sorted(D.successors(path[-1])):
            if nxt in path:
                continue
            longer = (*path, nxt)
            if len(longer) >= 3:
                chains.append(
                    SupportChain(
                        actors=longer,
                        relations=tuple(
                            D.edges[u, v]["relation"] for u, v in itertools.pairwise(longer)
                        ),
                    )
                )
            if len(longer) <= max_length:
                stack.append(longer)
    return sorted(chains, key=lambda c: (-len(c.actors), c.actors))
