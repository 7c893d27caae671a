"""Blocs: coalitions of the signed graph, with the ties that violate them.

Negative ties repel: a partition is scored by its *frustration*, the weight
of the positive ties between blocs plus the negative ties inside them
(correlation clustering). The search starts from the components of the
positive graph and moves actors one at a time while that strictly lowers the
frustration, so enemies tied together only through friends end up apart.
It is a local search, not an exact optimum (minimising frustration is
NP-hard), and deterministic: actors are visited in id order.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import igraph
import networkx as nx
import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from graph.budget import check_deadline
from graph.model import Relation
from graph.traversal.stance_graph import adjacency, derived
from graph.traversal.tie_arrays import Floats, Ints, TieArrays, tie_arrays
from queries.checks import require_stance_graph

_PASSES = 20


class FrustratedTie(BaseModel):
    """A tie the partition violates, with the relations (and evidence) behind it."""

    model_config = ConfigDict(frozen=True)

    source: str
    target: str
    sign: int
    stance: float
    relations: tuple[Relation, ...]


class Blocs(BaseModel):
    """Blocs (largest first), each actor's bloc, and the ties violating the partition."""

    model_config = ConfigDict(frozen=True)

    blocs: tuple[tuple[str, ...], ...]
    membership: dict[str, int]
    frustration: float
    frustrated: tuple[FrustratedTie, ...]


def blocs(G: nx.Graph[str]) -> Blocs:
    """Partition the actors with signed ties into blocs.

    Parameters
    ----------
    G : networkx.Graph
        A stance graph (:func:`graph.traversal.stance_graph.build_stance_graph`);
        actors without cooperative or hostile ties are left out.

    Returns
    -------
    Blocs
        ``frustrated`` lists the violating ties, heaviest first, each with its
        relations and their strongest evidence quote.

    Raises
    ------
    queries.checks.NotAStanceGraph
        ``G`` is not an undirected graph with ``sign`` and ``stance`` on its edges.

    Examples
    --------
    Two friends against a third, who is allied with a fourth:

    >>> G = nx.Graph()
    >>> for u, v, s in [("a", "b", 1), ("c", "d", 1), ("a", "c", -1), ("b", "d", -1)]:
    ...     G.add_edge(u, v, sign=s, stance=float(s), relations=())
    >>> result = blocs(G)
    >>> result.blocs
    (('a', 'b'), ('c', 'd'))
    >>> result.frustration
    0.0

    A friend of both sides cannot keep both ties; the lighter one is frustrated:

    >>> G = nx.Graph()
    >>> for u, v, s, w in [("a", "b", 1, 2.0), ("b", "c", 1, 0.5), ("a", "c", -1, 3.0)]:
    ...     G.add_edge(u, v, sign=s, stance=s * w, relations=())
    >>> result = blocs(G)
    >>> result.blocs, [(t.source, t.target) for t in result.frustrated]
    ((('a', 'b'), ('c',)), [('b', 'c')])
    """
    require_stance_graph(G, "blocs")
    return derived(G, "blocs", _blocs)


class _SignedRows(NamedTuple):
    """The cooperative and hostile ties of :func:`tie_arrays`, row by row in the graph's order."""

    starts: Ints
    other: Ints
    positive: npt.NDArray[np.bool_]
    weight: Floats  # |stance|
    change: Floats  # what a tie adds to its actor's cost in the other's bloc: -weight or +weight
    alone: list[float]  # each actor's positive weight, summed in row order


def _signed_rows(ties: TieArrays) -> _SignedRows:
    kept = ties.sign != 0
    counts = np.bincount(ties.owner[kept], minlength=len(ties.actors))
    starts = np.zeros(len(ties.actors) + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    positive = ties.sign[kept] > 0
    weight = np.abs(ties.stance[kept])
    # np.bincount adds each bin's weights one after the other, in array order: the sums
    # a loop over each actor's ties makes, to the last bit
    alone = np.bincount(ties.owner[kept], np.where(positive, weight, 0.0), len(ties.actors))
    return _SignedRows(
        starts, ties.other[kept], positive, weight, np.where(positive, -weight, weight),
        alone.tolist(),
    )  # fmt: skip


def _initial_membership(ties: TieArrays, rows: _SignedRows, nodes: Ints) -> Ints:
    """Each actor's component of the cooperative ties, numbered in the order of the
    components' first actors by id (-1 for actors without signed ties)."""
    owner = np.repeat(np.arange(len(ties.actors)), np.diff(rows.starts))
    pairs = np.column_stack((owner[rows.positive], rows.other[rows.positive]))
    parts = np.asarray(
        igraph.Graph(n=len(ties.actors), edges=pairs.tolist()).connected_components().membership
    )
    # nodes are in id order: each component's first occurrence is its first actor
    components, first = np.unique(parts[nodes], return_index=True)
    number = np.empty(len(ties.actors), dtype=np.int64)
    number[components[np.argsort(first)]] = np.arange(len(components))
    membership = np.full(len(ties.actors), -1, dtype=np.int64)
    membership[nodes] = number[parts[nodes]]
    return membership


def _blocs(G: nx.Graph[str]) -> Blocs:
    ties = tie_arrays(G)
    rows = _signed_rows(ties)
    nodes = np.flatnonzero(np.diff(rows.starts))
    membership = _initial_membership(ties, rows, nodes)
    fresh = int(membership.max()) + 1 if len(nodes) else 0
    # an actor's costs change only when one of its tied actors moves: kept until then
    costs: dict[int, tuple[float, dict[int, float]]] = {}
    for _ in range(_PASSES):
        check_deadline()
        moved = False
        for node in nodes.tolist():
            current = int(membership[node])
            kept = costs.get(node)
            if kept is None:
                kept = costs[node] = _costs(rows, membership, node)
            alone, in_bloc = kept
            here = in_bloc.get(current, alone)
            best = min(in_bloc, key=lambda b: (round(in_bloc[b], 9), b), default=fresh)
            if fresh not in in_bloc and (
                not in_bloc or (round(alone, 9), fresh) < (round(in_bloc[best], 9), best)
            ):
                best = fresh
            cost = in_bloc.get(best, alone)
            if cost < here - 1e-9:
                membership[node] = best
                fresh += best == fresh
                moved = True
                for other in rows.other[rows.starts[node] : rows.starts[node + 1]].tolist():
                    costs.pop(other, None)
        if not moved:
            break
    return _answer(G, ties, rows, nodes, membership)


def _costs(rows: _SignedRows, membership: Ints, node: int) -> tuple[float, dict[int, float]]:
    """The frustration of ``node``'s ties in a bloc of its own, and in each bloc it touches.

    In bloc ``b`` it is the positive weight outside ``b`` plus the negative
    weight inside: ``alone - positive[b] + negative[b]``, each bloc's sum taken
    in the order of the actor's ties.
    """
    first, end = rows.starts[node], rows.starts[node + 1]
    where = membership[rows.other[first:end]]
    shift = np.bincount(where, rows.change[first:end])
    touched = np.flatnonzero(np.bincount(where))
    alone = rows.alone[node]
    return alone, dict(zip(touched.tolist(), (alone + shift[touched]).tolist(), strict=True))


def _answer(
    G: nx.Graph[str], ties: TieArrays, rows: _SignedRows, nodes: Ints, membership: Ints
) -> Blocs:
    """The blocs largest first (then by their actors), renumbered so, and the violated ties."""
    names = ties.actors
    groups: dict[int, list[str]] = defaultdict(list)
    for node, bloc in zip(nodes.tolist(), membership[nodes].tolist(), strict=True):
        groups[bloc].append(names[node])
    ordered = sorted((tuple(g) for g in groups.values()), key=lambda g: (-len(g), g))
    renumber = {node: i for i, group in enumerate(ordered) for node in group}
    owner = np.repeat(np.arange(len(names)), np.diff(rows.starts))
    other = rows.other
    same = membership[owner] == membership[other]
    violated = np.flatnonzero((owner < other) & (rows.positive != same))
    # heaviest first, then by the pair's ids (numbers sort as ids)
    violated = violated[np.lexsort((other[violated], owner[violated], -rows.weight[violated]))]
    adj = adjacency(G)
    frustrated = []
    for u, v in zip(owner[violated].tolist(), other[violated].tolist(), strict=True):
        data = adj[names[u]][names[v]]
        frustrated.append(
            FrustratedTie(
                source=names[u],
                target=names[v],
                sign=data["sign"],
                stance=data["stance"],
                relations=tuple(data.get("relations", ())),
            )
        )
    return Blocs(
        blocs=tuple(ordered),
        membership=renumber,
        frustration=round(sum(abs(t.stance) for t in frustrated), 6),
        frustrated=tuple(frustrated),
    )
