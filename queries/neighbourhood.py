"""The k-hop neighbourhood of an actor in the stance graph."""

from __future__ import annotations

from operator import attrgetter

import networkx as nx

from graph.budget import check_deadline
from graph.errors import UnknownActor
from graph.filters import check_bound
from graph.store import Subgraph


def neighbourhood(G: nx.Graph, actor: str, depth: int = 1, limit: int = 100) -> Subgraph:
    """Actors within ``depth`` hops of ``actor`` and the relations among them.

    Breadth first: nearer actors come before farther ones; within one hop
    distance, actors linked in by a stronger |stance| come first, then by id.
    At most ``limit`` actors besides the centre are kept.

    Parameters
    ----------
    G : networkx.Graph
        A stance graph (:func:`queries.stance_graph.build_stance_graph`).
    actor : str
        The centre, an actor id in ``G``.
    depth : int
        Hops, within ``graph.filters.BOUNDS["depth"]``.
    limit : int
        Most actors besides the centre, within ``BOUNDS["limit"]``.

    Returns
    -------
    Subgraph
        ``truncated`` is true when ``limit`` left actors out.

    Raises
    ------
    UnknownActor
        If ``actor`` is not in ``G``.
    OutOfRange
        If ``depth`` or ``limit`` is outside its bounds.

    Examples
    --------
    >>> from queries.stance_graph import example_graph
    >>> sub = neighbourhood(example_graph(), "a", depth=1)
    >>> [n.id for n in sub.nodes]
    ['a', 'b', 'c', 'e']
    >>> neighbourhood(example_graph(), "a", depth=2, limit=2).truncated
    True
    """
    check_bound("depth", depth)
    check_bound("limit", limit)
    if actor not in G:
        raise UnknownActor(actor)
    adj = G._adj  # the plain dicts behind G.adj, as networkx's own traversals read them
    kept = [actor]
    seen = {actor}
    frontier = [actor]
    truncated = False
    for _ in range(depth):
        strength: dict[str, float] = {}
        for node in frontier:
            check_deadline()
            for other, data in adj[node].items():
                if other not in seen:
                    value = abs(data["stance"])
                    if value > strength.get(other, -1.0):
                        strength[other] = value
        layer = sorted(strength, key=lambda n: (-strength[n], n))
        room = limit - (len(kept) - 1)
        if len(layer) > room:
            layer, truncated = layer[:room], True
        kept.extend(layer)
        seen.update(layer)
        frontier = layer
        if truncated or not frontier:
            break
    found = []
    for i, node in enumerate(kept):
        ties = adj[node]
        found.extend(
            r for other in kept[i + 1 :] if other in ties for r in ties[other]["relations"]
        )
    relations = sorted(found, key=attrgetter("source", "target", "type"))
    return Subgraph(
        center=actor,
        nodes=tuple(G.nodes[n]["actor"] for n in kept),
        relations=tuple(relations),
        truncated=truncated,
    )
