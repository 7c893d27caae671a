"""Inferred stances: friend of a friend, enemy of an enemy, ... never observed fact.

An inferred stance is the sign of a path of cooperative or hostile ties from
the actor (the product of its steps' signs) between actors with no observed
stance. Its confidence falls with length: the product of each step's
strength (``1 - exp(-|stance|)``, below 1) times ``decay`` per extra step, so
a path always scores less than any path it extends. Every result carries
``inferred=True`` and is never merged with observed stances.
"""

from __future__ import annotations

import itertools
import math

import networkx as nx
from pydantic import BaseModel, ConfigDict

from graph.budget import check_deadline
from graph.errors import InvalidQuery, UnknownActor
from graph.filters import check_bound
from queries.checks import require_stance_graph
from queries.stance_graph import signed_ties

RULES = {
    (1, 1): "friend of a friend",
    (-1, -1): "enemy of an enemy",
    (1, -1): "enemy of a friend",
    (-1, 1): "friend of an enemy",
}


class InferredStance(BaseModel):
    """A stance suggested by a path, with the path that explains it.

    ``signs`` holds the sign of each step of ``path``; ``sign`` is their product.
    """

    model_config = ConfigDict(frozen=True)

    actor: str
    sign: int
    confidence: float
    path: tuple[str, ...]
    signs: tuple[int, ...] = ()
    rule: str
    inferred: bool = True


def infer(G: nx.Graph, actor: str, max_length: int = 2, decay: float = 0.5) -> list[InferredStance]:
    """Stances of ``actor`` towards actors it has no observed stance with.

    Parameters
    ----------
    G : networkx.Graph
        A stance graph.
    actor : str
        The actor's id (a node of ``G``).
    max_length : int
        Longest explaining path in steps (``graph.filters.BOUNDS["max_length"]``: 2..4).
    decay : float
        Confidence factor per step beyond the first, in (0, 1].

    Returns
    -------
    list of InferredStance
        One per other actor with no observed tie to ``actor`` (its most
        confident path), most confident first.

    Raises
    ------
    graph.errors.OutOfRange
        ``max_length`` outside 2..4.
    graph.errors.UnknownActor
        ``actor`` is not in ``G``.
    graph.errors.InvalidQuery
        ``decay`` outside (0, 1], or ``G`` is not a stance graph
        (:class:`queries.checks.NotAStanceGraph`).

    Examples
    --------
    >>> G = nx.Graph()
    >>> for u, v, s in [("a", "b", -1), ("b", "c", -1), ("a", "d", 1), ("d", "e", 1)]:
    ...     G.add_edge(u, v, sign=s, stance=2.0 * s, relations=())
    >>> for i in infer(G, "a"):
    ...     print(i.actor, i.sign, i.rule, i.path)
    c 1 enemy of an enemy ('a', 'b', 'c')
    e 1 friend of a friend ('a', 'd', 'e')
    """
    require_stance_graph(G, "infer")
    check_bound("max_length", max_length)
    if not 0 < decay <= 1:
        raise InvalidQuery(f"decay={decay} is out of range; allowed (0, 1]")
    if actor not in G:
        raise UnknownActor(actor)
    ties = {
        u: {v: (sign, 1 - math.exp(-abs(value))) for v, (sign, value) in nbrs.items()}
        for u, nbrs in signed_ties(G).items()
    }
    observed = set(G._adj[actor])  # any tie, structural ones too
    best: dict[str, tuple[float, tuple[str, ...]]] = {}  # actor -> (confidence, path) of its best

    def consider(confidence: float, path: tuple[str, ...]) -> None:
        # the most confident path; of equally confident ones, the first in actor order
        known = best.get(path[-1])
        if known is None or (confidence, known[1]) > (known[0], path):
            best[path[-1]] = (confidence, path)

    # Up to three steps, the last step is taken once per actor it starts from, from that
    # actor's best paths there (at most one per tie of a neighbour: the paths stay few);
    # longer paths are walked one by one.
    grouped = max_length <= 3
    last: dict[str, list[tuple[float, tuple[str, ...]]]] = {}  # paths one step short, by end
    stack: list[tuple[tuple[str, ...], float]] = [((actor,), 1.0)]  # path, product of strengths
    while stack:
        check_deadline()
        path, strength = stack.pop()
        if grouped and len(path) == max_length:
            last.setdefault(path[-1], []).append((strength, path))
            continue
        for other, (_, step) in ties[path[-1]].items():
            if other in path:
                continue
            longer = (*path, other)
            product = strength * step
            if len(longer) - 1 < max_length:
                stack.append((longer, product))
            if len(longer) >= 3 and other not in observed:
                consider(round(product * decay ** (len(longer) - 2), 6), longer)
    factor = decay ** (max_length - 1)
    for end, paths in last.items():
        check_deadline()
        paths.sort(key=lambda item: (-item[0], item[1]))
        for other, (_, step) in ties[end].items():
            if other in observed:
                continue
            chosen: tuple[float, tuple[str, ...]] | None = None
            for strength, path in paths:  # most confident first: stop once below the first
                if other in path:
                    continue
                confidence = round(strength * step * factor, 6)
                if chosen is None or (confidence == chosen[0] and path < chosen[1]):
                    chosen = (confidence, path)
                elif confidence < chosen[0]:
                    break
            if chosen is not None:
                consider(chosen[0], (*chosen[1], other))
    found = [_inferred(ties, path, confidence) for confidence, path in best.values()]
    return sorted(found, key=lambda i: (-i.confidence, i.actor))


def _inferred(
    ties: dict[str, dict[str, tuple[int, float]]], path: tuple[str, ...], confidence: float
) -> InferredStance:
    signs = tuple(ties[u][v][0] for u, v in itertools.pairwise(path))
    return InferredStance(
        actor=path[-1],
        sign=math.prod(signs),
        confidence=confidence,
        path=path,
        signs=signs,
        rule=RULES[(signs[0], math.prod(signs[1:]))],
    )
