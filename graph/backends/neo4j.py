"""The Neo4j store: the production backend, over Bolt with the official driver.

Graph model (DESIGN.md): ``:Actor`` (plus a label per kind), ``:Article``,
``:Claim``; ``(:Article)-[:REPORTS]->(:Claim)``, ``(:Claim)-[:SOURCE|TARGET|
ATTRIBUTED_TO]->(:Actor)``, ``(:Article)-[:MENTIONS]->(:Actor)``; and the
aggregated relations as direct ``(:Actor)-[:ALLIED_WITH {weight, ...}]->(:Actor)``
relationships, one real type per vocabulary entry, symmetric types stored once
(smaller id first); and one ``(:Actor)-[:TIE {stance, strength, relations}]->(:Actor)``
per tied pair (smaller id first): the net stance of its holding relations,
its absolute value and their element ids, rebuilt whenever they are, which the
unfiltered walks (neighbourhoods, paths) take instead of one step per type.

Every statement lives in ``neo4j_cypher/*.cypher`` (see :mod:`graph.backends.cypher`)
and is run by name through :mod:`graph.backends.neo4j_session`, which also
turns the driver's faults into :class:`~graph.errors.StoreUnavailable`.
Writes (:mod:`graph.backends.neo4j_writes`) are one managed transaction per
batch (the driver retries transient errors), batched with ``UNWIND``,
``MERGE`` on ids.

Reads (:mod:`graph.backends.neo4j_reads`) are answered by the server in
Cypher: the traversals, orders and limits of every question run there, and
relation figures under a time window are aggregated there from the claims.
Each read statement is one auto-commit query (one round trip), tried once
more after a dropped connection or a transient fault.
"""

from __future__ import annotations

from collections.abc import Iterable
from threading import local

import networkx as nx

from graph.backends.neo4j_names import KeptNames, Names
from graph.backends.neo4j_reads import Neo4jReads
from graph.backends.neo4j_session import Neo4jSession, guarded
from graph.backends.neo4j_stance import KeptStanceGraphs, drawn_stance_graph, revision
from graph.backends.neo4j_writes import Neo4jWrites
from graph.errors import AmbiguousActor, UnknownActor, UnknownArticle
from graph.filters import NO_FILTERS, Filters, check_bound
from graph.model import Actor, Article
from graph.names import normalise
from graph.store import ActorMatch, Stats
from graph.traversal.stance_graph import build_stance_graph
from graph.vocabulary import Vocabulary

WIPE_BATCH = 2_000
"""Relationships, then nodes, deleted per transaction when wiping the database (a 10k-article
database: 5.4 s against 7.1 s a transaction of 10,000, 8.1 s of 50,000)."""


class Neo4jStore(Neo4jReads, Neo4jWrites):
    """A :class:`graph.store.GraphStore` on Neo4j 5."""

    kind = "neo4j"

    def __init__(self, session: Neo4jSession) -> None:
        self._db = session
        self.uri = session.uri
        self.vocabulary = session.vocabulary
        self._graphs = KeptStanceGraphs()
        self._names = KeptNames()
        self._blocks = local()
        # a bulk load that died, or an import, left work: the first use does it
        session.on_ready = self._made_whole

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
        store = cls(
            Neo4jSession.open(
                uri, user, password, database, vocabulary, verify=verify, timeout=timeout
            )
        )
        if verify:  # the schema is set up: do what a dead bulk load or an import left
            try:
                store._made_whole()
            except BaseException:
                store.close()
                raise
        return store

    @guarded
    def node_count(self) -> int:
        """How many nodes the database holds, actorgraph's or not: what :meth:`wipe` deletes."""
        (row,) = self._db.read("nodes_count")
        return int(row["nodes"])

    @guarded
    def wipe(self) -> None:
        """Delete everything in the database (tests, the benchmark), a batch per transaction
        (one transaction for a large database would need more memory than a server gives it):
        the revision node first (no process keeps a stance graph drawn from a half-wiped
        database), the relationships next, then the nodes (deleting a hub actor with its
        relationships in one batch of nodes outgrew the server's transaction memory at 10k
        articles), each in one pass (a scan restarted each batch would read the deleted ones
        again)."""
        self._db.write(lambda tx: self._db.run(tx, "wipe_revision"))
        self._db.in_transactions("wipe_relationships", batch=WIPE_BATCH)
        self._db.in_transactions("wipe", batch=WIPE_BATCH)

    def close(self) -> None:
        self._db.close()

    @guarded
    def stance_graph(self, filters: Filters = NO_FILTERS) -> nx.Graph[str]:
        """The stance graph the analyses read, kept while the data does not change
        (:mod:`graph.backends.neo4j_stance`); whoever gets it only reads it."""
        return self._graphs.get(
            filters, lambda: revision(self._db), lambda: self._drawn_stance_graph(filters)
        )

    def _drawn_stance_graph(self, filters: Filters) -> nx.Graph[str]:
        if self._by_claims(filters):  # relations aggregated from the claims that count
            return build_stance_graph(self.actors(), self.relations(filters))
        types = self._types(filters)
        if not types:  # no relation counts: the actors alone
            return build_stance_graph(self.actors(), ())
        return drawn_stance_graph(self._db, types)

    # -- lookups ------------------------------------------------------------------
    def _kept_names(self) -> Names:
        """Every actor's names, read again only after the data changed (:mod:`.neo4j_names`)."""
        return self._names.get(
            lambda: revision(self._db), lambda: Names.of(self.actors(), self._canon())
        )

    def _suggestions(self, ref: str) -> tuple[str, ...]:
        """The ids of the actors whose names are closest to ``ref`` (an unknown actor's hint)."""
        return tuple(self._kept_names().index.suggest(ref))

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
            raise UnknownActor(ref, self._suggestions(ref))
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
        names = self._kept_names()
        found: dict[str, ActorMatch] = {}
        for i, score, shown in names.index.search(query, limit + len(names.canon)):
            # None: merged into an actor made after the names were read (read again next time)
            actor = names.actors.get(names.canon.get(i, i))
            if actor is not None and actor.id not in found:
                found[actor.id] = ActorMatch(actor=actor, score=round(score, 2), matched=shown)
        return list(found.values())[:limit]

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
