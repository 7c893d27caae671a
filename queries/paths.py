"""Shortest and k-shortest signed paths between two actors."""

from __future__ import annotations

from itertools import islice, pairwise

import networkx as nx

from graph.budget import check_deadline
from graph.errors import InvalidQuery, UnknownActor
from graph.filters import check_bound
from graph.store import Path, PathStep
from queries.stance_graph import positive_subgraph

# Paths enumerated beyond the k-th to break ties of equal length deterministically.
_TIE_SCAN = 500


def _as_path(G: nx.Graph, nodes: list[str]) -> Path:
    steps = []
    sign = 1
    for u, v in pairwise(nodes):
        data = G.edges[u, v]
        steps.append(PathStep(source=u, target=v, sign=data["sign"], relations=data["relations"]))
        sign *= data["sign"]
    return Path(actors=tuple(nodes), steps=tuple(steps), sign=sign)


def _strength(G: nx.Graph, nodes: list[str]) -> float:
    return sum(abs(G.edges[u, v]["stance"]) for u, v in pairwise(nodes))


def signed_paths(
    G: nx.Graph,
    source: str,
    target: str,
    *,
    max_hops: int = 4,
    k: int = 1,
    positive_only: bool = False,
) -> list[Path]:
    """Up to ``k`` shortest simple paths from ``source`` to ``target``, with signs.

    A step's sign is the sign of the pair's stance; a path's sign is the
    product of its steps' signs (0 when a step is structural only).

    Parameters
    ----------
    G : networkx.Graph
        A stance graph (:func:`queries.stance_graph.build_stance_graph`).
    source, target : str
        Actor ids in ``G``.
    max_hops : int
        Longest path considered, within ``graph.filters.BOUNDS["max_hops"]``.
    k : int
        How many paths, within ``BOUNDS["k"]``.
    positive_only : bool
        Walk only steps of positive stance.

    Returns
    -------
    list of Path
        Fewest hops first; ties by larger total |stance|, then actor ids.

    Raises
    ------
    UnknownActor, InvalidQuery, OutOfRange

    Examples
    --------
    >>> from queries.stance_graph import example_graph
    >>> G = example_graph()
    >>> [(p.actors, p.sign) for p in signed_paths(G, "c", "d")]
    [(('c', 'a', 'b', 'd'), -1)]
    >>> signed_paths(G, "c", "d", positive_only=True)
    []
    """
    check_bound("max_hops", max_hops)
    check_bound("k", k)
    for node in (source, target):
        if node not in G:
            raise UnknownActor(node)
    if source == target:
        raise InvalidQuery("a path needs two different actors")
    walk = positive_subgraph(G) if positive_only else G
    found: list[list[str]] = []
    try:
        for nodes in islice(nx.shortest_simple_paths(walk, source, target), k + _TIE_SCAN):
            check_deadline()
            if len(nodes) - 1 > max_hops:
                break
            if len(found) >= k and len(nodes) > len(found[k - 1]):
                break
            found.append(nodes)
    except nx.NetworkXNoPath:
        return []
    found.sort(key=lambda nodes: (len(nodes), -round(_strength(G, nodes), 9), nodes))
    return [_as_path(G, nodes) for nodes in found[:k]]
