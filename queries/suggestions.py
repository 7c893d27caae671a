"""Unresolved actors, most claimed first, each with the actors it may be and why.

A suggestion is a guess by name similarity (the same fuzzy matching as
"did you mean", :meth:`graph.names.NameIndex.search`), never applied by
itself: an analyst accepts one (:mod:`queries.accept`) and the merge is logged
and reversible.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz

from graph.errors import OutOfRange
from graph.filters import check_page
from graph.identity import canonical_ids
from graph.model import Actor
from graph.names import NameIndex, normalise
from graph.store import GraphStore
from queries.roster import ActorFilter, claim_counts

GUESS = "a suggestion is a guess from name similarity: nothing is merged until you accept it"
"""What every listing of suggestions says about them."""

CUTOFF = 75.0
"""The least similarity (0..100) a suggestion needs: the cutoff of "did you mean"."""

MAX_SUGGESTIONS = 10

SPELLING = 85.0
"""How alike two whole names must be spelled (``rapidfuzz.fuzz.ratio``) to be told apart by
spelling rather than by the words they share."""


class Suggestion(BaseModel):
    """An actor an unresolved one may be, how close their names are, and why it is suggested."""

    model_config = ConfigDict(frozen=True)

    actor: Actor
    score: float
    """Name similarity, 0..100."""
    matched: str
    """The name of ``actor`` that matched."""
    why: str


class UnresolvedActor(BaseModel):
    """An actor no gazetteer entry matched, how many claims name it, and what it may be."""

    model_config = ConfigDict(frozen=True)

    actor: Actor
    claims: int
    suggestions: tuple[Suggestion, ...]


class UnresolvedPage(BaseModel):
    """One page of the unresolved actors, how many there are in all, and what suggestions are."""

    model_config = ConfigDict(frozen=True)

    total: int
    items: tuple[UnresolvedActor, ...]
    note: str = GUESS


def reason(name: str, matched: str, score: float) -> str:
    """Why ``matched`` is suggested for ``name``, in words.

    >>> reason("ISIL fighters", "ISIL", 90)
    "'ISIL fighters' contains the name 'ISIL'"
    >>> reason("Assad", "Bashar al-Assad", 90)
    "'Assad' is part of the name 'Bashar al-Assad'"
    >>> reason("Alpha Frnt", "Alpha Front", 95.2)
    "'Alpha Frnt' is spelled like 'Alpha Front' (95% similar)"
    >>> reason("Asad", "Assad", 89.4)
    "'Asad' is spelled like 'Assad' (89% similar)"
    >>> reason("Coalition military forces", "US-led coalition", 86)
    "'Coalition military forces' shares 'coalition' with 'US-led coalition' (86% similar)"
    >>> reason("Forces Kurdish", "Kurdish Forces", 95)
    "'Forces Kurdish' has the words of 'Kurdish Forces' in another order"
    """
    mine, theirs = normalise(name).split(), normalise(matched).split()
    if mine == theirs:
        return f"{name!r} is {matched!r} written another way (case, accents, 'al-')"
    if sorted(mine) == sorted(theirs):
        return f"{name!r} has the words of {matched!r} in another order"
    if theirs and _contains(mine, theirs):
        return f"{name!r} contains the name {matched!r}"
    if mine and _contains(theirs, mine):
        return f"{name!r} is part of the name {matched!r}"
    shared = [word for word in dict.fromkeys(mine) if word in theirs]
    if shared and fuzz.ratio(" ".join(mine), " ".join(theirs)) < SPELLING:
        words = " ".join(shared)
        return f"{name!r} shares {words!r} with {matched!r} ({score:.0f}% similar)"
    return f"{name!r} is spelled like {matched!r} ({score:.0f}% similar)"


def _contains(words: list[str], part: list[str]) -> bool:
    """Whether ``part`` appears in ``words`` as consecutive words."""
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def name_index(actors: Iterable[Actor], canon: Mapping[str, str]) -> NameIndex:
    """The names of ``actors`` (every stored one), each under the actor it now counts as."""
    index = NameIndex()
    for actor in actors:
        index.add(canon.get(actor.id, actor.id), actor.names)
    return index


def suggest(
    actor: Actor, index: NameIndex, actors: Mapping[str, Actor], limit: int = 3
) -> list[Suggestion]:
    """The actors ``actor`` may be: resolved ones first, each closest first (then by id).

    Parameters
    ----------
    actor : Actor
        The unresolved actor; every one of its names is matched.
    index : NameIndex
        The names to match against (:func:`name_index`).
    actors : mapping of str to Actor
        The actors ``index`` names, by id.
    limit : int
        Most suggestions.

    Examples
    --------
    >>> isil = Actor(id="isil", name="Islamic State", aliases=("ISIL",))
    >>> fighters = Actor(id="isil-fighters", name="ISIL fighters", unresolved=True)
    >>> index = name_index([isil, fighters], {})
    >>> [(s.actor.id, s.why) for s in suggest(fighters, index, {"isil": isil})]
    [('isil', "'ISIL fighters' contains the name 'ISIL'")]
    """
    best: dict[str, tuple[float, str, str]] = {}
    for name in actor.names:
        for other, score, matched in index.search(name, limit + 5):
            if other == actor.id or other not in actors or score < CUTOFF:
                continue
            if other not in best or score > best[other][0]:
                best[other] = (score, _as_named(actors[other], matched), name)
    ranked = sorted(best, key=lambda i: (actors[i].unresolved, -best[i][0], i))
    found = []
    for other in ranked[:limit]:
        score, matched, name = best[other]
        why = reason(name, matched, score)
        if matched not in actors[other].names:
            why = why.replace(f"{matched!r}", f"{matched!r}, the id of {actors[other].name!r}", 1)
        if actors[other].unresolved:
            why += "; itself unresolved"
        found.append(
            Suggestion(actor=actors[other], score=round(score, 1), matched=matched, why=why)
        )
    return found


def _as_named(actor: Actor, matched: str) -> str:
    """The name of ``actor`` that ``matched`` (an index's spelling of it) stands for."""
    key = normalise(matched)
    return next((name for name in actor.names if normalise(name) == key), matched)


class Candidates:
    """A store's actors (merges applied), whose names an unresolved actor is matched against."""

    def __init__(self, store: GraphStore) -> None:
        self.every = store.actors()
        self.canon = canonical_ids(store.merges())
        self.actors = {a.id: a for a in self.every if a.id not in self.canon}
        """The actors of their own, by id."""
        self._index: NameIndex | None = None

    def suggest(self, actor: Actor, limit: int = 3) -> list[Suggestion]:
        """:func:`suggest` against every name the store knows (a merged actor's for its target)."""
        if self._index is None:
            self._index = name_index(self.every, self.canon)
        return suggest(actor, self._index, self.actors, limit)


def unresolved_actors(
    store: GraphStore,
    *,
    offset: int = 0,
    limit: int = 20,
    suggestions: int = 3,
    min_claims: int = 0,
) -> UnresolvedPage:
    """The unresolved actors, most claims first (then by id), a page of them with suggestions.

    Parameters
    ----------
    store : GraphStore
    offset, limit : int
        The page (``limit`` within ``BOUNDS["limit"]``); suggestions are made
        for the page only.
    suggestions : int
        Most suggestions per actor, 0..10.
    min_claims : int
        Leave out actors named by fewer claims.

    Raises
    ------
    OutOfRange, InvalidQuery

    Examples
    --------
    >>> from graph.backends.embedded import EmbeddedStore
    >>> store = EmbeddedStore(":memory:")
    >>> _ = store.upsert_actors([Actor(id="assad", name="Bashar al-Assad"),
    ...                          Actor(id="asad", name="Asad", unresolved=True)])
    >>> page = unresolved_actors(store)
    >>> [(u.actor.id, [s.actor.id for s in u.suggestions]) for u in page.items]
    [('asad', ['assad'])]
    """
    page = check_page(offset, limit)
    ActorFilter(min_claims=min_claims)  # checks the bound
    if not 0 <= suggestions <= MAX_SUGGESTIONS:
        raise OutOfRange("suggestions", suggestions, 0, MAX_SUGGESTIONS)
    candidates = Candidates(store)
    counts = claim_counts(store.relations())
    found = [a for a in candidates.actors.values() if a.unresolved and counts[a.id] >= min_claims]
    found.sort(key=lambda a: (-counts[a.id], a.id))
    items = tuple(
        UnresolvedActor(
            actor=a,
            claims=counts[a.id],
            suggestions=tuple(candidates.suggest(a, suggestions)) if suggestions else (),
        )
        for a in found[page]
    )
    return UnresolvedPage(total=len(found), items=items)
