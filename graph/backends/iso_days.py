"""Days stored as ISO text (SQLite's columns, Neo4j's stance-graph read), parsed once each."""

from __future__ import annotations

from datetime import date
from functools import lru_cache


@lru_cache(maxsize=65536)
def parse_day(text: str | None) -> date | None:
    """An ISO date from stored text, shared between the many claims and relations of one day.

    >>> parse_day("2016-02-24") is parse_day("2016-02-24")
    True
    """
    return None if text is None else date.fromisoformat(text)
