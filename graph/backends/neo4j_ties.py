"""Ties between pairs of actors, from relations the Neo4j server sent: stances, paths, layers.

A *tie* is the holding relations of one pair, its stance the net signed
weight (:func:`graph.aggregate.stance`) and its sign that stance's sign. The
relationship statements let the server rank ties itself; this module turns
their rows into domain answers, and answers the questions whose relations the
server aggregated from claims under a time window (:mod:`graph.backends.neo4j_reads`)
with the same rules the embedded store follows (``graph.store`` says them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import islice, pairwise

import networkx as nx

from graph.aggregate import sign, stance
from graph.model import Actor, Relation
from graph.store import Path, PathStep, Stance, Subgraph

Pair = tuple[str, str]


class Ties:
    """The ties among actors: for each actor, each other actor's relations with it (by key).

    >>> from datetime import date
    >>> d = date(2016, 1, 1)
    >>> rel = Relation(source="b", target="a", type="SUPPORTS", polarity=1, symmetric=False,
    ...                weight=0.5, n_claims=1, n_articles=1, first_seen=d, last_seen=d)
    >>> ties = ties_of([rel])
    >>> ties.stance("a", "b"), sorted(ties.others("a"))
    (0.5, ['b'])
    """

    def __init__(self) -> None:
        self.adj: dict[str, dict[str, tuple[Relation, ...]]] = defaultdict(dict)

    def others(self, actor: str) -> Iterable[str]:
        return self.adj.get(actor, {}).keys()

    def relations(self, u: str, v: str) -> tuple[Relation, ...]:
        return self.adj[u][v]

    def stance(self, u: str, v: str) -> float:
        return stance(self.adj[u][v])


def ties_of(relations: Iterable[Relation]) -> Ties:
    """The ties of the holding ``relations`` (each pair's relations in key order)."""
    pairs: dict[Pair, list[Relation]] = defaultdict(list)
    for relation in relations:
        if relation.holds:
            u, v = relation.source, relation.target
            pairs[(u, v) if u < v else (v, u)].append(relation)
    ties = Ties()
    for (u, v), found in pairs.items():
        ordered = tuple(sorted(found, key=lambda r: (r.source, r.target, r.type)))
        ties.adj[u][v] = ties.adj[v][u] = ordered
    return ties


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


def stances(ties: Ties, actor: str, wanted: int, actors: dict[str, Actor]) -> list[Stance]:
    """The stances of ``actor``'s ties of sign ``wanted`` (see :func:`ranked_stances`)."""
    found = [(actors[o], ties.relations(actor, o)) for o in ties.others(actor)]
    return ranked_stances(found, wanted)


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


def neighbourhood(
    ties: Ties,
    centre: Actor,
    depth: int,
    limit: int,
    max_relations: int,
    actors_by_id: Callable[[set[str]], dict[str, Actor]],
) -> Subgraph:
    """The neighbourhood of ``centre`` over ``ties``, as the relationship statements make it.

    Layer by layer, the unseen actors by their strongest tie into the
    previous layer, then id, up to ``limit``; then the centre's ties and the
    strongest others, each tie whole, up to ``max_relations``.
    """
    kept = [centre.id]
    seen = {centre.id}
    frontier = [centre.id]
    truncated = False
    for _ in range(depth):
        strength: dict[str, float] = {}
        for f in frontier:
            for other in ties.others(f):
                if other not in seen:
                    strength[other] = max(strength.get(other, 0.0), abs(ties.stance(f, other)))
        ordered = sorted(strength, key=lambda o: (-strength[o], o))
        room = limit - (len(kept) - 1)
        layer = ordered[:room]
        kept += layer
        seen.update(layer)
        frontier = layer
        if len(ordered) > room:
            truncated = True
            break
        if not frontier:
            break
    members = set(kept)
    pairs = []
    for u in kept:
        for v in ties.others(u):
            if v in members and u < v:
                central = centre.id in (u, v)
                pairs.append((not central, -abs(ties.stance(u, v)), u, v))
    pairs.sort()
    total = sum(len(ties.relations(u, v)) for *_, u, v in pairs)
    shown: list[Relation] = []
    for *_, u, v in pairs:
        relations = ties.relations(u, v)
        if len(shown) + len(relations) > max_relations:
            break
        shown += relations
    found = actors_by_id(members)
    return Subgraph(
        center=centre.id,
        nodes=tuple(found[i] for i in kept),
        relations=tuple(sorted(shown, key=lambda r: (r.source, r.target, r.type))),
        truncated=truncated,
        total_relations=total,
    )


def paths(
    ties: Ties, source: str, target: str, max_hops: int, k: int, positive_only: bool
) -> list[Path]:
    """Up to ``k`` shortest simple paths over ``ties`` (see :meth:`graph.store.GraphStore.paths`).

    All paths of the fewest hops are ranked; when fewer than ``k``, up to
    :data:`TIE_SCAN` paths of each longer length too, as the embedded store does.
    """
    G: nx.Graph[str] = nx.Graph()
    G.add_nodes_from((source, target))
    for u, others in ties.adj.items():
        for v in others:
            if u < v and (not positive_only or ties.stance(u, v) > 0):
                G.add_edge(u, v)
    try:
        hops = int(nx.shortest_path_length(G, source, target))
    except nx.NetworkXNoPath:
        return []
    if hops > max_hops:
        return []
    found = [_path(ties, p) for p in nx.all_shortest_paths(G, source, target)]
    while len(found) < k and hops < max_hops:
        hops += 1
        walks = nx.all_simple_paths(G, source, target, cutoff=hops)
        longer = (p for p in walks if len(p) == hops + 1)
        found += [_path(ties, p) for p in islice(longer, TIE_SCAN)]
    return best_paths(found, k)


TIE_SCAN = 500
"""Most paths longer than the fewest hops ranked (the embedded store: of each length;
``paths_longer_rel.cypher``: the 500 shortest)."""


def _path(ties: Ties, nodes: Sequence[str]) -> Path:
    steps = [step(u, v, ties.relations(u, v)) for u, v in pairwise(nodes)]
    return as_path(tuple(nodes), steps)
