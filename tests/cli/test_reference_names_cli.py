"""CLI actor refs the store does not hold, answered through the reference gazetteer."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli.main import app
from tests.conftest import SEEDS
from tests.stores import cli_json, cli_loaded

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return cli_loaded(SEEDS, tmp_path_factory.mktemp("refs") / "seed.sqlite")


def _json(store: str, *args: str) -> dict:
    return cli_json(*args, "--store", store)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("American", "united-states"), ("U.S.", "united-states"), ("Iranian", "iran")],
)
def test_allies_of_a_reference_name_are_the_stored_actors(
    store: str, name: str, expected: str
) -> None:
    answer = _json(store, "allies", name)
    assert answer["actor"]["id"] == expected
    assert answer == _json(store, "allies", expected)
    around = _json(store, "neighbourhood", name)
    assert around == _json(store, "neighbourhood", expected)
    assert around["center"] == expected


def test_iranian_allies_are_irans(store: str) -> None:
    answer = _json(store, "allies", "Iranian")
    assert [s["actor"]["id"] for s in answer["allies"]] == ["popular-mobilisation-forces"]


def test_path_between_reference_names(store: str) -> None:
    assert _json(store, "path", "Iranian", "American") == _json(
        store, "path", "iran", "united-states"
    )


def test_a_name_the_reference_knows_but_the_store_does_not_is_unknown(store: str) -> None:
    result = runner.invoke(app, ["allies", "Egyptian", "--store", store])
    assert result.exit_code == 1
    assert "unknown actor 'Egyptian'" in result.output
