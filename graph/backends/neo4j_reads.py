"""The Neo4j store's questions, answered by the server: one Cypher statement per step.

Without a time window, confidence floor or place, every answer is read from the
aggregated relationships (``(:Actor)-[:ALLIED_WITH {weight...}]->(:Actor)``):
allies and enemies in one statement, a neighbourhood one statement per layer
and one for the ties among its actors, paths one ``ALL SHORTEST`` statement
(and one per longer length when fewer than ``k`` paths have the fewest
hops). The server orders, limits and cuts; Python only turns rows into domain
objects and, for paths, ranks the candidate paths the server found.

A time window, confidence floor or place (country, bounding box on the claims'
``place`` point, which a point index serves) changes which claims count, so the
relations are aggregated from the admitted claims in Cypher
(``relations_*_window``) and walked by :mod:`graph.traversal`, as the embedded store walks them.
Answers are those of the embedded store, element for element; the contract
suite checks it.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import networkx as nx
from neo4j.spatial import WGS84Point

from graph.aggregate import pair_key
from graph.backends import neo4j_ties
from graph.backends.neo4j_rows import relation_from_aggregate, relation_from_row
from graph.backends.neo4j_session import Neo4jSession, guarded
from graph.errors import InvalidQuery, UnknownActor
from graph.filters import NO_FILTERS, Filters, check_bound, check_page
from graph.identity import with_merged
from graph.model import Actor, Article, Claim, Relation, trusted
from graph.store import (
    EvidenceItem,
    EvidencePage,
    Path,
    Stance,
    Subgraph,
    evidence_order,
)
from graph.traversal.neighbourhood import neighbourhood as traversal_neighbourhood
from graph.traversal.paths import signed_paths
from graph.traversal.stance_graph import build_stance_graph
from graph.traversal.stances import allies, enemies
from graph.vocabulary import Vocabulary


def by_key(relations: Iterable[Relation]) -> tuple[Relation, ...]:
    return tuple(sorted(relations, key=lambda r: (r.source, r.target, r.type)))


class Neo4jReads:
    """The queries of :class:`graph.backends.neo4j.Neo4jStore`, over its session."""

    _db: Neo4jSession
    uri: str
    vocabulary: Vocabulary

    if TYPE_CHECKING:

        def _canon(self) -> dict[str, str]: ...  # Neo4jWrites'

        def _suggestions(self, ref: str) -> tuple[str, ...]: ...  # Neo4jStore's

    def _actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]:
        rows = self._db.read("actors_by_id", ids=sorted(set(ids)))
        return {a.id: a for a in (Actor.model_validate_json(r["data"]) for r in rows)}

    def _known(self, *actor_ids: str) -> None:
        """UnknownActor, with suggestions, for the first of ``actor_ids`` the store lacks."""
        found = self._actors_by_id(actor_ids)
        for actor_id in actor_ids:
            if actor_id not in found:
                raise UnknownActor(actor_id, self._suggestions(actor_id))

    # -- filters ----------------------------------------------------------------
    def _types(self, filters: Filters) -> list[str]:
        return [t.name for t in self.vocabulary if filters.admits_type(t.name, t.polarity)]

    @staticmethod
    def _by_claims(filters: Filters) -> bool:
        """Whether the claims that count differ from all of them (the relationships can't say)."""
        return not filters.counts_every_claim

    def _window(self, filters: Filters) -> dict[str, Any]:
        weights = {str(m): w for m, w in self.vocabulary.modality_weights.items()}
        return {
            "since": filters.since,
            "until": filters.until,
            "as_of": filters.as_of,
            "min_confidence": filters.min_confidence,
            "country": filters.country,
            "bbox_low": WGS84Point(filters.bbox[:2]) if filters.bbox else None,
            "bbox_high": WGS84Point(filters.bbox[2:]) if filters.bbox else None,
            "types": self._types(filters),
            "modality_weights": weights,
        }

    def _aggregated(self, statement: str, filters: Filters, **params: Any) -> list[Relation]:
        """The holding relations a ``relations_*_window`` statement aggregates, by key."""
        rows = self._db.read(statement, **self._window(filters), **params)
        found = (relation_from_aggregate(r, self.vocabulary) for r in rows)
        return sorted((r for r in found if r.holds), key=lambda r: (r.source, r.target, r.type))

    # -- actors -----------------------------------------------------------------
    def _nodes(self, *actor_ids: str) -> dict[str, Actor]:
        """The actors, each a node of the stance graph (not merged away); else UnknownActor."""
        rows = self._db.read("actors_known", ids=list(dict.fromkeys(actor_ids)))
        found = {r["id"]: r for r in rows}
        for actor_id in actor_ids:
            if actor_id not in found:
                raise UnknownActor(actor_id, self._suggestions(actor_id))
            if found[actor_id]["merged"]:
                raise UnknownActor(actor_id)  # it counts as another actor now
        return {i: Actor.model_validate_json(r["data"]) for i, r in found.items()}

    def _stance_graph(self, relations: list[Relation], *known: Actor) -> nx.Graph[str]:
        """The stance graph of ``relations`` (aggregated under a window) and their actors."""
        ends = {i for r in relations for i in (r.source, r.target)} - {a.id for a in known}
        return build_stance_graph([*known, *self._actors_by_id(ends).values()], relations)

    # -- relations --------------------------------------------------------------
    @guarded
    def relations(self, filters: Filters = NO_FILTERS) -> list[Relation]:
        if self._by_claims(filters):
            return self._aggregated("relations_window", filters)
        rows = self._db.read("relations_all", types=self._types(filters))
        return [r for r in map(relation_from_row, rows) if r.holds]

    # -- allies and enemies -----------------------------------------------------
    def _stances(self, actor_id: str, filters: Filters, sign: int) -> list[Stance]:
        actor = self._nodes(actor_id)[actor_id]
        if self._by_claims(filters):
            ids = with_merged([actor_id], self._canon())
            relations = self._aggregated("relations_touching_window", filters, ids=ids)
            G = self._stance_graph(relations, actor)
            return allies(G, actor_id) if sign > 0 else enemies(G, actor_id)
        rows = self._db.read("stances_rel", id=actor_id, sign=sign, types=self._types(filters))
        found = [
            (
                Actor.model_validate_json(row["actor"]),
                by_key(map(relation_from_row, row["relations"])),
            )
            for row in rows
        ]
        return neo4j_ties.ranked_stances(found, sign)

    @guarded
    def allies(self, actor_id: str, filters: Filters = NO_FILTERS) -> list[Stance]:
        return self._stances(actor_id, filters, 1)

    @guarded
    def enemies(self, actor_id: str, filters: Filters = NO_FILTERS) -> list[Stance]:
        return self._stances(actor_id, filters, -1)

    # -- neighbourhood ----------------------------------------------------------
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
        centre = self._nodes(actor_id)[actor_id]
        if self._by_claims(filters):
            G = self._stance_graph(self._aggregated("relations_window", filters), centre)
            return traversal_neighbourhood(G, actor_id, depth, limit, max_relations)
        types = self._types(filters)
        kept: list[Actor] = [centre]
        frontier, truncated = [actor_id], False
        for _ in range(depth):
            room = limit - (len(kept) - 1)
            rows = self._db.read(
                "layer_rel",
                frontier=frontier,
                seen=[a.id for a in kept],
                room=room + 1,
                types=types,
            )
            layer = rows[:room]
            kept += [Actor.model_validate_json(r["actor"]) for r in layer]
            frontier = [r["id"] for r in layer]
            if len(rows) > room:
                truncated = True
                break
            if not frontier:
                break
        (cut,) = self._db.read(
            "ties_among_rel",
            ids=[a.id for a in kept],
            centre=actor_id,
            max_relations=max_relations,
            types=types,
        )
        return Subgraph(
            center=actor_id,
            nodes=tuple(kept),
            relations=by_key([relation_from_row(r) for r in cut["relations"]]),
            truncated=truncated,
            total_relations=cut["total"] or 0,
        )

    # -- paths ------------------------------------------------------------------
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
        ends = self._nodes(source_id, target_id)
        if source_id == target_id:
            raise InvalidQuery("a path needs two different actors")
        if self._by_claims(filters):
            relations = self._aggregated("relations_window", filters)
            G = build_stance_graph(ends.values(), relations)  # a path's steps need no actors
            return signed_paths(
                G, source_id, target_id, max_hops=max_hops, k=k, positive_only=positive_only
            )
        params = {
            "source": source_id,
            "target": target_id,
            "types": self._types(filters),
            "positive_only": positive_only,
        }
        rows = self._db.read("paths_shortest_rel", {"max_hops": max_hops}, **params)
        found = [p for p in map(self._path, rows) if not positive_only or p.sign > 0]
        hops = len(rows[0]["actors"]) - 1 if rows else max_hops
        if len(found) < k and hops < max_hops:
            # fewer than k of the fewest hops: paths_longer_rel's 500 shortest, by length
            fill = {"hop_range": (hops + 1, max_hops)}
            more = [
                p
                for p in map(self._path, self._db.read("paths_longer_rel", fill, **params))
                if not positive_only or p.sign > 0
            ]
            for length in range(hops + 1, max_hops + 1):
                if len(found) >= k:
                    break
                found += [p for p in more if p.hops == length]
        return neo4j_ties.best_paths(found, k)

    @staticmethod
    def _path(row: dict[str, Any]) -> Path:
        actors = tuple(row["actors"])
        steps = []
        for (u, v), relations in zip(pairwise(actors), row["steps"], strict=True):
            steps.append(neo4j_ties.step(u, v, by_key([relation_from_row(r) for r in relations])))
        return neo4j_ties.as_path(actors, steps)

    # -- evidence ---------------------------------------------------------------
    def _pair_keys(self, source_id: str, target_id: str, filters: Filters) -> list[str]:
        keys = set()
        for kind in self._types(filters):
            keys.add(pair_key(source_id, target_id, kind, self.vocabulary))
            keys.add(pair_key(target_id, source_id, kind, self.vocabulary))
        return sorted("|".join(k) for k in keys)

    @guarded
    def evidence(
        self, source_id: str, target_id: str, filters: Filters = NO_FILTERS
    ) -> list[EvidenceItem]:
        self._known(source_id, target_id)
        keys = self._pair_keys(source_id, target_id, filters)
        window = self._window(filters)
        del window["modality_weights"]
        rows = self._db.read("evidence_claims", keys=keys, **window)
        items = [
            trusted(
                EvidenceItem,
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
