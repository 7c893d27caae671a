"""Where each stance was acted out: every event format and the native one fill a claim's place.

The actors are fictional; the places are real ones (the fictional samples' own
country, "Arland", is no ISO country, so it is left out of the place).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from graph.errors import LoadError
from graph.model import Place
from ingest.pipeline import load, plan
from tests.loaders.conftest import gdelt2_row

SAMPLES = Path(__file__).parent / "samples"


def _edited_csv(source: Path, target: Path, changes: dict[str, str]) -> Path:
    rows = list(csv.DictReader(source.open(encoding="utf-8")))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*rows[0], *(k for k in changes if k not in rows[0])])
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, **changes})
    target.write_text(out.getvalue(), encoding="utf-8")
    return target


def _fight_place(store, path: Path, a: str, b: str) -> Place | None:
    """Where ``a`` fought ``b``, once ``path`` is loaded into ``store``."""
    load(store, plan([path]))
    (item,) = store.evidence(store.actor(a).id, store.actor(b).id)
    return item.claim.place


def test_acled_places_its_events(store) -> None:
    place = _fight_place(
        store, SAMPLES / "acled_current.csv", "Military Forces of Arland", "Red Hand Front"
    )
    assert place == Place(
        name="Oldtown", admin1="North", latitude=1.0, longitude=2.0, precision="exact"
    )


def test_acled_country_by_iso3(store, tmp_path: Path) -> None:
    real = {
        "iso3": "SYR",
        "country": "Syria",
        "admin1": "Deir-ez-Zor",
        "latitude": "35.336",
        "longitude": "40.141",
        "location": "Deir-ez-Zor",
        "geo_precision": "3",
    }
    path = _edited_csv(SAMPLES / "acled_current.csv", tmp_path / "acled.csv", real)
    place = _fight_place(store, path, "Military Forces of Arland", "Red Hand Front")
    assert (place.country, place.admin1, place.precision.value) == ("SYR", "Deir-ez-Zor", "admin")


def test_ucdp_places_its_events(store, tmp_path: Path) -> None:
    real = {
        "where_coordinates": "Mosul town",
        "adm_1": "Ninawa governorate",
        "adm_2": "",
        "country": "Iraq",
        "latitude": "36.335",
        "longitude": "43.119",
        "where_prec": "1",
    }
    path = _edited_csv(SAMPLES / "ucdp.csv", tmp_path / "ged.csv", real)
    place = _fight_place(store, path, "Government of Arland", "Red Hand Front")
    assert place == Place(
        name="Mosul town",
        admin1="Ninawa governorate",
        country="IRQ",
        latitude=36.335,
        longitude=43.119,
        precision="exact",
    )


@pytest.mark.parametrize(("column", "value"), [("latitude", "91"), ("longitude", "-200.5")])
def test_a_coordinate_out_of_range_is_refused_with_its_column(store, tmp_path, column, value):
    path = _edited_csv(SAMPLES / "acled_current.csv", tmp_path / "acled.csv", {column: value})
    with pytest.raises(LoadError, match=rf"line 2.*{column}.*out of range"):
        load(store, plan([path]))


def test_native_claims_carry_the_place_they_give(store, tmp_path: Path) -> None:
    doc = {
        "article": {
            "id": "n1",
            "title": "Clash",
            "published": "2017-09-01",
            "text": "Alpha Front fought Beta Militia in Deir ez-Zor.",
        },
        "actors": [
            {"id": "alpha-front", "name": "Alpha Front"},
            {"id": "beta-militia", "name": "Beta Militia"},
        ],
        "claims": [
            {
                "source": "alpha-front",
                "target": "beta-militia",
                "type": "FIGHTS",
                "evidence": "Alpha Front fought Beta Militia in Deir ez-Zor.",
                "place": {
                    "name": "Deir ez-Zor",
                    "country": "SYR",
                    "latitude": 35.336,
                    "longitude": 40.141,
                },
            }
        ],
    }
    path = tmp_path / "n1.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    assert _fight_place(store, path, "Alpha Front", "Beta Militia").country == "SYR"
    doc["claims"][0]["place"]["country"] = "XXX"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    with pytest.raises(LoadError, match="ISO 3166-1"):
        load(store, plan([path]))


def test_gdelt_places_its_events_by_action_geo(store, tmp_path: Path) -> None:
    cells = gdelt2_row("1001", "190", "19", "4").split("\t")
    cells[51:58] = ["4", "Mosul, Ninawa, Iraq", "IZ", "IZ15", "", "36.335", "43.1189"]
    export = tmp_path / "20170105120000.export.CSV"
    export.write_text("\t".join(cells) + "\n", encoding="utf-8")
    place = _fight_place(store, export, "ARL", "RHF")
    assert place == Place(
        name="Mosul",
        admin1="Ninawa",
        country="IRQ",
        latitude=36.335,
        longitude=43.1189,
        precision="exact",
    )
