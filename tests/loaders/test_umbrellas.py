"""Reference umbrellas of claimed reference actors are stored, so roll-up reaches the top.

A UK Government re3d document (tests/data) names "Assad's regime" (the
reference's Government of Syria) and never Syria itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from tests.conftest import DATA

runner = CliRunner()
UK_GOVERNMENT = DATA / "re3d" / "UK Government"


def _json(*args: str) -> dict | list:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def store(tmp_path: Path) -> str:
    path = str(tmp_path / "uk.sqlite")
    result = runner.invoke(app, ["load", str(UK_GOVERNMENT), "--store", path])
    assert result.exit_code == 0, result.output
    return path


def test_a_government_named_alone_rolls_up_to_its_state(store: str) -> None:
    plain = _json("enemies", "Philip Hammond", "--store", store)
    assert [e["actor"]["id"] for e in plain["enemies"]] == ["syria-government"]
    rolled = _json("enemies", "Philip Hammond", "--roll-up", "--store", store)
    assert [e["actor"]["id"] for e in rolled["enemies"]] == ["syria"]
    of_syria = _json("enemies", "Syria", "--roll-up", "--store", store)
    assert of_syria["actor"]["id"] == "syria"
    assert "philip-hammond" in [e["actor"]["id"] for e in of_syria["enemies"]]


def test_the_umbrella_is_a_reference_actor_no_claim_names(store: str) -> None:
    rows = {r["actor"]["id"]: r for r in _json("actors", "list", "--store", store)["items"]}
    syria, government = rows["syria"], rows["syria-government"]
    assert government["actor"]["member_of"] == ["syria"]
    assert government["claims"] > 0
    assert syria["claims"] == 0
    assert syria["actor"]["provenance"].startswith("reference ")
    assert not syria["actor"]["unresolved"]


def test_loading_again_changes_nothing(store: str) -> None:
    before = _json("actors", "list", "--store", store)
    again = runner.invoke(app, ["load", str(UK_GOVERNMENT), "--store", store])
    assert again.exit_code == 0, again.output
    assert _json("actors", "list", "--store", store) == before
