"""Contract: a claim keeps where it was acted out, and every query can be asked by place."""

from __future__ import annotations

from datetime import date

import pytest

from graph.errors import InvalidQuery
from graph.filters import Filters, place_filters
from graph.model import AnnotatedArticle, Place
from graph.store import GraphStore
from tests.contract.world import article

# fictional actors, real places: two clashes in Syria, one in Iraq, one with no place
DEIR_EZ_ZOR = Place(
    name="Deir ez-Zor",
    admin1="Deir ez-Zor",
    country="SYR",
    latitude=35.336,
    longitude=40.141,
    precision="exact",
)
RAQQA = Place(name="Raqqa", admin1="Ar-Raqqa", country="SYR", latitude=35.95, longitude=39.01)
MOSUL = Place(name="Mosul", admin1="Ninewa", country="IRQ", latitude=36.34, longitude=43.13)


def _placed(article_id: str, place: Place | None, rows: list[tuple]) -> AnnotatedArticle:
    doc = article(article_id, date(2017, 9, 1), rows)
    claims = tuple(c.model_copy(update={"place": place}) for c in doc.claims)
    return doc.model_copy(update={"claims": claims})


PLACED = (
    _placed("p1", DEIR_EZ_ZOR, [("alpha-front", "FIGHTS", "gamma-state", 0.9, "asserted")]),
    _placed("p2", RAQQA, [("alpha-front", "FIGHTS", "gamma-state", 0.8, "asserted")]),
    _placed("p3", MOSUL, [("alpha-front", "FIGHTS", "delta-party", 0.7, "asserted")]),
    _placed("p4", None, [("alpha-front", "FIGHTS", "epsilon-person", 0.6, "asserted")]),
)
EASTERN_SYRIA = place_filters(None, "39.5,34.5,41.5,36.5")  # holds Deir ez-Zor, not Raqqa


@pytest.fixture
def placed(world: GraphStore) -> GraphStore:
    world.upsert_articles(PLACED)
    return world


def _enemies(store: GraphStore, filters: Filters) -> set[str]:
    return {s.actor.id for s in store.enemies("alpha-front", filters)}


def test_evidence_shows_each_claims_place(placed: GraphStore) -> None:
    items = placed.evidence("alpha-front", "gamma-state")
    assert {i.article.id: i.claim.place for i in items} == {"p1": DEIR_EZ_ZOR, "p2": RAQQA}


def test_a_country_keeps_the_claims_acted_out_there(placed: GraphStore) -> None:
    assert _enemies(placed, Filters(country="SYR")) == {"gamma-state"}
    assert _enemies(placed, Filters(country="IRQ")) == {"delta-party"}
    relations = placed.relations(Filters(country="SYR"))
    assert [(r.source, r.target, r.type, r.n_claims) for r in relations] == [
        ("alpha-front", "gamma-state", "FIGHTS", 2)
    ]


def test_a_box_keeps_the_claims_inside_it(placed: GraphStore) -> None:
    box = Filters(**EASTERN_SYRIA)
    (relation,) = placed.relations(box)
    assert (relation.target, relation.n_claims, relation.weight) == ("gamma-state", 1, 0.9)
    items = placed.evidence("alpha-front", "gamma-state", box)
    assert [i.article.id for i in items] == ["p1"]
    assert _enemies(placed, box) == {"gamma-state"}


def test_claims_without_a_place_count_only_when_no_place_is_asked(placed: GraphStore) -> None:
    assert "epsilon-person" in _enemies(placed, Filters())
    assert "epsilon-person" not in _enemies(placed, Filters(country="SYR"))
    assert "epsilon-person" not in _enemies(placed, Filters(bbox=(-180, -90, 180, 90)))


def test_a_neighbourhood_by_place_reaches_only_through_claims_there(placed: GraphStore) -> None:
    near = placed.neighbourhood("alpha-front", depth=1, filters=Filters(country="IRQ"))
    assert {a.id for a in near.nodes} == {"alpha-front", "delta-party"}


def test_a_place_and_a_window_combine(placed: GraphStore) -> None:
    later = Filters(country="SYR", since=date(2018, 1, 1))
    assert _enemies(placed, later) == set()


def test_bad_places_are_refused() -> None:
    with pytest.raises(InvalidQuery, match="expected minlon,minlat,maxlon,maxlat"):
        place_filters(None, "1,2,3")
    with pytest.raises(InvalidQuery, match="north of"):
        Filters(bbox=(0, 10, 1, 5))
    with pytest.raises(ValueError, match="ISO 3166-1"):
        Filters(country="XYZ")
    with pytest.raises(ValueError, match="latitude"):
        Place(latitude=95, longitude=0)


def test_a_box_across_the_antimeridian_keeps_both_edges(world: GraphStore) -> None:
    east = Place(name="east of the line", country="FJI", latitude=-16.5, longitude=179.6)
    west = Place(name="west of the line", country="FJI", latitude=-16.5, longitude=-179.8)
    world.upsert_articles(
        [
            _placed("f1", east, [("alpha-front", "FIGHTS", "gamma-state", 0.9, "asserted")]),
            _placed("f2", west, [("alpha-front", "FIGHTS", "delta-party", 0.9, "asserted")]),
        ]
    )
    across = Filters(bbox=(179.0, -20.0, -179.0, -10.0))
    assert _enemies(world, across) == {"gamma-state", "delta-party"}
    assert _enemies(world, Filters(bbox=(179.0, -20.0, 180.0, -10.0))) == {"gamma-state"}
