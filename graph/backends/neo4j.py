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
Writes (:mod:`graph.backends.neo4j_writes`) are one managed transaction per
batch (the driver retries transient errors), batched with ``UNWIND``,
``MERGE`` on ids.

Reads fetch only the part of the graph a question needs in Cypher (one hop
per query breadth first, the relations among a set of actors, or the claims
inside a time window) and then rank it with the same networkx functions as the
embedded store (:mod:`graph.traversal.stances`, :mod:`graph.traversal.neighbourhood`,
:mod:`graph.traversal.paths`); relation figures come from :mod:`graph.aggregate` in
both backends. Sharing that code is what makes the two backends answer alike,
element for element, which the contract suite checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from graph.aggregate import aggregate
from graph.backends.neo4j_rows import relation_from_record
from graph.backends.neo4j_session import Neo4jSession, guarded
from graph.backends.neo4j_writes import Neo4jWrites
from graph.errors import AmbiguousActor, UnknownActor, UnknownArticle
from graph.filters import NO_FILTERS, Filters, check_bound, check_page
from graph.identity import canonical_claims, with_merged
from graph.model import Actor, Article, Claim, Relation
from graph.names import NameIndex, normalise
from graph.store import (
    ActorMatch,
    EvidenceItem,
    EvidencePage,
    Path,
    Stance,
    Stats,
    Subgraph,
    evidence_order,
)
from graph.traversal.neighbourhood import neighbourhood
from graph.traversal.paths import signed_paths
from graph.traversal.stance_graph import build_stance_graph
from graph.traversal.stances import allies, enemies
from graph.vocabulary import Vocabulary

WIPE_BATCH = 10_000
"""Nodes deleted per transaction when wiping the database."""


class Neo4jStore(Neo4jWrites):
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
        """Delete everything in the database (tests, the benchmark), a batch per transaction:
        one transaction for a large database would need more memory than a server gives it."""
        while self._db.write(lambda tx: self._db.run(tx, "wipe", batch=WIPE_BATCH))[0]["deleted"]:
            pass

    def close(self) -> None:
        self._db.close()

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
    def actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]:
        return self._actors_by_id(ids)

    @guarded
    def actors_answering(self, name: str) -> list[Actor]:
        rows = self._db.read("actors_by_key", key=normalise(name))
        return [Actor.model_validate_json(r["data"]) for r in rows]

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

    def _graph(self, ids: set[str], filters: Filters) -> nx.Graph[str]:
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
