"""ICEWS coded event files (Dataverse layout): real sample rows (tests/loaders/samples/icews)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import LoadError
from graph.model import Place
from graph.store import UpsertStatus
from ingest.pipeline import load, plan

SAMPLE = Path(__file__).parent / "samples" / "icews" / "events.2018.sample.tab"


def _evidence(store, a: str, b: str):
    return store.evidence(store.actor(a).id, store.actor(b).id)


def test_an_icews_file_is_detected_and_loads(store) -> None:
    summary = load(store, plan([SAMPLE]))
    (done,) = summary.inputs
    assert done.format == "icews"
    assert done.documents[UpsertStatus.NEW] == 12
    assert done.skipped == {
        "CAMEO root 01 makes no claim in the mapping": 1,
        "CAMEO root 14 makes no claim in the mapping": 1,
    }
    fights = _evidence(store, "Military (India)", "Militant (India)")
    assert {i.claim.type for i in fights} == {"FIGHTS"}
    assert {i.claim.attributes["cameo"] for i in fights} == {"193"}
    assert {i.claim.attributes["intensity"] for i in fights} == {-10.0}


def test_icews_places_each_claim(store) -> None:
    load(store, plan([SAMPLE]))
    (fight, _) = _evidence(store, "Military (India)", "Militant (India)")
    assert fight.claim.place == Place(
        name="Srinagar",
        admin1="State of Jammu and Kashmir",
        country="IND",
        latitude=34.0884,
        longitude=74.803,
        precision="exact",
    )
    (aid,) = _evidence(store, "Singapore", "United States")
    assert aid.claim.place.precision.value == "country"
    assert aid.claim.place.name is None


def test_icews_sectors_give_kinds_and_countries_give_states(store) -> None:
    load(store, plan([SAMPLE]))
    kinds = {
        name: store.actor(name).kind.value
        for name in ("Militant (India)", "Military (India)", "Police (India)", "China")
    }
    assert kinds == {
        "Militant (India)": "armed_group",  # Unidentified Forces -> UAF
        "Military (India)": "armed_forces",
        "Police (India)": "armed_forces",
        "China": "state",
    }
    assert store.actor("Military (India)").country == "IND"


def test_reloading_icews_changes_nothing(store) -> None:
    load(store, plan([SAMPLE]))
    again = load(store, plan([SAMPLE]))
    assert again.inputs[0].documents == {UpsertStatus.UNCHANGED: 12}


def _with_row(tmp_path: Path, line: int, column: str, value: str) -> Path:
    rows = SAMPLE.read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    cells = rows[line - 1].split("\t")
    cells[header.index(column)] = value
    rows[line - 1] = "\t".join(cells)
    bad = tmp_path / "events.bad.tab"
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return bad


@pytest.mark.parametrize(
    ("column", "value", "says"),
    [
        ("Latitude", "134.0", "out of range"),
        ("Longitude", "east", "expected a number"),
        ("CAMEO Code", "19x", "CAMEO code"),
        ("Event Date", "June 2018", "expected a date"),
    ],
)
def test_a_bad_row_is_refused_with_file_line_and_field(store, tmp_path, column, value, says):
    bad = _with_row(tmp_path, 10, column, value)
    with pytest.raises(LoadError) as refused:
        load(store, plan([bad]))
    message = str(refused.value)
    for part in (str(bad), "line 10", column, says):
        assert part in message
    assert store.stats().articles == 0  # the file loads wholly or not at all


def test_skip_bad_loads_the_other_rows(store, tmp_path: Path) -> None:
    bad = _with_row(tmp_path, 10, "Latitude", "134.0")
    summary = load(store, plan([bad]), skip_bad=True, rejects_dir=tmp_path)
    (done,) = summary.inputs
    assert done.documents[UpsertStatus.NEW] == 11
    assert done.rejected == 1
