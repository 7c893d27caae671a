"""The ``GraphStore`` contract, in domain terms, and the types its queries answer.

Every backend (``graph.backends.embedded``, ``graph.backends.neo4j``)
implements :class:`GraphStore`; ``tests/contract`` proves they behave alike.

Semantics every backend follows
-------------------------------
* Relations are aggregated from the claims admitted by the filters
  (:func:`graph.aggregate.aggregate`); only relations that *hold* (weight > 0)
  appear in answers.
* The *stance* of a pair is the net signed weight of the holding relations
  between them (:func:`graph.aggregate.stance`); allies are actors with a
  positive stance towards the actor, enemies a negative one. Structural
  relations never make allies or enemies.
* Neighbourhoods and paths walk relations in either direction.
* A path step between two actors carries every holding relation of the pair
  (after filters); its sign is the sign of the pair's stance; a path's sign is
  the product of its steps' signs (0 if any step is neutral). With
  ``positive_only`` only steps of positive stance are walked.
* Ordering is deterministic and documented on each method, so backends agree
  element for element.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import date
from enum import StrEnum
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict

from graph.filters import NO_FILTERS, Filters
from graph.model import Actor, AnnotatedArticle, Article, Claim, Merge, Relation
from graph.vocabulary import Vocabulary


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class UpsertStatus(StrEnum):
    NEW = "new"
    UNCHANGED = "unchanged"
    UPDATED = "updated"


class UpsertResult(_Result):
    article: str
    status: UpsertStatus
    claims: int
    new_actors: int


class ActorMatch(_Result):
    actor: Actor
    score: float
    matched: str


class Stance(_Result):
    """Another actor's stance towards the queried one, with the relations behind it."""

    actor: Actor
    stance: float
    relations: tuple[Relation, ...]


class Subgraph(_Result):
    center: str
    nodes: tuple[Actor, ...]
    relations: tuple[Relation, ...]
    truncated: bool = False
    """Whether the actor limit left actors out."""
    total_relations: int = 0
    """How many relations the nodes have among them; ``relations`` holds at most
    ``max_relations`` of them (the strongest ties first, whole)."""


class PathStep(_Result):
    source: str
    target: str
    sign: int
    relations: tuple[Relation, ...]


class Path(_Result):
    actors: tuple[str, ...]
    steps: tuple[PathStep, ...]
    sign: int

    @property
    def hops(self) -> int:
        return len(self.steps)


class EvidenceItem(_Result):
    claim: Claim
    article: Article


class EvidencePage(_Result):
    """One page of the evidence for a pair, and how many claims there are in all."""

    total: int
    items: tuple[EvidenceItem, ...]


def evidence_order(item: EvidenceItem) -> tuple[bool, date, str]:
    """Sort key of evidence: by date (undated last), then claim id."""
    return claim_order(item.claim)


def claim_order(claim: Claim) -> tuple[bool, date, str]:
    """Sort key of claims as evidence: by date (undated last), then claim id."""
    day = claim.date
    return (day is None, day or date.min, claim.id)


class Stats(_Result):
    actors: int
    articles: int
    claims: int
    relations: int


@runtime_checkable
class GraphStore(Protocol):
    """What every store does, in domain terms."""

    kind: str
    """``"embedded"`` or ``"neo4j"``."""
    vocabulary: Vocabulary

    # -- writes -------------------------------------------------------------
    def upsert_actors(self, actors: Iterable[Actor]) -> int:
        """Create or update actors (gazetteer entries); returns how many were new."""
        ...

    def upsert_article(self, doc: AnnotatedArticle) -> UpsertResult:
        """Store one article with its actors, mentions and claims, in one transaction.

        Loading the same document again changes nothing (``unchanged``); a
        changed document replaces the previous version's claims (``updated``).
        Claims must refer to actors known to the store or carried by ``doc``.
        """
        ...

    def upsert_articles(self, docs: Iterable[AnnotatedArticle]) -> list[UpsertResult]:
        """Store several articles in one transaction: all of them or none.

        Per document, the same semantics as :meth:`upsert_article`; a document
        may refer to actors carried by an earlier one of the batch.
        """
        ...

    def bulk_load(self) -> AbstractContextManager[None]:
        """A block of many writes (a whole input), which the store may make cheaper.

        The writes inside mean what they mean outside. The embedded store
        makes the block one transaction (all of it, or nothing if it ends with
        an exception) and defers its relation tallies and index to the end;
        the Neo4j store commits each write as it goes (a server bounds what
        one transaction may hold) and tallies the relations the block touched
        once, when it ends (with or without an exception; a block whose
        process died is settled by the next connect or write). Queries inside
        the block may not see its writes yet.
        """
        ...

    def delete_article(self, article_id: str) -> None:
        """Retract an article: its claims go, the relations they touched recompute.

        Raises :class:`graph.errors.UnknownArticle`.
        """
        ...

    # -- identity -----------------------------------------------------------
    def merge_actors(self, source_id: str, target_id: str, note: str = "") -> Merge:
        """Make ``source_id`` the same actor as ``target_id``, logged and reversible.

        Every claim and mention of the source then counts for the target and
        the source's names resolve to it; claims keep the id they were made
        with. Raises :class:`~graph.errors.UnknownActor` or
        :class:`~graph.errors.InvalidQuery` (already merged, or one actor).
        """
        ...

    def unmerge(self, actor_id: str) -> Merge:
        """Undo the active merge of ``actor_id``; returns it, marked undone."""
        ...

    def merges(self) -> list[Merge]:
        """The merge log, oldest first, undone merges included."""
        ...

    # -- lookups ------------------------------------------------------------
    def actor(self, ref: str) -> Actor:
        """The actor with this id, name or alias (normalised, never fuzzy).

        Raises :class:`graph.errors.UnknownActor` with the closest
        suggestions, or :class:`graph.errors.AmbiguousActor`.
        """
        ...

    def actors(self) -> list[Actor]:
        """Every actor, sorted by id."""
        ...

    def actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]:
        """The actors among ``ids`` the store holds, by id, as stored: merges not applied."""
        ...

    def actors_answering(self, name: str) -> list[Actor]:
        """The actors, as stored (merges not applied), that answer exactly to ``name``.

        Those with an id, name, alias or external id that normalises as
        ``name`` does (:func:`graph.names.normalise`), sorted by id. What a
        gazetteer of every stored actor would look up, without reading every
        actor (:class:`loaders.gazetteer.StoredActors`).
        """
        ...

    def search_actors(self, query: str, limit: int = 10) -> list[ActorMatch]:
        """Actors whose names or aliases match ``query``, best first (ties by id)."""
        ...

    def article(self, article_id: str) -> Article:
        """Raises :class:`graph.errors.UnknownArticle`."""
        ...

    def stats(self) -> Stats:
        """Counts; ``relations`` counts the holding relations with no filter."""
        ...

    # -- queries ------------------------------------------------------------
    def relations(self, filters: Filters = NO_FILTERS) -> list[Relation]:
        """Every holding relation under ``filters``, sorted by (source, target, type)."""
        ...

    def allies(self, actor_id: str, filters: Filters = NO_FILTERS) -> list[Stance]:
        """Actors with a positive stance towards ``actor_id``.

        Sorted by stance descending, then actor id. Each lists the positive
        relations of the pair.
        """
        ...

    def enemies(self, actor_id: str, filters: Filters = NO_FILTERS) -> list[Stance]:
        """Actors with a negative stance; sorted by stance ascending, then id."""
        ...

    def neighbourhood(
        self,
        actor_id: str,
        depth: int = 1,
        filters: Filters = NO_FILTERS,
        limit: int = 100,
        max_relations: int = 500,
    ) -> Subgraph:
        """Actors within ``depth`` hops and the relations among them.

        Breadth first; at most ``limit`` actors besides the centre, nearer
        first, then by the strongest relation linking them into the
        subgraph, then by id; ``truncated`` says whether the limit cut. At
        most ``max_relations`` relations: the centre's ties, then the
        strongest other ties, each tie whole (see
        :func:`graph.traversal.neighbourhood.neighbourhood`).
        """
        ...

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
        """Up to ``k`` shortest simple paths, fewest hops first.

        Ties are ordered by the larger total |stance| along the path, then by
        the sequence of actor ids.
        """
        ...

    def evidence(
        self, source_id: str, target_id: str, filters: Filters = NO_FILTERS
    ) -> list[EvidenceItem]:
        """The claims between two actors (either direction) with their articles.

        Sorted by date, then claim id; type and time filters apply.
        """
        ...

    def evidence_page(
        self,
        source_id: str,
        target_id: str,
        filters: Filters = NO_FILTERS,
        *,
        offset: int = 0,
        limit: int = 100,
    ) -> EvidencePage:
        """``evidence(...)[offset:offset + limit]`` and the full count, without
        building the items outside the page where the backend can avoid it."""
        ...

    def close(self) -> None: ...
