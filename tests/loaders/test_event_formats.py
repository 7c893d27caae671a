"""ACLED, UCDP GED and GDELT 2.0: small files written for each mapping rule (fictional actors)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.store import UpsertStatus
from ingest.pipeline import load, plan
from tests.loaders.conftest import gdelt2_row

SAMPLES = Path(__file__).parent / "samples"


def _types(store, a: str, b: str) -> set[str]:
    return {i.claim.type for i in store.evidence(store.actor(a).id, store.actor(b).id)}


def test_acled_current_layout(store) -> None:
    summary = load(store, plan([SAMPLES / "acled_current.csv"]))
    (done,) = summary.inputs
    assert done.format == "acled"
    assert done.documents[UpsertStatus.NEW] == 2
    assert done.skipped == {
        "Strategic developments / Headquarters or base established makes no claim"
        " in the mapping": 1,
        "no actor2 and no actors listed together": 1,
    }
    assert _types(store, "Military Forces of Arland", "Red Hand Front") == {"FIGHTS"}
    assert _types(store, "Military Forces of Arland", "Hill Brigade") == {"COOPERATES_WITH"}
    assert _types(store, "Red Hand Front", "Civilians (Arland)") == {"ATTACKS"}


def test_acled_keeps_period_event_date_fatalities_and_notes(store) -> None:
    load(store, plan([SAMPLES / "acled_current.csv"]))
    forces = store.actor("Military Forces of Arland (2014-)")
    assert (forces.name, forces.unresolved, forces.kind.value) == (
        "Military Forces of Arland",
        True,
        "armed_forces",
    )
    (item,) = store.evidence(forces.id, store.actor("Red Hand Front").id)
    assert item.claim.date == date(2020, 5, 7)
    assert item.claim.attributes["source_period"] == "2014-"
    assert item.claim.attributes["fatalities"] == 3
    assert item.claim.evidence.quote.startswith("On 7 May 2020")
    assert item.article.kind == "event"
    assert item.article.publisher == "Fictional Wire"
    (attack,) = store.evidence(
        store.actor("Red Hand Front").id, store.actor("Civilians (Arland)").id
    )
    assert attack.claim.date == date(2020, 5, 8)


def test_acled_legacy_layout_splits_allies(store) -> None:
    summary = load(store, plan([SAMPLES / "acled_legacy.csv"]))
    assert summary.inputs[0].format == "acled"
    assert _types(store, "Red Hand Front", "Blue Lake Militia") == {"COOPERATES_WITH"}
    assert _types(store, "Red Hand Front", "Hill Brigade") == {"COOPERATES_WITH"}
    (fight,) = store.evidence(
        store.actor("Red Hand Front").id, store.actor("Military Forces of Arland").id
    )
    assert (fight.claim.type, fight.claim.date) == ("FIGHTS", date(2015, 3, 12))


def test_ucdp_sides_split_estimates_kept(store) -> None:
    summary = load(store, plan([SAMPLES / "ucdp.csv"]))
    assert summary.inputs[0].format == "ucdp"
    for government in ("Government of Arland", "Government of Borduria"):
        assert store.actor(government).kind.value == "government"
        (item,) = store.evidence(store.actor(government).id, store.actor("Red Hand Front").id)
        assert item.claim.type == "FIGHTS"
        assert {
            k: item.claim.attributes[k] for k in ("deaths_best", "deaths_low", "deaths_high")
        } == {
            "deaths_best": 5,
            "deaths_low": 4,
            "deaths_high": 7,
        }
    (attack,) = store.evidence(store.actor("Red Hand Front").id, store.actor("Civilians").id)
    assert (attack.claim.type, attack.claim.date) == ("ATTACKS", date(2016, 4, 2))
    assert store.actor("Civilians").kind.value == "community"


def test_gdelt_2_rows_of_61_columns(store, tmp_path: Path) -> None:
    export = tmp_path / "20170105120000.export.CSV"
    export.write_text(
        "\n".join([gdelt2_row("1001", "190", "19", "4"), gdelt2_row("1002", "010", "01", "1")])
        + "\n"
    )
    summary = load(store, plan([export]))
    (done,) = summary.inputs
    assert done.format == "gdelt"
    assert done.skipped == {"CAMEO root 01 makes no claim in the mapping": 1}
    # identity from the codes: ARLMIL is the country ARL in its military role
    army, front = store.actor("ARL"), store.actor("RHF")
    assert (army.kind.value, front.kind.value) == ("state", "armed_group")
    assert "ARLAND" not in {a.name for a in store.actors()}  # a raw name is no actor's name
    (item,) = store.evidence(army.id, front.id)
    assert (item.claim.type, item.claim.mode.value) == ("FIGHTS", "material")
    assert item.claim.attributes["goldstein"] == -10.0
    assert (item.claim.attributes["source_role"], item.claim.attributes["target_role"]) == (
        "MIL",
        "REB",
    )
    assert item.article.url == "https://example.org/gdelt"


@pytest.mark.parametrize(
    ("code", "root", "quad", "expected"),
    [
        ("0312", "03", "1", "ALLIED_WITH"),
        ("036", "03", "1", "NEGOTIATES_WITH"),
        ("043", "04", "1", "COOPERATES_WITH"),
        ("046", "04", "1", "NEGOTIATES_WITH"),
        ("057", "05", "1", "ALLIED_WITH"),
        ("070", "07", "2", "SUPPORTS"),
        ("112", "11", "3", "OPPOSES"),
        ("138", "13", "3", "THREATENS"),
        ("163", "16", "4", "SANCTIONS"),
        ("183", "18", "4", "ATTACKS"),
        ("202", "20", "4", "ATTACKS"),
    ],
)
def test_gdelt_cameo_table(store, tmp_path: Path, code, root, quad, expected) -> None:
    export = tmp_path / "one.export.CSV"
    export.write_text(gdelt2_row("2001", code, root, quad) + "\n")
    load(store, plan([export]))
    assert _types(store, "ARL", "RHF") == {expected}


def _gdelt1_row(event_id: str, actor1: list[str], actor2: list[str], code: str = "190") -> str:
    cells = [event_id, "20160728", "201607", "2016", "2016.5699", *actor1, *actor2]
    cells += ["1", code, code, code[:2], "4", "-10.0", "4", "2", "4", "-5.2"]
    cells += ["1", "Arland", "AR", "AR01", "1.0", "2.0", "123"] * 3
    cells += ["20160728", "https://example.org/gdelt1"]
    assert len(cells) == 58
    return "\t".join(cells)


def test_gdelt_a_country_code_is_one_actor_and_a_role_is_no_state(store, tmp_path: Path) -> None:
    arland, arlandian = (
        ["ARL", n, "ARL", "", "", "", "", "", "", ""] for n in ("ARLAND", "ARLANDIAN")
    )
    faith = ["MOS", "FAITHFUL", "", "", "", "MOS", "", "", "", ""]
    front = ["RHF", "RED HAND FRONT", "", "", "", "", "", "REB", "", ""]
    export = tmp_path / "20160728.export.CSV"
    export.write_text(
        "\n".join([_gdelt1_row("1", arland, front), _gdelt1_row("2", arlandian, faith)]) + "\n"
    )
    summary = load(store, plan([export]))
    country = store.actor("ARL")
    assert (country.name, country.kind.value) == ("ARL", "state")
    assert country.unresolved  # a country code the reference does not hold
    names = {a.name for a in store.actors()}
    assert not names & {"ARLAND", "ARLANDIAN", "FAITHFUL"}  # raw names are evidence text only
    (done,) = summary.inputs
    # a religion code with no country or group names no actor: the row is skipped, counted
    assert done.skipped == {"a role, religion or ethnic code with no country or group: no actor": 1}
    assert _types(store, "ARL", "RHF") == {"FIGHTS"}
