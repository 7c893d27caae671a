"""The actors a store holds, paged and filtered, for people and dashboards.

An actor's *claims* are the claims behind its relations that hold (what every
query answers from), counted from the store's relations: each claim is
counted once for each of its two actors. A merged-away actor is no actor of
its own (its claims count for the actor it was merged into) and is not listed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, model_validator

from graph.errors import InvalidQuery
from graph.filters import check_page
from graph.identity import canonical_ids
from graph.model import Actor, ActorKind, Relation
from graph.store import GraphStore


class ActorSort(StrEnum):
    ID = "id"
    NAME = "name"
    CLAIMS = "claims"


class ActorRow(BaseModel):
    """An actor and how many claims name it."""

    model_config = ConfigDict(frozen=True)

    actor: Actor
    claims: int


class ActorPage(BaseModel):
    """One page of the actors that pass the filters, and how many pass in all."""

    model_config = ConfigDict(frozen=True)

    total: int
    items: tuple[ActorRow, ...]


class ActorFilter(BaseModel):
    """Which actors to keep; an unset field keeps every actor.

    >>> a = Actor(id="x", name="X", kind="militia", external_ids={"acled": "X"})
    >>> ActorFilter(kind="militia", source="ACLED").admits(a, claims=0)
    True
    >>> ActorFilter(unresolved=True).admits(a, claims=3), ActorFilter(min_claims=4).admits(a, 3)
    (False, False)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    unresolved: bool | None = None
    kind: ActorKind | None = None
    source: str | None = None
    """The dataset the actor carries an id from: a key of its ``external_ids``
    (``acled``, ``ucdp``, ``gdelt``...), in any case."""
    min_claims: int = 0

    @model_validator(mode="after")
    def _bounded(self) -> ActorFilter:
        if self.min_claims < 0:
            raise InvalidQuery(f"min_claims={self.min_claims} is out of range; allowed 0 or more")
        return self

    def admits(self, actor: Actor, claims: int) -> bool:
        if self.unresolved is not None and actor.unresolved != self.unresolved:
            return False
        if self.kind is not None and actor.kind != self.kind:
            return False
        if self.source is not None and self.source.lower() not in {
            key.lower() for key in actor.external_ids
        }:
            return False
        return claims >= self.min_claims


def claim_counts(relations: Iterable[Relation]) -> Counter[str]:
    """How many claims of ``relations`` name each actor.

    >>> from graph.aggregate import relation_from_claims
    >>> from graph.model import Claim
    >>> from graph.vocabulary import Vocabulary
    >>> c = Claim(id="c", article="a", source="x", target="y", type="FIGHTS", date=None)
    >>> claim_counts([relation_from_claims(("x", "y", "FIGHTS"), [c, c], Vocabulary.default())])
    Counter({'x': 2, 'y': 2})
    """
    counts: Counter[str] = Counter()
    for relation in relations:
        counts[relation.source] += relation.n_claims
        counts[relation.target] += relation.n_claims
    return counts


def datasets(actors: Iterable[Actor]) -> list[str]:
    """The datasets the actors carry ids from, sorted (what ``source`` may name).

    >>> datasets([Actor(id="x", name="X", external_ids={"ucdp": "1", "acled": "X"})])
    ['acled', 'ucdp']
    """
    return sorted({key.lower() for actor in actors for key in actor.external_ids})


def canonical_actors(store: GraphStore) -> tuple[list[Actor], Mapping[str, str]]:
    """The store's actors that are actors of their own (merges applied), by id, and the merges."""
    canon = canonical_ids(store.merges())
    return [a for a in store.actors() if a.id not in canon], canon


def list_actors(
    store: GraphStore,
    where: ActorFilter | None = None,
    *,
    sort: ActorSort = ActorSort.ID,
    offset: int = 0,
    limit: int = 100,
) -> ActorPage:
    """A page of the store's actors that pass ``where``, and how many pass in all.

    Parameters
    ----------
    store : GraphStore
    where : ActorFilter, optional
    sort : ActorSort
        By id; by name (then id); or by claims, most first (then id).
    offset, limit : int
        The page: ``offset`` 0 or more, ``limit`` within ``BOUNDS["limit"]``.

    Returns
    -------
    ActorPage

    Raises
    ------
    OutOfRange, InvalidQuery
        If ``limit`` or ``offset`` is out of range.

    Examples
    --------
    >>> from graph.backends.embedded import EmbeddedStore
    >>> store = EmbeddedStore(":memory:")
    >>> _ = store.upsert_actors([Actor(id="b", name="B"), Actor(id="a", name="A", unresolved=True)])
    >>> page = list_actors(store, ActorFilter(unresolved=True))
    >>> page.total, [row.actor.id for row in page.items]
    (1, ['a'])
    """
    page = check_page(offset, limit)
    where, sort = where or ActorFilter(), ActorSort(sort)
    actors, _ = canonical_actors(store)
    counts = claim_counts(store.relations())
    rows = [ActorRow(actor=a, claims=counts[a.id]) for a in actors if where.admits(a, counts[a.id])]
    if sort is ActorSort.NAME:
        rows.sort(key=lambda row: (row.actor.name.casefold(), row.actor.id))
    elif sort is ActorSort.CLAIMS:
        rows.sort(key=lambda row: (-row.claims, row.actor.id))
    return ActorPage(total=len(rows), items=tuple(rows[page]))
