"""The embedded store's SQL condition admits exactly the claims ``Filters.admits_claim`` does
(time window, confidence floor, country and bounding box, across the antimeridian too)."""

from __future__ import annotations

import sqlite3
from datetime import date

from hypothesis import assume, given, reject, settings
from hypothesis import strategies as st

from graph.backends.sqlite_relations import admitted
from graph.errors import InvalidQuery
from graph.filters import Filters
from graph.model import Claim, Place

days = st.one_of(st.none(), st.dates(date(2015, 1, 1), date(2018, 12, 31)))
confidences = st.sampled_from([0.0, 0.3, 0.5, 0.7, 1.0])
countries = st.sampled_from([None, "SYR", "IRQ"])
lons = st.sampled_from([-180.0, -179.5, 0.0, 39.0, 40.1, 41.5, 179.5, 180.0])
lats = st.sampled_from([-90.0, 0.0, 35.0, 35.9, 36.5, 90.0])
places = st.one_of(
    st.none(),
    st.builds(Place, country=countries),
    st.builds(Place, country=countries, latitude=lats, longitude=lons),
)
boxes = st.one_of(
    st.none(),
    st.tuples(lons, lats, lons, lats).filter(lambda b: b[1] <= b[3]),  # west > east: antimeridian
)


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
        place=draw(places),
    )


@st.composite
def filters(draw) -> Filters:
    try:
        return Filters(
            since=draw(days),
            until=draw(days),
            as_of=draw(days),
            min_confidence=draw(confidences),
            country=draw(countries),
            bbox=draw(boxes),
        )
    except InvalidQuery:
        reject()  # contradictory filters (since after until) are refused before any query


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


@settings(max_examples=500)
@given(claim=claims(), flt=filters())
def test_sql_condition_matches_admits_claim(claim: Claim, flt: Filters) -> None:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE TABLE claims (confidence REAL, date TEXT, valid_from TEXT, valid_to TEXT,"
        " place_country TEXT, place_lat REAL, place_lon REAL)"
    )
    place = claim.place or Place()
    db.execute(
        "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            claim.confidence,
            _iso(claim.date),
            _iso(claim.valid_from),
            _iso(claim.valid_to),
            place.country,
            place.latitude,
            place.longitude,
        ),
    )
    condition, params = admitted(flt)
    found = db.execute(f"SELECT count(*) FROM claims WHERE {condition}", params).fetchone()[0]
    assert bool(found) == flt.admits_claim(claim)
