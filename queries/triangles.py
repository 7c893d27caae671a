"""Every triangle of signed ties, a column at a time (numpy), for the balance census.

A stance graph at a million claims has millions of triangles: a Python loop
over them takes seconds. Here the actors are numbered in id order and each
one's higher-numbered ties laid out as one sorted array (compressed rows);
for each actor ``u`` the ties of all its higher neighbours ``v`` are read in
one gather and kept where they close a triangle with ``u``. Only the arrays
of each triangle's three ties come out, never a Python object per triangle.
"""

from __future__ import annotations

from typing import NamedTuple

import networkx as nx
import numpy as np
import numpy.typing as npt

from graph.budget import check_deadline
from graph.traversal.tie_arrays import tie_arrays

Ints = npt.NDArray[np.int64]


class SignedTriangles(NamedTuple):
    """Every triangle ``(a, b, c)``, ``a < b < c`` by id, as columns.

    ``u``, ``v``, ``w`` number the actors in ``actors`` (id order), so numeric
    order is id order; ``negatives`` counts the triangle's hostile ties and
    ``evidence`` sums the absolute stances of ``(a, b)``, ``(b, c)``, ``(a, c)``
    in that order (the sum a loop over the triangles would make).
    """

    actors: list[str]
    u: Ints
    v: Ints
    w: Ints
    negatives: Ints
    evidence: npt.NDArray[np.float64]


def signed_triangles(
    G: nx.Graph[str], unbalanced_only: bool = False, in_order: bool = True
) -> tuple[Ints, SignedTriangles]:
    """The census by number of hostile ties (0-3), and the triangles (only the unbalanced ones,
    an odd number of hostile ties, with ``unbalanced_only``) of a stance graph's signed ties;
    sorted by their actors with ``in_order``, else in no set order.

    >>> G = nx.Graph()
    >>> for u, v, s, w in [("a", "b", 1, 1.0), ("a", "c", -1, 0.5), ("b", "c", 1, 2.0)]:
    ...     G.add_edge(u, v, sign=s, stance=s * w)
    >>> census, found = signed_triangles(G)
    >>> census.tolist(), found.u.tolist(), found.negatives.tolist(), found.evidence.tolist()
    ([0, 1, 0, 0], [0], [1], [3.5])
    """
    ties = tie_arrays(G)
    owner = ties.owner
    signed = ties.sign != 0
    degree = np.bincount(owner[signed], minlength=len(ties.actors))
    actors = [a for a, d in zip(ties.actors, degree.tolist(), strict=True) if d]
    number = np.cumsum(degree > 0) - 1  # id order kept: numbers among the actors with signed ties
    degree = degree[degree > 0]
    n = len(actors)
    # each tie is walked from its end of lower degree (then lower id): a hub's ties are
    # then mostly walked towards it, not out of it (5x fewer pairs of ties at 1M claims)
    by_rank = np.lexsort((np.arange(n), degree))  # the actor numbers, lowest degree first
    rank = np.empty(n, dtype=np.int64)
    rank[by_rank] = np.arange(n)
    once = signed & (ties.other > owner)
    one, two = rank[number[owner[once]]], rank[number[ties.other[once]]]
    lower, higher = np.minimum(one, two), np.maximum(one, two)
    order = np.lexsort((higher, lower))
    column = higher[order]
    hostile = (ties.sign[once] < 0)[order]
    weight = np.abs(ties.stance[once])[order]
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(lower, minlength=n), out=starts[1:])
    census = np.zeros(4, dtype=np.int64)
    where_in_u = np.full(n, -1, dtype=np.int64)  # tie (u, w)'s position, for w above u
    parts: list[tuple[Ints, ...]] = []
    for u in range(n):
        if u % 256 == 0:
            check_deadline()
        first, end = starts[u], starts[u + 1]
        if end - first < 2:
            continue
        above = column[first:end]
        where_in_u[above] = np.arange(first, end)
        row_starts, row_ends = starts[above], starts[above + 1]
        lengths = row_ends - row_starts
        total = int(lengths.sum())
        if total:
            # positions of every tie (v, w) of every v above u, in one array
            offsets = np.repeat(row_starts - np.cumsum(lengths) + lengths, lengths)
            vw = offsets + np.arange(total)
            uw = where_in_u[column[vw]]
            closes = uw >= 0
            vw, uw = vw[closes], uw[closes]
            uv = np.repeat(np.arange(first, end), lengths)[closes]
            negatives = hostile[uv].astype(np.int64) + hostile[vw] + hostile[uw]
            census += np.bincount(negatives, minlength=4)
            if unbalanced_only:
                odd = (negatives & 1) == 1
                uv, vw, uw, negatives = uv[odd], vw[odd], uw[odd], negatives[odd]
            if len(uv):
                parts.append((np.full(len(uv), u), uv, vw, uw, negatives))
        where_in_u[above] = -1
    if not parts:
        none = np.zeros(0, dtype=np.int64)
        return census, SignedTriangles(actors, none, none, none, none, np.zeros(0))
    us, uv, vw, uw, negs = (np.concatenate(c) for c in zip(*parts, strict=True))
    x, y, z = by_rank[us], by_rank[column[uv]], by_rank[column[vw]]  # actor numbers again
    return census, _in_id_order(x, y, z, weight[uv], weight[vw], weight[uw], negs, actors, in_order)


def _in_id_order(
    x: Ints,
    y: Ints,
    z: Ints,
    xy: npt.NDArray[np.float64],
    yz: npt.NDArray[np.float64],
    xz: npt.NDArray[np.float64],
    negatives: Ints,
    actors: list[str],
    in_order: bool,
) -> SignedTriangles:
    """Triangles ``(x, y, z)`` with their ties' weights as ``(a, b, c)``, ``a < b < c``, the
    evidence summed ``(a, b) + (b, c) + (a, c)`` as a loop over the triangles in id order
    would (the same float to the last bit), sorted by ``(a, b, c)`` when ``in_order``."""
    a = np.minimum(np.minimum(x, y), z)
    c = np.maximum(np.maximum(x, y), z)
    b = x + y + z - a - c

    def without(actor: Ints) -> npt.NDArray[np.float64]:  # the weight of the other two's tie
        return np.where(actor == x, yz, np.where(actor == y, xz, xy))

    evidence = without(c) + without(a) + without(b)
    if in_order:
        order = np.lexsort((c, b, a))
        a, b, c, negatives, evidence = (
            a[order],
            b[order],
            c[order],
            negatives[order],
            evidence[order],
        )
    return SignedTriangles(actors, a, b, c, negatives, evidence)
