"""The published OpenAPI document is valid, every reference resolves, every status is listed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from api.app import create_app
from api.deps import get_store
from graph.settings import Settings
from tests.security.conftest import TOKEN, article


def references(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from references(value)
    elif isinstance(node, list):
        for value in node:
            yield from references(value)


def test_the_openapi_document_is_valid_and_its_references_resolve(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    validate(document)
    refs = set(references(document))
    assert refs, "the document references no schema: there is nothing to resolve"
    dangling = []
    for ref in refs:
        node: object = document
        for part in ref.removeprefix("#/").split("/"):
            node = node.get(part) if isinstance(node, dict) else None
        if not ref.startswith("#/") or node is None:
            dangling.append(ref)
    assert sorted(dangling) == []


def documented(client: TestClient, method: str, path: str) -> set[int]:
    operation = client.get("/openapi.json").json()["paths"][path][method]
    return {int(code) for code in operation["responses"]}


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("post", "/articles", {"content": b"\xff{", "headers": {"Content-Type": "text/plain"}}),
        ("post", "/articles", {"json": {"article": {"id": "x"}}}),
        ("post", "/articles", {"json": article("/etc/hostname")}),
        ("post", "/articles", {"json": {**article(), "actors": [{"id": "iran", "name": "I"}]}}),
        ("post", "/articles", {"json": article(), "headers": {"Authorization": "Bearer no"}}),
        ("post", "/articles", {"content": b"x" * 6_000_000}),
        (
            "post",
            "/articles",
            {
                "content": b"[" * 100_000 + b"]" * 100_000,
                "headers": {"Content-Type": "application/json"},
            },
        ),
        ("get", "/actors", {"params": {"q": "PMU", "offset": 2**63}}),
        ("get", "/evidence", {"params": {"source": "PMU", "target": "Iran", "offset": 2**63}}),
        ("get", "/actors/{ref}", {}),
    ],
)
def test_each_answer_is_a_documented_status(
    client: TestClient, method: str, path: str, kwargs: dict
) -> None:
    url = path.replace("{ref}", "Nobody At All")
    response = client.request(method.upper(), url, **kwargs)
    assert response.status_code < 500
    assert response.status_code in documented(client, method, path)


def test_protected_reads_document_their_401(seeded, secret_env) -> None:

    app = create_app(Settings(store=":memory:", api_token=TOKEN, protect_reads=True))
    app.dependency_overrides[get_store] = lambda: seeded
    with TestClient(app) as client:
        response = client.get("/actors/PMU")
        assert response.status_code == 401
        assert 401 in documented(client, "get", "/actors/{ref}")
        health = client.get("/health").json()
        assert health["store_status"] == "up"
        assert "stats" not in health
        authed = client.get("/health", headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert authed["stats"]["articles"] == 1
