"""The Neo4j store's writes: actors, articles with their claims, retractions, merges.

Each write is one managed transaction (the driver retries transient errors),
one batched statement per step; the aggregated relationships of the keys it
touches are tallied inside it (:mod:`graph.backends.neo4j_tallies`), or, inside a
bulk load, once when the block ends (:mod:`graph.backends.neo4j_bulk`). A write
that changes anything ends by counting one more revision of the data
(:meth:`Neo4jWrites._changed`), which tells every process keeping a stance
graph (:mod:`graph.backends.neo4j_stance`) that it must draw it again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from threading import local
from types import TracebackType

from neo4j import ManagedTransaction

from graph.backends.neo4j_bulk import Deferred, settle, settle_left
from graph.backends.neo4j_imported import build_missing_ties
from graph.backends.neo4j_rows import (
    actor_row,
    article_params,
    claim_from_stored,
    claim_row,
    key_text,
    mention_rows,
)
from graph.backends.neo4j_session import Neo4jSession, guarded
from graph.backends.neo4j_tallies import recompute
from graph.collector import collector_paused
from graph.errors import UnknownActor, UnknownArticle
from graph.identity import canonical_ids, canonical_key, plan_merge, plan_unmerge
from graph.model import Actor, AnnotatedArticle, Claim, Merge
from graph.store import UpsertResult, UpsertStatus
from graph.vocabulary import Vocabulary

Key = tuple[str, str, str]


class BulkLoad:
    """The block :meth:`Neo4jWrites.bulk_load` returns: its writes defer their relation
    tallies (:mod:`graph.backends.neo4j_bulk`), settled when the outermost block ends, with
    or without an exception. A class, not a generator: a block its process abandons (never
    exited) settles nothing here; its records on the server are left for the next connect
    or write to settle."""

    def __init__(self, store: Neo4jWrites) -> None:
        self._store = store

    def __enter__(self) -> None:
        self._store._enter_bulk()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._store._exit_bulk(failed=kind is not None)


class Neo4jWrites:
    """The writes of :class:`graph.backends.neo4j.Neo4jStore`, over its session."""

    _db: Neo4jSession
    _blocks: local
    """Per thread: ``depth`` of nested bulk loads, and what the outermost has ``deferred``."""
    uri: str
    vocabulary: Vocabulary

    # -- bulk loads -----------------------------------------------------------------
    def bulk_load(self) -> BulkLoad:
        return BulkLoad(self)

    def _block(self) -> Deferred | None:
        """What this thread's bulk load has deferred so far; None outside one, where what a
        bulk load that died left is settled first (one read when there is nothing)."""
        block: Deferred | None = getattr(self._blocks, "deferred", None)
        if block is None:
            self._settle_left()
        return block

    @guarded
    def _made_whole(self) -> None:
        """What the first use of a database does: settle the tallies a bulk load that died
        left, and build the TIEs of data imported without them (one read each when neither
        is needed)."""
        self._settle_left()
        build_missing_ties(self._db)

    @guarded
    def _settle_left(self) -> None:
        """Settle the tallies a bulk load left on the server (one read when there are none)."""
        settle_left(self._db, self.vocabulary)

    def _enter_bulk(self) -> None:
        depth = getattr(self._blocks, "depth", 0)
        if depth == 0:
            self._settle_left()
            self._blocks.deferred = Deferred()
        self._blocks.depth = depth + 1

    @guarded
    def _exit_bulk(self, *, failed: bool) -> None:
        self._blocks.depth -= 1
        if self._blocks.depth:
            return  # a block inside a block is part of it
        deferred, self._blocks.deferred = self._blocks.deferred, None
        try:
            settle(self._db, self.vocabulary, deferred)
        except Exception:
            if not failed:
                raise
            # the block's own exception goes on; the records stay for the next write to settle

    def _changed(self, tx: ManagedTransaction) -> None:
        """One more revision of the data, in ``tx`` (last: the revision node's lock, which
        concurrent writers queue on, is held only until the commit)."""
        self._db.run(tx, "revision_bump")

    # -- identity ---------------------------------------------------------------
    def _merges_in(self, tx: ManagedTransaction) -> list[Merge]:
        return [Merge.model_validate_json(r["data"]) for r in self._db.run(tx, "merges_all")]

    def _canon(self) -> dict[str, str]:
        return canonical_ids(self.merges())

    def _refold(self, tx: ManagedTransaction, merge: Merge, before: dict[str, str]) -> None:
        """Store ``merge`` and move the claims it affects to the relations they now count for."""
        self._db.run(
            tx,
            "merge_put",
            seq=merge.seq,
            source=merge.source,
            target=merge.target,
            active=merge.active,
            data=merge.model_dump_json(),
        )
        after = canonical_ids(self._merges_in(tx))
        moved = {x for x in set(before) | set(after) if before.get(x) != after.get(x)}
        rows = self._db.run(tx, "claims_touching", ids=sorted(moved))
        claims = [claim_from_stored(r["data"], r["claim"]) for r in rows]
        old = {canonical_key(c, before, self.vocabulary) for c in claims}
        new = {(c.article, c.id): canonical_key(c, after, self.vocabulary) for c in claims}
        keys = [
            {"article": article, "id": i, "key": key_text(k) if k else None}
            for (article, i), k in sorted(new.items())
        ]
        self._db.run(tx, "claims_rekey", rows=keys)
        self._recompute(tx, {k for k in old | set(new.values()) if k is not None})
        self._changed(tx)

    @guarded
    def merge_actors(self, source_id: str, target_id: str, note: str = "") -> Merge:
        self._block()  # outside a bulk load: what a dead one left is settled first

        def work(tx: ManagedTransaction) -> Merge:
            merges = self._merges_in(tx)
            canon = canonical_ids(merges)
            rows = self._db.run(tx, "actors_by_id", ids=[source_id, target_id])
            actors = {a.id: a for a in (Actor.model_validate_json(r["data"]) for r in rows)}
            merge = plan_merge(actors, canon, source_id, target_id, note)
            merge = merge.model_copy(update={"seq": max((m.seq for m in merges), default=0) + 1})
            self._refold(tx, merge, canon)
            return merge

        return self._db.write(work)

    @guarded
    def unmerge(self, actor_id: str) -> Merge:
        self._block()  # outside a bulk load: what a dead one left is settled first

        def work(tx: ManagedTransaction) -> Merge:
            merges = self._merges_in(tx)
            merge = plan_unmerge(merges, actor_id)
            self._refold(tx, merge, canonical_ids(merges))
            return merge

        return self._db.write(work)

    @guarded
    def merges(self) -> list[Merge]:
        return [Merge.model_validate_json(r["data"]) for r in self._db.read("merges_all")]

    # -- writes -------------------------------------------------------------------
    def _write_actors(self, tx: ManagedTransaction, actors: list[Actor]) -> None:
        """Create or replace ``actors`` with the label of their kind."""
        self._db.run(tx, "actors_upsert", rows=[actor_row(a) for a in actors])
        by_kind: dict[str, list[str]] = defaultdict(list)
        for actor in actors:
            by_kind[actor.kind.value].append(actor.id)
        for kind, ids in by_kind.items():
            self._db.run(tx, "actors_set_kind_label", {"label": kind}, ids=ids)

    def _put_actors(self, tx: ManagedTransaction, actors: Iterable[Actor]) -> int:
        """Store the actors that are new or changed (an unresolved one never replaces a
        resolved one); returns how many were new."""
        actors = list(actors)
        rows = self._db.run(tx, "actors_by_id", ids=[a.id for a in actors])
        known = {a.id: a for a in (Actor.model_validate_json(r["data"]) for r in rows)}
        fresh = [
            a
            for a in actors
            if a.id not in known
            or (known[a.id] != a and not (a.unresolved and not known[a.id].unresolved))
        ]
        if fresh:
            self._write_actors(tx, fresh)
            self._changed(tx)
        return sum(1 for a in fresh if a.id not in known)

    @guarded
    def upsert_actors(self, actors: Iterable[Actor]) -> int:
        actors = list(actors)
        self._block()  # outside a bulk load: what a dead one left is settled first
        return self._db.write(lambda tx: self._put_actors(tx, actors))

    def _recompute(
        self, tx: ManagedTransaction, keys: set[Key], added: Mapping[Key, list[Claim]] | None = None
    ) -> None:
        """Bring the aggregated relationships of ``keys`` up to date: those in ``added``
        (keys that only gained claims) resume their stored tally with the claims just
        stored, the others are tallied again from all their claims. Then each touched
        pair's TIE."""
        recompute(self._db, tx, self.vocabulary, keys, added)

    def _clear(self, tx: ManagedTransaction, article_ids: list[str]) -> set[Key]:
        """Delete the claims and mentions of ``article_ids``; the relation keys they counted for."""
        if not article_ids:
            return set()
        rows = self._db.run(tx, "articles_claim_keys", ids=article_ids)
        keys: set[Key] = {tuple(r["key"].split("|")) for r in rows}
        self._db.run(tx, "articles_clear", ids=article_ids)
        return keys

    def upsert_article(self, doc: AnnotatedArticle) -> UpsertResult:
        return self.upsert_articles([doc])[0]

    @guarded
    def upsert_articles(self, docs: Iterable[AnnotatedArticle]) -> list[UpsertResult]:
        docs = list(docs)
        for doc in docs:
            for claim in doc.claims:
                self.vocabulary[claim.type]
        block = self._block()
        batches = [docs]
        if len({d.article.id for d in docs}) < len(docs):  # one article twice: in order
            batches = [[d] for d in docs]

        def work(tx: ManagedTransaction) -> tuple[list[UpsertResult], Deferred | None]:
            deferred = None if block is None else Deferred()
            results = [r for b in batches for r in self._upsert_batch(tx, b, deferred)]
            return results, deferred

        # a batch's rows, tallies and read-backs: hundreds of thousands of objects, no cycles
        with collector_paused():
            results, deferred = self._db.write(work)
        if block is not None and deferred is not None:
            block.absorb(deferred)  # committed: the block's end settles them
        return results

    def _tally(
        self,
        tx: ManagedTransaction,
        keys: set[Key],
        added: Mapping[Key, list[Claim]] | None,
        deferred: Deferred | None,
    ) -> None:
        """Tally ``keys`` now (:meth:`_recompute`), or inside a bulk load record them on the
        server for the block's end."""
        if deferred is None:
            self._recompute(tx, keys, added)
        else:
            deferred.put(self._db, tx, self.vocabulary, keys, added or {})

    def _upsert_batch(
        self, tx: ManagedTransaction, docs: list[AnnotatedArticle], deferred: Deferred | None
    ) -> list[UpsertResult]:
        """Articles of distinct ids in one transaction, a statement per step for all of them.

        Per document the semantics of one upsert: unchanged when its fingerprint
        is stored; claims may refer to actors stored or carried by it or an
        earlier document of the batch.
        """
        prints = [doc.fingerprint() for doc in docs]
        rows = self._db.run(tx, "articles_fingerprints", ids=[d.article.id for d in docs])
        stored = {r["id"]: r["fingerprint"] for r in rows}
        changed = [
            (d, f) for d, f in zip(docs, prints, strict=True) if stored.get(d.article.id) != f
        ]
        refs: set[str] = set()
        for doc, _ in changed:
            refs.update(m.actor for m in doc.mentions)
            for claim in doc.claims:
                refs.update(x for x in (claim.source, claim.target, claim.attributed_to) if x)
            refs.update(a.id for a in doc.actors)
        rows = self._db.run(tx, "actors_by_id", ids=sorted(refs))
        known = {a.id: a for a in (Actor.model_validate_json(r["data"]) for r in rows)}
        carried: dict[str, Actor] = {}
        new_actors: dict[str, int] = {}
        for doc, _ in changed:
            fresh = 0
            for actor in doc.actors:
                if actor.id not in known and actor.id not in carried:
                    fresh += 1
                before = carried.get(actor.id) or known.get(actor.id)
                if before is None or (
                    before != actor and not (actor.unresolved and not before.unresolved)
                ):
                    carried[actor.id] = actor
            new_actors[doc.article.id] = fresh
            wanted = {m.actor for m in doc.mentions}
            for claim in doc.claims:
                wanted.update(x for x in (claim.source, claim.target, claim.attributed_to) if x)
            for ref in sorted(wanted):
                if ref not in known and ref not in carried:
                    raise UnknownActor(ref)
        if carried:
            self._write_actors(tx, list(carried.values()))
        canon = canonical_ids(self._merges_in(tx))
        touched = self._clear(tx, [d.article.id for d, f in changed if d.article.id in stored])
        self._db.run(tx, "articles_upsert", rows=[article_params(d, f) for d, f in changed])
        added: dict[Key, list[Claim]] = defaultdict(list)
        rows = []
        for doc, _ in changed:
            for claim in doc.claims:
                key = canonical_key(claim, canon, self.vocabulary)
                if key is not None:
                    added[key].append(claim)
                rows.append(claim_row(claim, key))
        self._db.run(tx, "claims_create", rows=rows)
        self._db.run(tx, "mentions_create", rows=[r for d, _ in changed for r in mention_rows(d)])
        resumable = {k: claims for k, claims in added.items() if k not in touched}
        self._tally(tx, touched | set(added), resumable, deferred)
        if changed or carried:
            self._changed(tx)
        results = []
        for doc, fingerprint in zip(docs, prints, strict=True):
            previous = stored.get(doc.article.id)
            if previous == fingerprint:
                status, fresh = UpsertStatus.UNCHANGED, 0
            else:
                status = UpsertStatus.NEW if previous is None else UpsertStatus.UPDATED
                fresh = new_actors[doc.article.id]
            results.append(
                UpsertResult(
                    article=doc.article.id, status=status, claims=len(doc.claims), new_actors=fresh
                )
            )
        return results

    @guarded
    def delete_article(self, article_id: str) -> None:
        block = self._block()

        def work(tx: ManagedTransaction) -> Deferred | None:
            if not self._db.run(tx, "articles_fingerprints", ids=[article_id]):
                raise UnknownArticle(article_id)
            touched = self._clear(tx, [article_id])
            self._db.run(tx, "article_delete", id=article_id)
            deferred = None if block is None else Deferred()
            self._tally(tx, touched, None, deferred)
            self._changed(tx)
            return deferred

        deferred = self._db.write(work)
        if block is not None and deferred is not None:
            block.absorb(deferred)
