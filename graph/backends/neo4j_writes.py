"""The Neo4j store's writes: actors, articles with their claims, retractions, merges.

Each write is one managed transaction (the driver retries transient errors);
the aggregated relationships of the keys it touches are recomputed from their
claims inside it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext

from neo4j import ManagedTransaction

from graph.aggregate import pair_key, relation_from_claims
from graph.backends.neo4j_rows import actor_row, article_params, claim_row, key_text, relation_props
from graph.backends.neo4j_session import Neo4jSession, guarded
from graph.errors import UnknownActor, UnknownArticle
from graph.identity import canonical_ids, canonical_key, plan_merge, plan_unmerge
from graph.model import Actor, AnnotatedArticle, Claim, Merge
from graph.store import UpsertResult, UpsertStatus
from graph.vocabulary import Vocabulary

Key = tuple[str, str, str]


class Neo4jWrites:
    """The writes of :class:`graph.backends.neo4j.Neo4jStore`, over its session."""

    _db: Neo4jSession
    vocabulary: Vocabulary

    # -- identity ---------------------------------------------------------------
    def _merges_in(self, tx: ManagedTransaction) -> list[Merge]:
        return [Merge.model_validate_json(r["data"]) for r in self._db.run(tx, "merges_all")]

    def _canon(self) -> dict[str, str]:
        return canonical_ids(
            Merge.model_validate_json(r["data"]) for r in self._db.read("merges_all")
        )

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
        claims = [Claim.model_validate_json(r["data"]) for r in rows]
        old = {canonical_key(c, before, self.vocabulary) for c in claims}
        new = {c.id: canonical_key(c, after, self.vocabulary) for c in claims}
        keys = [{"id": i, "key": key_text(k) if k else None} for i, k in sorted(new.items())]
        self._db.run(tx, "claims_rekey", rows=keys)
        self._recompute(tx, (old | set(new.values())) - {None}, after)

    @guarded
    def merge_actors(self, source_id: str, target_id: str, note: str = "") -> Merge:
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
    def _put_actors(self, tx: ManagedTransaction, actors: Iterable[Actor]) -> int:
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
            self._db.run(tx, "actors_upsert", rows=[actor_row(a) for a in fresh])
        by_kind: dict[str, list[str]] = defaultdict(list)
        for actor in fresh:
            by_kind[actor.kind.value].append(actor.id)
        for kind, ids in by_kind.items():
            self._db.run(tx, "actors_set_kind_label", {"label": kind}, ids=ids)
        return sum(1 for a in fresh if a.id not in known)

    @guarded
    def upsert_actors(self, actors: Iterable[Actor]) -> int:
        actors = list(actors)
        return self._db.write(lambda tx: self._put_actors(tx, actors))

    def _recompute(self, tx: ManagedTransaction, keys: set[Key], canon: dict[str, str]) -> None:
        """Rebuild the aggregated relationships of ``keys`` from their claims."""
        if not keys:
            return
        rows = self._db.run(tx, "claims_for_keys", keys=[key_text(k) for k in keys])
        grouped: dict[Key, list[Claim]] = defaultdict(list)
        for row in rows:
            claim = Claim.model_validate_json(row["data"])
            key = canonical_key(claim, canon, self.vocabulary)
            if key is not None:
                grouped[key].append(claim)
        self._db.run(
            tx,
            "relations_delete",
            rows=[{"source": s, "target": t, "type": k} for s, t, k in sorted(keys)],
        )
        by_type: dict[str, list[dict]] = defaultdict(list)
        for key, claims in sorted(grouped.items()):
            relation = relation_from_claims(key, claims, self.vocabulary)
            by_type[key[2]].append(
                {"source": key[0], "target": key[1], "props": relation_props(relation)}
            )
        for kind, batch in by_type.items():
            self._db.run(tx, "relations_merge", {"rel_type": kind}, rows=batch)

    def _old_keys(self, tx: ManagedTransaction, article_id: str, canon: dict[str, str]) -> set[Key]:
        keys = set()
        for r in self._db.run(tx, "article_claim_keys", id=article_id):
            source, target = (
                canon.get(r["source"], r["source"]),
                canon.get(r["target"], r["target"]),
            )
            if source != target:
                keys.add(pair_key(source, target, r["type"], self.vocabulary))
        return keys

    def _clear(self, tx: ManagedTransaction, article_id: str, canon: dict[str, str]) -> set[Key]:
        keys = self._old_keys(tx, article_id, canon)
        self._db.run(tx, "article_claims_delete", id=article_id)
        self._db.run(tx, "article_mentions_delete", id=article_id)
        return keys

    def upsert_article(self, doc: AnnotatedArticle) -> UpsertResult:
        return self.upsert_articles([doc])[0]

    def bulk_load(self) -> AbstractContextManager[None]:
        return nullcontext()  # each write commits: a server bounds one transaction's memory

    @guarded
    def upsert_articles(self, docs: Iterable[AnnotatedArticle]) -> list[UpsertResult]:
        docs = list(docs)
        for doc in docs:
            for claim in doc.claims:
                self.vocabulary[claim.type]
        prints = [doc.fingerprint() for doc in docs]

        def work(tx: ManagedTransaction) -> list[UpsertResult]:
            canon = canonical_ids(self._merges_in(tx))
            touched: set[Key] = set()
            results = [
                self._upsert_in(tx, d, f, touched, canon) for d, f in zip(docs, prints, strict=True)
            ]
            self._recompute(tx, touched, canon)
            return results

        return self._db.write(work)

    def _upsert_in(
        self,
        tx: ManagedTransaction,
        doc: AnnotatedArticle,
        fingerprint: str,
        touched: set[Key],
        canon: dict[str, str],
    ) -> UpsertResult:
        """One article inside the batch transaction; the relations it touches join ``touched``."""
        article_id = doc.article.id
        found = self._db.run(tx, "article_fingerprint", id=article_id)
        previous = found[0]["fingerprint"] if found else None
        if previous == fingerprint:
            return UpsertResult(
                article=article_id,
                status=UpsertStatus.UNCHANGED,
                claims=len(doc.claims),
                new_actors=0,
            )
        carried = {a.id for a in doc.actors}
        refs = {m.actor for m in doc.mentions}
        for claim in doc.claims:
            refs.update(x for x in (claim.source, claim.target, claim.attributed_to) if x)
        wanted = sorted(refs - carried)
        present = {r["data"] for r in self._db.run(tx, "actors_by_id", ids=wanted)}
        known = {Actor.model_validate_json(d).id for d in present}
        for ref in wanted:
            if ref not in known:
                raise UnknownActor(ref)
        new_actors = self._put_actors(tx, doc.actors)
        touched |= self._clear(tx, article_id, canon)
        self._db.run(tx, "article_upsert", **article_params(doc, fingerprint))
        self._db.run(
            tx,
            "claims_create",
            article=article_id,
            rows=[claim_row(c, self.vocabulary, canon) for c in doc.claims],
        )
        self._db.run(
            tx,
            "mentions_create",
            article=article_id,
            rows=[m.model_dump() for m in doc.mentions],
        )
        for claim in doc.claims:
            key = canonical_key(claim, canon, self.vocabulary)
            if key is not None:
                touched.add(key)
        status = UpsertStatus.NEW if previous is None else UpsertStatus.UPDATED
        return UpsertResult(
            article=article_id, status=status, claims=len(doc.claims), new_actors=new_actors
        )

    @guarded
    def delete_article(self, article_id: str) -> None:
        def work(tx: ManagedTransaction) -> None:
            if not self._db.run(tx, "article_fingerprint", id=article_id):
                raise UnknownArticle(article_id)
            canon = canonical_ids(self._merges_in(tx))
            touched = self._clear(tx, article_id, canon)
            self._db.run(tx, "article_delete", id=article_id)
            self._recompute(tx, touched, canon)

        self._db.write(work)
