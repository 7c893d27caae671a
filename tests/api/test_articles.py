"""Article routes: ingest, read, retract; a failed request changes nothing."""

from __future__ import annotations

from fastapi.testclient import TestClient

DOC = {
    "article": {
        "id": "wire-2017-03-01",
        "title": "Kurdish forces and the units agree",
        "published": "2017-03-01",
        "text": "Kurdish forces agreed to coordinate with the Popular Mobilisation.",
    },
    "claims": [
        {
            "source": "Kurdish forces",
            "target": "PMU",
            "type": "COOPERATES_WITH",
            "confidence": 0.9,
            "evidence": "Kurdish forces agreed to coordinate with the Popular Mobilisation",
        }
    ],
}


def stance_of_kurdish_forces(client: TestClient) -> float:
    allies = client.get("/actors/PMU/allies").json()
    enemies = client.get("/actors/PMU/enemies").json()
    for item in allies + enemies:
        if item["actor"]["id"] == "iraqi-kurdish-forces":
            return item["stance"]
    return 0.0


def test_post_get_delete_round_trip(client: TestClient) -> None:
    assert stance_of_kurdish_forces(client) < 0
    created = client.post("/articles", json=DOC)
    assert created.status_code == 201
    assert created.json()["status"] == "new"
    assert stance_of_kurdish_forces(client) > 0
    again = client.post("/articles", json=DOC)
    assert (again.status_code, again.json()["status"]) == (200, "unchanged")
    assert client.get("/articles/wire-2017-03-01").json()["text"] == DOC["article"]["text"]
    assert client.delete("/articles/wire-2017-03-01").status_code == 204
    assert stance_of_kurdish_forces(client) < 0
    assert client.get("/articles/wire-2017-03-01").status_code == 404


def test_bad_article_is_422_and_changes_nothing(client: TestClient) -> None:
    before = client.get("/health").json()["stats"]
    bad = {**DOC, "claims": [{**DOC["claims"][0], "evidence": "not in the text"}]}
    response = client.post("/articles", json=bad)
    assert response.status_code == 422
    body = response.json()
    assert (body["record"], body["field"]) == ("claims[0]", "evidence")
    assert client.get("/health").json()["stats"] == before


def test_unknown_actor_in_article_is_422(client: TestClient) -> None:
    bad = {**DOC, "claims": [{**DOC["claims"][0], "target": "Nonexistent Brigade"}]}
    response = client.post("/articles", json=bad)
    assert response.status_code == 422
    assert response.json()["field"] == "target"


def test_delete_unknown_article_is_404(client: TestClient) -> None:
    assert client.delete("/articles/nope").status_code == 404


def test_a_misspelt_actor_is_422_with_the_closest_stored_names(client: TestClient) -> None:
    bad = {**DOC, "claims": [{**DOC["claims"][0], "source": "Kurdish forcess"}]}
    response = client.post("/articles", json=bad)
    assert response.status_code == 422
    assert "iraqi-kurdish-forces" in response.json()["detail"]


def test_an_article_names_the_actors_it_carries_and_the_stored_ones(client: TestClient) -> None:
    carried = {
        **DOC,
        "article": {**DOC["article"], "id": "wire-2017-03-02"},
        "actors": [{"id": "lions-brigade", "name": "Lions Brigade", "aliases": ["The Lions"]}],
        "claims": [{**DOC["claims"][0], "source": "the lions", "evidence": None}],
    }
    assert client.post("/articles", json=carried).status_code == 201
    (item,) = [
        a for a in client.get("/actors/PMU/allies").json() if a["actor"]["id"] == "lions-brigade"
    ]
    assert item["stance"] > 0
