"""An article may introduce actors; it may not change an existing one or take its names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cli.main import app as cli
from tests.security.conftest import article, counts, runner

HIJACK = {"id": "iran", "name": "Hijacked Name", "aliases": ["PMU"]}
TAKES_AN_ALIAS = {"id": "new-front", "name": "New Front", "aliases": ["PMU"]}
TAKES_A_NAME = {"id": "iran-2", "name": "Iran"}


def with_actors(*actors: dict) -> dict:
    return {**article(), "actors": list(actors)}


def iran_and_pmu(client: TestClient) -> tuple[str, str]:
    iran = client.get("/actors/iran").json()["name"]
    pmu = client.get("/actors/PMU").json()["id"]
    return iran, pmu


@pytest.mark.parametrize(
    ("actor", "field", "named"),
    [
        (HIJACK, "name", "Hijacked Name"),
        ({**HIJACK, "name": "Iran", "kind": "state", "country": "IRN"}, "aliases", "PMU"),
        ({"id": "iran", "name": "Iran", "kind": "militia"}, "kind", "militia"),
        (TAKES_AN_ALIAS, "aliases", "popular-mobilisation-forces"),
        (TAKES_A_NAME, "name", "iran"),
    ],
)
def test_post_articles_refuses_to_change_an_actor(
    client: TestClient, actor: dict, field: str, named: str
) -> None:
    before = client.get("/health").json()["stats"]
    response = client.post("/articles", json=with_actors(actor))
    assert response.status_code == 409
    body = response.json()
    assert body["error"] == "actor_conflict"
    assert (body["record"], body["field"]) == ("actors[0]", field)
    assert named in body["detail"]
    assert iran_and_pmu(client) == ("Iran", "popular-mobilisation-forces")
    assert client.get("/articles/hostile-2017-01-01").status_code == 404
    assert client.get("/health").json()["stats"] == before


def test_ingest_refuses_to_change_an_actor(client: TestClient) -> None:
    doc = json.dumps(with_actors(HIJACK)).encode()
    response = client.post("/ingest", files=[("files", ("doc.json", doc, "application/json"))])
    assert response.status_code == 409
    assert iran_and_pmu(client) == ("Iran", "popular-mobilisation-forces")


def test_an_article_may_introduce_an_actor_and_repeat_a_known_one(client: TestClient) -> None:
    iran = client.get("/actors/iran").json()
    fresh = {"id": "new-front", "name": "New Front", "aliases": ["NF"]}
    response = client.post("/articles", json=with_actors(fresh, iran))
    assert response.status_code == 201, response.text
    assert client.get("/actors/NF").json()["id"] == "new-front"
    assert client.post("/articles", json=with_actors(fresh, iran)).status_code == 200


def test_cli_load_refuses_to_change_an_actor(tmp_path: Path, store_path: str) -> None:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(with_actors(HIJACK)))
    before = counts(store_path)
    result = runner.invoke(cli, ["load", str(path), "--store", store_path])
    assert result.exit_code == 1
    assert f"{path}: record actors[0]: field name:" in result.stderr
    assert "'Iran' -> 'Hijacked Name'" in result.stderr
    assert counts(store_path) == before
    shown = runner.invoke(cli, ["search", "PMU", "--store", store_path, "--json"])
    assert json.loads(shown.stdout)[0]["actor"]["id"] == "popular-mobilisation-forces"


def test_a_later_document_of_one_load_cannot_redefine_an_earlier_ones_actor(
    tmp_path: Path, store_path: str
) -> None:
    first = {"id": "new-front", "name": "New Front", "aliases": ["NF"]}
    (tmp_path / "a.json").write_text(json.dumps(with_actors(first)))
    second = {**with_actors({**first, "name": "Renamed Front"})}
    second["article"] = {**second["article"], "id": "hostile-2017-01-02"}
    (tmp_path / "b.json").write_text(json.dumps(second))
    result = runner.invoke(cli, ["load", str(tmp_path), "--store", store_path])
    assert result.exit_code == 1
    assert "'New Front' -> 'Renamed Front'" in result.stderr
