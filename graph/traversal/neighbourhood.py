"""The k-hop neighbourhood of an actor in the stance graph."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator
from operator import attrgetter

import networkx as nx

from graph.budget import check_deadline
from graph.errors import UnknownActor
from graph.filters import check_bound
from graph.model import Relation
from graph.store import Subgraph
from graph.traversal.stance_graph import Ties, adjacency
from graph.traversal.ties import ranked_ties, relations_among

RankedTie = tuple[float, str, str, tuple[Relation, ...]]
"""A tie as ``(-|stance|, lower id, higher id, relations)``: strongest first, then by the pair."""


def neighbourhood(
    G: nx.Graph[str], actor: str, depth: int = 1, limit: int = 100, max_relations: int = 500
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
        A stance graph (:func:`graph.traversal.stance_graph.build_stance_graph`).
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
    >>> from graph.traversal.stance_graph import example_graph
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
    adj = adjacency(G)
    kept, truncated = _nearest(G, actor, depth, limit)
    others = set(kept[1:])
    ties = _centre_ties(adj[actor], actor, others)
    found: list[Relation] = []
    for *_, relations in itertools.chain(ties, _strongest_among(G, kept[1:])):
        if len(found) + len(relations) > max_relations:
            break
        found.extend(relations)
    found.sort(key=attrgetter("source", "target", "type"))
    return Subgraph(
        center=actor,
        nodes=tuple(G.nodes[n]["actor"] for n in kept),
        relations=tuple(found),
        truncated=truncated,
        total_relations=relations_among(G, kept),
    )


def _centre_ties(around: Ties, centre: str, others: set[str]) -> list[RankedTie]:
    """The centre's ties to ``others``, strongest first, then by the pair's ids."""
    ties = []
    for other in around.keys() & others:
        data = around[other]
        low, high = (centre, other) if centre < other else (other, centre)
        ties.append((-abs(data["stance"]), low, high, data["relations"]))
    ties.sort()  # pairs are distinct: the relations are never compared
    return ties


def _strongest_among(G: nx.Graph[str], nodes: list[str]) -> Iterator[RankedTie]:
    """The ties among ``nodes``, strongest first (then by the pair's ids), each once.

    A merge of the nodes' :func:`ranked_ties`: read only as far as the caller
    takes them, not all of the thousands of ties among hubs.
    """
    members = set(nodes)
    adj = adjacency(G)

    def ranked(node: str) -> Iterator[tuple[float, str, str]]:
        for rank, other in ranked_ties(G, node):
            if other in members:
                low, high = (node, other) if node < other else (other, node)
                yield rank, low, high

    previous: tuple[float, str, str] | None = None
    for tie in heapq.merge(*map(ranked, nodes)):
        if tie != previous:  # each pair comes from both its ends, one after the other
            previous = tie
            yield (*tie, adj[tie[1]][tie[2]]["relations"])


def _nearest(G: nx.Graph[str], actor: str, depth: int, limit: int) -> tuple[list[str], bool]:
    """``actor`` and the ``limit`` actors nearest it, breadth first; whether any were left out."""
    kept = [actor]
    seen = {actor}
    frontier = [actor]
    for _ in range(depth):
        layer, more = _strongest_unseen(G, frontier, seen, limit - (len(kept) - 1))
        kept.extend(layer)
        seen.update(layer)
        frontier = layer
        if more:
            return kept, True
        if not frontier:
            break
    return kept, False


def _strongest_unseen(
    G: nx.Graph[str], frontier: list[str], seen: set[str], room: int
) -> tuple[list[str], bool]:
    """Up to ``room`` actors tied to ``frontier`` and not ``seen``; whether more were left out.

    Ordered by their strongest tie into the frontier, then by id: the
    frontier's :func:`ranked_ties` merged, so only their heads are read.
    """
    picked: list[str] = []
    taken = set(seen)
    merged = heapq.merge(*(ranked_ties(G, node) for node in frontier))
    for n, (_, other) in enumerate(merged):
        if n % 4096 == 0:
            check_deadline()
        if other in taken:
            continue
        if len(picked) == room:
            return picked, True
        picked.append(other)
        taken.add(other)
    return picked, False
