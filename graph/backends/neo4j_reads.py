"""The Neo4j store's questions, answered by the server: one Cypher statement per step.

Without a time window, confidence floor or place, every answer is read from the
aggregated relationships (``(:Actor)-[:ALLIED_WITH {weight...}]->(:Actor)``),
expanding only the types asked for: allies and enemies in one statement (the
net stance summed there), a neighbourhood one statement per layer and one for
the ties among its actors (a hash join on the actors kept), paths one
``allShortestPaths`` statement with each pair's net stance, one more for the
2- or 3-step paths when fewer than ``k`` paths have the fewest hops (every
one of them ranked, as the embedded store ranks them), and one for the chosen
steps' relations. With every type asked for (the default), neighbourhoods and
paths walk each pair's one ``TIE`` (:mod:`graph.backends.neo4j`) instead of
its relations. The server orders, limits and cuts; Python only turns rows into
domain objects and, for paths, ranks the candidate paths the server found.

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
from graph.backends.neo4j_rows import (
    claim_from_stored,
    relation_from_aggregate,
    relation_from_row,
)
from graph.backends.neo4j_session import Neo4jSession, guarded
from graph.errors import InvalidQuery, UnknownActor
from graph.filters import NO_FILTERS, Filters, check_bound, check_page
from graph.identity import with_merged
from graph.model import Actor, Article, Relation, trusted
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

    def _walked(self, types: list[str]) -> tuple[bool, dict[str, Any]]:
        """Whether a walk over ``types`` takes each pair's one ``TIE`` (every type counts), and
        the fill of the statements that walk the relations of ``types`` instead."""
        if len(types) == len(self.vocabulary.names):
            return True, {}
        return False, {"rel_types": tuple(types)}

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
        polar = tuple(t for t in self._types(filters) if self.vocabulary[t].polarity)
        if not polar:
            return []
        rows = self._db.read("stances_rel", {"rel_types": polar}, id=actor_id, sign=sign)
        found = [
            (
                Actor.model_validate_json(row["actor"]),
                row["net"],
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
        if not types:
            return Subgraph(center=actor_id, nodes=(centre,), relations=(), total_relations=0)
        tied, fill = self._walked(types)
        kept: list[Actor] = [centre]
        frontier, truncated = [actor_id], False
        for _ in range(depth):
            room = limit - (len(kept) - 1)
            rows = self._db.read(
                "layer_tie" if tied else "layer_rel",
                fill,
                frontier=frontier,
                seen=[a.id for a in kept],
                room=room + 1,
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
            "ties_among_tie" if tied else "ties_among_rel",
            fill,
            ids=[a.id for a in kept],
            centre=actor_id,
            max_relations=max_relations,
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
        types = self._types(filters)
        tied, fill = self._walked(types)
        if self._by_claims(filters) or not types or (positive_only and not tied):
            return self._walked_paths(
                (source_id, target_id), ends, filters, max_hops, k, positive_only
            )
        # the TIE statements walk only positive ties when asked; the others never are
        how: dict[str, Any] = {"source": source_id, "target": target_id}
        if tied:
            how["positive_only"] = positive_only
        (row,) = self._db.read(
            "paths_shortest_tie" if tied else "paths_shortest_rel",
            {**fill, "max_hops": max_hops},
            **how,
        )
        if not row["paths"]:
            return []
        candidates = [tuple(p) for p in row["paths"]]
        nets = {neo4j_ties.pair(a, b): net for a, b, net in row["nets"]}
        found = neo4j_ties.best_paths(candidates, nets, k)
        hops = len(candidates[0]) - 1
        if len(candidates) < k and hops < max_hops:
            # fewer than k paths of the fewest hops: the best of each longer length
            for length in range(hops + 1, max_hops + 1):
                if length > (4 if tied else 3):  # rare: the traversal ranks these
                    return self._walked_paths(
                        (source_id, target_id), ends, filters, max_hops, k, positive_only
                    )
                more = self._paths_of(length, how, types, nets)
                found += neo4j_ties.best_paths(more, nets, k)
                if len(found) >= k:
                    break
            found = neo4j_ties.best_paths(found, nets, k)
        return self._with_steps(found, types)

    def _walked_paths(
        self,
        between: tuple[str, str],
        ends: dict[str, Actor],
        filters: Filters,
        max_hops: int,
        k: int,
        positive_only: bool,
    ) -> list[Path]:
        """Paths walked by :mod:`graph.traversal` over the whole stance graph (read once)."""
        relations = (
            self._aggregated("relations_window", filters)
            if self._by_claims(filters)
            else self.relations(filters)
        )
        G = build_stance_graph(ends.values(), relations)  # a path's steps need no actors
        return signed_paths(G, *between, max_hops=max_hops, k=k, positive_only=positive_only)

    def _paths_of(
        self,
        length: int,
        how: dict[str, Any],
        types: list[str],
        nets: dict[neo4j_ties.Pair, float],
    ) -> list[tuple[str, ...]]:
        """Every simple path of 2, 3 (or, over the TIEs, 4) steps between the two actors;
        ``nets`` gets their ties."""
        tied, fill = self._walked(types)
        source_id, target_id = how["source"], how["target"]
        pair = neo4j_ties.pair
        if length == 2:
            rows = self._db.read("paths_two_steps_tie" if tied else "paths_two_steps", fill, **how)
            for r in rows:
                nets[pair(source_id, r["middle"])] = r["first"]
                nets[pair(r["middle"], target_id)] = r["second"]
            return [(source_id, r["middle"], target_id) for r in rows]
        if length == 4:
            rows = self._db.read("paths_four_steps_tie", **how)
            for r in rows:
                steps = (source_id, r["a"], r["c"], r["b"], target_id)
                for (u, v), net in zip(
                    pairwise(steps), (r["first"], r["second"], r["third"], r["last"]), strict=True
                ):
                    nets[pair(u, v)] = net
            return [(source_id, r["a"], r["c"], r["b"], target_id) for r in rows]
        rows = self._db.read("paths_three_steps_tie" if tied else "paths_three_steps", fill, **how)
        for r in rows:
            nets[pair(source_id, r["a"])] = r["first"]
            nets[pair(r["a"], r["b"])] = r["middle"]
            nets[pair(r["b"], target_id)] = r["last"]
        return [(source_id, r["a"], r["b"], target_id) for r in rows]

    def _with_steps(self, found: list[tuple[str, ...]], types: list[str]) -> list[Path]:
        """The paths ``found`` with each step's relations (one statement for all the pairs)."""
        pairs = sorted({neo4j_ties.pair(u, v) for actors in found for u, v in pairwise(actors)})
        rows = self._db.read("ties_between", {"rel_types": tuple(types)}, pairs=pairs)
        ties = {tuple(r["pair"]): by_key(map(relation_from_row, r["relations"])) for r in rows}
        return [
            neo4j_ties.as_path(
                actors,
                [neo4j_ties.step(u, v, ties[neo4j_ties.pair(u, v)]) for u, v in pairwise(actors)],
            )
            for actors in found
        ]

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
                claim=claim_from_stored(r["data"], r["claim"]),
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
