"""Actor routes: search, detail, allies, enemies, neighbourhood."""

from __future__ import annotations

from fastapi.testclient import TestClient

PMU = "popular-mobilisation-forces"


def test_search_tolerates_spelling(client: TestClient) -> None:
    found = client.get("/actors", params={"q": "popular mobilization units"}).json()
    assert found[0]["actor"]["id"] == PMU


def test_search_answers_close_matches_only(client: TestClient) -> None:
    def ids(q: str) -> list[str]:
        return [m["actor"]["id"] for m in client.get("/actors", params={"q": q}).json()]

    assert ids("Iran") == ["iran"]  # not every Iraqi actor
    assert ids("Hashd") == [PMU]  # not Jordan, "Hashemite Kingdom"
    assert "syrian-arab-army" in ids("syrian army")


def test_detail_by_alias(client: TestClient) -> None:
    response = client.get("/actors/Hashd al-Shaabi")
    assert response.status_code == 200
    assert response.json()["id"] == PMU


def test_unknown_actor_is_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/actors/Popular Mobilsation Forces/allies")
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "unknown_actor"
    assert body["suggestions"][0] == PMU


def test_allies_carry_relations_and_evidence(client: TestClient) -> None:
    allies = client.get("/actors/PMU/allies").json()
    first = allies[0]
    assert first["actor"]["id"] == "syrian-arab-army"
    relation = first["relations"][0]
    assert relation["type"] == "COOPERATES_WITH"
    assert relation["n_articles"] == 1
    assert relation["first_seen"] == "2016-02-24"
    assert "Syrian" in relation["evidence"]["quote"]


def test_enemies(client: TestClient) -> None:
    enemies = [s["actor"]["id"] for s in client.get(f"/actors/{PMU}/enemies").json()]
    assert enemies[0] == "alliance-of-iraqi-forces"


def test_filters_change_the_answer(client: TestClient) -> None:
    assert client.get("/actors/PMU/allies", params={"until": "2015-12-31"}).json() == []
    only = client.get("/actors/PMU/allies", params={"types": "SUPPORTS"}).json()
    assert {s["actor"]["id"] for s in only} == {"iran", "iraqi-government", "haider-al-abadi"}


def test_unknown_type_is_422_listing_the_vocabulary(client: TestClient) -> None:
    response = client.get("/actors/PMU/allies", params={"types": "BEFRIENDS"})
    assert response.status_code == 422
    assert "ALLIED_WITH" in response.json()["allowed"]


def test_neighbourhood_depth_and_limit(client: TestClient) -> None:
    sub = client.get("/actors/iran/neighbourhood", params={"depth": 2, "limit": 3}).json()
    assert sub["center"] == "iran"
    assert len(sub["nodes"]) == 4
    assert sub["truncated"] is True


def test_neighbourhood_caps_relations_and_counts_them_all(client: TestClient) -> None:
    url = "/actors/iran/neighbourhood"
    full = client.get(url, params={"depth": 2}).json()
    assert full["total_relations"] == len(full["relations"]) > 2
    capped = client.get(url, params={"depth": 2, "max_relations": 2}).json()
    assert capped["total_relations"] == full["total_relations"]
    # Iran's one tie first, then the strongest other: the PMU with the Syrian Arab Army
    assert [(r["source"], r["target"]) for r in capped["relations"]] == [
        ("iran", PMU),
        (PMU, "syrian-arab-army"),
    ]
    assert client.get(url, params={"max_relations": 0}).status_code == 422


def test_out_of_range_depth_says_the_allowed_range(client: TestClient) -> None:
    response = client.get("/actors/iran/neighbourhood", params={"depth": 9})
    assert response.status_code == 422
    body = response.json()
    assert body["problems"][0]["allowed"] == {"min": 1, "max": 4}
    assert "allowed 1..4" in body["detail"]


def test_since_after_until_is_422(client: TestClient) -> None:
    response = client.get(
        "/actors/PMU/allies", params={"since": "2017-01-01", "until": "2016-01-01"}
    )
    assert response.status_code == 422
    assert "after until" in response.json()["detail"]
