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
from queries.stance_graph import signed_subgraph


class Triad(BaseModel):
    model_config = ConfigDict(frozen=True)

    actors: tuple[str, str, str]
    signs: tuple[int, int, int]
    balanced: bool
    evidence: float


class Balance(BaseModel):
    """Triangle counts by sign pattern, the unbalanced triads and a balance index."""

    model_config = ConfigDict(frozen=True)

    census: dict[str, int]
    triangles: int
    balance_index: float | None
    unbalanced: tuple[Triad, ...]


def triads(G: nx.Graph) -> list[Triad]:
    """Every triangle of cooperative or hostile ties, in actor order.

    Examples
    --------
    >>> G = nx.Graph()
    >>> for u, v, s in [("a", "b", 1), ("b", "c", 1), ("a", "c", -1)]:
    ...     G.add_edge(u, v, sign=s, stance=float(s), relations=())
    >>> [(t.actors, t.balanced) for t in triads(G)]
    [(('a', 'b', 'c'), False)]
    """
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
                    )
                )
    return found


def balance(G: nx.Graph) -> Balance:
    """The signed triad census, unbalanced triads by evidence, and the balance index.

    The index is the share of balanced triangles (None without triangles).

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
