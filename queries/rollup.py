"""Relation queries rolled up to top-level actors, on any store.

:func:`rolled_up` reads a store through its domain calls (actors, merges,
relations) and builds the stance graph between top-level actors
(:mod:`graph.rollup` says the rule); allies, enemies, neighbourhoods, paths
and blocs then run on it as they run on a store's own graph. Both backends
answer alike because nothing here is backend code.

It reads every relation under the filters, as blocs and exports do. The
relations an answer shows that combine several are finished from their claims
(distinct articles, evidence), read with the store's evidence call for the
pairs behind them: only for what is shown, so listing every rolled-up
relation (``relations``, exports) costs one evidence read per combined pair.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import networkx as nx

from graph.errors import InvalidQuery
from graph.filters import NO_FILTERS, Filters
from graph.identity import canonical_ids, canonical_key
from graph.model import Actor, Claim, Relation
from graph.rollup import MEMBER_OF, Umbrellas, finish, roll_up, umbrellas
from graph.store import GraphStore, Path, Stance, Subgraph
from graph.traversal.neighbourhood import neighbourhood
from graph.traversal.paths import signed_paths
from graph.traversal.stance_graph import build_stance_graph
from graph.traversal.stances import allies, enemies
from queries.blocs import Blocs, blocs
from queries.export import export_graph

Key = tuple[str, str, str]


@dataclass
class RolledUp:
    """A store's stance graph between top-level actors, and how it was rolled up.

    The relations on ``graph``'s edges carry exact weights (every answer's
    structure and stances are exact); the ones that combine several show the
    articles and evidence of their strongest part until finished: the
    methods here answer them finished.
    """

    store: GraphStore
    filters: Filters
    graph: nx.Graph[str]
    umbrellas: Umbrellas
    actors: tuple[Actor, ...]
    """The top-level actors, by id."""
    combined: tuple[Relation, ...]
    """The rolled-up holding relations, by key, not finished."""
    parts: dict[Key, tuple[Relation, ...]]
    """The key of each combined relation -> the relations it combines."""
    canon: dict[str, str]
    ties_of: str | None = None
    """When set, the graph holds only this top-level actor's ties (:func:`rolled_up`)."""
    _finished: dict[Key, Relation] = field(default_factory=dict)
    _evidence: dict[tuple[str, str], list[Claim]] = field(default_factory=dict)

    def top(self, actor_id: str) -> str:
        """The top-level actor ``actor_id`` (a canonical id) counts as."""
        return self.umbrellas.of(actor_id)

    def finish(self, relations: Iterable[Relation]) -> tuple[Relation, ...]:
        """``relations`` with the distinct articles and evidence of the claims behind them."""
        done = []
        for relation in relations:
            key = relation.key
            if key in self.parts:
                if key not in self._finished:
                    claims = self._claims_behind(self.parts[key])
                    self._finished[key] = finish(relation, claims, self.store.vocabulary)
                relation = self._finished[key]
            done.append(relation)
        return tuple(done)

    def _claims_behind(self, relations: Iterable[Relation]) -> Iterator[Claim]:
        vocabulary, filters = self.store.vocabulary, self.filters
        for relation in relations:
            pair = (relation.source, relation.target)
            if pair not in self._evidence:
                found = self.store.evidence(*pair, filters)
                self._evidence[pair] = [item.claim for item in found]
            for claim in self._evidence[pair]:
                if (
                    claim.type == relation.type
                    and filters.admits_claim(claim)
                    and canonical_key(claim, self.canon, vocabulary) == relation.key
                ):
                    yield claim

    def _whole(self) -> None:
        if self.ties_of is not None:
            raise ValueError(f"this roll-up holds only the ties of {self.ties_of!r}")

    def relations(self, offset: int = 0, limit: int | None = None) -> list[Relation]:
        """The rolled-up relations ``[offset:offset + limit]``, by key, finished."""
        self._whole()
        end = None if limit is None else offset + limit
        return list(self.finish(self.combined[offset:end]))

    def _stances(self, found: list[Stance]) -> list[Stance]:
        return [s.model_copy(update={"relations": self.finish(s.relations)}) for s in found]

    def allies(self, actor_id: str) -> list[Stance]:
        """:meth:`graph.store.GraphStore.allies` between top-level actors."""
        return self._stances(allies(self.graph, self.top(actor_id)))

    def enemies(self, actor_id: str) -> list[Stance]:
        """:meth:`graph.store.GraphStore.enemies` between top-level actors."""
        return self._stances(enemies(self.graph, self.top(actor_id)))

    def neighbourhood(
        self, actor_id: str, depth: int = 1, limit: int = 100, max_relations: int = 500
    ) -> Subgraph:
        """:meth:`graph.store.GraphStore.neighbourhood` between top-level actors."""
        self._whole()
        sub = neighbourhood(self.graph, self.top(actor_id), depth, limit, max_relations)
        return sub.model_copy(update={"relations": self.finish(sub.relations)})

    def paths(
        self,
        source_id: str,
        target_id: str,
        *,
        max_hops: int = 4,
        k: int = 1,
        positive_only: bool = False,
    ) -> list[Path]:
        """:meth:`graph.store.GraphStore.paths` between top-level actors.

        Raises :class:`InvalidQuery` when both roll up to the same actor.
        """
        self._whole()
        source, target = self.top(source_id), self.top(target_id)
        if source == target and source_id != target_id:
            raise InvalidQuery(
                f"{source_id!r} and {target_id!r} both roll up to {source!r}: "
                "no path between them when rolled up"
            )
        found = signed_paths(
            self.graph, source, target, max_hops=max_hops, k=k, positive_only=positive_only
        )
        return [
            path.model_copy(
                update={
                    "steps": tuple(
                        s.model_copy(update={"relations": self.finish(s.relations)})
                        for s in path.steps
                    )
                }
            )
            for path in found
        ]

    def blocs(self) -> Blocs:
        """:func:`queries.blocs.blocs` between top-level actors."""
        self._whole()
        found = blocs(self.graph)
        ties = tuple(
            t.model_copy(update={"relations": self.finish(t.relations)}) for t in found.frustrated
        )
        return found.model_copy(update={"frustrated": ties})


def membership_filters(filters: Filters) -> Filters:
    """The filters membership is read under: the query's time window and confidence floor,
    every ``MEMBER_OF`` relation whatever types or polarities the query keeps."""
    return filters.model_copy(update={"types": (MEMBER_OF,), "polarity": None})


def rolled_up(
    store: GraphStore, filters: Filters = NO_FILTERS, *, ties_of: str | None = None
) -> RolledUp:
    """The stance graph of ``store`` between top-level actors, under ``filters``.

    Parameters
    ----------
    store : GraphStore
    filters : Filters
        Which claims count, for the relations and for ``MEMBER_OF`` membership
        alike (:func:`membership_filters`).
    ties_of : str, optional
        Keep only the ties of the top-level actor this actor rolls up to:
        enough for its allies and enemies, and cheaper than the whole graph
        (no neighbourhood, path, blocs or relation listing from such a view).

    Returns
    -------
    RolledUp

    Examples
    --------
    The state and its army fight the rebels in one article: rolled up, one
    relation of two claims from one article.

    >>> from graph.backends.embedded import EmbeddedStore
    >>> from graph.model import Actor, AnnotatedArticle, Article, Claim
    >>> store = EmbeddedStore(":memory:")
    >>> _ = store.upsert_actors([Actor(id="state", name="State"), Actor(id="rebels", name="R"),
    ...                          Actor(id="army", name="Army", member_of=("state",))])
    >>> fights = tuple(Claim(id=f"c-{s}", article="a", source=s, target="rebels",
    ...                      type="FIGHTS", date=None) for s in ("state", "army"))
    >>> report = Article(id="a", title="A")
    >>> _ = store.upsert_article(AnnotatedArticle(article=report, claims=fights))
    >>> view = rolled_up(store)
    >>> view.top("army")
    'state'
    >>> [(s.actor.id, s.stance, s.relations[0].n_claims, s.relations[0].n_articles)
    ...  for s in view.enemies("army")]
    [('rebels', -2.0, 2, 1)]
    """
    canon = canonical_ids(store.merges())
    every = store.actors()
    relations = store.relations(filters)
    if MEMBER_OF not in store.vocabulary:
        members = []
    elif filters.admits_type(MEMBER_OF, store.vocabulary[MEMBER_OF].polarity):
        members = [r for r in relations if r.type == MEMBER_OF]  # read already
    else:
        members = store.relations(membership_filters(filters))
    tops = umbrellas(every, members, canon)
    if ties_of is not None:
        centre = tops.of(ties_of)
        relations = [r for r in relations if centre in (tops.of(r.source), tops.of(r.target))]
    combined, parts = roll_up(relations, tops, store.vocabulary)
    actors = tuple(a for a in every if a.id not in canon and a.id not in tops.top)
    return RolledUp(
        store=store,
        filters=filters,
        graph=build_stance_graph(actors, combined),
        umbrellas=tops,
        actors=actors,
        combined=tuple(combined),
        parts=parts,
        canon=canon,
        ties_of=None if ties_of is None else tops.of(ties_of),
    )


def export_of(
    store: GraphStore, filters: Filters = NO_FILTERS, *, roll_up: bool = False
) -> nx.MultiDiGraph[str]:
    """The export graph of ``store`` under ``filters``, each actor with its bloc
    (:func:`queries.export.export_graph`); between top-level actors with ``roll_up``."""
    if roll_up:
        view = rolled_up(store, filters)
        actors, relations, stances = list(view.actors), view.relations(), view.graph
    else:
        actors, relations = store.actors(), store.relations(filters)
        stances = build_stance_graph(actors, relations)
    return export_graph(actors, relations, blocs(stances).membership)
