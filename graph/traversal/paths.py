"""Shortest and k-shortest signed paths between two actors."""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable
from itertools import pairwise

import networkx as nx

from graph.budget import check_deadline
from graph.errors import InvalidQuery, UnknownActor
from graph.filters import check_bound
from graph.store import Path, PathStep
from graph.traversal.path_ranking import Adjacency, best_shortest, strongest_middles
from graph.traversal.stance_graph import adjacency, positive_subgraph

# When fewer than k paths have the fewest hops, the rest come from the longer
# lengths: every path of 2 to 4 hops is ranked (by strength, then actors); of 5
# hops or more, the first _TIE_SCAN found (a path that long is only asked for
# when fewer than k paths have at most 4 hops, where there are seldom as many).
_TIE_SCAN = 500


def _as_path(ties: Adjacency, nodes: list[str]) -> Path:
    steps = []
    sign = 1
    for u, v in pairwise(nodes):
        data = ties[u][v]
        steps.append(PathStep(source=u, target=v, sign=data["sign"], relations=data["relations"]))
        sign *= data["sign"]
    return Path(actors=tuple(nodes), steps=tuple(steps), sign=sign)


def _strength(ties: Adjacency, nodes: list[str]) -> float:
    """The path's |stance| summed step by step (from 0, in path order: rankings round it)."""
    return sum(abs(float(ties[u][v]["stance"])) for u, v in pairwise(nodes))


def signed_paths(
    G: nx.Graph[str],
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
        A stance graph (:func:`graph.traversal.stance_graph.build_stance_graph`).
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
    >>> from graph.traversal.stance_graph import example_graph
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
    # the plain dicts, not networkx's views: ties are intersected and looked up in C
    adj = positive_subgraph(G).adj if positive_only else adjacency(G)
    ties = adjacency(G)
    rings = _close_meet(adj, source, target, max_hops) or _meet(adj, source, target, max_hops)
    if rings is None:
        return []
    found, n_shortest = best_shortest(G, adj, *rings, k)
    if n_shortest < k:  # fewer than k paths of the fewest hops: the next lengths too
        hops = len(found[0]) - 1
        for more in range(hops + 1, max_hops + 1):
            if more <= 4:
                found += _best_of_length(G, adj, source, target, more, k)
            else:
                found += _of_length(adj, source, target, more, _TIE_SCAN)
            if len(found) >= k:
                break
    best = heapq.nsmallest(
        k, found, key=lambda nodes: (len(nodes), -round(_strength(ties, nodes), 9), nodes)
    )
    return [_as_path(ties, nodes) for nodes in best]


def _best_of_length(
    G: nx.Graph[str], adj: Adjacency, source: str, target: str, hops: int, k: int
) -> list[list[str]]:
    """The ``k`` best simple paths of exactly 2, 3 or 4 ``hops``, all of them ranked."""
    if hops in (2, 3):
        return _of_two_or_three(G, adj, source, target, hops, k)
    # four hops, met in the middle: the actors two steps from each end
    before = _two_steps(adj, source, {target})
    after = _two_steps(adj, target, {source})
    paths: Iterable[list[str]] = (
        [source, a, m, b, target]
        for m in before.keys() & after.keys()
        for a in before[m]
        for b in after[m]
        if a != b
    )
    return heapq.nsmallest(k, paths, key=lambda nodes: (-round(_strength(adj, nodes), 9), nodes))


def _two_steps(adj: Adjacency, end: str, other: set[str]) -> dict[str, list[str]]:
    """For each actor two steps from ``end`` (not ``other``), the actors between them."""
    between: dict[str, list[str]] = {}
    for a in adj[end]:
        if a in other:
            continue
        for m in adj[a]:
            if m != end and m not in other:
                between.setdefault(m, []).append(a)
    return between


def _of_length(adj: Adjacency, source: str, target: str, hops: int, limit: int) -> list[list[str]]:
    """Up to ``limit`` simple paths of exactly ``hops`` hops, depth first.

    A step is taken only to an actor close enough to ``target`` to arrive in
    the hops left (hop distances from ``target``, breadth first).
    """
    near = {target: 0}
    ring = [target]
    for d in range(1, hops):
        check_deadline()
        ring = list(dict.fromkeys(u for v in ring for u in adj[v] if u not in near))
        near.update(dict.fromkeys(ring, d))
    found: list[list[str]] = []
    path = [source]
    taken = {source, target}  # the target only ends a path

    def extend(node: str, left: int) -> None:
        check_deadline()
        if left == 1:
            if target in adj[node]:
                found.append([*path, target])
            return
        for nxt in adj[node]:
            if near.get(nxt, hops) < left and nxt not in taken and len(found) < limit:
                path.append(nxt)
                taken.add(nxt)
                extend(nxt, left - 1)
                taken.discard(nxt)
                path.pop()

    extend(source, hops)
    return found


def _common(adj: Adjacency, u: str, v: str, *others: str) -> set[str]:
    """The actors tied to both ``u`` and ``v`` but ``others`` (a set intersection, in C for
    the store's dicts: the smaller side is scanned)."""
    found: set[str] = adj[u].keys() & adj[v].keys()
    found.difference_update(others)
    return found


def _of_two_or_three(
    G: nx.Graph[str], adj: Adjacency, source: str, target: str, hops: int, k: int
) -> list[list[str]]:
    """The ``k`` strongest simple paths of two or three hops, all of them ranked, found by
    intersecting ties instead of walking out from the target (whose second ring,
    around a hub, is nearly every actor), and ranked as :func:`signed_paths` ranks them
    without building the paths that do not make the ``k`` best. Of two hops, only the
    middles :func:`~graph.traversal.path_ranking.strongest_middles` leaves are ranked.
    """
    ties = adjacency(G)
    if hops == 2:
        middle: list[tuple[str, ...]] = [(source,)]
    else:
        middle = [(source, x) for x in adj[source] if x != source and x != target]
    to_target = ties[target]
    ranked: list[tuple[float, tuple[str, ...]]] = []
    for prefix in middle:
        check_deadline()
        last = prefix[-1]
        ends: Collection[str] = _common(adj, last, target, source, target, last)
        if not ends:
            continue
        if hops == 2:
            ends = strongest_middles(G, source, target, ends, k)
        # the path's |stance| summed step by step, as _strength sums it
        weight = _strength(ties, list(prefix))
        from_last = ties[last]
        ranked.extend(
            (
                -round(
                    weight
                    + abs(float(from_last[y]["stance"]))
                    + abs(float(to_target[y]["stance"])),
                    9,
                ),
                (*prefix, y),
            )
            for y in ends
        )
    return [[*path, target] for _, path in heapq.nsmallest(k, ranked)]


def _close_meet(
    adj: Adjacency, source: str, target: str, max_hops: int
) -> tuple[list[list[str]], list[list[str]]] | None:
    """What :func:`_meet` finds when the ends are tied or share a tie, without walking their
    ties: one lookup, or one set intersection. Rings cut to the meeting actors give the
    same paths (:func:`~graph.traversal.path_ranking.best_walks` visits only the actors that
    lead to them)."""
    if target in adj[source]:
        return [[source], [target]], [[target]]
    if max_hops >= 2:
        shared = _common(adj, source, target, source, target)
        if shared:
            ring = list(shared)
            return [[source], ring], [[target], ring]
    return None


def _meet(
    adj: Adjacency, source: str, target: str, max_hops: int
) -> tuple[list[list[str]], list[list[str]]] | None:
    """Breadth-first rings around both ends, grown a whole ring at a time until they meet.

    Grows the side with the smaller frontier. Returns the rings around the
    source and around the target (``rings[d]``: the actors ``d`` hops away;
    the fewest hops is the sum of their depths), or None when no path has at
    most ``max_hops``.
    """
    seen = {source}, {target}
    rings: tuple[list[list[str]], list[list[str]]] = [[source]], [[target]]
    while len(rings[0]) + len(rings[1]) - 2 < max_hops:
        side = 0 if len(rings[0][-1]) <= len(rings[1][-1]) else 1
        mine, other = seen[side], seen[1 - side]
        ring = []
        for node in rings[side][-1]:
            check_deadline()
            for nxt in adj[node]:
                if nxt not in mine:
                    mine.add(nxt)
                    ring.append(nxt)
        if not ring:
            return None
        rings[side].append(ring)
        if not other.isdisjoint(ring):
            return rings
    return None
