"""Brokers between blocs and the external support network."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import NamedTuple

import igraph
import networkx as nx
import numpy as np
from pydantic import BaseModel, ConfigDict

from graph.budget import check_deadline
from graph.errors import OutOfRange
from graph.filters import check_bound
from graph.model import Relation
from graph.traversal.tie_arrays import Ints, supports, tie_arrays
from queries.blocs import blocs
from queries.checks import require_stance_graph


class Broker(BaseModel):
    """An actor on many cooperative shortest paths, and the blocs it has cooperative ties into."""

    model_config = ConfigDict(frozen=True)

    actor: str
    betweenness: float
    bridges: tuple[int, ...]


BETWEENNESS_SOURCES = 50
"""Most actors whose shortest paths :func:`brokers` follows."""


class _Cooperative(NamedTuple):
    """The actors with a cooperative tie (ids, in id order) and those ties, each once,
    as pairs of positions in ``actors``, in the order of the graph's ties."""

    actors: list[str]
    edges: Ints
    friends: Callable[[str], list[str]]  # an actor's cooperative ties, made on demand


def _cooperative_ties(G: nx.Graph[str]) -> _Cooperative:
    ties = tie_arrays(G)
    owner = ties.owner
    cooperative = (ties.sign > 0) & (ties.other != owner)
    numbers = np.flatnonzero(np.bincount(owner[cooperative], minlength=len(ties.actors)))
    position = np.full(len(ties.actors), -1, dtype=np.int64)
    position[numbers] = np.arange(len(numbers))
    once = cooperative & (owner < ties.other)
    edges = np.column_stack((position[owner[once]], position[ties.other[once]]))
    actors = [ties.actors[i] for i in numbers.tolist()]

    def friends(actor: str) -> list[str]:
        found = ties.row(ties.number[actor])
        return [ties.actors[o] for o in ties.other[found][cooperative[found]].tolist()]

    return _Cooperative(actors, edges, friends)


def _betweenness(ties: _Cooperative, k: int) -> dict[str, float]:
    """Normalised betweenness on the cooperative ``ties``, from ``k`` source actors at most.

    igraph walks the shortest paths (in C: 25x networkx's
    ``betweenness_centrality_subset`` at 1,500 actors, the same figures to
    1e-16; the tests hold it to networkx).
    """
    nodes = ties.actors
    n = len(nodes)
    # the sample networkx's k draws, as positions: it depends on n and k only
    sources = list(range(n)) if n <= k else random.Random(0).sample(range(n), k)
    check_deadline()
    raw = igraph.Graph(n=n, edges=ties.edges.tolist()).betweenness(directed=False, sources=sources)
    check_deadline()
    if n <= 2:
        return dict(zip(nodes, raw, strict=True))
    scale = 2 / ((n - 1) * (n - 2)) * n / len(sources)
    return {node: value * scale for node, value in zip(nodes, raw, strict=True)}


def brokers(
    G: nx.Graph[str],
    membership: dict[str, int] | None = None,
    limit: int = 20,
    k: int = BETWEENNESS_SOURCES,
) -> list[Broker]:
    """Actors bridging others on the cooperative graph (betweenness centrality).

    Betweenness is computed on the positive subgraph of ``G`` restricted to
    the actors with at least one cooperative tie, and normalised over them,
    so unrelated actors do not dilute the scores. On more than ``k`` such
    actors it is estimated from the shortest paths of ``k`` of them, drawn
    with a fixed seed and scaled to all (as networkx does with ``k``): the
    exact figure takes minutes at thousands of actors.

    Parameters
    ----------
    G : networkx.Graph
        A stance graph (:func:`graph.traversal.stance_graph.build_stance_graph`).
    membership : dict, optional
        Each actor's bloc (:attr:`queries.blocs.Blocs.membership`); adds the
        blocs each broker has cooperative ties into (``bridges``).
    limit : int
        How many brokers to return (``graph.filters.BOUNDS["limit"]``: 1..1000).
    k : int
        Most actors whose shortest paths are followed (see above).

    Returns
    -------
    list of Broker
        Actors with positive betweenness, highest first.

    Raises
    ------
    graph.errors.OutOfRange
        ``limit`` outside 1..1000.
    queries.checks.NotAStanceGraph
        ``G`` is not an undirected graph with ``sign`` and ``stance`` on its edges.

    Examples
    --------
    >>> G = nx.Graph()
    >>> for u, v in [("a", "b"), ("b", "c"), ("c", "d")]:
    ...     G.add_edge(u, v, sign=1, stance=1.0, relations=())
    >>> G.add_node("lonely")
    >>> [(b.actor, b.betweenness) for b in brokers(G)]
    [('b', 0.666667), ('c', 0.666667)]
    """
    require_stance_graph(G, "brokers")
    check_bound("limit", limit)
    ties = _cooperative_ties(G)
    scores = [(a, round(s, 6)) for a, s in _betweenness(ties, k).items() if s > 0]
    # equal scores as shown rank by actor: figures that differ past the sixth decimal
    # (the order of a floating-point sum) do not reorder them
    ranked = sorted(scores, key=lambda x: (-x[1], x[0]))
    found = []
    for actor, score in ranked[:limit]:
        bridges: tuple[int, ...] = ()
        if membership:
            friends = ties.friends(actor)
            bridges = tuple(sorted({membership[o] for o in friends if o in membership}))
        found.append(Broker(actor=actor, betweenness=score, bridges=bridges))
    return found


def brokers_with_blocs(G: nx.Graph[str], limit: int = 20) -> list[Broker]:
    """:func:`brokers` with the blocs each one has cooperative ties into (:func:`blocs`).

    >>> G = nx.Graph()
    >>> for u, v, s in [("a", "b", 1), ("b", "c", 1), ("c", "d", -1)]:
    ...     G.add_edge(u, v, sign=s, stance=float(s), relations=())
    >>> [(b.actor, b.bridges) for b in brokers_with_blocs(G)]
    [('b', (0,))]
    """
    return brokers(G, blocs(G).membership, limit)


class SupportChain(BaseModel):
    """A chain of backing: ``actors[0]`` supports ``actors[1]``, which supports ``actors[2]``..."""

    model_config = ConfigDict(frozen=True)

    actors: tuple[str, ...]
    relations: tuple[Relation, ...]


SUPPORT_CHAINS = 1000
"""Most chains :func:`support_chains` lists (``graph.filters.BOUNDS["limit"]``'s ceiling)."""


def support_chains(
    G: nx.Graph[str], min_length: int = 2, max_length: int = 4, limit: int = SUPPORT_CHAINS
) -> list[SupportChain]:
    """Maximal chains of SUPPORTS relations (state -> militia -> ally), longest first.

    A chain starts at a backer nobody backs (or, in a ring of mutual support
    no such backer reaches, at its first actor by id) and runs along
    SUPPORTS relations until it can go no further or reaches ``max_length``
    steps; sub-chains of a longer chain are not repeated. Where many actors
    back many others there are millions: the first ``limit`` are found
    without enumerating the rest.

    Parameters
    ----------
    G : networkx.Graph
        A stance graph; the SUPPORTS relations holding on its edges are followed
        in their direction.
    min_length : int
        Fewest steps a chain needs to be listed, 1..4 (1 lists single backers too).
    max_length : int
        Most steps of a chain, ``min_length``..4.
    limit : int
        Most chains listed, 1..1000.

    Returns
    -------
    list of SupportChain
        Longest first, then by actors.

    Raises
    ------
    graph.errors.OutOfRange
        ``min_length``, ``max_length`` or ``limit`` outside their ranges.
    queries.checks.NotAStanceGraph
        ``G`` is not an undirected graph with ``sign`` and ``stance`` on its edges.

    Examples
    --------
    >>> from datetime import date
    >>> from graph.model import Actor
    >>> from graph.traversal.stance_graph import build_stance_graph
    >>> d = date(2016, 1, 1)
    >>> r = lambda s, t: Relation(source=s, target=t, type="SUPPORTS", polarity=1,
    ...     symmetric=False, weight=1.0, n_claims=1, n_articles=1, first_seen=d, last_seen=d)
    >>> G = build_stance_graph([], [r("state", "militia"), r("militia", "ally"), r("state", "x")])
    >>> [c.actors for c in support_chains(G)]
    [('state', 'militia', 'ally')]
    >>> [c.actors for c in support_chains(G, min_length=1)]
    [('state', 'militia', 'ally'), ('state', 'x')]
    >>> [c.actors for c in support_chains(G, min_length=1, limit=1)]
    [('state', 'militia', 'ally')]
    """
    require_stance_graph(G, "support_chains")
    if not 1 <= min_length <= 4:
        raise OutOfRange("min_length", min_length, 1, 4)
    if not min_length <= max_length <= 4:
        raise OutOfRange("max_length", max_length, min_length, 4)
    check_bound("limit", limit)
    backing = supports(G)
    backs: dict[str, list[str]] = defaultdict(list)
    for source, target in sorted(backing):
        backs[source].append(target)
    starts = _chain_starts(backs, max_length)
    found: list[SupportChain] = []
    for steps in range(max_length, min_length - 1, -1):  # longest first
        for path in _chains(backs, starts, steps, maximal=steps < max_length):
            found.append(
                SupportChain(
                    actors=path, relations=tuple(backing[e] for e in itertools.pairwise(path))
                )
            )
            if len(found) == limit:
                return found
    return found


def _chain_starts(backs: dict[str, list[str]], max_length: int) -> list[str]:
    """The actors chains start from, sorted: every backer nobody backs, then in
    order any actor not within ``max_length`` steps of an earlier start.

    What the backers nobody backs reach is one breadth-first walk from all of
    them at once (an actor is within ``max_length`` steps of one of them
    exactly when it is within that many steps of the whole set); only the
    actors of rings of mutual support none of them reaches are walked from
    one at a time.
    """
    backed = {t for targets in backs.values() for t in targets}
    actors = set(backs) | backed
    starts = sorted(actors - backed)
    covered = _within(backs, starts, max_length)
    for start in sorted(actors):
        if start not in covered:
            starts.append(start)
            covered |= _within(backs, [start], max_length)
    return sorted(starts)


def _within(backs: dict[str, list[str]], sources: list[str], max_length: int) -> set[str]:
    """The actors within ``max_length`` SUPPORTS steps of any of ``sources``, them included."""
    ring, reached = list(sources), set(sources)
    for _ in range(max_length):  # breadth first, a ring at a time
        check_deadline()
        onward = []
        for actor in ring:
            for target in backs.get(actor, ()):
                if target not in reached:
                    reached.add(target)
                    onward.append(target)
        ring = onward
    return reached


def _chains(
    backs: dict[str, list[str]], starts: list[str], steps: int, maximal: bool
) -> Iterator[tuple[str, ...]]:
    """Simple paths of exactly ``steps`` steps from ``starts``, in actor order;
    with ``maximal``, only those that cannot go on."""
    for start in starts:
        stack: list[tuple[str, ...]] = [(start,)]
        while stack:
            check_deadline()
            path = stack.pop()
            onward = [t for t in backs.get(path[-1], ()) if t not in path]
            if len(path) - 1 == steps:
                if not (maximal and onward):
                    yield path
                continue
            stack.extend((*path, t) for t in reversed(onward))
