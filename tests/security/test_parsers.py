"""No input crashes a request or a load: deep nesting, alias bombs, byte order marks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cli.main import app as cli
from tests.security.conftest import article, counts, runner

DEEP = 100_000


def deep_json() -> str:
    return '{"article": ' + "[" * DEEP + "]" * DEEP + "}"


def deep_yaml() -> str:
    return "article: " + "[" * 5000 + "]" * 5000 + "\n"


ALIAS_BOMB = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(8)]
    + ["article: *i"]
)


def test_deeply_nested_article_body_is_422(client: TestClient) -> None:
    before = client.get("/health").json()["stats"]
    response = client.post(
        "/articles", content=deep_json(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert "nested deeper than" in response.json()["detail"]
    assert client.get("/health").json()["stats"] == before


def test_malformed_article_body_is_422_not_400(client: TestClient) -> None:
    response = client.post("/articles", content=b"\xff{", headers={"Content-Type": "text/plain"})
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_input"


NESTED = "nested deeper than 64 levels"
TOO_MANY = "over 2,000,000 values in one document"


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("deep.json", deep_json(), NESTED),
        ("deep.yaml", deep_yaml(), NESTED),
        ("bomb.yaml", ALIAS_BOMB, TOO_MANY),
        ("tasks.json", "[" + "[" * DEEP + "]" * DEEP + "]", "nested deeper than"),
        ("actors.yaml", "actors: " + "[" * 5000 + "]" * 5000, NESTED),
    ],
)
def test_deep_uploads_are_422(client: TestClient, name: str, content: str, said: str) -> None:
    before = client.get("/health").json()["stats"]
    response = client.post("/ingest", files=[("files", (name, content.encode(), "text/plain"))])
    assert response.status_code == 422
    assert said in response.json()["detail"]
    assert client.get("/health").json()["stats"] == before


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("deep.json", deep_json(), NESTED),
        ("deep.yaml", deep_yaml(), NESTED),
        ("bomb.yaml", ALIAS_BOMB, TOO_MANY),
    ],
)
def test_cli_load_of_deep_input_is_a_load_error(
    tmp_path: Path, store_path: str, name: str, content: str, said: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    before = counts(store_path)
    result = runner.invoke(cli, ["load", str(path), "--store", store_path])
    assert result.exit_code == 1
    assert said in result.output
    assert str(path) in result.output
    assert counts(store_path) == before


def test_re3d_line_nested_too_deep_is_a_bad_record(tmp_path: Path, store_path: str) -> None:
    folder = tmp_path / "re3d"
    folder.mkdir()
    (folder / "documents.json").write_text("[" * DEEP + "]" * DEEP + "\n")
    (folder / "entities.json").write_text("")
    (folder / "relations.json").write_text("")
    result = runner.invoke(cli, ["load", str(folder), "--store", store_path])
    assert result.exit_code == 1
    assert "nested deeper than" in result.output


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_byte_order_mark_is_read_past(tmp_path: Path, store_path: str, suffix: str) -> None:
    path = tmp_path / f"bom{suffix}"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(article()).encode())
    result = runner.invoke(cli, ["load", str(path), "--store", store_path, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"]["new"] == 1


def test_a_gazetteer_with_a_byte_order_mark_loads(tmp_path: Path, store_path: str) -> None:
    path = tmp_path / "actors.json"
    actors = {"actors": [{"id": "bom-front", "name": "BOM Front"}]}
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(actors).encode())
    result = runner.invoke(cli, ["load", str(path), "--store", store_path, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["actors_new"] == 1


def test_loading_an_empty_folder_is_an_error(tmp_path: Path, store_path: str) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(cli, ["load", str(empty), "--store", store_path])
    assert result.exit_code == 1
    assert "nothing to load" in result.stderr
    assert str(empty) in result.stderr
