"""What every format reader yields, and the name resolution they share.

A reader turns one input (a file, or a re3d folder) into a stream of items:
an :class:`~graph.model.AnnotatedArticle` per source document, a
:class:`Skipped` record (nothing to claim, by the format's own rules) or a
:class:`Rejected` one (malformed). Readers never touch a store.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graph.errors import AmbiguousActor
from graph.model import Actor, ActorKind, AnnotatedArticle, slugify, stable_id
from graph.names import normalise
from graph.vocabulary import Vocabulary
from loaders.gazetteer import Gazetteer
from loaders.reading import MAX_TEXT_BYTES
from loaders.reference import Reference
from loaders.resolution import Link, Resolution, with_umbrellas


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


def _default_reference() -> Reference | None:
    return Reference.default()


@dataclass
class Resolver:
    """Source names to actors: the user's actors, the reference, its rules, else unresolved.

    The user's gazetteer (and the store) come first and win; the reference
    gazetteer (:mod:`loaders.reference`) beneath them, then the rules of
    :mod:`loaders.resolution`. A name none of them decides becomes a new actor
    marked unresolved, with the reason. Every document carries the actors it
    names that the store may not hold yet (unresolved ones and reference
    entries), so it can be stored on its own. A name shared by several of the
    user's actors is never guessed: it is a bad record.

    :attr:`tally` counts how each name was decided (``gazetteer``, ``alias``,
    ``code``, ``rule``, ``unresolved``, ``dropped``).

    Examples
    --------
    >>> g = Gazetteer([Actor(id="islamic-state", name="Islamic State", aliases=("ISIL",))])
    >>> r = Resolver(g)
    >>> r.actor("ISIL").id, r.actor("Free Fighters").id, r.actor("Free Fighters").unresolved
    ('islamic-state', 'free-fighters', True)
    >>> r.actor("ISIL fighters").id, r.actor("Syrian government forces").id
    ('islamic-state', 'syria-military-forces')
    >>> print(r.decision("ISIL fighters"))
    rule: member noun 'fighters' (UAF) after Islamic State
    """

    gazetteer: Gazetteer
    vocabulary: Vocabulary = field(default_factory=Vocabulary.default)
    created: dict[str, Actor] = field(default_factory=dict)
    max_text_bytes: int = MAX_TEXT_BYTES
    """The cap on a text file a document names (the ``max_text_file_bytes`` setting)."""
    reference: Reference | None = field(default_factory=_default_reference)
    tally: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._resolution = Resolution(self.gazetteer, self.reference)

    def actor(self, name: str, kind: ActorKind | str = ActorKind.OTHER, **fields: Any) -> Actor:
        name = " ".join(name.split())
        if not slugify(name).strip("x") and not any(ch.isalnum() for ch in name):
            raise BadRecord(f"{name!r} is not an actor name", "name")
        link = self.link(name)
        if link is not None:
            self.tally[link.by] += 1
            return link.actor
        if kind == ActorKind.PERSON:
            bare = untitled(name)
            if bare != name:  # "Lt. Gen. Stephen J. Townsend": the person, not the rank
                return self.actor(bare, kind, **fields)
        try:
            reason = self._resolution.why.get(normalise(name), "no gazetteer or reference entry")
            actor = self.gazetteer.resolve_or_create(name, kind=kind, reason=reason, **fields)
        except AmbiguousActor as exc:
            raise BadRecord(str(exc), "name") from None
        self.tally["unresolved"] += 1
        if actor.unresolved:
            self.created[actor.id] = actor
        return actor

    def link(self, name: str) -> Link | None:
        """How ``name`` resolves, if it does; never creates an actor."""
        try:
            return self._resolution.resolve(name)
        except AmbiguousActor as exc:
            raise BadRecord(str(exc), "name") from None

    def lookup(self, name: str) -> Actor | None:
        """The actor the gazetteers (the user's, then the reference) know by ``name``, if any."""
        link = self.link(name)
        return link.actor if link is not None else None

    def gazetteer_code(self, code: str) -> Actor | None:
        """The resolved actor the user's gazetteer (or the store) knows by ``code``, if any."""
        found = self.gazetteer.get(code)
        if found is None:
            known = [self.gazetteer.get(i) for i in sorted(self.gazetteer.lookup(code))]
            resolved = [a for a in known if a is not None and not a.unresolved]
            if len(resolved) > 1:
                names = ", ".join(a.id for a in resolved)
                raise BadRecord(f"{code!r} is ambiguous: it names {names}", "code")
            found = resolved[0] if resolved else None
        return found if found is not None and not found.unresolved else None

    def adopt(self, entry_id: str) -> Actor:
        """The actor of reference entry ``entry_id`` (the user's own one if they have it)."""
        return self._resolution.adopt(entry_id)

    def decision(self, name: str) -> str:
        """What decided the actor of ``name``: for the record on each claim."""
        link = self.link(name)
        if link is None:
            return "unresolved: " + self._resolution.why.get(
                normalise(name), "no gazetteer or reference entry"
            )
        return link.describe()

    def not_an_actor(self, name: str) -> str | None:
        """Why ``name`` names no actor by the reference's rules, or None."""
        return self._resolution.not_an_actor(name)

    def carried(self, *actor_ids: str) -> tuple[Actor, ...]:
        """The actors among ``actor_ids`` the store may not hold, for a document to carry.

        Unresolved actors and actors taken from the reference, with the
        reference umbrellas above those (:func:`with_umbrellas`). Always the same
        for the same document, whether or not the actor was first met in this
        load, so reloading changes nothing.
        """
        found = (self.gazetteer.get(i) for i in dict.fromkeys(actor_ids))
        carried = [a for a in found if a is not None and (a.unresolved or a.provenance is not None)]
        return with_umbrellas(carried, self.gazetteer)

    def names_no_actor(self, name: str, mapping: dict) -> bool:
        """Whether ``name`` is one of the mapping's ``not_actors`` (pronouns, say).

        An acronym is no pronoun: "US" is not "us".

        >>> r, pronouns = Resolver(Gazetteer()), {"not_actors": ["us"]}
        >>> r.names_no_actor("us", pronouns), r.names_no_actor("US", pronouns)
        (True, False)
        """
        if len(name) > 1 and name.isupper():
            return False
        words = {normalise(w) for w in mapping.get("not_actors") or ()}
        return normalise(name) in words


TITLES = frozenset(
    [
        "the",
        "president",
        "vice",
        "prime",
        "minister",
        "ministers",
        "secretary",
        "deputy",
        "under",
        "assistant",
        "foreign",
        "defense",
        "defence",
        "office",
        "state",
        "general",
        "gen.",
        "lt.",
        "lieutenant",
        "maj.",
        "major",
        "col.",
        "colonel",
        "capt.",
        "captain",
        "commodore",
        "admiral",
        "adm.",
        "rear",
        "army",
        "navy",
        "air",
        "force",
        "marine",
        "u.s.",
        "us",
        "uk",
        "ambassador",
        "special",
        "envoy",
        "presidential",
        "advisor",
        "adviser",
        "senator",
        "sen.",
        "rep.",
        "gov.",
        "governor",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "sheikh",
        "commander",
        "chief",
        "acting",
        "director",
        "king",
        "queen",
        "prince",
        "emir",
        "spokesperson",
        "spokesman",
    ]
)
"""Words of a title or rank that may stand before a person's name (the product's own list)."""


def untitled(name: str) -> str:
    """A person's name without the titles before it, if a full name (two words) remains.

    >>> untitled("Army Lt. Gen. Stephen J. Townsend"), untitled("Minister Ellwood")
    ('Stephen J. Townsend', 'Minister Ellwood')
    """
    words = name.split()
    cut = 0
    while cut < len(words) and words[cut].lower() in TITLES:
        cut += 1
    rest = words[cut:]
    if cut and len(rest) >= 2 and rest[0][:1].isupper():
        return " ".join(rest)
    return name


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
