"""The Neo4j store: the production backend, over Bolt with the official driver.

Graph model (DESIGN.md): ``:Actor`` (plus a label per kind), ``:Article``,
``:Claim``; ``(:Article)-[:REPORTS]->(:Claim)``, ``(:Claim)-[:SOURCE|TARGET|
ATTRIBUTED_TO]->(:Actor)``, ``(:Article)-[:MENTIONS]->(:Actor)``; and the
aggregated relations as direct ``(:Actor)-[:ALLIED_WITH {weight, ...}]->(:Actor)``
relationships, one real type per vocabulary entry, symmetric types stored once
(smaller id first).

Every statement lives in ``queries/*.cypher`` (see :mod:`graph.backends.cypher`)
and is run by name through :mod:`graph.backends.neo4j_session`, which also
turns the driver's faults into :class:`~graph.errors.StoreUnavailable`.
Writes are one managed transaction per article (the driver retries transient
errors), batched with ``UNWIND``, ``MERGE`` on ids.

Reads fetch only the part of the graph a question needs in Cypher (one hop
per query breadth first, the relations among a set of actors, or the claims
inside a time window) and then rank it with the same networkx functions as the
embedded store (:mod:`queries.stances`, :mod:`queries.neighbourhood`,
:mod:`queries.paths`); relation figures come from :mod:`graph.aggregate` in
both backends. Sharing that code is what makes the two backends answer alike,
element for element, which the contract suite checks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import networkx as nx
from neo4j import ManagedTransaction

from graph.aggregate import aggregate, pair_key, relation_from_claims
from graph.backends.neo4j_rows import (
    actor_row,
    article_params,
    claim_row,
    key_text,
    relation_from_record,
    relation_props,
)
from graph.backends.neo4j_session import Neo4jSession, guarded
from graph.errors import (
    AmbiguousActor,
    UnknownActor,
    UnknownArticle,
)
from graph.filters import NO_FILTERS, Filters, check_bound, check_page
from graph.identity import (
    canonical_claims,
    canonical_ids,
    canonical_key,
    plan_merge,
    plan_unmerge,
    with_merged,
)
from graph.model import Actor, AnnotatedArticle, Article, Claim, Merge, Relation
from graph.names import NameIndex, normalise
from graph.store import (
    ActorMatch,
    EvidenceItem,
    EvidencePage,
    Path,
    Stance,
    Stats,
    Subgraph,
    UpsertResult,
    UpsertStatus,
    evidence_order,
)
from graph.vocabulary import Vocabulary
from queries.neighbourhood import neighbourhood
from queries.paths import signed_paths
from queries.stance_graph import build_stance_graph
from queries.stances import allies, enemies

Key = tuple[str, str, str]


class Neo4jStore:
    """A :class:`graph.store.GraphStore` on Neo4j 5."""

    kind = "neo4j"

    def __init__(self, session: Neo4jSession) -> None:
        self._db = session
        self.uri = session.uri
        self.vocabulary = session.vocabulary

    def __repr__(self) -> str:
        return f"Neo4jStore({self.uri!r}, database={self._db.database!r})"

    @classmethod
    def connect(
        cls,
        uri: str,
        user: str,
        password: str,
        database: str | None = None,
        vocabulary: Vocabulary | None = None,
        *,
        verify: bool = True,
        timeout: float = 10.0,
    ) -> Neo4jStore:
        """Connect and set up constraints and indexes.

        With ``verify`` (the CLI), an unreachable server or refused credentials
        fail here with :class:`StoreUnavailable`. Without it (the API), the
        store is created at once and each request that finds the server down
        fails with :class:`StoreUnavailable` until it is back.
        """
        vocabulary = vocabulary or Vocabulary.default()
        return cls(
            Neo4jSession.open(
                uri, user, password, database, vocabulary, verify=verify, timeout=timeout
            )
        )

    @guarded
    def wipe(self) -> None:
        """Delete everything in the database (for tests)."""
        self._db.write(lambda tx: self._db.run(tx, "wipe"))

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

    def close(self) -> None:
        self._db.close()

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

    # -- lookups ------------------------------------------------------------------
    def _actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]:
        rows = self._db.read("actors_by_id", ids=sorted(set(ids)))
        return {a.id: a for a in (Actor.model_validate_json(r["data"]) for r in rows)}

    def _candidates(self, name: str, limit: int) -> NameIndex:
        index = NameIndex()
        tokens = normalise(name).split()
        rows = []
        if tokens:
            query = " ".join(f"{t}~" for t in tokens)
            rows = self._db.read("actors_fulltext", query=query, limit=limit)
        rows += self._db.read("actors_by_key", key=normalise(name))
        for row in rows:
            actor = Actor.model_validate_json(row["data"])
            index.add(actor.id, (*actor.names, *actor.external_ids.values()))
        return index

    @guarded
    def actor(self, ref: str) -> Actor:
        canon = self._canon()
        if self._actors_by_id([ref]):
            ids = {canon.get(ref, ref)}
        else:
            rows = self._db.read("actors_by_key", key=normalise(ref))
            ids = {canon.get(i, i) for i in (Actor.model_validate_json(r["data"]).id for r in rows)}
        if len(ids) > 1:
            raise AmbiguousActor(ref, tuple(sorted(ids)))
        if not ids:
            raise UnknownActor(ref, tuple(self._candidates(ref, 50).suggest(ref)))
        (actor_id,) = ids
        return self._actors_by_id([actor_id])[actor_id]

    @guarded
    def actors(self) -> list[Actor]:
        return [Actor.model_validate_json(r["data"]) for r in self._db.read("actors_all")]

    @guarded
    def search_actors(self, query: str, limit: int = 10) -> list[ActorMatch]:
        check_bound("limit", limit)
        canon = self._canon()
        index = self._candidates(query, limit * 4)
        hits = [(canon.get(i, i), s, m) for i, s, m in index.search(query, limit + len(canon))]
        found = self._actors_by_id(i for i, _, _ in hits)
        best: dict[str, ActorMatch] = {}
        for i, s, m in hits:
            best.setdefault(i, ActorMatch(actor=found[i], score=round(s, 2), matched=m))
        return list(best.values())[:limit]

    @guarded
    def article(self, article_id: str) -> Article:
        rows = self._db.read("article_get", id=article_id)
        if not rows:
            raise UnknownArticle(article_id)
        return Article.model_validate_json(rows[0]["data"]).model_copy(
            update={"text": rows[0]["text"]}
        )

    @guarded
    def stats(self) -> Stats:
        (row,) = self._db.read("stats", types=list(self.vocabulary.names))
        return Stats(**{**row, "actors": row["actors"] - len(self._canon())})

    # -- queries ------------------------------------------------------------------
    def _window(self, filters: Filters) -> dict[str, Any]:
        types = [t.name for t in self.vocabulary if filters.admits_type(t.name, t.polarity)]
        return {
            "since": filters.since,
            "until": filters.until,
            "as_of": filters.as_of,
            "min_confidence": filters.min_confidence,
            "types": types,
        }

    def _relations(self, statement: str, filters: Filters, **params: Any) -> list[Relation]:
        """Holding relations from the aggregated relationships, or re-aggregated claims."""
        if filters.is_unfiltered:
            rows = self._db.read(
                f"relations_{statement}", types=list(self.vocabulary.names), **params
            )
            found = {
                (r["source"], r["target"], r["type"]): relation_from_record(
                    r["source"], r["target"], r["type"], r["props"]
                )
                for r in rows
            }
            return [found[k] for k in sorted(found) if found[k].holds]
        canon = self._canon()
        if "ids" in params:
            params["ids"] = with_merged(params["ids"], canon)
        rows = self._db.read(f"claims_{statement}", **self._window(filters), **params)
        claims = {c.id: c for c in (Claim.model_validate_json(r["data"]) for r in rows)}
        return aggregate(canonical_claims(claims.values(), canon), self.vocabulary, filters)

    def _ball(self, start: Iterable[str], depth: int, filters: Filters) -> set[str]:
        seen = set(start)
        frontier = sorted(seen)
        for _ in range(depth):
            if not frontier:
                break
            relations = self._relations("around", filters, ids=frontier)
            reached = {x for r in relations for x in (r.source, r.target)} - seen
            seen |= reached
            frontier = sorted(reached)
        return seen

    def _graph(self, ids: set[str], filters: Filters) -> nx.Graph:
        relations = self._relations("among", filters, ids=sorted(ids))
        merged = self._canon()
        actors = (a for a in self._actors_by_id(ids).values() if a.id not in merged)
        return build_stance_graph(actors, relations)

    def _known(self, *actor_ids: str) -> None:
        found = self._actors_by_id(actor_ids)
        for actor_id in actor_ids:
            if actor_id not in found:
                raise UnknownActor(actor_id)

    @guarded
    def relations(self, filters: Filters = NO_FILTERS) -> list[Relation]:
        return (
            self._relations("all", filters)
            if filters.is_unfiltered
            else self._relations("window", filters)
        )

    @guarded
    def allies(self, actor_id: str, filters: Filters = NO_FILTERS) -> list[Stance]:
        self._known(actor_id)
        return allies(self._graph(self._ball([actor_id], 1, filters), filters), actor_id)

    @guarded
    def enemies(self, actor_id: str, filters: Filters = NO_FILTERS) -> list[Stance]:
        self._known(actor_id)
        return enemies(self._graph(self._ball([actor_id], 1, filters), filters), actor_id)

    @guarded
    def neighbourhood(
        self,
        actor_id: str,
        depth: int = 1,
        filters: Filters = NO_FILTERS,
        limit: int = 100,
        max_relations: int = 500,
    ) -> Subgraph:
        check_bound("depth", depth)
        check_bound("limit", limit)
        check_bound("max_relations", max_relations)
        self._known(actor_id)
        ids = self._ball([actor_id], depth, filters)
        graph = self._graph(ids, filters)
        return neighbourhood(graph, actor_id, depth, limit, max_relations)

    @guarded
    def paths(
        self,
        source_id: str,
        target_id: str,
        *,
        max_hops: int = 4,
        k: int = 1,
        positive_only: bool = False,
        filters: Filters = NO_FILTERS,
    ) -> list[Path]:
        check_bound("max_hops", max_hops)
        check_bound("k", k)
        self._known(source_id, target_id)
        # Every actor on a path of at most max_hops lies within ceil(max_hops/2) hops
        # of the source or floor(max_hops/2) hops of the target.
        ids = self._ball([source_id], (max_hops + 1) // 2, filters)
        ids |= self._ball([target_id], max_hops // 2, filters)
        return signed_paths(
            self._graph(ids, filters),
            source_id,
            target_id,
            max_hops=max_hops,
            k=k,
            positive_only=positive_only,
        )

    @guarded
    def evidence(
        self, source_id: str, target_id: str, filters: Filters = NO_FILTERS
    ) -> list[EvidenceItem]:
        self._known(source_id, target_id)
        canon = self._canon()
        a, b = with_merged([source_id], canon), with_merged([target_id], canon)
        rows = self._db.read("claims_between", a=a, b=b, **self._window(filters))
        items = [
            EvidenceItem(
                claim=Claim.model_validate_json(r["data"]),
                article=Article.model_validate_json(r["article"]),
            )
            for r in rows
        ]
        return sorted(items, key=evidence_order)

    def evidence_page(
        self,
        source_id: str,
        target_id: str,
        filters: Filters = NO_FILTERS,
        *,
        offset: int = 0,
        limit: int = 100,
    ) -> EvidencePage:
        page = check_page(offset, limit)
        # Sliced here rather than with SKIP/LIMIT: the evidence order (undated last) is
        # cheap in Python and the claims of one pair are few next to the graph.
        items = self.evidence(source_id, target_id, filters)
        return EvidencePage(total=len(items), items=tuple(items[page]))
