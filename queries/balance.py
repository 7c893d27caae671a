"""Structural balance: the signed triad census and the triads that do not add up.

A triangle is balanced when the product of its signs is positive (friends of
friends are friends; enemies of enemies are friends) and unbalanced
otherwise, such as two allies of one actor fighting each other.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
from pydantic import BaseModel, ConfigDict

from graph.model import Relation
from graph.traversal.stance_graph import adjacency
from queries.checks import require_stance_graph
from queries.triangles import signed_triangles


class Triad(BaseModel):
    """Three actors tied pairwise; ``signs`` and ``relations`` follow the ties
    ``(a, b)``, ``(b, c)``, ``(a, c)`` of ``actors = (a, b, c)``; ``evidence`` is
    the summed strength of the three ties (the absolute value of their stance)."""

    model_config = ConfigDict(frozen=True)

    actors: tuple[str, str, str]
    signs: tuple[int, int, int]
    balanced: bool
    evidence: float
    relations: tuple[tuple[Relation, ...], tuple[Relation, ...], tuple[Relation, ...]] = (
        (),
        (),
        (),
    )


class Balance(BaseModel):
    """Triangle counts by sign pattern, the unbalanced triads and a balance index."""

    model_config = ConfigDict(frozen=True)

    census: dict[str, int]
    triangles: int
    balance_index: float | None
    unbalanced: tuple[Triad, ...]


def _triad(G: nx.Graph[str], u: str, v: str, w: str) -> Triad:
    edges = ((u, v), (v, w), (u, w))
    adj = adjacency(G)
    signs = tuple(adj[a][b]["sign"] for a, b in edges)
    return Triad(
        actors=(u, v, w),
        signs=signs,
        balanced=signs[0] * signs[1] * signs[2] > 0,
        evidence=round(sum(abs(adj[a][b]["stance"]) for a, b in edges), 6),
        relations=tuple(tuple(adj[a][b].get("relations", ())) for a, b in edges),
    )


def triads(G: nx.Graph[str]) -> list[Triad]:
    """Every triangle of cooperative or hostile ties, in actor order.

    Parameters
    ----------
    G : networkx.Graph
        A stance graph (:func:`graph.traversal.stance_graph.build_stance_graph`);
        structural ties (sign 0) are left out.

    Returns
    -------
    list of Triad

    Raises
    ------
    queries.checks.NotAStanceGraph
        ``G`` is not an undirected graph with ``sign`` and ``stance`` on its edges.

    Examples
    --------
    >>> G = nx.Graph()
    >>> for u, v, s in [("a", "b", 1), ("b", "c", 1), ("a", "c", -1)]:
    ...     G.add_edge(u, v, sign=s, stance=float(s), relations=())
    >>> [(t.actors, t.balanced) for t in triads(G)]
    [(('a', 'b', 'c'), False)]
    """
    require_stance_graph(G, "triads")
    _, found = signed_triangles(G)
    names = found.actors
    return [
        _triad(G, names[u], names[v], names[w])
        for u, v, w in zip(found.u.tolist(), found.v.tolist(), found.w.tolist(), strict=True)
    ]


def balance(G: nx.Graph[str], offset: int = 0, limit: int | None = None) -> Balance:
    """The signed triad census, unbalanced triads by evidence, and the balance index.

    Parameters
    ----------
    G : networkx.Graph
        A stance graph (:func:`graph.traversal.stance_graph.build_stance_graph`).
    offset, limit : int, optional
        Which of the unbalanced triads to return, in their order: ``limit``
        of them (all if None) after the first ``offset``. Only those are
        built; a large graph has millions of triangles.

    Returns
    -------
    Balance
        ``census`` counts the triangles by sign pattern (``"++-"``: two
        cooperative ties and one hostile); ``unbalanced`` lists the triangles
        whose sign product is negative, the best evidenced first, each with
        its relations (``census["++-"] + census["---"]`` of them in all);
        ``balance_index`` is the share of balanced triangles (None without
        triangles).

    Raises
    ------
    queries.checks.NotAStanceGraph
        ``G`` is not an undirected graph with ``sign`` and ``stance`` on its edges.

    Examples
    --------
    >>> G = nx.Graph()
    >>> for u, v, s in [("a", "b", 1), ("b", "c", 1), ("a", "c", -1), ("c", "d", -1),
    ...                 ("b", "d", -1)]:
    ...     G.add_edge(u, v, sign=s, stance=float(s), relations=())
    >>> result = balance(G)
    >>> result.census, result.balance_index
    ({'+++': 0, '++-': 1, '+--': 1, '---': 0}, 0.5)
    >>> result.unbalanced[0].actors
    ('a', 'b', 'c')
    >>> balance(G, offset=1).unbalanced
    ()
    """
    require_stance_graph(G, "balance")
    census, found = signed_triangles(G, unbalanced_only=True, in_order=False)
    by_negatives = census.tolist()
    total = sum(by_negatives)
    end = None if limit is None else offset + limit
    evidence = found.evidence
    if end is not None and end < len(evidence):
        # the page's triads are among those within rounding of the end-th best evidence
        threshold = -np.partition(-evidence, end - 1)[end - 1] - 2e-6
        keep = np.flatnonzero(evidence >= threshold)
    else:
        keep = np.arange(len(evidence))
    names = found.actors
    unbalanced = sorted(
        (-round(e, 6), u, v, w)
        for e, u, v, w in zip(
            evidence[keep].tolist(),
            found.u[keep].tolist(),
            found.v[keep].tolist(),
            found.w[keep].tolist(),
            strict=True,
        )
    )  # numbers sort as their actors' ids
    return Balance(
        census=dict(zip(("+++", "++-", "+--", "---"), by_negatives, strict=True)),
        triangles=total,
        balance_index=round((by_negatives[0] + by_negatives[2]) / total, 6) if total else None,
        unbalanced=tuple(
            _triad(G, names[u], names[v], names[w]) for _, u, v, w in unbalanced[offset:end]
        ),
    )
