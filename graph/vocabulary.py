"""The edge vocabulary: relation types, their polarity and direction, as data.

The default vocabulary ships as ``vocabulary.yaml`` beside this module; a
configuration file of the same shape extends or overrides it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from graph.errors import ConfigurationError, UnknownRelationType
from graph.model import Modality

DEFAULT_VOCABULARY = Path(__file__).with_name("vocabulary.yaml")

_TYPE_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


class RelationType(BaseModel):
    """One entry of the vocabulary."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    polarity: Annotated[int, Field(ge=-1, le=1)]
    symmetric: bool
    meaning: str = ""
    cameo: str | None = None
    plover: str | None = None

    @field_validator("name")
    @classmethod
    def _upper_snake(cls, value: str) -> str:
        if not _TYPE_NAME.match(value):
            raise ValueError(f"relation type {value!r} must be UPPER_SNAKE_CASE")
        return value

    @property
    def directed(self) -> bool:
        return not self.symmetric


class Vocabulary(BaseModel):
    """The relation types and the modality weights claims are scaled by.

    Examples
    --------
    >>> vocab = Vocabulary.default()
    >>> vocab["ALLIED_WITH"].polarity, vocab["ALLIED_WITH"].symmetric
    (1, True)
    >>> vocab.modality_weight("alleged")
    0.5
    >>> vocab["FRIENDS"]
    Traceback (most recent call last):
    ...
    graph.errors.UnknownRelationType: unknown relation type 'FRIENDS'; expected one of ...
    """

    model_config = ConfigDict(frozen=True)

    types: dict[str, RelationType]
    modality_weights: dict[Modality, float]

    @classmethod
    def default(cls) -> Vocabulary:
        return load_vocabulary(None)

    def __getitem__(self, name: str) -> RelationType:
        try:
            return self.types[name]
        except KeyError:
            raise UnknownRelationType(name, tuple(self.types)) from None

    def __contains__(self, name: object) -> bool:
        return name in self.types

    def __iter__(self) -> Iterator[RelationType]:  # type: ignore[override]  # types, not fields
        return iter(self.types.values())

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.types)

    def modality_weight(self, modality: Modality | str) -> float:
        # a StrEnum hashes and compares as its value: plain strings look up directly
        return self.modality_weights.get(modality, 1.0)  # type: ignore[arg-type]  # str finds it


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigurationError(f"{path}: cannot read vocabulary: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigurationError(f"{path}: expected a mapping with 'types' and 'modality_weights'")
    return data


@cache
def load_vocabulary(extra: Path | None = None) -> Vocabulary:
    """The default vocabulary, extended by the file ``extra`` if given."""
    base = _read(DEFAULT_VOCABULARY)
    types = dict(base.get("types", {}))
    weights = dict(base.get("modality_weights", {}))
    sources = [DEFAULT_VOCABULARY]
    if extra is not None:
        more = _read(Path(extra))
        types.update(more.get("types") or {})
        weights.update(more.get("modality_weights") or {})
        sources.append(Path(extra))
    try:
        return Vocabulary(
            types={name: RelationType(name=name, **spec) for name, spec in types.items()},
            modality_weights=weights,
        )
    except (ValidationError, TypeError) as exc:
        raise ConfigurationError(f"{sources[-1]}: invalid vocabulary: {exc}") from None
