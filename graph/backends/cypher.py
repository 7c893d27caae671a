"""Cypher statements, loaded by name from the package data ``graph/backends/neo4j_cypher/``.

Every statement the Neo4j backend sends is a ``.cypher`` file beside the code
that sends it: readable in review, pasteable into Neo4j Browser, linted in CI
by Neo4j's own language service. User values always travel as ``$parameters``. The few things Cypher
cannot parameterise (a relationship type, a label) are ``{{placeholders}}``
filled only through :func:`validated`.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from graph.errors import ConfigurationError, OutOfRange, UnknownRelationType
from graph.filters import BOUNDS
from graph.model import ActorKind
from graph.vocabulary import Vocabulary

STATEMENTS = files("graph.backends.neo4j_cypher")

KIND_LABELS: dict[ActorKind, str] = {
    ActorKind.STATE: "State",
    ActorKind.GOVERNMENT: "Government",
    ActorKind.ARMED_FORCES: "ArmedForces",
    ActorKind.ARMED_GROUP: "ArmedGroup",
    ActorKind.MILITIA: "Militia",
    ActorKind.POLITICAL_PARTY: "PoliticalParty",
    ActorKind.PERSON: "Person",
    ActorKind.INTERNATIONAL_ORG: "InternationalOrg",
    ActorKind.COMMUNITY: "Community",
    ActorKind.OTHER: "OtherActor",
}

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_IDENTIFIER = re.compile(r"^[A-Z][A-Za-z0-9_]*$")


def validated(placeholder: str, value: object, vocabulary: Vocabulary) -> str:
    """``value`` as Cypher text for ``placeholder``, if it is one Cypher may receive.

    The only door through which anything but a parameter reaches a statement.

    Examples
    --------
    >>> vocab = Vocabulary.default()
    >>> validated("rel_type", "ALLIED_WITH", vocab)
    'ALLIED_WITH'
    >>> validated("label", "militia", vocab)
    'Militia'
    >>> validated("max_hops", 3, vocab)
    '3'
    >>> validated("rel_types", ("ALLIED_WITH", "FIGHTS"), vocab)
    'ALLIED_WITH|FIGHTS'
    >>> validated("rel_type", "ALLIED_WITH]->() DETACH DELETE (n", vocab)
    Traceback (most recent call last):
    ...
    graph.errors.UnknownRelationType: unknown relation type ...
    """
    if placeholder == "rel_type":
        if not isinstance(value, str) or value not in vocabulary or not _IDENTIFIER.match(value):
            raise UnknownRelationType(str(value), vocabulary.names)
        return value
    if placeholder == "rel_types":
        names = tuple(value) if isinstance(value, tuple | list) else ()
        if not names:
            raise ConfigurationError("{{rel_types}} needs at least one relation type")
        return "|".join(validated("rel_type", name, vocabulary) for name in names)
    if placeholder == "label":
        try:
            return KIND_LABELS[ActorKind(str(value))]
        except ValueError:
            raise ConfigurationError(f"no actor kind {value!r}") from None
    if placeholder in ("max_hops", "depth"):
        low, high = BOUNDS[placeholder]
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise OutOfRange(placeholder, value if isinstance(value, int) else -1, low, high)
        return str(value)
    raise ConfigurationError(f"no placeholder {{{{{placeholder}}}}} in the statements")


@cache
def template(name: str) -> str:
    """The text of ``neo4j_cypher/<name>.cypher`` (its header comment included)."""
    try:
        return STATEMENTS.joinpath(f"{name}.cypher").read_text(encoding="utf-8")
    except OSError:
        raise ConfigurationError(f"no Cypher statement {name!r} in {STATEMENTS}") from None


@cache
def parameters(name: str) -> frozenset[str]:
    """The ``$parameters`` statement ``name`` takes.

    >>> sorted(parameters("article_get"))
    ['id']
    """
    return frozenset(_PARAMETER.findall(template(name)))


@cache
def placeholders(name: str) -> frozenset[str]:
    return frozenset(_PLACEHOLDER.findall(template(name)))


def statement(name: str, vocabulary: Vocabulary, **fill: object) -> str:
    """Statement ``name`` with its placeholders filled through :func:`validated`."""
    text = template(name)
    wanted = placeholders(name)
    if wanted != set(fill):
        raise ConfigurationError(f"statement {name!r} takes placeholders {sorted(wanted)}")
    for key, value in fill.items():
        text = text.replace(f"{{{{{key}}}}}", validated(key, value, vocabulary))
    return text


def names() -> list[str]:
    """Every statement the Neo4j store may send."""
    return sorted(
        p.name.removesuffix(".cypher") for p in STATEMENTS.iterdir() if p.name.endswith(".cypher")
    )
