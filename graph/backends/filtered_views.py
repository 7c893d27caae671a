"""The embedded store's stance graphs under filters: the whole graph, or only what a query reads.

Type and polarity filters drop whole relations, so they are answered from
memory; a time window, a confidence floor or a place changes which claims count, and
the relations are tallied afresh from the claims they need
(:class:`~graph.backends.sqlite_relations.RelationTable`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

import networkx as nx

from graph.filters import Filters
from graph.model import Relation
from graph.traversal.stance_graph import build_stance_graph

from .memory_index import MemoryIndex
from .sqlite_relations import Key, RelationTable


def relations_under(
    index: MemoryIndex,
    table: RelationTable,
    db: sqlite3.Connection,
    filters: Filters,
    keys: Iterable[Key] | None = None,
) -> list[Relation]:
    """The holding relations (of ``keys``, else all) under ``filters``, sorted by key."""
    if filters.counts_every_claim:
        return index.holding(filters, table.vocabulary, keys)
    if keys is None:
        return table.filtered(db, filters)
    return table.tallied(db, sorted(keys), filters)


def whole_graph(
    index: MemoryIndex, table: RelationTable, db: sqlite3.Connection, filters: Filters
) -> nx.Graph[str]:
    """The stance graph of every actor under ``filters``."""
    if filters.is_unfiltered:
        return index.graph
    actors = (a for a in index.actors.values() if a.id not in index.canon)
    return build_stance_graph(actors, relations_under(index, table, db, filters))


def graph_among(
    index: MemoryIndex,
    table: RelationTable,
    db: sqlite3.Connection,
    filters: Filters,
    ids: list[str],
) -> nx.Graph[str]:
    """The stance graph of ``ids`` and the relations among them under ``filters``."""
    keys: list[Key] = []
    for i, u in enumerate(ids):
        for v in ids[i + 1 :]:
            keys += index.pair_keys.get((u, v) if u < v else (v, u), ())
    relations = relations_under(index, table, db, filters, keys)
    return build_stance_graph(map(index.actors.__getitem__, ids), relations)


def ties_graph(
    index: MemoryIndex, table: RelationTable, db: sqlite3.Connection, filters: Filters, actor: str
) -> nx.Graph[str]:
    """The stance graph of ``actor``'s own relations under ``filters``: allies and enemies."""
    if filters.is_unfiltered:
        return index.graph
    relations = relations_under(index, table, db, filters, index.actor_keys.get(actor, ()))
    ids = {actor, *(r.source for r in relations), *(r.target for r in relations)}
    return build_stance_graph(map(index.actors.__getitem__, ids), relations)
