"""The actor gazetteer: canonical actors, their names, and name resolution.

Resolution is exact after normalisation (:func:`graph.names.normalise`) on
ids, names, aliases and external ids; it is never fuzzy. A name that
resolves to nothing is reported (or, where a loader asks for it, becomes a
new actor marked ``unresolved``), never guessed into another actor.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from graph.errors import AmbiguousActor, LoadError, UnknownActor
from graph.model import Actor, ActorKind, slugify
from graph.names import NameIndex, normalise
from loaders.reading import read_data


class Actors(Protocol):
    """What a gazetteer layer reads of the actors under it (:meth:`Gazetteer.over`)."""

    def get(self, actor_id: str) -> Actor | None: ...

    def __contains__(self, actor_id: object) -> bool: ...

    def lookup(self, name: str) -> set[str]:
        """Ids of the actors answering exactly to ``name`` (after normalisation)."""
        ...

    @property
    def actors(self) -> list[Actor]: ...


class ActorStore(Protocol):
    """What :class:`StoredActors` reads of a store (a :class:`graph.store.GraphStore` is one)."""

    def actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]: ...

    def actors_answering(self, name: str) -> list[Actor]: ...

    def actors(self) -> list[Actor]: ...


class StoredActors:
    """The actors a store holds, read one name at a time: the base of a gazetteer layer.

    Reading a document against a store's actors this way costs the names the
    document uses, not building an index of every actor; the answers are
    those of ``Gazetteer(store.actors())``, merges not applied.
    """

    def __init__(self, store: ActorStore) -> None:
        self._store = store

    def get(self, actor_id: str) -> Actor | None:
        return self._store.actors_by_id([actor_id]).get(actor_id)

    def __contains__(self, actor_id: object) -> bool:
        return isinstance(actor_id, str) and self.get(actor_id) is not None

    def lookup(self, name: str) -> set[str]:
        return {actor.id for actor in self._store.actors_answering(name)}

    @property
    def actors(self) -> list[Actor]:
        return self._store.actors()


class Gazetteer:
    """Actors by id, resolvable by any name, alias or external id.

    Examples
    --------
    >>> from graph.model import Actor
    >>> g = Gazetteer([Actor(id="islamic-state", name="Islamic State",
    ...                      aliases=("ISIL", "ISIS", "Daesh"), kind="armed_group",
    ...                      external_ids={"gdelt": "ISLAMIC STATE"})])
    >>> g.resolve("Daesh").id
    'islamic-state'
    >>> g.resolve("the Islamic State").id
    'islamic-state'
    >>> g.resolve("Islamic Front") is None
    True
    >>> g.resolve_or_create("Islamic Front", kind="armed_group").unresolved
    True
    """

    def __init__(self, actors: Iterable[Actor] = ()) -> None:
        self._actors: dict[str, Actor] = {}
        self._index = NameIndex()
        self._base: Actors | None = None
        for actor in actors:
            self.add(actor)

    @classmethod
    def over(cls, base: Actors, actors: Iterable[Actor] = ()) -> Gazetteer:
        """A gazetteer that answers as ``base`` with ``actors`` added, without copying it.

        What is added stays in the new gazetteer; ``base`` must not change
        while it is in use. ``base`` is another gazetteer (:meth:`layer`) or a
        store's actors (:class:`StoredActors`).
        """
        top = cls(())
        top._base = base
        for actor in actors:
            if top.get(actor.id) != actor:  # one known as it is needs no entry of its own
                top.add(actor)
        return top

    def layer(self, actors: Iterable[Actor] = ()) -> Gazetteer:
        """A gazetteer that answers as this one with ``actors`` added (:meth:`over`).

        >>> base = Gazetteer([Actor(id="isis", name="Islamic State")])
        >>> top = base.layer([Actor(id="free-army", name="Free Army")])
        >>> top.resolve("Free Army").id, top.resolve("islamic state").id, len(top), len(base)
        ('free-army', 'isis', 2, 1)
        """
        return Gazetteer.over(self, actors)

    def fold(self) -> None:
        """Add what this layer holds to the gazetteer under it, as if added there."""
        if not isinstance(self._base, Gazetteer):
            raise ValueError("not a layer over a gazetteer: nothing to fold into")
        for actor in self._actors.values():
            self._base.add(actor)

    @classmethod
    def from_file(cls, path: Path | str) -> Gazetteer:
        """Read a gazetteer YAML file: ``actors:`` followed by a list of actor entries."""
        return cls(read_gazetteer(Path(path)))

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors or (self._base is not None and actor_id in self._base)

    def __len__(self) -> int:
        return len(self._actors) if self._base is None else len(self.actors)

    @property
    def actors(self) -> list[Actor]:
        if self._base is None:
            return list(self._actors.values())
        below = self._base.actors
        known = {a.id for a in below}
        return [self._actors.get(a.id, a) for a in below] + [
            a for i, a in self._actors.items() if i not in known
        ]

    def get(self, actor_id: str) -> Actor | None:
        found = self._actors.get(actor_id)
        if found is None and self._base is not None:
            return self._base.get(actor_id)
        return found

    def add(self, actor: Actor) -> None:
        """Add or replace an actor."""
        if actor.id in self._actors:
            self._index.remove(actor.id)
        self._actors[actor.id] = actor
        self._index.add(actor.id, (*actor.names, *actor.external_ids.values()))

    def lookup(self, name: str) -> set[str]:
        """Ids answering exactly to ``name``; an actor replaced in a layer by its names there."""
        ids = self._index.lookup(name)
        if self._base is not None:
            ids |= {i for i in self._base.lookup(name) if i not in self._actors}
        return ids

    def resolve(self, name: str) -> Actor | None:
        """The actor that ``name`` (an id, name, alias or external id) denotes, if any.

        Raises :class:`AmbiguousActor` when the name belongs to several actors.
        """
        found = self.get(name)  # an id: one read (a layer over a store asks the store)
        if found is not None:
            return found
        ids = self.lookup(name)
        if len(ids) > 1:
            raise AmbiguousActor(name, tuple(sorted(ids)))
        return self.get(ids.pop()) if ids else None

    def require(self, name: str) -> Actor:
        """Like :meth:`resolve` but raises :class:`UnknownActor` with suggestions."""
        actor = self.resolve(name)
        if actor is None:
            raise UnknownActor(name, tuple(self.suggest(name)))
        return actor

    def resolve_or_create(
        self, name: str, kind: ActorKind | str = ActorKind.OTHER, **fields: object
    ) -> Actor:
        """Resolve ``name``, or add a new actor marked ``unresolved`` under a slug id."""
        actor = self.resolve(name)
        if actor is not None:
            return actor
        base = slugify(name)
        actor_id, n = base, 2
        while actor_id in self:
            actor_id, n = f"{base}-{n}", n + 1
        actor = Actor(id=actor_id, name=name.strip(), kind=kind, unresolved=True, **fields)
        self.add(actor)
        return actor

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        if self._base is not None:  # an error's path: the layers flattened, to rank them together
            return Gazetteer(self.actors).suggest(name, limit)
        return self._index.suggest(name, limit)

    def key(self, name: str) -> str:
        return normalise(name)


def read_gazetteer(path: Path) -> list[Actor]:
    """Validated actors from a gazetteer file; a bad entry fails the whole file."""
    try:
        data = read_data(path)
    except LoadError as exc:
        message = f"cannot read gazetteer: {exc.message}"
        raise LoadError(str(path), message, record=exc.record) from None
    entries = data.get("actors") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise LoadError(str(path), "expected a mapping with an 'actors' list", field="actors")
    actors: list[Actor] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        record = f"actors[{i}]"
        try:
            actor = Actor.model_validate(entry)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or None
            raise LoadError(str(path), err["msg"], record=record, field=field) from None
        if actor.id in seen:
            raise LoadError(
                str(path),
                f"duplicate id (first at actors[{seen[actor.id]}])",
                record=record,
                field="id",
            )
        seen[actor.id] = i
        actors.append(actor)
    known = set(seen)
    for i, actor in enumerate(actors):
        for parent in actor.member_of:
            if parent not in known:
                raise LoadError(
                    str(path),
                    f"umbrella actor {parent!r} is not in the gazetteer",
                    record=f"actors[{i}]",
                    field="member_of",
                )
    return actors
