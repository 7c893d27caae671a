"""What the embedded store answers queries from: actors, their names, relations, the stance graph.

Built on open from the SQLite file and kept up to date by every write
(:class:`graph.backends.embedded.EmbeddedStore`). It holds no reference
cycles, so an index a reload replaces is freed at once, frozen
(:func:`graph.collector.long_lived`) or not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx

from graph.errors import AmbiguousActor, UnknownActor
from graph.filters import Filters
from graph.model import Actor, Relation
from graph.names import NameIndex
from graph.traversal.stance_graph import adjacency, node_data, tie
from graph.traversal.ties import forget_ties
from graph.vocabulary import Vocabulary

from .sqlite_relations import Key


class MemoryIndex:
    """Actors by id and by name, every relation by key, and the stance graph of the holding ones.

    Parameters
    ----------
    canon : mapping of str to str
        Merged-away actor id -> the actor it counts as; a merged-away actor
        is known by its names but is no node of its own.
    """

    def __init__(self, canon: Mapping[str, str]) -> None:
        self.canon = canon
        self.actors: dict[str, Actor] = {}
        self.names = NameIndex()
        self.graph: nx.Graph[str] = nx.Graph()
        self.relations: dict[Key, Relation] = {}
        """Every relation with claims, holding or not."""
        self.pair_keys: dict[tuple[str, str], set[Key]] = defaultdict(set)
        self._actor_keys: dict[str, set[Key]] | None = None
        """:attr:`actor_keys`, once a query asked for them."""
        self.n_holding = 0
        """How many of the relations hold (a count kept, not recounted: health checks ask)."""
        self.changes = 0
        """How many times the graph changed: a copy of it taken at the same count is current."""

    @property
    def actor_keys(self) -> dict[str, set[Key]]:
        """The keys of every relation an actor has, holding or not.

        Gathered from :attr:`pair_keys` the first time a query asks (a filtered
        query of one actor's ties), then kept up to date: not on open, where a
        million claims' relations made them in a third of a second.
        """
        if self._actor_keys is None:
            found: dict[str, set[Key]] = defaultdict(set)
            for (u, v), keys in self.pair_keys.items():
                found[u] |= keys
                found[v] |= keys
            self._actor_keys = found
        return self._actor_keys

    def remember(self, actor: Actor) -> None:
        """Add or replace an actor."""
        if actor.id in self.actors:
            self.names.remove(actor.id)
        self.actors[actor.id] = actor
        self.changes += 1
        self.names.add(actor.id, (*actor.names, *actor.external_ids.values()))
        if actor.id in self.canon:
            return  # merged into another actor: not a node of its own
        if actor.id in self.graph:
            self.graph.nodes[actor.id]["actor"] = actor
        else:
            self.graph.add_node(actor.id, actor=actor)

    def resolve(self, ref: str) -> Actor:
        """The (canonical) actor an id, name or alias refers to."""
        if ref in self.actors:
            return self.actors[self.canon.get(ref, ref)]
        ids = {self.canon.get(i, i) for i in self.names.lookup(ref)}
        if len(ids) > 1:
            raise AmbiguousActor(ref, tuple(sorted(ids)))
        if not ids:
            raise UnknownActor(ref, tuple(self.names.suggest(ref)))
        return self.actors[ids.pop()]

    def holding(
        self, filters: Filters, vocabulary: Vocabulary, keys: Iterable[Key] | None = None
    ) -> list[Relation]:
        """The holding relations (of ``keys``, else all) whose type ``filters`` admits, by key.

        Only for filters without a time window or confidence floor: those
        change which claims count, and need the claims.
        """
        relations = self.relations
        return [
            relation
            for key in sorted(relations if keys is None else keys)
            if (relation := relations[key]).holds
            and filters.admits_type(key[2], vocabulary[key[2]].polarity)
        ]

    def apply(self, changes: Mapping[Key, Relation | None]) -> None:
        """Take in changed relations (None: gone) and re-draw the graph edges of their pairs.

        What was kept of those actors' ties (:mod:`graph.traversal.ties`) is forgotten,
        to be made again when asked for.
        """
        if not self.relations:
            self._fill(changes)
            return
        relations, pair_keys, actor_keys = self.relations, self.pair_keys, self._actor_keys
        pairs: dict[tuple[str, str], None] = {}  # in the order given: the file's key order
        n_holding = self.n_holding
        for key, relation in changes.items():
            source, target, _ = key
            pair = (source, target) if source < target else (target, source)
            before = relations.get(key)
            n_holding -= before is not None and before.holds
            if relation is None:
                relations.pop(key, None)
                pair_keys[pair].discard(key)
                if actor_keys is not None:
                    actor_keys[source].discard(key)
                    actor_keys[target].discard(key)
            else:
                n_holding += relation.holds
                relations[key] = relation
                pair_keys[pair].add(key)
                if actor_keys is not None:
                    actor_keys[source].add(key)
                    actor_keys[target].add(key)
            pairs[pair] = None
        self.n_holding = n_holding
        self.changes += 1
        edges, gone = [], []
        for pair in pairs:
            keys = pair_keys[pair]
            if not keys:
                del pair_keys[pair]
            # keys sort as (source, target, type): the relations' order
            holding = [r for key in sorted(keys) if (r := relations[key]).holds]
            if holding:
                edges.append((*pair, tie(tuple(holding))))
            else:
                gone.append(pair)
        self.graph.add_edges_from(edges)
        self.graph.remove_edges_from(gone)
        forget_ties(self.graph, {actor for pair in pairs for actor in pair})

    def _fill(self, changes: Mapping[Key, Relation | None]) -> None:
        """:meth:`apply` to an index that holds no relation yet (on open, a first load).

        The same index and graph, the edges drawn in the same order, in one pass:
        nothing is looked up, no pair's keys are gathered again and sorted.
        """
        relations, pair_keys = self.relations, self.pair_keys
        self._actor_keys = None  # gathered again when asked for
        pairs: dict[tuple[str, str], list[tuple[Key, Relation]]] = {}  # in the order given
        n_holding = 0
        for key, relation in changes.items():
            source, target, _ = key
            pair = (source, target) if source < target else (target, source)
            holding = pairs.get(pair)
            if holding is None:
                holding = pairs[pair] = []
            if relation is None:  # gone before it was taken in: nothing to draw
                continue
            relations[key] = relation
            pair_keys[pair].add(key)
            if relation.holds:
                n_holding += 1
                holding.append((key, relation))
        self.n_holding = n_holding
        self.changes += 1
        # each edge's dict set both ways, as add_edges_from would (each pair once, in order)
        graph = self.graph
        adj, nodes = adjacency(graph), node_data(graph)
        for (u, v), holding in pairs.items():
            if not holding:
                continue
            if len(holding) > 1:
                holding.sort(key=_first)  # by key: the relations' order
            if u not in nodes or v not in nodes:
                graph.add_nodes_from((u, v))
            adj[u][v] = adj[v][u] = tie(tuple(relation for _, relation in holding))
        graph.add_edges_from(())  # what networkx does after adding edges (its caches cleared)
        forget_ties(self.graph, (actor for pair in pairs for actor in pair))


def _first(item: tuple[Key, Relation]) -> Key:
    return item[0]
