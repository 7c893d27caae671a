"""The quick reads take their query parameters as one model each: what users see stays
the same (each parameter documented, each bad one named in the 422, filters checked)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

QUICK_READS = [
    ("/actors/PMU/allies", {}),
    ("/actors/PMU/enemies", {}),
    ("/paths", {"source": "iran", "target": "PMU"}),
    ("/evidence", {"source": "PMU", "target": "Syrian army"}),
]
FILTERS = ["as_of", "since", "until", "types", "polarity", "min_confidence", "country", "bbox"]


@pytest.mark.parametrize(("path", "params"), QUICK_READS)
@pytest.mark.parametrize(
    ("bad", "location", "allowed"),
    [
        ({"as_of": "2020-1-1"}, ["query", "as_of"], None),
        ({"polarity": [1, 5]}, ["query", "polarity", "1"], {"min": -1, "max": 1}),
        ({"min_confidence": "high"}, ["query", "min_confidence"], {"min": 0.0, "max": 1.0}),
        ({"country": "SYRIA"}, ["query", "country"], None),
    ],
)
def test_a_bad_filter_is_named_with_what_is_allowed(
    client: TestClient, path: str, params: dict, bad: dict, location: list, allowed: dict | None
) -> None:
    response = client.get(path, params={**params, **bad})
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid_request"
    [problem] = body["problems"]
    assert problem["location"] == location
    assert problem.get("allowed") == allowed
    assert body["detail"].startswith(".".join(location) + ": ")


def test_every_bad_parameter_is_named_in_the_order_documented(client: TestClient) -> None:
    response = client.get(
        "/paths", params={"target": "PMU", "k": 0, "since": "soon", "limit": "ignored"}
    )
    assert response.status_code == 422
    locations = [p["location"] for p in response.json()["problems"]]
    assert locations == [["query", "source"], ["query", "k"], ["query", "since"]]


@pytest.mark.parametrize(("path", "params"), QUICK_READS)
def test_filters_are_checked_against_the_vocabulary(
    client: TestClient, path: str, params: dict
) -> None:
    response = client.get(path, params={**params, "types": ["FIGHTS", "FRIENDS_WITH"]})
    assert response.status_code == 422
    assert response.json()["error"] == "unknown_relation_type"


def test_filters_and_page_apply_on_a_quick_read(client: TestClient) -> None:
    every = client.get("/actors/PMU/allies").json()
    assert len(every) >= 2
    paged = client.get("/actors/PMU/allies", params={"offset": 1, "limit": 1})
    assert paged.json() == every[1:2]
    assert paged.headers["X-Total-Count"] == str(len(every))
    assert client.get("/actors/PMU/allies", params={"as_of": "1990-01-01"}).json() == []


@pytest.mark.parametrize(("path", "params"), QUICK_READS)
def test_each_parameter_is_documented_on_its_own(
    client: TestClient, path: str, params: dict
) -> None:
    route = "/actors/{ref}/" + path.rsplit("/", 1)[1] if path.startswith("/actors") else path
    operation = client.get("/openapi.json").json()["paths"][route]["get"]
    names = [p["name"] for p in operation["parameters"] if p["in"] == "query"]
    assert names[names.index("as_of") :][: len(FILTERS)] == FILTERS
    assert set(params) <= set(names)
    described = {p["name"]: p.get("description") for p in operation["parameters"]}
    assert all(described[name] for name in FILTERS)
