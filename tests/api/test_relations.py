"""Relation routes: who is allied with whom, paths with signs, evidence."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import SEED_TEXT


def test_who_is_allied_with_whom(client: TestClient) -> None:
    positive = client.get("/relations", params={"polarity": 1}).json()
    assert positive
    assert {r["polarity"] for r in positive} == {1}
    pairs = {(r["source"], r["target"]) for r in positive}
    assert ("popular-mobilisation-forces", "syrian-arab-army") in pairs


def test_path_with_sign(client: TestClient) -> None:
    paths = client.get(
        "/paths", params={"source": "Iran", "target": "Alliance of Iraqi Forces"}
    ).json()
    assert paths[0]["actors"] == ["iran", "popular-mobilisation-forces", "alliance-of-iraqi-forces"]
    assert paths[0]["sign"] == -1
    assert [s["sign"] for s in paths[0]["steps"]] == [1, -1]


def test_positive_only_path(client: TestClient) -> None:
    params = {"source": "iran", "target": "alliance-of-iraqi-forces", "positive_only": True}
    assert client.get("/paths", params=params).json() == []


def test_k_out_of_range(client: TestClient) -> None:
    response = client.get("/paths", params={"source": "iran", "target": "PMU", "k": 11})
    assert response.status_code == 422
    assert response.json()["problems"][0]["allowed"] == {"min": 1, "max": 10}


def test_evidence_quotes_are_verbatim(client: TestClient) -> None:
    items = client.get("/evidence", params={"source": "PMU", "target": "Syrian army"}).json()
    assert len(items) == 3
    for item in items:
        assert item["claim"]["evidence"]["quote"] in SEED_TEXT
        assert item["article"]["publisher"] == "The New Arab"


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["stats"]["claims"] == 19


def test_evidence_is_paginated_with_the_total_in_a_header(client: TestClient) -> None:
    pair = {"source": "PMU", "target": "Syrian army"}
    whole = client.get("/evidence", params=pair)
    total = int(whole.headers["X-Total-Count"])
    assert total == len(whole.json()) >= 2
    second = client.get("/evidence", params={**pair, "offset": 1, "limit": 1})
    assert second.headers["X-Total-Count"] == str(total)
    assert second.json() == whole.json()[1:2]
