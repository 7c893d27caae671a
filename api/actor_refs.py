"""Actor refs as analysts type them: the store's names first, then the reference gazetteer's.

The store answers to the ids, names and aliases it holds. A name it does not
hold ("American", "U.S.", "Iranian") is looked up in the reference gazetteer
the loaders use; when the reference maps it to exactly one entry and the store
holds that entry's actor (by the entry's id, else one of its codes, else its
name, as the loaders match a user's own actor), the ref means that actor.
Otherwise the store's own "unknown actor" error stands, with its suggestions.
Nothing is recorded: a query never changes the store. Both the API and the CLI
resolve every actor ref through :func:`find_actor`.
"""

from __future__ import annotations

from graph.errors import AmbiguousActor, UnknownActor
from graph.model import Actor
from graph.store import GraphStore
from loaders.reference import Reference


def find_actor(store: GraphStore, ref: str, reference: Reference | None = None) -> Actor:
    """The actor ``ref`` names: the store's id/name/alias, else a reference name it maps.

    Raises :class:`graph.errors.UnknownActor` (the store's, with suggestions)
    when neither decides, or :class:`graph.errors.AmbiguousActor`.
    """
    try:
        return store.actor(ref)
    except UnknownActor:
        found = _through_reference(store, ref, reference or Reference.default())
        if found is None:
            raise
        return found


def _through_reference(store: GraphStore, ref: str, reference: Reference) -> Actor | None:
    entries = reference.find(ref)
    if len(entries) != 1:  # unknown to the reference, or a name several entries share
        return None
    entry = reference.entry(entries[0])
    for value in (entry["id"], *entry["codes"].values(), entry["name"]):
        try:
            return store.actor(value)
        except (UnknownActor, AmbiguousActor):
            continue
    return None
