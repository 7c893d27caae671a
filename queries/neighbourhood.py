"""The k-hop neighbourhood of an actor in the stance graph."""

from __future__ import annotations

from operator import attrgetter

import networkx as nx

from graph.budget import check_deadline
from graph.errors import UnknownActor
from graph.filters import check_bound
from graph.store import Subgraph


def neighbourhood(
    G: nx.Graph, actor: str, depth: int = 1, limit: int = 100, max_relations: int = 500
) -> Subgraph:
    """Actors within ``depth`` hops of ``actor`` and the relations among them.

    Breadth first: nearer actors come before farther ones; within one hop
    distance, actors linked in by a stronger |stance| come first, then by id.
    At most ``limit`` actors besides the centre are kept.

    Among hubs nearly every pair is tied, so the relations are capped too:
    the centre's ties come first, then the other ties by |stance|, strongest
    first (then by the pair's ids), each tie with all its relations, until
    the next tie would pass ``max_relations``.

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
    max_relations : int
        Most relations returned, within ``BOUNDS["max_relations"]``.

    Returns
    -------
    Subgraph
        ``truncated`` is true when ``limit`` left actors out;
        ``total_relations`` counts every relation among the actors kept, and
        ``relations`` (sorted by key) holds the ones within ``max_relations``.

    Raises
    ------
    UnknownActor
        If ``actor`` is not in ``G``.
    OutOfRange
        If ``depth``, ``limit`` or ``max_relations`` is outside its bounds.

    Examples
    --------
    >>> from queries.stance_graph import example_graph
    >>> sub = neighbourhood(example_graph(), "a", depth=1)
    >>> [n.id for n in sub.nodes]
    ['a', 'b', 'c', 'e']
    >>> neighbourhood(example_graph(), "a", depth=2, limit=2).truncated
    True
    >>> sub = neighbourhood(example_graph(), "b", depth=2, max_relations=2)
    >>> sub.total_relations, [(r.source, r.target) for r in sub.relations]
    (4, [('a', 'b'), ('b', 'd')])
    """
    check_bound("depth", depth)
    check_bound("limit", limit)
    check_bound("max_relations", max_relations)
    if actor not in G:
        raise UnknownActor(actor)
    adj = G._adj  # the plain dicts behind G.adj, as networkx's own traversals read them
    kept, truncated = _nearest(adj, actor, depth, limit)
    ties = []
    for i, node in enumerate(kept):
        around = adj[node]
        for other in kept[i + 1 :]:
            data = around.get(other)
            if data is not None:
                pair = (node, other) if node < other else (other, node)
                ties.append((node != actor, -abs(data["stance"]), pair, data["relations"]))
    ties.sort(key=lambda tie: tie[:3])
    total = sum(len(tie[3]) for tie in ties)
    found: list = []
    for *_, relations in ties:
        if len(found) + len(relations) > max_relations:
            break
        found.extend(relations)
    found.sort(key=attrgetter("source", "target", "type"))
    return Subgraph(
        center=actor,
        nodes=tuple(G.nodes[n]["actor"] for n in kept),
        relations=tuple(found),
        truncated=truncated,
        total_relations=total,
    )


def _nearest(adj: dict, actor: str, depth: int, limit: int) -> tuple[list[str], bool]:
    """``actor`` and the ``limit`` actors nearest it, breadth first; whether any were left out."""
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
    return kept, truncated
