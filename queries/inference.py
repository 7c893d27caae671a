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
from typing import NamedTuple

import networkx as nx
import numpy as np
from pydantic import BaseModel, ConfigDict

from graph.budget import check_deadline
from graph.errors import InvalidQuery, UnknownActor
from graph.filters import check_bound
from graph.traversal.stance_graph import adjacency, derived, signed_ties
from graph.traversal.tie_arrays import Floats, Ints, tie_arrays
from queries.checks import require_stance_graph

Ties = dict[str, dict[str, tuple[int, float]]]  # actor -> other -> (sign, strength)
Paths = dict[str, list[tuple[float, tuple[str, ...]]]]  # end -> [(strength, path)], best first
Best = dict[str, tuple[float, tuple[str, ...]]]  # actor -> (confidence, path) of its best path

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


def infer(
    G: nx.Graph[str], actor: str, max_length: int = 2, decay: float = 0.5
) -> list[InferredStance]:
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
    tied = adjacency(G)[actor]
    if max_length <= 3:
        best = _best_up_to_three(G, actor, max_length, decay)
        found = [_inferred_from(G, path, confidence) for confidence, path in best.values()]
        return sorted(found, key=lambda i: (-i.confidence, i.actor))
    ties = derived(G, "inference_ties", _tie_strengths)
    targets = {v for v in G if v != actor and v not in tied}  # no tie, even structural
    best = {}
    two = _two_step_paths(ties, actor)
    for end, paths in two.items():
        if end in targets:
            for strength, path in paths:
                _consider(best, round(strength * decay, 6), path)
    if max_length >= 3:
        _third_step(ties, two, targets, decay**2, best)
    if max_length == 4:
        _fourth_step(ties, two, targets, decay**3, best)
    found = [_inferred(ties, path, confidence) for confidence, path in best.values()]
    return sorted(found, key=lambda i: (-i.confidence, i.actor))


def _tie_strengths(G: nx.Graph[str]) -> Ties:
    """Each signed tie's sign and strength, ``1 - exp(-|stance|)``."""
    return {
        u: {v: (sign, 1 - math.exp(-abs(value))) for v, (sign, value) in nbrs.items()}
        for u, nbrs in signed_ties(G).items()
    }


def _consider(best: Best, confidence: float, path: tuple[str, ...]) -> None:
    # the most confident path; of equally confident ones, the first in actor order
    known = best.get(path[-1])
    if known is None or (confidence, known[1]) > (known[0], path):
        best[path[-1]] = (confidence, path)


def _two_step_paths(ties: Ties, actor: str) -> Paths:
    """Every path of two steps from ``actor``, by the actor it ends at, most confident
    first (then in actor order)."""
    by_end: Paths = {}
    for b, (_, ab) in ties[actor].items():
        for c, (_, bc) in ties[b].items():
            if c != actor and c != b:
                by_end.setdefault(c, []).append((ab * bc, (actor, b, c)))
    for paths in by_end.values():
        paths.sort(key=lambda item: (-item[0], item[1]))
    return by_end


def _third_step(ties: Ties, two: Paths, targets: set[str], factor: float, best: Best) -> None:
    """Paths a-b-c-d: the step c-d is taken once, from the best of c's paths that avoid d."""
    for c, paths in two.items():
        check_deadline()
        for d, (_, cd) in ties[c].items():
            if d not in targets:
                continue
            chosen: tuple[float, tuple[str, ...]] | None = None
            for strength, path in paths:  # most confident first: stop once below the first
                if d in path:
                    continue
                confidence = round(strength * cd * factor, 6)
                if chosen is None or (confidence == chosen[0] and path < chosen[1]):
                    chosen = (confidence, path)
                elif confidence < chosen[0]:
                    break
            if chosen is not None:
                _consider(best, chosen[0], (*chosen[1], d))


def _fourth_step(ties: Ties, two: Paths, targets: set[str], factor: float, best: Best) -> None:
    """Paths a-b-c-d-t without walking them (near hubs there are millions).

    For each d, the best prefix a-b-c-d through each c, most confident first. A
    target t is never a's neighbour b, so t's best path through d starts with the
    first of them not through t as c. Prefixes whose confidence ties with it once
    rounded are then looked for among all of those c's, for the first in actor order.
    """
    for d, around in ties.items():
        check_deadline()
        heads: list[tuple[float, str, float]] = []  # (a-b-c-d strength, c, c-d strength)
        for c, (_, cd) in around.items():
            for strength, path in two.get(c, ()) if c != d else ():
                if d not in path:
                    heads.append((strength * cd, c, cd))
                    break
        heads.sort(key=lambda head: -head[0])
        for t, (_, dt) in around.items():
            if t not in targets or t == d:
                continue
            first = 1 if heads and heads[0][1] == t else 0
            if first == len(heads):
                continue
            confidence = round(heads[first][0] * dt * factor, 6)
            known = best.get(t)
            if known is not None and confidence < known[0]:
                continue
            chosen: tuple[str, ...] | None = None
            for strength, c, cd in heads[first:]:
                if round(strength * dt * factor, 6) < confidence:
                    break
                if c == t:
                    continue
                for prefix, path in two[c]:
                    if d in path:
                        continue
                    if round(prefix * cd * dt * factor, 6) < confidence:
                        break
                    if chosen is None or path < chosen:
                        chosen = path
            if chosen is not None:
                _consider(best, confidence, (*chosen, d, t))


def _inferred(ties: Ties, path: tuple[str, ...], confidence: float) -> InferredStance:
    return _stance(path, tuple(ties[u][v][0] for u, v in itertools.pairwise(path)), confidence)


def _inferred_from(G: nx.Graph[str], path: tuple[str, ...], confidence: float) -> InferredStance:
    adj = adjacency(G)
    return _stance(path, tuple(adj[u][v]["sign"] for u, v in itertools.pairwise(path)), confidence)


def _stance(path: tuple[str, ...], signs: tuple[int, ...], confidence: float) -> InferredStance:
    return InferredStance(
        actor=path[-1],
        sign=math.prod(signs),
        confidence=confidence,
        path=path,
        signs=signs,
        rule=RULES[(signs[0], math.prod(signs[1:]))],
    )


class _SignedColumns(NamedTuple):
    """The cooperative and hostile ties as rows (:func:`~graph.traversal.tie_arrays.tie_arrays`'s
    actors), each with its strength ``1 - exp(-|stance|)`` (``math.exp``, as the paths' own)."""

    starts: Ints
    other: Ints
    strength: Floats


def _signed_columns(G: nx.Graph[str]) -> _SignedColumns:
    ties = tie_arrays(G)
    kept = ties.sign != 0
    starts = np.zeros(len(ties.actors) + 1, dtype=np.int64)
    np.cumsum(np.bincount(ties.owner[kept], minlength=len(ties.actors)), out=starts[1:])
    stances = ties.stance[kept].tolist()
    strength = np.fromiter((1 - math.exp(-abs(v)) for v in stances), np.float64, len(stances))
    return _SignedColumns(starts, ties.other[kept], strength)


def _gather(starts: Ints, rows: Ints) -> tuple[Ints, Ints]:
    """The positions of every tie of ``rows`` (in order), and which of ``rows`` each is from."""
    lengths = starts[rows + 1] - starts[rows]
    total = int(lengths.sum())
    offsets = np.repeat(starts[rows] - np.cumsum(lengths) + lengths, lengths)
    return offsets + np.arange(total), np.repeat(np.arange(len(rows)), lengths)


_NEAR = 2e-6
"""Confidences this far below an actor's best cannot round (to 6 decimals) to the best."""


def _best_up_to_three(G: nx.Graph[str], actor: str, max_length: int, decay: float) -> Best:
    """Each target's most confident path of 2..``max_length`` (<= 3) steps, a column at a time.

    The best unrounded confidence of each target is found over whole arrays:
    every two-step path, and for each step c-d the strongest two-step path to
    c not through d (so the best of the three-step paths through c). Only
    the paths within rounding of a target's best are then ranked one by one,
    as :func:`_consider` ranks them (rounded confidence, then actor order).
    """
    ties = tie_arrays(G)
    columns = derived(G, "inference_columns", _signed_columns)
    starts, other, strength = columns
    n = len(ties.actors)
    a = ties.number[actor]
    target = np.ones(n, dtype=np.bool_)
    target[a] = False
    target[ties.other[ties.row(a)]] = False  # no tie, even structural
    check_deadline()
    first = columns.starts[a]
    bc_at, from_a = _gather(starts, other[first : starts[a + 1]])
    ab_at = first + from_a
    b, c = other[ab_at], other[bc_at]  # the two-step paths a-b-c
    two = strength[ab_at] * strength[bc_at]
    keep = (c != a) & (c != b)
    b, c, two = b[keep], c[keep], two[keep]
    best_value = np.full(n, -1.0)
    ends = target[c]
    b_end, c_end, two_step = b[ends], c[ends], two[ends] * decay
    np.maximum.at(best_value, c_end, two_step)
    three_steps = max_length == 3 and len(c) > 0
    if three_steps:
        check_deadline()
        # the two-step paths to each c, strongest first: the best, and the best not through d
        order = np.lexsort((b, -two, c))
        b, c, two = b[order], c[order], two[order]
        heads = np.flatnonzero(np.r_[True, c[1:] != c[:-1]])
        runs = np.diff(np.r_[heads, len(c)])
        second = np.minimum(heads + 1, len(c) - 1)
        mids = c[heads]
        d_at, mid = _gather(starts, mids)
        d = other[d_at]
        through = np.where(d == b[heads][mid], np.where(runs[mid] > 1, second[mid], -1), heads[mid])
        reach = target[d] & (d != mids[mid]) & (through >= 0)
        d_at, mid, d, through = d_at[reach], mid[reach], d[reach], through[reach]
        three = two[through] * strength[d_at] * (decay**2)
        np.maximum.at(best_value, d, three)
        check_deadline()
    threshold = best_value - _NEAR
    best: Best = {}
    names = ties.actors
    near = two_step >= threshold[c_end]
    for bi, ci, value in zip(
        b_end[near].tolist(), c_end[near].tolist(), two_step[near].tolist(), strict=True
    ):
        _consider(best, round(value, 6), (actor, names[bi], names[ci]))
    if three_steps:
        near = three >= threshold[d]
        for m, di, cd in zip(
            mid[near].tolist(), d[near].tolist(), strength[d_at[near]].tolist(), strict=True
        ):
            start = int(heads[m])
            run = slice(start, start + int(runs[m]))
            values = two[run] * cd * (decay**2)
            close = (values >= threshold[di]) & (b[run] != di)
            for bi, value in zip(b[run][close].tolist(), values[close].tolist(), strict=True):
                _consider(best, round(value, 6), (actor, names[bi], names[mids[m]], names[di]))
    return best
