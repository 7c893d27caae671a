"""The embedded store's SQL condition admits exactly the claims ``Filters.admits_claim`` does."""

from __future__ import annotations

import sqlite3
from datetime import date

from hypothesis import assume, given, reject, settings
from hypothesis import strategies as st

from graph.backends.sqlite_relations import admitted
from graph.errors import InvalidQuery
from graph.filters import Filters
from graph.model import Claim

days = st.one_of(st.none(), st.dates(date(2015, 1, 1), date(2018, 12, 31)))
confidences = st.sampled_from([0.0, 0.3, 0.5, 0.7, 1.0])


@st.composite
def claims(draw) -> Claim:
    valid_from, valid_to = draw(days), draw(days)
    assume(valid_from is None or valid_to is None or valid_from <= valid_to)
    return Claim(
        id="c",
        article="a",
        source="x",
        target="y",
        type="FIGHTS",
        confidence=draw(confidences),
        date=draw(days),
        valid_from=valid_from,
        valid_to=valid_to,
    )


@st.composite
def filters(draw) -> Filters:
    try:
        return Filters(
            since=draw(days), until=draw(days), as_of=draw(days), min_confidence=draw(confidences)
        )
    except InvalidQuery:
        reject()  # contradictory filters (since after until) are refused before any query


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


@settings(max_examples=500)
@given(claim=claims(), flt=filters())
def test_sql_condition_matches_admits_claim(claim: Claim, flt: Filters) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE claims (confidence REAL, date TEXT, valid_from TEXT, valid_to TEXT)")
    db.execute(
        "INSERT INTO claims VALUES (?, ?, ?, ?)",
        (claim.confidence, _iso(claim.date), _iso(claim.valid_from), _iso(claim.valid_to)),
    )
    condition, params = admitted(flt)
    found = db.execute(f"SELECT count(*) FROM claims WHERE {condition}", params).fetchone()[0]
    assert bool(found) == flt.admits_claim(claim)
