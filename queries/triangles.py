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
    G: nx.Graph[str], unbalanced_only: bool = False
) -> tuple[Ints, SignedTriangles]:
    """The census by number of hostile ties (0-3), and the triangles (only the unbalanced ones,
    an odd number of hostile ties, with ``unbalanced_only``) of a stance graph's signed ties.

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
    with_signed = np.bincount(owner[signed], minlength=len(ties.actors)) > 0
    actors = [a for a, kept in zip(ties.actors, with_signed.tolist(), strict=True) if kept]
    number = np.cumsum(with_signed) - 1  # id order kept: numbers among the actors with signed ties
    n = len(actors)
    once = signed & (ties.other > owner)
    lower, higher = number[owner[once]], number[ties.other[once]]
    signs, stances = ties.sign[once], ties.stance[once]
    order = np.lexsort((higher, lower))
    column = higher[order]
    hostile = (signs < 0)[order]
    weight = np.abs(stances)[order]
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(lower, minlength=n), out=starts[1:])
    census = np.zeros(4, dtype=np.int64)
    where_in_u = np.full(n, -1, dtype=np.int64)  # tie (u, w)'s position, for w above u
    parts: list[tuple[Ints, ...]] = []
    evidence_parts: list[npt.NDArray[np.float64]] = []
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
                parts.append((np.full(len(uv), u), column[uv], column[vw], negatives))
                evidence_parts.append(weight[uv] + weight[vw] + weight[uw])
        where_in_u[above] = -1
    if not parts:
        none = np.zeros(0, dtype=np.int64)
        return census, SignedTriangles(actors, none, none, none, none, np.zeros(0))
    us, vs, ws, negs = (np.concatenate(c) for c in zip(*parts, strict=True))
    return census, SignedTriangles(actors, us, vs, ws, negs, np.concatenate(evidence_parts))
