"""The embedded store (the default): SQLite for durable truth, networkx as the query index.

SQLite holds the actors, articles and claims, and a running tally per
relation written in the same transaction as the claims
(:mod:`graph.backends.sqlite_relations`). On open the store reads the actors
and the relations, not the claims, and builds the stance graph in memory; each
write then updates the tallies it touches and the graph edges of their pairs
(:mod:`graph.backends.embedded_writes`).
Filtered queries (time window, confidence) tally the admitted claims afresh
with an indexed read; evidence is read by relation key.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

import networkx as nx

from graph.collector import collector_paused, long_lived
from graph.errors import InvalidQuery, UnknownActor, UnknownArticle
from graph.filters import NO_FILTERS, Filters, check_bound, check_page
from graph.identity import canonical_ids, plan_merge, plan_unmerge
from graph.model import Actor, Article, Merge, Relation, trusted
from graph.store import (
    ActorMatch,
    EvidenceItem,
    EvidencePage,
    Stance,
    Stats,
    Subgraph,
)
from graph.store import (
    Path as SignedPath,
)
from graph.traversal.neighbourhood import neighbourhood
from graph.traversal.paths import signed_paths
from graph.traversal.stances import allies, enemies
from graph.traversal.ties import keep_ties
from graph.vocabulary import Vocabulary

from .embedded_writes import BulkLoad, EmbeddedWrites
from .filtered_views import graph_among, relations_under, ties_graph, whole_graph
from .memory_index import MemoryIndex
from .sqlite_relations import RelationTable
from .sqlite_state import SqliteState
from .stance_snapshot import StanceSnapshot

P = ParamSpec("P")
R = TypeVar("R")


def _locked(
    method: Callable[Concatenate[EmbeddedStore, P], R],
) -> Callable[Concatenate[EmbeddedStore, P], R]:
    """Run under the store's lock, on an index that has caught up with other processes.

    Without the cyclic collector: queries make many short-lived objects, no cycles.
    """

    @functools.wraps(method)
    def wrapper(store: EmbeddedStore, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with store._lock, collector_paused():
            store._sync()
            return method(store, *args, **kwargs)

    return wrapper


class EmbeddedStore(EmbeddedWrites):
    """A :class:`graph.store.GraphStore` in one SQLite file, indexed in memory.

    Parameters
    ----------
    path : str or pathlib.Path
        The SQLite file (created with its folder if missing), or ``":memory:"``.
    vocabulary : Vocabulary, optional
        The edge vocabulary; the default one if not given.
    busy_seconds : float
        How long a write waits for another writer (process) before giving up
        with :class:`~graph.errors.StoreUnavailable`.
    """

    kind = "embedded"

    def __init__(
        self, path: str | Path, vocabulary: Vocabulary | None = None, busy_seconds: float = 10.0
    ) -> None:
        self.vocabulary = vocabulary or Vocabulary.default()
        self._state = SqliteState(path, busy_seconds)
        self._table = RelationTable(self.vocabulary)
        self._lock = threading.RLock()
        self._bulk: BulkLoad | None = None
        self._snapshot = StanceSnapshot()
        self._load()

    def __repr__(self) -> str:
        return f"EmbeddedStore({self._state.path!r})"

    # -- state ------------------------------------------------------------------
    def _load(self) -> None:
        """(Re)build the in-memory index from the SQLite file."""
        version = self._state.data_version()
        self._version = -2  # until the index is whole: a load cut short is done again
        self._merges = self._state.merges()
        self._canon = canonical_ids(self._merges)
        self._table.tally_if_needed(self._state, self._canon)
        with long_lived():
            self._index = index = MemoryIndex(self._canon)
            self._fingerprints: dict[str, str] | None = None  # read when a write needs them
            self._n_articles = self._state.count_articles()
            for actor in self._state.actors():
                index.remember(actor)
            relations = self._table.relations(self._state.db)
            index.apply(relations)
            keep_ties(index.graph)  # ranked now, not by the first queries
            # every claim counts towards one stored relation, or towards none
            unkeyed = self._state.count_unkeyed_claims()
            self._n_claims = unkeyed + sum(r.n_claims for r in relations.values())
        self._version = version

    def _sync(self) -> None:
        """Reload if another process committed since we last looked."""
        if self._state.data_version() != self._version:
            self._load()

    @contextmanager
    def held_if_ready(self) -> Iterator[bool]:
        """Hold the store for work that would not wait: True while held; False at once if
        another thread holds it, a bulk load is on, or the index must first catch up
        with another process's writes.

        For an event loop, which may then run a query on the index in memory itself
        rather than hand it to a worker thread (a hop that costs more than such a
        query), and must never wait.
        """
        if not self._lock.acquire(blocking=False):
            yield False
            return
        try:
            ready = self._bulk is None and self._state.data_version() == self._version
            if not ready:
                yield False
                return
            with collector_paused():
                yield True
        finally:
            self._lock.release()

    # -- lookups ----------------------------------------------------------------
    @_locked
    def actor(self, ref: str) -> Actor:
        return self._index.resolve(ref)

    @_locked
    def actors(self) -> list[Actor]:
        return [self._index.actors[i] for i in sorted(self._index.actors)]

    @_locked
    def actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]:
        actors = self._index.actors
        return {i: actors[i] for i in ids if i in actors}

    @_locked
    def actors_answering(self, name: str) -> list[Actor]:
        actors = self._index.actors
        return [actors[i] for i in sorted(self._index.names.lookup(name))]

    @_locked
    def search_actors(self, query: str, limit: int = 10) -> list[ActorMatch]:
        check_bound("limit", limit)
        found: dict[str, ActorMatch] = {}
        for i, score, shown in self._index.names.search(query, limit + len(self._canon)):
            actor = self._index.actors[self._canon.get(i, i)]
            if actor.id not in found:
                found[actor.id] = ActorMatch(actor=actor, score=round(score, 2), matched=shown)
        return list(found.values())[:limit]

    @_locked
    def article(self, article_id: str) -> Article:
        found = self._state.article(article_id)
        if found is None:
            raise UnknownArticle(article_id)
        return found

    @_locked
    def stats(self) -> Stats:
        return Stats(
            actors=len(self._index.actors) - len(self._canon),
            articles=self._n_articles,
            claims=self._n_claims,
            relations=self._index.n_holding,
        )

    # -- queries ----------------------------------------------------------------
    def _graph_for(self, filters: Filters) -> nx.Graph[str]:
        return whole_graph(self._index, self._table, self._state.db, filters)

    def _known(self, *actor_ids: str) -> None:
        for actor_id in actor_ids:
            if actor_id not in self._index.actors:
                raise UnknownActor(actor_id, tuple(self._index.names.suggest(actor_id)))

    @_locked
    def stance_graph(self, filters: Filters = NO_FILTERS) -> nx.Graph[str]:
        """The stance graph the analyses read (:mod:`graph.backends.stance_snapshot`)."""
        if filters.is_unfiltered:
            return self._snapshot.of(self._index)
        return self._graph_for(filters)  # drawn afresh for these filters: no one else has it

    @_locked
    def relations(self, filters: Filters = NO_FILTERS) -> list[Relation]:
        return relations_under(self._index, self._table, self._state.db, filters)

    @_locked
    def allies(self, actor_id: str, filters: Filters = NO_FILTERS) -> list[Stance]:
        self._known(actor_id)
        G = ties_graph(self._index, self._table, self._state.db, filters, actor_id)
        return allies(G, actor_id)

    @_locked
    def enemies(self, actor_id: str, filters: Filters = NO_FILTERS) -> list[Stance]:
        self._known(actor_id)
        G = ties_graph(self._index, self._table, self._state.db, filters, actor_id)
        return enemies(G, actor_id)

    @_locked
    def neighbourhood(
        self,
        actor_id: str,
        depth: int = 1,
        filters: Filters = NO_FILTERS,
        limit: int = 100,
        max_relations: int = 500,
    ) -> Subgraph:
        self._known(actor_id)
        if depth > 1 or filters.is_unfiltered:
            return neighbourhood(self._graph_for(filters), actor_id, depth, limit, max_relations)
        # one hop: the actor's own ties choose the actors, then only their relations are read
        db = self._state.db
        ties = ties_graph(self._index, self._table, db, filters, actor_id)
        star = neighbourhood(ties, actor_id, 1, limit)
        ids = [node.id for node in star.nodes]
        among = graph_among(self._index, self._table, db, filters, ids)
        found = neighbourhood(among, actor_id, 1, limit, max_relations)
        return found.model_copy(update={"truncated": star.truncated})

    @_locked
    def paths(
        self,
        source_id: str,
        target_id: str,
        *,
        max_hops: int = 4,
        k: int = 1,
        positive_only: bool = False,
        filters: Filters = NO_FILTERS,
    ) -> list[SignedPath]:
        self._known(source_id, target_id)
        return signed_paths(
            self._graph_for(filters),
            source_id,
            target_id,
            max_hops=max_hops,
            k=k,
            positive_only=positive_only,
        )

    @_locked
    def evidence(
        self, source_id: str, target_id: str, filters: Filters = NO_FILTERS
    ) -> list[EvidenceItem]:
        return list(self._evidence(source_id, target_id, filters, 0, -1).items)

    @_locked
    def evidence_page(
        self,
        source_id: str,
        target_id: str,
        filters: Filters = NO_FILTERS,
        *,
        offset: int = 0,
        limit: int = 100,
    ) -> EvidencePage:
        check_page(offset, limit)
        return self._evidence(source_id, target_id, filters, offset, limit)

    def _evidence(
        self, source_id: str, target_id: str, filters: Filters, offset: int, limit: int
    ) -> EvidencePage:
        """The pair's admitted claims in evidence order (``limit`` -1: all), with their articles."""
        self._known(source_id, target_id)
        pair = (source_id, target_id) if source_id < target_id else (target_id, source_id)
        keys = self._index.pair_keys.get(pair, ())
        total, wanted = self._table.evidence(self._state.db, keys, filters, offset, limit)
        claims = {c.id: c for c in self._state.claims(wanted)}
        articles = self._state.articles({article for article, _ in wanted})
        items = [trusted(EvidenceItem, claim=claims[i], article=articles[a]) for a, i in wanted]
        return EvidencePage(total=total, items=items)

    # -- identity ---------------------------------------------------------------
    def merge_actors(self, source_id: str, target_id: str, note: str = "") -> Merge:
        with self._lock:
            self._not_in_bulk_load()
            with self._state.transaction() as db:
                self._sync()
                merge = plan_merge(self._index.actors, self._canon, source_id, target_id, note)
                merge = self._state.put_merge(db, merge)
                self._table.rekey(db, self._canon, canonical_ids(self._state.merges()))
            self._load()
            return merge

    def unmerge(self, actor_id: str) -> Merge:
        with self._lock:
            self._not_in_bulk_load()
            with self._state.transaction() as db:
                self._sync()
                merge = plan_unmerge(self._merges, actor_id)
                self._state.put_merge(db, merge)
                self._table.rekey(db, self._canon, canonical_ids(self._state.merges()))
            self._load()
            return merge

    def _not_in_bulk_load(self) -> None:
        if self._bulk is not None:
            raise InvalidQuery("merges and unmerges wait until the bulk load ends")

    @_locked
    def merges(self) -> list[Merge]:
        return list(self._merges)

    def close(self) -> None:
        self._state.close()
