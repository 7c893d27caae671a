"""Structural balance: the signed triad census and the triads that do not add up.

A triangle is balanced when the product of its signs is positive (friends of
friends are friends; enemies of enemies are friends) and unbalanced
otherwise, such as two allies of one actor fighting each other.
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx
from pydantic import BaseModel, ConfigDict

from graph.budget import check_deadline
from graph.model import Relation
from queries.checks import require_stance_graph
from queries.stance_graph import signed_subgraph


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


def triads(G: nx.Graph) -> list[Triad]:
    """Every triangle of cooperative or hostile ties, in actor order.

    Parameters
    ----------
    G : networkx.Graph
        A stance graph (:func:`queries.stance_graph.build_stance_graph`);
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
    S = signed_subgraph(G)
    found = []
    for u in sorted(S):
        check_deadline()
        for v, w in combinations(sorted(n for n in S.adj[u] if n > u), 2):
            if S.has_edge(v, w):
                edges = ((u, v), (v, w), (u, w))
                signs = tuple(S.edges[e]["sign"] for e in edges)
                found.append(
                    Triad(
                        actors=(u, v, w),
                        signs=signs,
                        balanced=signs[0] * signs[1] * signs[2] > 0,
                        evidence=round(sum(abs(S.edges[e]["stance"]) for e in edges), 6),
                        relations=tuple(tuple(S.edges[e].get("relations", ())) for e in edges),
                    )
                )
    return found


def balance(G: nx.Graph) -> Balance:
    """The signed triad census, unbalanced triads by evidence, and the balance index.

    Parameters
    ----------
    G : networkx.Graph
        A stance graph (:func:`queries.stance_graph.build_stance_graph`).

    Returns
    -------
    Balance
        ``census`` counts the triangles by sign pattern (``"++-"``: two
        cooperative ties and one hostile); ``unbalanced`` lists the triangles
        whose sign product is negative, the best evidenced first, each with
        its relations; ``balance_index`` is the share of balanced triangles
        (None without triangles).

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
    """
    found = triads(G)
    census = {"+++": 0, "++-": 0, "+--": 0, "---": 0}
    for triad in found:
        negatives = sum(1 for s in triad.signs if s < 0)
        census[["+++", "++-", "+--", "---"][negatives]] += 1
    unbalanced = sorted((t for t in found if not t.balanced), key=lambda t: (-t.evidence, t.actors))
    index = round(sum(t.balanced for t in found) / len(found), 6) if found else None
    return Balance(
        census=census, triangles=len(found), balance_index=index, unbalanced=tuple(unbalanced)
    )
