"""The native annotated-article format, as pydantic models of the input file.

One file (JSON or YAML) is one article. Actor references are ids or any
name or alias the gazetteer knows. The published JSON Schema
(``annotated-article.schema.json``) is generated from these models::

    python -m loaders.native_format > loaders/annotated-article.schema.json
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from graph.model import Actor, Certainty, Confidence, Modality, Mode, Place, Slug, SupportType

SCHEMA_FILE = Path(__file__).with_name("annotated-article.schema.json")


def _not_a_number(value: object) -> object:
    if isinstance(value, int | float):
        raise ValueError("expected a date as YYYY-MM-DD, got a number")
    return value


Day = Annotated[dt.date, BeforeValidator(_not_a_number)]
"""A date written as a date (YAML) or YYYY-MM-DD text, never a number of seconds."""


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ArticleIn(_In):
    """The source document."""

    id: Slug
    title: str
    url: str | None = None
    publisher: str | None = None
    published: Day
    text: str | None = Field(None, description="The article text (or give text_file).")
    text_file: str | None = Field(None, description="A text file, relative to this file.")
    kind: str = "article"


class MentionIn(_In):
    """An actor named in the text: give the span, the text, or both."""

    actor: str = Field(description="Actor id, name or alias.")
    start: Annotated[int, Field(ge=0)] | None = None
    end: Annotated[int, Field(ge=0)] | None = None
    text: str | None = None


class EvidenceIn(_In):
    """A verbatim quote; the span is found in the text when not given."""

    quote: Annotated[str, Field(min_length=1)]
    start: Annotated[int, Field(ge=0)] | None = None
    end: Annotated[int, Field(ge=0)] | None = None


class ClaimIn(_In):
    """One statement of a relation between two actors."""

    source: str = Field(description="Actor id, name or alias.")
    target: str = Field(description="Actor id, name or alias.")
    type: str = Field(description="A relation type of the vocabulary, e.g. ALLIED_WITH.")
    confidence: Confidence = 1.0
    modality: Modality = Modality.ASSERTED
    attributed_to: str | None = Field(None, description="The actor who said it, if any.")
    evidence: EvidenceIn | str | None = None
    date: Day | None = Field(None, description="Event date; the article date if omitted.")
    valid_from: Day | None = None
    valid_to: Day | None = None
    mode: Mode | None = None
    certainty: Certainty | None = None
    support_type: SupportType | None = None
    place: Place | None = Field(
        None, description="Where the event was acted out: country as ISO 3166-1 alpha-3."
    )
    note: str | None = Field(None, description="Annotator's note; not part of the claim.")


class NativeDocument(_In):
    """An annotated article in the native format."""

    article: ArticleIn
    attribution: str | None = Field(None, description="Source and licence of the text.")
    actors: list[Actor] = Field(default_factory=list, description="Actors new to the gazetteer.")
    mentions: list[MentionIn] = Field(default_factory=list)
    claims: list[ClaimIn] = Field(default_factory=list)


def json_schema() -> str:
    """The published JSON Schema of the native format, as text."""
    schema = NativeDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "actorgraph annotated article"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(json_schema(), end="")
