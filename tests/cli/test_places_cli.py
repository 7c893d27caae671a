"""One conflict from ACLED and UCDP GED, asked about one province and exported for a map.

The actors and events are the fictional samples'; only the places are real
(Syrian provinces), so the filters have real coordinates to work on.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import geojson
from typer.testing import CliRunner

from cli.main import app
from tests.stores import cli_loaded

runner = CliRunner()
SAMPLES = Path(__file__).resolve().parents[1] / "loaders" / "samples"
DEIR_EZ_ZOR = {"admin1": "Deir-ez-Zor", "latitude": "35.336", "longitude": "40.141"}
RAQQA = {"admin1": "Ar-Raqqa", "latitude": "35.95", "longitude": "39.01"}
PROVINCE_BOX = "39.4,34.3,41.4,36.0"  # around Deir ez-Zor province, not Raqqa city


def _rows(sample: Path, places: list[dict[str, str]], rename: dict[str, str]) -> str:
    rows = list(csv.DictReader(sample.open(encoding="utf-8")))
    out = io.StringIO()
    columns = [*rows[0], *(c for c in ("admin1", "latitude", "longitude") if c not in rows[0])]
    columns += [c for c in ("iso3", "country", "adm_1") if c not in columns]
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row, place in zip(rows, places, strict=False):
        values = {rename.get(k, k): v for k, v in place.items()}
        writer.writerow({**row, **values, "country": "Syria", "iso3": "SYR"})
    return out.getvalue()


def write_conflict(folder: Path) -> tuple[Path, Path]:
    """The conflict's ACLED and UCDP GED files, written in ``folder``: their paths."""
    acled, ged = folder / "acled.csv", folder / "ged.csv"
    acled.write_text(
        _rows(SAMPLES / "acled_current.csv", [DEIR_EZ_ZOR, RAQQA, RAQQA, RAQQA], {}),
        encoding="utf-8",
    )
    ged.write_text(
        _rows(SAMPLES / "ucdp.csv", [DEIR_EZ_ZOR, RAQQA], {"admin1": "adm_1"}), encoding="utf-8"
    )
    return acled, ged


def _conflict(tmp_path: Path) -> str:
    store = tmp_path / "s.sqlite"
    for path in write_conflict(tmp_path):
        cli_loaded(path, store)
    return str(store)


def test_one_province_exports_as_valid_geojson_from_both_sources(tmp_path: Path) -> None:
    store = _conflict(tmp_path)
    out = tmp_path / "province.geojson"
    result = runner.invoke(
        app, ["export", "--format", "geojson", str(out), "--bbox", PROVINCE_BOX, "--store", store]
    )
    assert result.exit_code == 0, result.output
    collection = geojson.loads(out.read_text(encoding="utf-8"))
    assert collection.is_valid, collection.errors()
    features = collection["features"]
    assert {f["geometry"]["coordinates"][1] for f in features} == {35.336}
    assert {f["properties"]["article"].split("-")[0] for f in features} == {"acled", "ucdp"}
    first = features[0]["properties"]
    assert {"source_name", "target_name", "type", "sign", "date", "article"} <= set(first)
    assert {f["properties"]["place_admin1"] for f in features} == {"Deir-ez-Zor"}


def test_a_country_keeps_every_place_in_it_and_the_claims_table_has_places(tmp_path):
    store = _conflict(tmp_path)
    folder = tmp_path / "tables"
    result = runner.invoke(
        app, ["export", "--format", "csv", str(folder), "--country", "SYR", "--store", store]
    )
    assert result.exit_code == 0, result.output
    claims = list(csv.DictReader((folder / "claims.csv").open(encoding="utf-8")))
    assert {c["place_admin1"] for c in claims} == {"Deir-ez-Zor", "Ar-Raqqa"}
    assert {c["place_country"] for c in claims} == {"SYR"}
    elsewhere = runner.invoke(
        app, ["export", "--format", "geojson", "--country", "IRQ", "--store", store]
    )
    assert json.loads(elsewhere.stdout)["features"] == []


def test_evidence_shows_the_place_and_enemies_follow_the_box(tmp_path: Path) -> None:
    store = _conflict(tmp_path)
    env = {"COLUMNS": "200"}
    shown = runner.invoke(
        app, ["evidence", "Red Hand Front", "Civilians (Arland)", "--store", store], env=env
    )
    assert shown.exit_code == 0, shown.output
    assert "at Oldtown, Ar-Raqqa, SYR (35.95, 39.01; exact)" in shown.stdout
    inside = runner.invoke(
        app, ["enemies", "Red Hand Front", "--bbox", PROVINCE_BOX, "--json", "--store", store]
    )
    assert {s["actor"]["name"] for s in json.loads(inside.stdout)["enemies"]} == {
        "Military Forces of Arland",
        "Government of Arland",
        "Government of Borduria",
    }


def test_a_bad_box_or_country_is_one_clear_line(tmp_path: Path) -> None:
    store = _conflict(tmp_path)
    for option, value, says in (
        ("--bbox", "40,36,41", "expected minlon,minlat,maxlon,maxlat"),
        ("--bbox", "40,37,41,36", "north of"),
        ("--country", "Syria", "ISO 3166-1 alpha-3"),
    ):
        result = runner.invoke(app, ["enemies", "Red Hand Front", option, value, "--store", store])
        assert result.exit_code == 1
        assert says in result.output
        assert "Traceback" not in result.output
