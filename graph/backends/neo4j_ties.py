"""Ties between pairs of actors, from relationship rows the Neo4j server sent: stances, paths.

A *tie* is the holding relations of one pair, its stance the net signed
weight (:func:`graph.aggregate.stance`) and its sign that stance's sign. The
relationship statements let the server rank ties itself; this module turns
their rows into domain answers with the rules the embedded store follows
(``graph.store`` says them). Relations aggregated from claims under a time
window are walked by :mod:`graph.traversal` instead (:mod:`graph.backends.neo4j_reads`).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise

from graph.aggregate import sign, stance
from graph.model import Actor, Relation
from graph.store import Path, PathStep, Stance


def ranked_stances(
    found: Iterable[tuple[Actor, float, tuple[Relation, ...]]], wanted: int
) -> list[Stance]:
    """Stances of the actors whose tie has sign ``wanted``, from (actor, net, signed relations).

    ``net`` is the server's sum of the tie's polar weights, rounded here as
    :func:`graph.aggregate.stance` rounds; the relations are those of sign
    ``wanted`` (what allies and enemies show). Sorted by stance, strongest
    first (descending for allies, ascending for enemies), then actor id.
    """
    stances = []
    for actor, net, relations in found:
        value = round(net, 6)
        if sign(value) == wanted:
            stances.append(Stance(actor=actor, stance=value, relations=relations))
    stances.sort(key=lambda s: (-abs(s.stance), s.actor.id))
    return stances


def step(u: str, v: str, relations: tuple[Relation, ...]) -> PathStep:
    """One step of a path: the pair's relations and the sign of its stance."""
    return PathStep(source=u, target=v, sign=sign(stance(relations)), relations=relations)


def as_path(actors: tuple[str, ...], steps: Sequence[PathStep]) -> Path:
    product = 1
    for s in steps:
        product *= s.sign
    return Path(actors=actors, steps=tuple(steps), sign=product)


Pair = tuple[str, str]


def pair(u: str, v: str) -> Pair:
    """A tie's key: its two actors, lower id first."""
    return (u, v) if u < v else (v, u)


def best_paths(
    candidates: Iterable[tuple[str, ...]], nets: Mapping[Pair, float], k: int
) -> list[tuple[str, ...]]:
    """The ``k`` best of ``candidates`` (actor sequences): fewest hops, then the larger total
    |stance| of their steps (each pair's ``nets`` rounded as :func:`graph.aggregate.stance`
    rounds), then actor ids, as :func:`graph.traversal.paths.signed_paths` ranks them."""

    def rank(actors: tuple[str, ...]) -> tuple[int, float, tuple[str, ...]]:
        strength = sum(abs(round(nets[pair(u, v)], 6)) for u, v in pairwise(actors))
        return (len(actors), -round(strength, 9), actors)

    return heapq.nsmallest(k, set(candidates), key=rank)
