"""The API asked by place: country and bbox on every query, the place in the evidence, GeoJSON."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import geojson
import pytest
from fastapi.testclient import TestClient

from graph.backends.embedded import EmbeddedStore
from tests.api.conftest import client_of
from tests.contract.test_places import EASTERN_SYRIA, PLACED
from tests.contract.world import ACTORS, WORLD

BOX = ",".join(str(v) for v in EASTERN_SYRIA["bbox"])


@pytest.fixture
def placed(tmp_path: Path) -> Iterator[TestClient]:
    store = EmbeddedStore(tmp_path / "placed.sqlite")
    store.upsert_actors(ACTORS)
    store.upsert_articles([*WORLD, *PLACED])
    with client_of(store) as client:
        yield client
    store.close()


def test_evidence_carries_the_place_and_honours_the_box(placed: TestClient) -> None:
    every = placed.get("/evidence", params={"source": "alpha-front", "target": "gamma-state"})
    assert {i["claim"]["place"]["name"] for i in every.json()} == {"Deir ez-Zor", "Raqqa"}
    boxed = placed.get(
        "/evidence", params={"source": "alpha-front", "target": "gamma-state", "bbox": BOX}
    )
    assert [i["article"]["id"] for i in boxed.json()] == ["p1"]
    assert boxed.headers["X-Total-Count"] == "1"


def test_relations_and_enemies_by_country(placed: TestClient) -> None:
    relations = placed.get("/relations", params={"country": "IRQ"}).json()
    assert [(r["source"], r["target"]) for r in relations] == [("alpha-front", "delta-party")]
    enemies = placed.get("/actors/alpha-front/enemies", params={"country": "syr"})
    assert enemies.status_code == 200, enemies.text
    assert {s["actor"]["id"] for s in enemies.json()} == {"gamma-state"}


def test_geojson_export_is_valid_and_filtered(placed: TestClient) -> None:
    answer = placed.get("/export", params={"format": "geojson", "country": "SYR"})
    assert answer.headers["content-type"].startswith("application/geo+json")
    collection = geojson.loads(answer.text)
    assert collection.is_valid, collection.errors()
    assert sorted(f["properties"]["article"] for f in collection["features"]) == ["p1", "p2"]
    table = placed.get("/export", params={"format": "csv", "table": "claims", "bbox": BOX})
    assert table.text.splitlines()[0].endswith("latitude,longitude,precision")
    assert len(table.text.splitlines()) == 2


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"bbox": "1,2,3"}, "minlon,minlat,maxlon,maxlat"),
        ({"bbox": "0,10,1,5"}, "north of"),
        ({"country": "XYZ"}, "ISO 3166-1"),
    ],
)
def test_a_bad_place_filter_is_a_422_that_says_why(placed: TestClient, params, says) -> None:
    answer = placed.get("/relations", params=params)
    assert answer.status_code == 422, answer.text
    assert says in answer.text


def test_icews_and_polecat_files_upload_and_their_claims_are_placed(
    placed: TestClient, tmp_path: Path
) -> None:
    samples = Path(__file__).resolve().parents[1] / "loaders" / "samples"
    files = [
        ("files", (p.name, p.read_bytes()))
        for p in (
            samples / "icews" / "events.2018.sample.tab",
            samples / "polecat" / "polecat.constructed.tsv",
        )
    ]
    answer = placed.post("/ingest", files=files)
    assert answer.status_code == 200, answer.text
    assert [i["format"] for i in answer.json()["inputs"]] == ["icews", "polecat"]
    india = placed.get("/export", params={"format": "geojson", "country": "IND"}).json()
    assert {f["properties"]["place_name"] for f in india["features"]} >= {"Srinagar"}
