"""``--roll-up`` on the relation commands: answers between top-level actors, said so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from tests.conftest import SEEDS
from tests.contract.world import EXTRA, WORLD
from tests.stores import cli_loaded, world_file

runner = CliRunner()
WIDE = {"COLUMNS": "200"}


@pytest.fixture
def store(tmp_path: Path) -> str:
    """The contract world (Zeta Brigade is a member of Beta Militia) and gamma-state backing it."""
    return str(world_file(tmp_path, (*WORLD, EXTRA)))


def test_allies_of_a_unit_rolled_up_are_its_umbrellas(store: str) -> None:
    plain = json.loads(
        runner.invoke(app, ["allies", "Zeta Brigade", "--store", store, "--json"]).stdout
    )
    assert [(a["actor"]["id"], a["stance"]) for a in plain["allies"]] == [("gamma-state", 0.9)]
    result = runner.invoke(app, ["allies", "Zeta Brigade", "--roll-up", "--store", store, "--json"])
    data = json.loads(result.stdout)
    assert data["actor"]["id"] == "beta-militia"
    assert [(a["actor"]["id"], a["stance"]) for a in data["allies"]] == [("gamma-state", 1.8)]
    assert data["allies"][0]["relations"][0]["n_articles"] == 2


def test_the_table_says_who_was_rolled_up(store: str) -> None:
    result = runner.invoke(app, ["allies", "Zeta Brigade", "--roll-up", "--store", store], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Allies of Beta Militia" in result.stdout
    assert "rolled up: Zeta Brigade counts as Beta Militia." in result.stdout
    assert "+1.80" in result.stdout


def test_path_and_neighbourhood_rolled_up(store: str) -> None:
    path = runner.invoke(
        app, ["path", "Zeta Brigade", "Gamma", "--roll-up", "--store", store], env=WIDE
    )
    assert path.exit_code == 0, path.output
    assert "Path 1: 1 hop, sign positive (+)" in path.stdout
    assert "Gamma SUPPORTS Beta Militia (1.80)" in path.stdout
    around = runner.invoke(
        app, ["neighbourhood", "zeta-brigade", "--roll-up", "--store", store, "--json"]
    )
    sub = json.loads(around.stdout)
    assert sub["center"] == "beta-militia"
    assert "zeta-brigade" not in [n["id"] for n in sub["nodes"]]


def test_a_path_inside_one_umbrella_is_a_clear_error(store: str) -> None:
    result = runner.invoke(
        app, ["path", "Zeta Brigade", "Beta Militia", "--roll-up", "--store", store]
    )
    assert result.exit_code == 1
    assert "both roll up to 'beta-militia'" in result.output
    assert "Traceback" not in result.output


def test_blocs_and_export_rolled_up_leave_out_the_units(store: str) -> None:
    blocs = json.loads(
        runner.invoke(app, ["blocs", "--roll-up", "--store", store, "--json"]).stdout
    )
    assert "zeta-brigade" not in blocs["membership"]
    exported = runner.invoke(
        app, ["export", "--format", "node-link", "--roll-up", "--store", store]
    )
    graph = json.loads(exported.stdout)
    assert "zeta-brigade" not in [n["id"] for n in graph["nodes"]]
    supports = [
        e for e in graph["links"] if (e["source"], e["target"]) == ("gamma-state", "beta-militia")
    ]
    assert [e["weight"] for e in supports] == [1.8]


def test_on_the_seed_a_unit_answers_for_its_umbrella(tmp_path: Path) -> None:
    """Kata'ib Hezbollah is a member of the Popular Mobilisation Forces in the seed gazetteer."""
    store = cli_loaded(SEEDS, tmp_path / "seed.sqlite")
    plain = json.loads(
        runner.invoke(app, ["allies", "Kataib Hezbollah", "--store", store, "--json"]).stdout
    )
    assert plain["allies"] == []  # the article names the umbrella, not the unit
    rolled = runner.invoke(
        app, ["allies", "Kataib Hezbollah", "--roll-up", "--store", store, "--json"]
    )
    umbrella = runner.invoke(app, ["allies", "PMU", "--store", store, "--json"])
    assert json.loads(rolled.stdout) == json.loads(umbrella.stdout)
    assert "iran" in [a["actor"]["id"] for a in json.loads(rolled.stdout)["allies"]]
