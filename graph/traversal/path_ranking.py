"""Ranking the k strongest paths of the fewest hops, the part of :mod:`graph.traversal.paths`
that reads ties strongest first (dynamic programming over the rings of a bidirectional search)."""

from __future__ import annotations

import heapq
from collections.abc import Collection, Mapping
from itertools import pairwise
from typing import Any

import networkx as nx

from graph.budget import check_deadline
from graph.traversal.stance_graph import adjacency
from graph.traversal.ties import kept_ranked_ties

# Paths whose |stance| sums are this close to the k-th best are ranked as before: far above
# the rounding to 1e-9 the rankings apply, so no path that rounds into the k best is cut.
MARGIN = 1e-7

Ranked = tuple[float, tuple[str, ...]]
"""A partial path ranked for the k best: (minus its total |stance|, its actors)."""

Adjacency = Mapping[str, Mapping[str, Any]]
"""Each actor's neighbours, and the data of the tie to each."""


def best_shortest(
    G: nx.Graph[str],
    adj: Adjacency,
    around_source: list[list[str]],
    around_target: list[list[str]],
    k: int,
) -> tuple[list[list[str]], int]:
    """The k strongest paths with the fewest hops, and how many such paths there are.

    Every such path passes through exactly one actor of both outer rings; the
    best prefixes and suffixes through each are found by dynamic programming
    over the rings.
    """
    middle = set(around_source[-1]).intersection(around_target[-1])
    if len(around_source) == 2 and len(around_target) == 2:  # two hops: one step either side
        source, target = around_source[0][0], around_target[0][0]
        strongest = strongest_middles(G, source, target, middle, k)
        return best_two_hops(adj, source, target, strongest, k), len(middle)
    prefixes, n_prefixes = best_walks(adj, around_source, middle, k, forward=True)
    suffixes, n_suffixes = best_walks(adj, around_target, middle, k, forward=False)
    candidates = (
        (round(p + s, 9), head + tail[1:])
        for m in middle
        for p, head in prefixes[m]
        for s, tail in suffixes[m]
    )
    best = [list(nodes) for _, nodes in heapq.nsmallest(k, candidates)]
    return best, sum(n_prefixes[m] * n_suffixes[m] for m in middle)


def best_two_hops(
    adj: Adjacency, source: str, target: str, middle: Collection[str], k: int
) -> list[list[str]]:
    """What :func:`best_walks` and the ranking of their joins make of two-hop paths (the
    same rounded weights, the same order), in one pass over the middle actors."""
    from_source, from_target = adj[source], adj[target]
    candidates = (
        (
            round(
                round(0.0 - abs(from_source[m]["stance"]), 9)
                + round(0.0 - abs(from_target[m]["stance"]), 9),
                9,
            ),
            (source, m, target),
        )
        for m in middle
    )
    return [list(nodes) for _, nodes in heapq.nsmallest(k, candidates)]


def strongest_middles(
    G: nx.Graph[str], source: str, target: str, middles: Collection[str], k: int
) -> Collection[str]:
    """The actors of ``middles`` (each tied to both ends) through which the ``k`` strongest
    two-hop paths may pass: those whose two ties' |stance| sum is within :data:`MARGIN`
    of the ``k``-th best. Reads both ends' ties strongest first, one from each in turn,
    and stops when no actor not yet read can come close (a threshold walk): between hubs,
    a few of their hundreds of shared ties. ``middles`` as they are when the ends' ranked
    ties are not kept (sorting them would cost more than ranking every middle).
    """
    if len(middles) <= k:
        return middles
    from_source, from_target = kept_ranked_ties(G, source), kept_ranked_ties(G, target)
    if from_source is None or from_target is None:
        return middles
    lists = from_source, from_target
    ties = adjacency(G)
    across = ties[target], ties[source]  # the other end's tie to an actor read on one side
    seen: dict[str, float] = {}
    best: list[float] = []  # the k largest sums read, smallest first
    at = [0, 0]
    side = 0
    while at[side] < len(lists[side]):  # one side read to its end: every middle is read
        rank, middle = lists[side][at[side]]
        at[side] += 1
        if middle in middles and middle not in seen:
            seen[middle] = strength = abs(across[side][middle]["stance"]) - rank
            if len(best) < k:
                heapq.heappush(best, strength)
            elif strength > best[0]:
                heapq.heapreplace(best, strength)
        if len(best) == k and at[0] < len(lists[0]) and at[1] < len(lists[1]):
            unread = -lists[0][at[0]][0] - lists[1][at[1]][0]  # the most any unread can sum
            if best[0] - unread > MARGIN:
                break
        side = 1 - side
    return [m for m, strength in seen.items() if strength >= best[0] - MARGIN]


def linked(ties: Mapping[str, Any], nodes: set[str]) -> list[str]:
    """The actors of ``nodes`` in ``ties``, scanning the smaller of the two."""
    if len(ties) < len(nodes):
        return [u for u in ties if u in nodes]
    return [u for u in nodes if u in ties]


def best_walks(
    adj: Adjacency, rings: list[list[str]], ends: set[str], k: int, *, forward: bool
) -> tuple[dict[str, list[Ranked]], dict[str, int]]:
    """The k best shortest walks between the rings' centre and each of ``ends``, and how many.

    A walk is ranked by minus its total |stance| (rounded to 1e-9), then by
    its actors in path order: from the centre when ``forward``, else towards
    it. Only the actors of each ring that lead on to ``ends`` are visited.
    """
    layers = [ends]
    for ring in reversed(rings[:-1]):
        ahead = layers[-1]
        layers.append({u for u in ring if linked(adj[u], ahead)})
    layers.reverse()
    (centre,) = layers[0]
    best: dict[str, list[Ranked]] = {centre: [(0.0, (centre,))]}
    count = {centre: 1}
    for behind, layer in pairwise(layers):
        check_deadline()
        for v in layer:
            ties = adj[v]
            steps = [(u, abs(ties[u]["stance"])) for u in linked(ties, behind)]
            count[v] = sum(count[u] for u, _ in steps)
            best[v] = heapq.nsmallest(
                k,
                (
                    (round(weight - strength, 9), (*walk, v) if forward else (v, *walk))
                    for u, strength in steps
                    for weight, walk in best[u]
                ),
            )
    return best, count
