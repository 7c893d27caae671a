"""``GET /actors`` without a query, ``GET /unresolved`` and accepting a suggestion over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph.backends.embedded import EmbeddedStore
from tests.api.conftest import client_of
from tests.unresolved_world import unresolved_world

TOKEN = "tools-token-123"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    opened = EmbeddedStore(unresolved_world(tmp_path))
    yield opened
    opened.close()


@pytest.fixture
def client(store: EmbeddedStore) -> Iterator[TestClient]:
    with client_of(store, TOKEN, authorised=False) as test_client:
        yield test_client


def _ids(answer: list) -> list[str]:
    return [row["actor"]["id"] for row in answer]


def test_every_actor_paged_with_the_total(client: TestClient) -> None:
    first = client.get("/actors", params={"limit": 4})
    assert first.status_code == 200
    assert first.headers["X-Total-Count"] == "9"
    assert _ids(first.json()) == [
        "alpha-frnt",
        "alpha-front",
        "beta-militia",
        "beta-militia-fighters",
    ]
    assert first.json()[1]["claims"] == 5
    rest = client.get("/actors", params={"offset": 4, "limit": 100}).json()
    assert len(rest) == 5
    assert not set(_ids(rest)) & set(_ids(first.json()))


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({"unresolved": True}, ["alpha-frnt", "beta-militia-fighters", "omega-group"]),
        ({"unresolved": False, "kind": "militia"}, ["beta-militia", "zeta-brigade"]),
        ({"source": "ucdp"}, ["gamma-state"]),
        ({"source": "acled"}, []),
        ({"min_claims": 4, "sort": "claims"}, ["alpha-front", "beta-militia", "delta-party"]),
        ({"sort": "claims", "limit": 2}, ["alpha-front", "beta-militia"]),
    ],
)
def test_filters_for_dashboards(client: TestClient, params: dict, ids: list[str]) -> None:
    found = client.get("/actors", params=params)
    assert found.status_code == 200, found.text
    assert _ids(found.json()) == ids


def test_a_query_still_searches_and_the_filters_apply_to_it(client: TestClient) -> None:
    matches = client.get("/actors", params={"q": "alpha front"}).json()
    assert matches[0]["actor"]["id"] == "alpha-front"
    assert "score" in matches[0]
    only = client.get("/actors", params={"q": "alpha front", "unresolved": True}).json()
    assert _ids(only) == ["alpha-frnt"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"offset": -1}, "offset"),
        ({"min_claims": -1}, "min_claims"),
        ({"kind": "spaceship"}, "kind"),
        ({"sort": "size"}, "sort"),
    ],
)
def test_out_of_range_is_422_naming_the_field(client: TestClient, params: dict, field: str) -> None:
    bad = client.get("/actors", params=params)
    assert bad.status_code == 422
    assert field in bad.json()["detail"]


def test_unresolved_ranked_with_suggestions_said_to_be_guesses(client: TestClient) -> None:
    found = client.get("/unresolved")
    assert found.status_code == 200
    assert found.headers["X-Total-Count"] == "3"
    page = found.json()
    assert [(i["actor"]["id"], i["claims"]) for i in page["items"]] == [
        ("alpha-frnt", 2),
        ("beta-militia-fighters", 1),
        ("omega-group", 0),
    ]
    (suggested,) = page["items"][0]["suggestions"]
    assert (suggested["actor"]["id"], suggested["why"]) == (
        "alpha-front",
        "'Alpha Frnt' is spelled like 'Alpha Front' (95% similar)",
    )
    assert "guess" in page["note"]
    none = client.get("/unresolved", params={"suggestions": 0}).json()
    assert all(i["suggestions"] == [] for i in none["items"])


def test_accepting_needs_the_token_and_merges_with_a_note(
    client: TestClient, store: EmbeddedStore
) -> None:
    body = {"target": "Alpha Front"}
    assert client.post("/unresolved/alpha-frnt/accept", json=body).status_code == 401
    assert store.merges() == []
    done = client.post(
        "/unresolved/Alpha Frnt/accept", json=body, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert done.status_code == 200, done.text
    assert done.json()["merge"]["note"].startswith("accepted suggestion: 'Alpha Frnt'")
    assert store.actor("Alpha Frnt").id == "alpha-front"
    assert client.get("/unresolved").headers["X-Total-Count"] == "2"


def test_accepting_for_a_resolved_actor_is_refused_and_changes_nothing(
    client: TestClient, store: EmbeddedStore
) -> None:
    refused = client.post(
        "/unresolved/alpha-front/accept",
        json={"target": "gamma-state"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert refused.status_code == 422
    assert "is not an unresolved actor" in refused.text
    assert store.merges() == []
