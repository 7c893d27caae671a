"""Reference umbrellas of claimed reference actors are stored, so roll-up reaches the top.

A UK Government re3d document (tests/data) names "Assad's regime" (the
reference's Government of Syria) and never Syria itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import DATA
from tests.stores import cli_json, cli_loaded

runner = CliRunner()
UK_GOVERNMENT = DATA / "re3d" / "UK Government"


@pytest.fixture
def store(tmp_path: Path) -> str:
    return cli_loaded(UK_GOVERNMENT, tmp_path / "uk.sqlite")


def test_a_government_named_alone_rolls_up_to_its_state(store: str) -> None:
    plain = cli_json("enemies", "Philip Hammond", "--store", store)
    assert [e["actor"]["id"] for e in plain["enemies"]] == ["syria-government"]
    rolled = cli_json("enemies", "Philip Hammond", "--roll-up", "--store", store)
    assert [e["actor"]["id"] for e in rolled["enemies"]] == ["syria"]
    of_syria = cli_json("enemies", "Syria", "--roll-up", "--store", store)
    assert of_syria["actor"]["id"] == "syria"
    assert "philip-hammond" in [e["actor"]["id"] for e in of_syria["enemies"]]


def test_the_umbrella_is_a_reference_actor_no_claim_names(store: str) -> None:
    rows = {r["actor"]["id"]: r for r in cli_json("actors", "list", "--store", store)["items"]}
    syria, government = rows["syria"], rows["syria-government"]
    assert government["actor"]["member_of"] == ["syria"]
    assert government["claims"] > 0
    assert syria["claims"] == 0
    assert syria["actor"]["provenance"].startswith("reference ")
    assert not syria["actor"]["unresolved"]


def test_loading_again_changes_nothing(store: str) -> None:
    before = cli_json("actors", "list", "--store", store)
    cli_loaded(UK_GOVERNMENT, Path(store))
    assert cli_json("actors", "list", "--store", store) == before
