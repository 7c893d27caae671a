"""What is kept per actor about its ties in a stance graph, until its edges change.

A hub has thousands of ties: sorting them on every query through it costs
more than the query. What is made here is kept on the graph
(``G.graph[name][actor]``) the first time it is asked for; whoever changes an
actor's edges calls :func:`forget_ties`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable
from typing import TypeVar

import networkx as nx
import numpy as np

from graph.traversal.stance_graph import Ties, adjacency

T = TypeVar("T")


def ranked_ties(G: nx.Graph[str], actor: str) -> list[tuple[float, str]]:
    """``actor``'s ties as ``(-|stance|, other)``, strongest first, then by id.

    >>> from graph.traversal.stance_graph import example_graph
    >>> ranked_ties(example_graph(), "a")
    [(-0.9, 'b'), (-0.8, 'c'), (-0.0, 'e')]
    """
    return _kept(
        G,
        "ranked_ties",
        actor,
        lambda ties: sorted((-abs(d["stance"]), o) for o, d in ties.items()),
    )


def kept_ranked_ties(G: nx.Graph[str], actor: str) -> list[tuple[float, str]] | None:
    """:func:`ranked_ties` when they are kept already (``None`` otherwise): for a query
    whose own way is cheaper than sorting a hub's ties once.

    >>> from graph.traversal.stance_graph import example_graph
    >>> G = example_graph()
    >>> kept_ranked_ties(G, "b") is None, kept_ranked_ties(G, "b") == ranked_ties(G, "b")
    (True, False)
    >>> kept_ranked_ties(G, "b") == ranked_ties(G, "b")
    True
    """
    if nx.is_frozen(G):
        return None
    found: list[tuple[float, str]] | None = G.graph.get("ranked_ties", {}).get(actor)
    return found


def ties_by_sign(G: nx.Graph[str], actor: str) -> dict[int, list[str]]:
    """The actors ``actor`` is tied to, by the tie's sign; each list strongest first, then by id.

    The order allies (+1) and enemies (-1) are listed in.

    >>> from graph.traversal.stance_graph import example_graph
    >>> ties_by_sign(example_graph(), "a")
    {1: ['b'], -1: ['c'], 0: ['e']}
    """

    def by_sign(ties: Ties) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {1: [], -1: [], 0: []}
        for _, other in ranked_ties(G, actor):
            found[ties[other]["sign"]].append(other)
        return found

    return _kept(G, "ties_by_sign", actor, by_sign)


_NUMBERING = threading.Lock()

_COUNTED_TIES = "counted_ties"
"""Kept per actor too (:func:`counted_ties`): made for every actor at once by
:func:`keep_ties`, else on the first query through the actor."""
_ROWS = 512
"""Actors whose bit sets :func:`_keep_counted_ties` lays out at once, at most."""
_MATRIX_BYTES = 1 << 24
"""What the actors laid out at once take, at most (as many as fit, at least one)."""
_KEPT_BYTES = 1 << 26
"""What the bit sets :func:`_keep_counted_ties` makes take, at most (11 MB at 5,000 actors)."""


def actor_numbers(G: nx.Graph[str], actors: Collection[str]) -> list[int]:
    """A number for each of ``actors``, the same for an actor as long as ``G`` is kept.

    Numbers are given in the order actors are first asked about (``G.graph``'s
    ``"actor_numbers"``), never taken back: they only name actors, so a view
    shares them with the graph it shows part of.

    >>> from graph.traversal.stance_graph import example_graph
    >>> G = example_graph()
    >>> actor_numbers(G, ["c", "a"]), actor_numbers(G, ["a", "b"])
    ([0, 1], [1, 2])
    """
    numbers: dict[str, int] = G.graph.setdefault("actor_numbers", {})
    found = list(map(numbers.get, actors))
    if None in found:
        with _NUMBERING:
            found = [numbers.setdefault(a, len(numbers)) for a in actors]
    return found  # type: ignore[return-value]  # every one numbered above


def counted_ties(G: nx.Graph[str], actor: str) -> list[int]:
    """``actor``'s ties as bit sets of the tied actors' :func:`actor_numbers`, one set per
    bit of how many relations each tie carries: ``sets[b]`` holds the actors whose tie
    carries ``n`` relations with bit ``b`` of ``n`` set.

    Counting the relations among a hundred hubs is then a few ``&`` and bit counts per
    actor, however many ties each has, instead of a dict lookup per pair.

    >>> from graph.traversal.stance_graph import example_graph
    >>> G = example_graph()
    >>> sets = counted_ties(G, "a")
    >>> [bin(s) for s in sets] == [bin(sum(1 << n for n in actor_numbers(G, ["b", "c", "e"])))]
    True
    """

    def bit_sets(ties: Ties) -> list[int]:
        numbers = np.array(actor_numbers(G, ties), dtype=np.int64)
        sizes = np.fromiter((len(d["relations"]) for d in ties.values()), np.int64, len(ties))
        width = int(numbers.max()) + 1 if len(numbers) else 0
        sets = []
        for b in range(int(sizes.max()).bit_length() if len(sizes) else 0):
            members = np.zeros(width, dtype=bool)
            members[numbers[(sizes >> b) & 1 == 1]] = True
            sets.append(int.from_bytes(np.packbits(members, bitorder="little").tobytes(), "little"))
        return sets

    return _kept(G, _COUNTED_TIES, actor, bit_sets)


def relations_among(G: nx.Graph[str], actors: Collection[str]) -> int:
    """How many relations the ties among ``actors`` carry (distinct actors of ``G``).

    >>> from graph.traversal.stance_graph import example_graph
    >>> relations_among(example_graph(), ["a", "b", "d"]), relations_among(example_graph(), [])
    (2, 0)
    """
    members = 0
    for number in actor_numbers(G, actors):
        members |= 1 << number
    total = 0
    for actor in actors:
        for b, tied in enumerate(counted_ties(G, actor)):
            total += (tied & members).bit_count() << b
    return total // 2  # each tie is counted from both its ends


def _kept(G: nx.Graph[str], name: str, actor: str, make: Callable[[Ties], T]) -> T:
    """``G.graph[name][actor]``, made from the actor's ties the first time it is asked for.

    A view (frozen) shares ``G.graph`` with the graph it shows part of: what
    it is asked is made afresh, not kept where it would stand for the whole.
    """
    if nx.is_frozen(G):
        return make(adjacency(G)[actor])
    cache: dict[str, T] = G.graph.setdefault(name, {})
    found = cache.get(actor)
    if found is None:
        found = cache[actor] = make(adjacency(G)[actor])
    return found


_KEPT: dict[str, Callable[[nx.Graph[str], str], object]] = {
    "ranked_ties": ranked_ties,
    "ties_by_sign": ties_by_sign,
}
"""What is kept per actor on a graph (``G.graph[name][actor]``), by name, and what makes it."""


def keep_ties(G: nx.Graph[str]) -> None:
    """Make what is kept of every actor's ties now, rather than on the first query through them.

    >>> from graph.traversal.stance_graph import example_graph
    >>> G = example_graph()
    >>> keep_ties(G)
    >>> G.graph["ranked_ties"]["a"]
    [(-0.9, 'b'), (-0.8, 'c'), (-0.0, 'e')]
    """
    _keep_counted_ties(G)
    for actor in G:
        for make in _KEPT.values():
            make(G, actor)


def _keep_counted_ties(G: nx.Graph[str]) -> None:
    """:func:`counted_ties` of the actors of ``G``, made at once with numpy: the same sets
    as made one actor at a time (the bits of a tie's relation count, up to the actor's
    largest), in three quarters of the time, so no query through a hub waits for them.

    The most tied actors first, while their sets take at most :data:`_KEPT_BYTES`
    (an actor's sets grow with the numbers of its tied actors: on a graph of many
    actors, those left are made when a query first asks, as before).

    >>> from graph.traversal.stance_graph import example_graph
    >>> G = example_graph()
    >>> _keep_counted_ties(G)
    >>> at_once = G.graph.pop("counted_ties")  # one actor at a time, the same numbers:
    >>> sorted(at_once) == sorted(G) and all(at_once[a] == counted_ties(G, a) for a in G)
    True
    """
    if nx.is_frozen(G):
        return
    adj = adjacency(G)
    actors = list(adj)
    actor_numbers(G, actors)  # numbered in the graph's order
    degree: list[int] = []
    other: list[int] = []
    sizes: list[int] = []
    for ties in adj.values():
        degree.append(len(ties))
        other.extend(actor_numbers(G, ties))
        sizes.extend(len(d["relations"]) for d in ties.values())
    owner = np.repeat(np.arange(len(actors)), degree)
    other_at, size_at = np.array(other, dtype=np.int64), np.array(sizes, dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(degree))).astype(np.int64)
    tied_actors = np.flatnonzero(np.array(degree) > 0)
    if not len(tied_actors):
        G.graph.setdefault(_COUNTED_TIES, {}).update((a, []) for a in actors)
        return
    bits = np.zeros(len(actors), dtype=np.int64)
    highest = np.zeros(len(actors), dtype=np.int64)
    bits[tied_actors] = np.frexp(np.maximum.reduceat(size_at, starts[tied_actors]))[1]
    highest[tied_actors] = np.maximum.reduceat(other_at, starts[tied_actors])
    by_degree = np.argsort(-np.array(degree), kind="stable")
    cost = np.cumsum(((highest[by_degree] >> 3) + 40) * bits[by_degree])
    chosen = np.zeros(len(actors), dtype=bool)
    chosen[by_degree[cost <= _KEPT_BYTES]] = True
    width = int(other_at.max()) + 1
    rows_at_once = max(1, min(_ROWS, _MATRIX_BYTES // width))
    made: list[list[int]] = [[] for _ in actors]
    for first in range(0, len(actors), rows_at_once):
        last = min(first + rows_at_once, len(actors))
        if not chosen[first:last].any():
            continue
        rows = slice(int(starts[first]), int(starts[last]))
        row_of, tied, size = owner[rows] - first, other_at[rows], size_at[rows]
        for b in range(int(bits[first:last].max())):
            on = (size >> b) & 1 == 1
            members = np.zeros((last - first, width), dtype=bool)
            members[row_of[on], tied[on]] = True
            packed = np.packbits(members, axis=1, bitorder="little")
            for i, row in enumerate(packed):
                if chosen[first + i]:
                    made[first + i].append(int.from_bytes(row.tobytes(), "little"))
    kept: dict[str, list[int]] = G.graph.setdefault(_COUNTED_TIES, {})
    for i in np.flatnonzero(chosen | (bits == 0)).tolist():
        kept[actors[i]] = made[i][: int(bits[i])]


def forget_ties(G: nx.Graph[str], actors: Iterable[str]) -> None:
    """Drop what is kept of ``actors``' ties (their edges changed); ``actors`` is read only
    if something is kept (a graph being filled on open has nothing)."""
    caches = [cache for name in (*_KEPT, _COUNTED_TIES) if (cache := G.graph.get(name))]
    if caches:
        for actor in set(actors):
            for cache in caches:
                cache.pop(actor, None)
