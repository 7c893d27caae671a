"""The domain model: pure data, no storage, no I/O.

Actors, source documents (articles and event records), mentions, claims and
the relations aggregated from claims. Every store speaks these types.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, Protocol, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    model_validator,
)

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"

Slug = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=200)]
"""A stable lower-case identifier, e.g. ``popular-mobilisation-forces``."""

Confidence = Annotated[float, Field(ge=0.0, le=1.0)]


class ActorKind(StrEnum):
    STATE = "state"
    GOVERNMENT = "government"
    ARMED_FORCES = "armed_forces"
    ARMED_GROUP = "armed_group"
    MILITIA = "militia"
    POLITICAL_PARTY = "political_party"
    PERSON = "person"
    INTERNATIONAL_ORG = "international_org"
    COMMUNITY = "community"
    OTHER = "other"


class Modality(StrEnum):
    ASSERTED = "asserted"
    REPORTED = "reported"
    ALLEGED = "alleged"
    DENIED = "denied"
    PLANNED = "planned"
    CONDITIONAL = "conditional"


class Mode(StrEnum):
    VERBAL = "verbal"
    MATERIAL = "material"


class Certainty(StrEnum):
    CONFIRMED = "confirmed"
    ALLEGED = "alleged"


class SupportType(StrEnum):
    TROOPS = "troops"
    WEAPONS = "weapons"
    FUNDING = "funding"
    TRAINING = "training"
    INTELLIGENCE = "intelligence"
    TERRITORY = "territory"
    POLITICAL = "political"


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


M = TypeVar("M", bound=BaseModel)


def trusted(cls: type[M], **values: Any) -> M:
    """A ``cls`` from values already validated, every field given, in declaration order.

    What ``model_construct`` does, without its per-field defaults and alias
    lookups: the embedded store builds hundreds of thousands of relations on
    open from values it validated when it stored them.

    >>> trusted(Evidence, quote="x", start=0, end=1) == Evidence(quote="x", start=0, end=1)
    True
    >>> a = trusted(Evidence, quote="x", start=0, end=1)
    >>> b = a.model_copy(update={"quote": "y"})
    >>> b.quote, a.quote, a.model_fields_set == b.model_fields_set == {"quote", "start", "end"}
    ('y', 'x', True)
    """
    return _built(cls, values)


def trusted_values(cls: type[M], values: Iterable[Any]) -> M:
    """:func:`trusted` with every field's value given in declaration order, without keywords
    (what a bulk load's column-wise relations are made with).

    >>> trusted_values(Evidence, ("x", 0, 1)) == Evidence(quote="x", start=0, end=1)
    True
    """
    return _built(cls, dict(zip(_field_names(cls), values, strict=True)))


def trusted_maker(cls: type[M]) -> Callable[[dict[str, Any]], M]:
    """:func:`trusted` for many models of one class: a function of the dict of every field's
    value, in declaration order, that it keeps as the model's own (given, not copied).

    For the hundreds of thousands of relations the embedded store reads on open.

    >>> make = trusted_maker(Evidence)
    >>> make({"quote": "x", "start": 0, "end": 1}) == Evidence(quote="x", start=0, end=1)
    True
    """
    every, new, put = _every_field(cls), cls.__new__, object.__setattr__

    def make(values: dict[str, Any]) -> M:
        model = new(cls)
        put(model, "__dict__", values)
        put(model, "__pydantic_fields_set__", every)
        put(model, "__pydantic_extra__", None)
        put(model, "__pydantic_private__", None)
        return model

    return make


@cache
def _field_names(cls: type[BaseModel]) -> tuple[str, ...]:
    return tuple(cls.model_fields)


@cache
def _every_field(cls: type[BaseModel]) -> set[str]:
    return set(cls.model_fields)


def _built(cls: type[M], values: dict[str, Any]) -> M:
    """The model of ``values``; when they give every field (as the store's reads do), the
    model shares its class's one set of field names as the fields it was given.

    Half the memory of a relation built on open was that set, one per object:
    a frozen model never adds to it, and its copies copy it first.
    """
    every = _every_field(cls)
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    given = every if len(values) == len(every) else set(values)
    object.__setattr__(model, "__pydantic_fields_set__", given)
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


class Actor(_Data):
    """A party to a conflict: a state, force, group, party, person..."""

    id: Slug
    name: Annotated[str, StringConstraints(min_length=1)]
    kind: ActorKind = ActorKind.OTHER
    aliases: tuple[str, ...] = ()
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    external_ids: dict[str, str] = Field(default_factory=dict)
    member_of: tuple[Slug, ...] = ()
    description: str | None = None
    unresolved: StrictBool = False
    provenance: str | None = None
    """Where an actor from the reference gazetteer comes from: version, sources, licences."""
    reason: str | None = None
    """Why an unresolved actor is unresolved (no entry; a name several entries share...)."""

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by every alias."""
        return (self.name, *self.aliases)


class Article(_Data):
    """A source document: a news article or an event record."""

    id: Slug
    title: str
    url: str | None = None
    publisher: str | None = None
    published: date | None = None
    """None when the source carries no date (e.g. re3d documents)."""
    text: str | None = None
    kind: str = "article"


class Mention(_Data):
    """An actor named at a character span of the article text."""

    actor: Slug
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Mention:
        if self.end <= self.start:
            raise ValueError(f"span end {self.end} must be greater than start {self.start}")
        return self


class Evidence(_Data):
    """A verbatim quote from the article and where it stands."""

    quote: Annotated[str, StringConstraints(min_length=1)]
    start: Annotated[int, Field(ge=0)] | None = None
    end: Annotated[int, Field(ge=0)] | None = None


class Precision(StrEnum):
    """How closely a place's coordinates locate the event (ACLED's and GDELT's scales)."""

    EXACT = "exact"
    """The named town or site."""
    NEAR = "near"
    """A nearby town, or part of a region."""
    ADMIN = "admin"
    """An admin area's centre (district, province)."""
    COUNTRY = "country"
    """The country's centre."""


def is_country(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-3 country code.

    >>> is_country("SYR"), is_country("XYZ")
    (True, False)
    """
    import pycountry

    return pycountry.countries.get(alpha_3=code) is not None


def _known_country(code: str) -> str:
    if not is_country(code):
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-3 country code")
    return code


Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$"), AfterValidator(_known_country)]
"""An ISO 3166-1 alpha-3 country code, e.g. ``SYR``."""


class Place(_Data):
    """Where a claimed event was acted out, as the source gives it.

    Coordinates are WGS 84 degrees, both or neither; ``country`` an ISO 3166-1
    alpha-3 code that exists.
    """

    name: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: Country | None = None
    latitude: Annotated[float, Field(ge=-90.0, le=90.0)] | None = None
    longitude: Annotated[float, Field(ge=-180.0, le=180.0)] | None = None
    precision: Precision | None = None

    @model_validator(mode="after")
    def _both_coordinates(self) -> Place:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("give both latitude and longitude, or neither")
        return self

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def label(self) -> str:
        """The place in words, e.g. ``Srinagar, Jammu and Kashmir, IND (34.09, 74.8; exact)``."""
        words = ", ".join(p for p in (self.name, self.admin2, self.admin1, self.country) if p)
        point = f"{self.latitude:g}, {self.longitude:g}" if self.has_point else ""
        detail = "; ".join(p for p in (point, self.precision and str(self.precision)) if p)
        return " ".join(p for p in (words, f"({detail})" if detail else "") if p)


class Claim(_Data):
    """One annotated statement of a relation between two actors."""

    id: Slug
    article: Slug
    source: Slug
    target: Slug
    type: str
    confidence: Confidence = 1.0
    modality: Modality = Modality.ASSERTED
    attributed_to: Slug | None = None
    evidence: Evidence | None = None
    date: date | None
    """The event date, else the article date; None when the source gives neither."""
    valid_from: dt.date | None = None  # `date` is the field above
    valid_to: dt.date | None = None
    mode: Mode | None = None
    certainty: Certainty | None = None
    support_type: SupportType | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    place: Place | None = None
    """Where the event was acted out, when the source says."""

    @model_validator(mode="after")
    def _consistent(self) -> Claim:
        if self.source == self.target:
            raise ValueError(f"source and target are both {self.source!r}")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        return self


class ClaimFacts(Protocol):
    """What filters and relation tallies read of a claim: a :class:`Claim`, or a store's
    compact row of one (the embedded store's ``ClaimRow``)."""

    @property
    def id(self) -> str: ...
    @property
    def article(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def modality(self) -> str: ...
    @property
    def date(self) -> dt.date | None: ...
    @property
    def valid_from(self) -> dt.date | None: ...
    @property
    def valid_to(self) -> dt.date | None: ...
    @property
    def evidence(self) -> Evidence | None: ...
    @property
    def place(self) -> Place | None: ...


class AnnotatedArticle(_Data):
    """The unit of loading: one source document with what it says.

    ``actors`` carries actors the document introduces (for example an event
    record naming an actor no gazetteer knows); claims and mentions refer to
    actors by id.
    """

    article: Article
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()

    def fingerprint(self) -> str:
        """A digest of the content: equal for equal documents."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()


class Merge(_Data):
    """A hand-made identity fix: ``source`` is the same actor as ``target``.

    While active, every claim and mention of ``source`` counts for ``target``
    and ``source``'s names resolve to ``target``; undoing it restores both.
    """

    seq: int
    source: Slug
    target: Slug
    at: datetime
    note: str = ""
    undone_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.undone_at is None


class Relation(_Data):
    """The aggregate of all claims of one type between two actors.

    ``source``/``target`` are ordered (alphabetically) for symmetric types.
    ``weight`` is the sum of claim confidences scaled by modality; denials
    subtract. A relation *holds* when its weight is positive. ``first_seen``
    and ``last_seen`` span its dated claims (None when none is dated).
    """

    source: Slug
    target: Slug
    type: str
    polarity: int
    symmetric: bool
    weight: float
    n_claims: int
    n_articles: int
    n_denials: int = 0
    first_seen: date | None
    last_seen: date | None
    evidence: Evidence | None = None
    evidence_article: Slug | None = None

    @property
    def holds(self) -> bool:
        return self.weight > 0

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.type)

    def other(self, actor: str) -> str:
        """The actor at the other end from ``actor``."""
        return self.target if actor == self.source else self.source


_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """A lower-case ASCII slug for ``text``.

    >>> slugify("Popular Mobilisation Forces")
    'popular-mobilisation-forces'
    >>> slugify("Hashd al-Sha'abi")
    'hashd-al-sha-abi'
    """
    from anyascii import anyascii

    slug = _NON_SLUG.sub("-", anyascii(text).lower()).strip("-")
    return slug or "x"


def stable_id(*parts: object, prefix: str = "") -> str:
    """A deterministic short id from the given parts.

    >>> stable_id("a", 1, prefix="c-") == stable_id("a", 1, prefix="c-")
    True
    >>> len(stable_id("a"))
    16
    """
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:16]
    return f"{prefix}{digest}"
