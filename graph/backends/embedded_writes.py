"""The embedded store's writes: each in a transaction of its own, or many in one bulk load.

A write folds its effect on the relation tallies into pending ones
(:class:`~graph.backends.column_tally.Pending`); they are written,
and the stance graph redrawn, when its transaction commits, or once at the end
of the bulk load it is part of.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from graph.collector import long_lived
from graph.errors import UnknownActor, UnknownArticle
from graph.model import Actor, AnnotatedArticle, Claim
from graph.store import UpsertResult, UpsertStatus
from graph.vocabulary import Vocabulary

from .column_tally import Added, Pending, PendingTallies
from .few_tallies import FewTallies
from .memory_index import MemoryIndex
from .sqlite_relations import Key, RelationTable
from .sqlite_rows import Row, claim_values
from .sqlite_schema import KEY_INDEX
from .sqlite_state import SqliteState

BESIDE_FROM = 1000
"""Relations a bulk load changes from which its commit runs beside the graph's update."""


class BulkLoad:
    """A bulk load under way: one transaction, the relation tallies written at its end."""

    __slots__ = ("claims_before", "index_dropped", "pending")

    def __init__(self, pending: PendingTallies, claims_before: int) -> None:
        self.pending = pending
        self.claims_before = claims_before
        self.index_dropped = False


class EmbeddedWrites:
    """The writes of :class:`graph.backends.embedded.EmbeddedStore`, on the state it keeps."""

    vocabulary: Vocabulary
    _state: SqliteState
    _table: RelationTable
    _index: MemoryIndex
    _lock: threading.RLock
    _bulk: BulkLoad | None
    _canon: dict[str, str]
    _fingerprints: dict[str, str] | None
    _n_articles: int
    _n_claims: int
    _version: int

    def _sync(self) -> None:
        raise NotImplementedError

    def _stored_fingerprints(self) -> dict[str, str]:
        """Article id -> fingerprint of every stored article, read when a write first needs them."""
        if self._fingerprints is None:
            with long_lived():
                self._fingerprints = dict(self._state.fingerprints())
        return self._fingerprints

    @contextmanager
    def _following_the_file(self) -> Iterator[None]:
        """Around work after which memory may no longer match the file: a bulk load undone,
        or the in-memory changes that follow a commit stopped halfway (an interrupt, no
        memory left). If it fails, the store reloads from the file on its next call."""
        try:
            yield
        except BaseException:
            self._version = -2
            raise

    @contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Make the writes inside one transaction, and the relation tallies one write at its end.

        Each write inside still succeeds or fails alone (a failed one changes
        nothing); the block is stored when it ends, or not at all if it ends
        with an exception. Until then other processes see the store as it was,
        other threads wait, and queries here may miss the block's relations.
        Once the block has written as many claims as the store held before it,
        the claims' key index is dropped, to be built once at the end. Merges
        wait until the block ends; a block inside a block is part of it, not
        stored or undone on its own.
        """
        with self._lock:
            if self._bulk is not None:  # this thread's: other threads wait for the lock
                yield
                return
            try:
                with self._following_the_file(), self._state.transaction() as db:
                    self._sync()
                    pending = PendingTallies(stored=bool(self._index.relations))
                    bulk = self._bulk = BulkLoad(pending, self._n_claims)
                    yield
                    with long_lived():
                        self._finish_bulk_load(db, bulk)
            finally:
                self._bulk = None

    def _finish_bulk_load(self, db: sqlite3.Connection, bulk: BulkLoad) -> None:
        """Write the tallies and commit; SQLite's long statements overlap the Python work.

        The key index is built while the tallies become relations, and the
        file commits while the graph takes them in: if the commit fails, the
        graph is ahead of the file and is reloaded on the next call. As after
        any write, the ties it changed are ranked again by the first query
        through them, not here: a load of many inputs ends a bulk load each.
        """
        table, pending = self._table, bulk.pending
        if bulk.index_dropped:
            settled = self._state.beside(KEY_INDEX, lambda: table.settle(pending))
        else:
            settled = table.settle(pending)
        changes = table.flush(db, pending, settled)
        if len(changes) < BESIDE_FROM:  # a thread costs more than the overlap gives
            db.execute("COMMIT")
            self._index.apply(changes)
        else:
            self._state.beside("COMMIT", lambda: self._index.apply(changes))

    @contextmanager
    def _write(self) -> Iterator[tuple[sqlite3.Connection, Pending]]:
        """One write: a transaction of its own, or a savepoint of the bulk load under way.

        The write folds its effect on the relation tallies into the pending
        ones it is given (:meth:`RelationTable.collect`); they are written, and
        the graph redrawn, when its transaction or the bulk load commits.
        """
        bulk = self._bulk
        if bulk is not None:
            if not bulk.index_dropped and self._n_claims >= 2 * bulk.claims_before:
                self._state.drop_key_index(self._state.db)
                bulk.index_dropped = True
            with self._state.savepoint() as db:
                yield db, bulk.pending
            return
        with self._state.transaction() as db:
            self._sync()
            pending = FewTallies(stored=True, vocabulary=self.vocabulary)
            yield db, pending
            changes = self._table.flush(db, pending)
        with self._following_the_file():
            self._index.apply(changes)

    def upsert_actors(self, actors: Iterable[Actor]) -> int:
        actors = list(actors)
        with self._lock:
            with self._write() as (db, _):
                fresh = [a for a in actors if self._keeps(a)]
                self._state.put_actors(db, fresh)
            new = sum(1 for a in fresh if a.id not in self._index.actors)
            with self._following_the_file():
                for actor in fresh:
                    self._index.remember(actor)
            return new

    def _keeps(self, actor: Actor) -> bool:
        known = self._index.actors.get(actor.id)
        if known is None:
            return True
        return known != actor and not (actor.unresolved and not known.unresolved)

    def upsert_article(self, doc: AnnotatedArticle) -> UpsertResult:
        return self.upsert_articles([doc])[0]

    def upsert_articles(self, docs: Iterable[AnnotatedArticle]) -> list[UpsertResult]:
        results: list[UpsertResult] = []
        written: list[tuple[AnnotatedArticle, str, list[Row]]] = []
        actors: list[Actor] = []
        stale: set[Key] = set()  # relations that lose claims: re-tallied
        added: list[Added] = []  # claims that go on top of their relation's tally
        removed = 0
        with self._lock, long_lived():
            with self._write() as (db, pending):
                stored = self._stored_fingerprints()
                batch: dict[str, str] = {}  # article id -> fingerprint, as of this batch
                done = 0  # written[done:] are not in SQLite yet
                introduced: set[str] = set()  # actors carried by this batch's documents
                for doc in docs:
                    article_id = doc.article.id
                    fingerprint = doc.fingerprint()
                    previous = batch.get(article_id, stored.get(article_id))
                    if previous == fingerprint:
                        results.append(self._result(doc, UpsertStatus.UNCHANGED, 0))
                        continue
                    self._validate(doc, introduced)
                    fresh = [a for a in doc.actors if self._keeps(a)]
                    new_actors = sum(
                        1
                        for a in fresh
                        if a.id not in self._index.actors and a.id not in introduced
                    )
                    introduced.update(a.id for a in doc.actors)
                    actors.extend(fresh)
                    if previous is not None:
                        self._state.put_articles(db, written[done:])
                        done = len(written)
                        stale |= self._table.keys_of_article(db, article_id)
                        removed += self._state.delete_article(db, article_id)
                    written.append((doc, fingerprint, self._claim_values(doc.claims, added)))
                    batch[article_id] = fingerprint
                    status = UpsertStatus.NEW if previous is None else UpsertStatus.UPDATED
                    results.append(self._result(doc, status, new_actors))
                self._state.put_actors(db, actors)
                self._state.put_articles(db, written[done:])
                self._table.collect(db, pending, stale, added)
            with self._following_the_file():
                for actor in actors:
                    self._index.remember(actor)
                stored.update(batch)
                self._n_articles += sum(r.status == UpsertStatus.NEW for r in results)
                self._n_claims += sum(len(values) for _, _, values in written) - removed
            return results

    def _claim_values(self, claims: Iterable[Claim], added: list[Added]) -> list[Row]:
        """The rows of ``claims``, keyed; those of the claims that count go on ``added`` too."""
        rows = []
        for claim in claims:
            row, key = self._table.claim_values(claim_values(claim), self._canon)
            rows.append(row)
            if key is not None:
                added.append((row, claim.evidence))
        return rows

    @staticmethod
    def _result(doc: AnnotatedArticle, status: UpsertStatus, new_actors: int) -> UpsertResult:
        return UpsertResult(
            article=doc.article.id, status=status, claims=len(doc.claims), new_actors=new_actors
        )

    def _validate(self, doc: AnnotatedArticle, introduced: set[str]) -> None:
        carried = {a.id for a in doc.actors}
        refs = [m.actor for m in doc.mentions]
        for claim in doc.claims:
            self.vocabulary[claim.type]
            refs += [claim.source, claim.target]
            if claim.attributed_to:
                refs.append(claim.attributed_to)
        for ref in refs:
            if ref not in self._index.actors and ref not in introduced and ref not in carried:
                raise UnknownActor(ref, tuple(self._index.names.suggest(ref)))

    def delete_article(self, article_id: str) -> None:
        with self._lock:
            with self._write() as (db, pending):
                stored = self._stored_fingerprints()
                if article_id not in stored:
                    raise UnknownArticle(article_id)
                stale = self._table.keys_of_article(db, article_id)
                removed = self._state.delete_article(db, article_id)
                self._table.collect(db, pending, stale, [])
            with self._following_the_file():
                del stored[article_id]
                self._n_articles -= 1
                self._n_claims -= removed
