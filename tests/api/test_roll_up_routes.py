"""``roll_up=true`` on the relation routes: answers between top-level actors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph.backends.embedded import EmbeddedStore
from tests.api.conftest import client_of
from tests.contract.world import EXTRA, WORLD
from tests.stores import world_file


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    """The contract world (Zeta Brigade is a member of Beta Militia) and gamma-state backing it."""
    store = EmbeddedStore(world_file(tmp_path, (*WORLD, EXTRA)))
    with client_of(store, token=None) as test_client:
        yield test_client
    store.close()


def _stances(answer: list) -> list[tuple[str, float]]:
    return [(s["actor"]["id"], s["stance"]) for s in answer]


def test_allies_and_enemies_rolled_up(client: TestClient) -> None:
    assert _stances(client.get("/actors/zeta-brigade/allies").json()) == [("gamma-state", 0.9)]
    rolled = client.get("/actors/Zeta Brigade/allies", params={"roll_up": True}).json()
    assert _stances(rolled) == [("gamma-state", 1.8)]
    assert client.get("/actors/zeta-brigade/enemies", params={"roll_up": True}).json() == (
        client.get("/actors/beta-militia/enemies", params={"roll_up": True}).json()
    )


def test_relations_rolled_up_have_no_unit_and_count_each_article_once(client: TestClient) -> None:
    found = client.get("/relations", params={"roll_up": True})
    assert found.status_code == 200
    relations = found.json()
    assert all("zeta-brigade" not in (r["source"], r["target"]) for r in relations)
    (support,) = [r for r in relations if r["type"] == "SUPPORTS"]
    assert (support["source"], support["target"], support["n_claims"], support["n_articles"]) == (
        "gamma-state",
        "beta-militia",
        2,
        2,
    )
    assert found.headers["X-Total-Count"] == str(len(relations))


def test_paths_neighbourhood_blocs_and_export_rolled_up(client: TestClient) -> None:
    (path,) = client.get(
        "/paths", params={"source": "zeta-brigade", "target": "gamma-state", "roll_up": True}
    ).json()
    assert path["actors"] == ["beta-militia", "gamma-state"]
    same = client.get(
        "/paths", params={"source": "zeta-brigade", "target": "beta-militia", "roll_up": True}
    )
    assert same.status_code == 422
    assert "both roll up to 'beta-militia'" in same.text
    around = client.get("/actors/zeta-brigade/neighbourhood", params={"roll_up": True}).json()
    assert around["center"] == "beta-militia"
    assert "zeta-brigade" not in client.get("/blocs", params={"roll_up": True}).json()["membership"]
    exported = json.loads(client.get("/export", params={"roll_up": True}).text)
    assert "zeta-brigade" not in [n["id"] for n in exported["nodes"]]


def test_roll_up_takes_a_boolean(client: TestClient) -> None:
    bad = client.get("/relations", params={"roll_up": "sometimes"})
    assert bad.status_code == 422
    assert "roll_up" in bad.text
