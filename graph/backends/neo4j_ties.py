"""Ties between pairs of actors, from relationship rows the Neo4j server sent: stances, paths.

A *tie* is the holding relations of one pair, its stance the net signed
weight (:func:`graph.aggregate.stance`) and its sign that stance's sign. The
relationship statements let the server rank ties itself; this module turns
their rows into domain answers with the rules the embedded store follows
(``graph.store`` says them). Relations aggregated from claims under a time
window are walked by :mod:`graph.traversal` instead (:mod:`graph.backends.neo4j_reads`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graph.aggregate import sign, stance
from graph.model import Actor, Relation
from graph.store import Path, PathStep, Stance


def signed(relations: Sequence[Relation], direction: int) -> tuple[Relation, ...]:
    """The relations whose polarity is the tie's sign (what allies and enemies show)."""
    return tuple(r for r in relations if r.polarity == direction)


def ranked_stances(
    found: Iterable[tuple[Actor, tuple[Relation, ...]]], wanted: int
) -> list[Stance]:
    """Stances of the actors whose tie (all its polar relations) has sign ``wanted``.

    Sorted by stance, strongest first (descending for allies, ascending for
    enemies), then actor id.
    """
    stances = []
    for actor, relations in found:
        value = stance(relations)
        if sign(value) == wanted:
            stances.append(Stance(actor=actor, stance=value, relations=signed(relations, wanted)))
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


def best_paths(found: Iterable[Path], k: int) -> list[Path]:
    """The ``k`` best paths: fewest hops, then the larger total |stance|, then actor ids."""

    def rank(path: Path) -> tuple[int, float, tuple[str, ...]]:
        strength = sum(abs(stance(s.relations)) for s in path.steps)
        return (path.hops, -round(strength, 9), path.actors)

    unique = {p.actors: p for p in found}
    return sorted(unique.values(), key=rank)[:k]
