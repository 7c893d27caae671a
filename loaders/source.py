"""What every format reader yields, and the name resolution they share.

A reader turns one input (a file, or a re3d folder) into a stream of items:
an :class:`~graph.model.AnnotatedArticle` per source document, a
:class:`Skipped` record (nothing to claim, by the format's own rules) or a
:class:`Rejected` one (malformed). Readers never touch a store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graph.errors import AmbiguousActor
from graph.model import Actor, ActorKind, AnnotatedArticle, slugify, stable_id
from graph.names import normalise
from graph.vocabulary import Vocabulary
from loaders.gazetteer import Gazetteer
from loaders.reading import MAX_TEXT_BYTES


@dataclass(frozen=True)
class Rejected:
    """A malformed record: where it is, which field, what was expected."""

    record: str
    reason: str
    field: str | None = None
    raw: object = None
    """The record as read (a row's cells by column, a line of text), for the rejects file."""


@dataclass(frozen=True)
class Skipped:
    """A well-formed record that makes no claim (for example a GDELT row with one actor)."""

    record: str
    reason: str


Item = AnnotatedArticle | Rejected | Skipped


class BadRecord(Exception):
    """Raised inside a reader for the record at hand; becomes a :class:`Rejected`."""

    def __init__(self, reason: str, field: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field


@dataclass
class Resolver:
    """Source names to actors: the gazetteer first, else a new actor marked unresolved.

    Every document carries the unresolved actors it names, so it can be stored
    on its own. A name shared by several actors is never guessed: it is a bad
    record.

    Examples
    --------
    >>> g = Gazetteer([Actor(id="islamic-state", name="Islamic State", aliases=("ISIL",))])
    >>> r = Resolver(g)
    >>> r.actor("ISIL").id, r.actor("Free Fighters").id, r.actor("Free Fighters").unresolved
    ('islamic-state', 'free-fighters', True)
    """

    gazetteer: Gazetteer
    vocabulary: Vocabulary = field(default_factory=Vocabulary.default)
    created: dict[str, Actor] = field(default_factory=dict)
    max_text_bytes: int = MAX_TEXT_BYTES
    """The cap on a text file a document names (the ``max_text_file_bytes`` setting)."""

    def actor(self, name: str, kind: ActorKind | str = ActorKind.OTHER, **fields: Any) -> Actor:
        name = " ".join(name.split())
        if not slugify(name).strip("x") and not any(ch.isalnum() for ch in name):
            raise BadRecord(f"{name!r} is not an actor name", "name")
        try:
            actor = self.gazetteer.resolve_or_create(name, kind=kind, **fields)
        except AmbiguousActor as exc:
            raise BadRecord(str(exc), "name") from None
        if actor.unresolved:
            self.created[actor.id] = actor
        return actor

    def lookup(self, name: str) -> Actor | None:
        """The actor the gazetteer knows by ``name``, if any; never creates one."""
        try:
            return self.gazetteer.resolve(name)
        except AmbiguousActor as exc:
            raise BadRecord(str(exc), "name") from None

    def carried(self, *actor_ids: str) -> tuple[Actor, ...]:
        """The unresolved actors among ``actor_ids``, for a document to carry.

        Always the same for the same document, whether or not the actor was
        first met in this load, so reloading changes nothing.
        """
        found = (self.gazetteer.get(i) for i in dict.fromkeys(actor_ids))
        return tuple(a for a in found if a is not None and a.unresolved)

    def names_no_actor(self, name: str, mapping: dict) -> bool:
        """Whether ``name`` is one of the mapping's ``not_actors`` (pronouns, say)."""
        words = {normalise(w) for w in mapping.get("not_actors") or ()}
        return normalise(name) in words


_PERIOD = re.compile(r"^(?P<name>.*?)\s*\((?P<period>\d{4}\s*-\s*(?:\d{4})?)\)\s*$")


def split_period(name: str) -> tuple[str, str | None]:
    """ACLED-style names carry a period: ``"Military Forces of Iraq (2014-)"``.

    >>> split_period("Military Forces of Iraq (2014-)")
    ('Military Forces of Iraq', '2014-')
    >>> split_period("Police Forces of Syria (2000-2024)")
    ('Police Forces of Syria', '2000-2024')
    >>> split_period("Hezbollah")
    ('Hezbollah', None)
    """
    match = _PERIOD.match(name)
    if not match:
        return name.strip(), None
    return match["name"].strip(), re.sub(r"\s+", "", match["period"])


def split_names(value: str | None, separator: str = ";") -> list[str]:
    """Names listed in one field, e.g. ACLED's ``assoc_actor_1``.

    >>> split_names("Hezbollah; Military Forces of Syria (2000-)")
    ['Hezbollah', 'Military Forces of Syria (2000-)']
    >>> split_names("")
    []
    """
    return [part.strip() for part in (value or "").split(separator) if part.strip()]


def guard(record: str, raw: object, make: Callable[[], Iterable[Item]]) -> Iterator[Item]:
    """The items ``make`` builds for one record, or one :class:`Rejected` if it is bad."""
    try:
        items = list(make())
    except BadRecord as exc:
        yield Rejected(record, exc.reason, exc.field, raw=raw)
        return
    yield from items


def claim_id(article_id: str, *parts: object) -> str:
    """A deterministic claim id."""
    return stable_id(article_id, *parts, prefix="c-")


def check_type(vocabulary: Vocabulary, name: str) -> str:
    """``name`` if the vocabulary knows it, else a bad record."""
    if name not in vocabulary:
        raise BadRecord(f"relation type {name!r} is not in the vocabulary", "type")
    return name
