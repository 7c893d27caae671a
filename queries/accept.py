"""Accepting a suggestion: an unresolved actor becomes the actor it was taken for.

The store records it as a merge (logged and reversible: ``unmerge`` undoes it)
whose note says what was accepted and why it had been suggested.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from graph.errors import InvalidQuery
from graph.model import Actor, Merge
from graph.store import GraphStore
from queries.suggestions import MAX_SUGGESTIONS, Candidates, Suggestion


class Candidate(BaseModel):
    """An unresolved actor, the actor it is taken for, and the suggestion that said so, if any."""

    model_config = ConfigDict(frozen=True)

    actor: Actor
    target: Actor
    suggestion: Suggestion | None
    """None when ``target`` was not among the suggestions."""


class Acceptance(Candidate):
    """A candidate accepted: the merge made."""

    merge: Merge


def check_acceptable(store: GraphStore, actor_ref: str, target_ref: str) -> Candidate:
    """What accepting ``target_ref`` for ``actor_ref`` would merge, checked; nothing changed.

    Raises
    ------
    UnknownActor, AmbiguousActor
        A reference names no actor, or several.
    InvalidQuery
        ``actor_ref`` is no unresolved actor, or both name one actor.
    """
    actor, target = store.actor(actor_ref), store.actor(target_ref)
    if not actor.unresolved:
        raise InvalidQuery(
            f"{actor.name!r} ({actor.id}) is not an unresolved actor: there is no suggestion to "
            "accept (to merge two resolved actors use 'actorgraph actors merge')"
        )
    if actor.id == target.id:
        raise InvalidQuery(f"{actor_ref!r} and {target_ref!r} are already one actor")
    offered = Candidates(store).suggest(actor, MAX_SUGGESTIONS)
    taken = next((s for s in offered if s.actor.id == target.id), None)
    return Candidate(actor=actor, target=target, suggestion=taken)


def accept(store: GraphStore, actor_ref: str, target_ref: str, note: str = "") -> Acceptance:
    """Merge the unresolved ``actor_ref`` into ``target_ref``, noting the suggestion accepted.

    Parameters
    ----------
    store : GraphStore
    actor_ref, target_ref : str
        Actor ids, names or aliases.
    note : str
        Kept in the merge log after what was accepted.

    Returns
    -------
    Acceptance

    Raises
    ------
    UnknownActor, AmbiguousActor, InvalidQuery
        As :func:`check_acceptable`.

    Examples
    --------
    >>> from graph.backends.embedded import EmbeddedStore
    >>> store = EmbeddedStore(":memory:")
    >>> _ = store.upsert_actors([Actor(id="assad", name="Bashar al-Assad"),
    ...                          Actor(id="asad", name="Asad", unresolved=True)])
    >>> done = accept(store, "Asad", "assad")
    >>> done.merge.note
    "accepted suggestion: 'Asad' is spelled like 'assad', the id of 'Bashar al-Assad' (89% similar)"
    >>> store.actor("Asad").id
    'assad'
    """
    plan = check_acceptable(store, actor_ref, target_ref)
    if plan.suggestion is not None:
        said = f"accepted suggestion: {plan.suggestion.why}"
    else:
        said = "accepted by hand (not among the suggestions)"
    merge = store.merge_actors(plan.actor.id, plan.target.id, f"{said}; {note}" if note else said)
    return Acceptance(**dict(plan), merge=merge)
