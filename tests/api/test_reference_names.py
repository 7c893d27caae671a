"""Actor refs the store does not hold, answered through the reference gazetteer."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("name", "expected"),
    [("American", "united-states"), ("U.S.", "united-states"), ("Iranian", "iran")],
)
def test_a_reference_name_answers_as_the_stored_actor(
    client: TestClient, name: str, expected: str
) -> None:
    assert client.get(f"/actors/{name}").json()["id"] == expected
    allies = client.get(f"/actors/{name}/allies")
    assert allies.status_code == 200, allies.text
    assert allies.json() == client.get(f"/actors/{expected}/allies").json()
    around = client.get(f"/actors/{name}/neighbourhood").json()
    assert around == client.get(f"/actors/{expected}/neighbourhood").json()
    assert around["center"] == expected


def test_iranian_allies_are_irans(client: TestClient) -> None:
    allies = client.get("/actors/Iranian/allies").json()
    assert [s["actor"]["id"] for s in allies] == ["popular-mobilisation-forces"]


def test_reference_names_on_both_ends_of_a_path(client: TestClient) -> None:
    by_name = client.get("/paths", params={"source": "Iranian", "target": "American"})
    by_id = client.get("/paths", params={"source": "iran", "target": "united-states"})
    assert by_name.status_code == 200, by_name.text
    assert by_name.json() == by_id.json()


def test_a_name_the_reference_knows_but_the_store_does_not_is_unknown(client: TestClient) -> None:
    before = client.get("/actors", params={"limit": 1000}).json()
    answer = client.get("/actors/Egyptian/allies")
    assert answer.status_code == 404
    assert answer.json()["error"] == "unknown_actor"
    assert client.get("/actors", params={"limit": 1000}).json() == before  # nothing recorded
