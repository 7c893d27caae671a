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

import networkx as nx
from pydantic import BaseModel, ConfigDict

from graph.budget import check_deadline
from graph.model import Relation
from graph.traversal.stance_graph import adjacency, signed_ties
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


def _costs(
    ties: list[tuple[str, int, float]], membership: dict[str, int]
) -> tuple[float, dict[int, float]]:
    """The frustration of one actor's ``ties`` in a bloc of its own, and in each bloc it touches.

    In bloc ``b`` it is the positive weight outside ``b`` plus the negative
    weight inside: ``alone - positive[b] + negative[b]``, one pass over the ties.
    """
    alone = 0.0
    shift: dict[int, float] = {}
    for other, sign, weight in ties:
        bloc = membership[other]
        if sign > 0:
            alone += weight
            shift[bloc] = shift.get(bloc, 0.0) - weight
        else:
            shift[bloc] = shift.get(bloc, 0.0) + weight
    return alone, {bloc: alone + delta for bloc, delta in shift.items()}


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
    signed = signed_ties(G)
    nodes = sorted(node for node, around in signed.items() if around)
    positive: nx.Graph[str] = nx.Graph()
    positive.add_nodes_from(nodes)
    positive.add_edges_from(
        (node, other) for node in nodes for other, (sign, _) in signed[node].items() if sign > 0
    )
    membership: dict[str, int] = {}
    for number, component in enumerate(
        sorted(sorted(c) for c in nx.connected_components(positive))
    ):
        for node in component:
            membership[node] = number
    ties = {
        node: [(other, sign, abs(stance)) for other, (sign, stance) in signed[node].items()]
        for node in nodes
    }
    fresh = len(set(membership.values()))
    # an actor's costs change only when one of its tied actors moves: kept until then
    costs: dict[str, tuple[float, dict[int, float]]] = {}
    for _ in range(_PASSES):
        check_deadline()
        moved = False
        for node in nodes:
            current = membership[node]
            kept = costs.get(node)
            if kept is None:
                kept = costs[node] = _costs(ties[node], membership)
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
                for other, _, _ in ties[node]:
                    costs.pop(other, None)
        if not moved:
            break
    groups: dict[int, list[str]] = defaultdict(list)
    for node in nodes:
        groups[membership[node]].append(node)
    ordered = sorted((tuple(sorted(g)) for g in groups.values()), key=lambda g: (-len(g), g))
    renumber = {node: i for i, group in enumerate(ordered) for node in group}
    frustrated = []
    adj = adjacency(G)
    for u in nodes:
        for v, (sign, stance) in signed[u].items():
            if u < v and (sign > 0) != (renumber[u] == renumber[v]):
                relations = tuple(adj[u][v].get("relations", ()))
                frustrated.append(
                    FrustratedTie(source=u, target=v, sign=sign, stance=stance, relations=relations)
                )
    frustrated.sort(key=lambda t: (-abs(t.stance), t.source, t.target))
    return Blocs(
        blocs=tuple(ordered),
        membership=renumber,
        frustration=round(sum(abs(t.stance) for t in frustrated), 6),
        frustrated=tuple(frustrated),
    )
