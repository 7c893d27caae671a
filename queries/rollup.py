"""Relation queries rolled up to top-level actors, on any store.

:func:`rolled_up` reads a store through its domain calls (actors, merges,
relations, and the evidence of the relations that fall together) and builds
the stance graph between top-level actors (:mod:`graph.rollup` says the rule);
allies, enemies, neighbourhoods, paths and blocs then run on it as they run on
a store's own graph. Both backends answer alike because nothing here is
backend code.

It reads every relation under the filters, as blocs and exports do: a
rolled-up answer costs a whole-graph read, not an indexed lookup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx

from graph.errors import InvalidQuery
from graph.filters import NO_FILTERS, Filters
from graph.identity import canonical_ids, canonical_key
from graph.model import Actor, Claim, Relation
from graph.rollup import MEMBER_OF, Umbrellas, roll_up, umbrellas
from graph.store import GraphStore, Path, Stance, Subgraph
from queries.neighbourhood import neighbourhood
from queries.paths import signed_paths
from queries.stance_graph import build_stance_graph
from queries.stances import allies, enemies


@dataclass(frozen=True)
class RolledUp:
    """A store's stance graph between top-level actors, and how it was rolled up."""

    graph: nx.Graph
    umbrellas: Umbrellas
    actors: tuple[Actor, ...]
    """The top-level actors, by id."""
    relations: tuple[Relation, ...]
    """The rolled-up holding relations, by key."""

    def top(self, actor_id: str) -> str:
        """The top-level actor ``actor_id`` (a canonical id) counts as."""
        return self.umbrellas.of(actor_id)

    def allies(self, actor_id: str) -> list[Stance]:
        """:meth:`graph.store.GraphStore.allies` between top-level actors."""
        return allies(self.graph, self.top(actor_id))

    def enemies(self, actor_id: str) -> list[Stance]:
        """:meth:`graph.store.GraphStore.enemies` between top-level actors."""
        return enemies(self.graph, self.top(actor_id))

    def neighbourhood(
        self, actor_id: str, depth: int = 1, limit: int = 100, max_relations: int = 500
    ) -> Subgraph:
        """:meth:`graph.store.GraphStore.neighbourhood` between top-level actors."""
        return neighbourhood(self.graph, self.top(actor_id), depth, limit, max_relations)

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
        source, target = self.top(source_id), self.top(target_id)
        if source == target and source_id != target_id:
            raise InvalidQuery(
                f"{source_id!r} and {target_id!r} both roll up to {source!r}: "
                "no path between them when rolled up"
            )
        return signed_paths(
            self.graph, source, target, max_hops=max_hops, k=k, positive_only=positive_only
        )


def membership_filters(filters: Filters) -> Filters:
    """The filters membership is read under: the query's time window and confidence floor,
    every ``MEMBER_OF`` relation whatever types or polarities the query keeps."""
    return filters.model_copy(update={"types": (MEMBER_OF,), "polarity": None})


def rolled_up(store: GraphStore, filters: Filters = NO_FILTERS) -> RolledUp:
    """The stance graph of ``store`` between top-level actors, under ``filters``.

    Parameters
    ----------
    store : GraphStore
    filters : Filters
        Which claims count, for the relations and for ``MEMBER_OF`` membership
        alike (:func:`membership_filters`).

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
    vocabulary = store.vocabulary
    canon = canonical_ids(store.merges())
    every = store.actors()
    members = store.relations(membership_filters(filters)) if MEMBER_OF in vocabulary else []
    tops = umbrellas(every, members, canon)
    evidence: dict[tuple[str, str], list[Claim]] = {}

    def claims_behind(relations: Sequence[Relation]) -> Iterable[Claim]:
        for relation in relations:
            pair = (relation.source, relation.target)
            if pair not in evidence:
                found = store.evidence(*pair, filters)
                evidence[pair] = [item.claim for item in found]
            for claim in evidence[pair]:
                if (
                    claim.type == relation.type
                    and filters.admits_claim(claim)
                    and canonical_key(claim, canon, vocabulary) == relation.key
                ):
                    yield claim

    relations = roll_up(store.relations(filters), tops, vocabulary, claims_behind)
    actors = tuple(a for a in every if a.id not in canon and a.id not in tops.top)
    graph = build_stance_graph(actors, relations)
    return RolledUp(graph=graph, umbrellas=tops, actors=actors, relations=tuple(relations))
