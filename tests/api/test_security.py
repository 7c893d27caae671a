"""Access control, CORS, body limits, request ids and logs."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.deps import get_store
from graph.backends.embedded import EmbeddedStore
from graph.settings import Settings
from tests.api.test_articles import DOC


def client_for(store: EmbeddedStore, **settings: object) -> TestClient:
    app = create_app(Settings(store=":memory:", **settings))
    app.dependency_overrides[get_store] = lambda: store
    return TestClient(app)


def test_without_a_configured_token_writes_are_refused(seeded: EmbeddedStore) -> None:
    with client_for(seeded) as client:
        response = client.post("/articles", json=DOC)
        assert response.status_code == 403
        assert "ACTORGRAPH_API_TOKEN" in response.json()["detail"]
        assert client.delete("/articles/anything").status_code == 403
        assert client.get("/actors/PMU/allies").status_code == 200
    assert seeded.stats().articles == 1


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic c2VjcmV0", "Bearer "])
def test_writes_need_the_right_token(seeded: EmbeddedStore, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    with client_for(seeded, api_token="s3cret") as client:
        response = client.post("/articles", json=DOC, headers=headers)
        assert response.status_code in (401, 403)
        assert (
            client.post(
                "/articles", json=DOC, headers={"Authorization": "Bearer s3cret"}
            ).status_code
            == 201
        )


def test_reads_can_be_protected(seeded: EmbeddedStore) -> None:
    with client_for(seeded, api_token="s3cret", protect_reads=True) as client:
        assert client.get("/actors/PMU/allies").status_code == 401
        authed = client.get("/actors/PMU/allies", headers={"Authorization": "Bearer s3cret"})
        assert authed.status_code == 200
        assert client.get("/health").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/actors?q=PMU",
        "/actors/PMU",
        "/paths?source=iran&target=AIF",
        "/evidence?source=PMU&target=Syrian%20army",
        "/balance",
        "/export",
        "/articles/the-new-arab-2016-02-25-pmu-coordinating-with-assad",
    ],
)
def test_protected_reads_cover_every_read_route(seeded: EmbeddedStore, path: str) -> None:
    with client_for(seeded, api_token="s3cret", protect_reads=True) as client:
        refused = client.get(path, headers={"Authorization": "Bearer wrong"})
        assert refused.status_code == 401
        assert refused.headers["WWW-Authenticate"] == "Bearer"
        assert client.get(path, headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_cors_is_off_by_default_and_configurable(seeded: EmbeddedStore) -> None:
    origin = {"Origin": "https://dashboards.example.org"}
    with client_for(seeded) as client:
        assert "access-control-allow-origin" not in client.get("/health", headers=origin).headers
    with client_for(seeded, cors_origins=["https://dashboards.example.org"]) as client:
        allowed = client.get("/health", headers=origin).headers
        assert allowed["access-control-allow-origin"] == "https://dashboards.example.org"


def test_oversized_bodies_are_refused_and_change_nothing(seeded: EmbeddedStore) -> None:
    with client_for(seeded, api_token="s3cret", max_body_bytes=200) as client:
        response = client.post("/articles", json=DOC, headers={"Authorization": "Bearer s3cret"})
        assert response.status_code == 413
    assert seeded.stats().articles == 1


def test_every_response_carries_a_request_id(seeded: EmbeddedStore) -> None:
    with client_for(seeded) as client:
        generated = client.get("/health").headers["X-Request-ID"]
        assert len(generated) == 32
        echoed = client.get("/health", headers={"X-Request-ID": "trace-42"})
        assert echoed.headers["X-Request-ID"] == "trace-42"
        assert client.get("/actors/nobody-at-all").headers["X-Request-ID"]


def test_json_logs_carry_the_request_id_and_no_token(seeded: EmbeddedStore, capsys) -> None:
    with client_for(seeded, api_token="s3cret", log_format="json") as client:
        client.post(
            "/articles",
            json=DOC,
            headers={"Authorization": "Bearer s3cret", "X-Request-ID": "req-7"},
        )
    lines = [
        json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")
    ]
    entry = next(e for e in lines if e.get("path") == "/articles")
    assert entry["request_id"] == "req-7"
    assert entry["status"] == 201
    assert all("s3cret" not in json.dumps(e) for e in lines)
    logging.getLogger("actorgraph").handlers.clear()


def test_the_access_line_names_the_path_as_sent_and_the_answer(
    seeded: EmbeddedStore, capsys
) -> None:
    with client_for(seeded, log_format="json") as client:
        answer = client.get("/actors/Who%3F/allies", headers={"X-Request-ID": "req-8"})
    assert answer.status_code == 404
    lines = [
        json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")
    ]
    [entry] = [e for e in lines if e["request_id"] == "req-8"]
    assert (entry["method"], entry["path"], entry["status"]) == (
        "GET",
        "/actors/Who%3F/allies",
        404,
    )
    assert entry["ms"] >= 0
    logging.getLogger("actorgraph").handlers.clear()


def test_ready_when_the_store_answers(seeded: EmbeddedStore) -> None:
    with client_for(seeded) as client:
        assert client.get("/ready").json() == {"status": "ready", "store": "embedded"}


def test_a_query_over_its_time_budget_is_504(seeded: EmbeddedStore) -> None:
    with client_for(seeded, query_seconds=1e-9) as client:
        response = client.get("/paths", params={"source": "iran", "target": "AIF", "k": 3})
        assert response.status_code == 504
        assert response.json()["error"] == "query_timeout"
    with client_for(seeded, query_seconds=10) as client:
        assert client.get("/paths", params={"source": "iran", "target": "AIF"}).status_code == 200


def test_lists_are_paginated(seeded: EmbeddedStore) -> None:
    with client_for(seeded) as client:
        first = client.get("/relations", params={"limit": 5})
        assert first.headers["X-Total-Count"] == "13"
        assert len(first.json()) == 5
        rest = client.get("/relations", params={"offset": 10, "limit": 5}).json()
        assert len(rest) == 3
        everything = client.get("/relations").json()
        assert first.json() + everything[5:10] + rest == everything
        allies = client.get("/actors/PMU/allies", params={"limit": 1})
        assert allies.headers["X-Total-Count"] == "5"
        assert client.get("/relations", params={"limit": 5000}).status_code == 422


def test_a_body_streamed_without_a_length_is_cut_off_at_the_limit(seeded: EmbeddedStore) -> None:
    body = json.dumps(DOC).encode()
    sent = []

    def chunks():  # no Content-Length: chunked transfer encoding
        for start in range(0, len(body), 50):
            sent.append(start)
            yield body[start : start + 50]

    with client_for(seeded, api_token="s3cret", max_body_bytes=200) as client:
        response = client.post(
            "/articles",
            content=chunks(),
            headers={"Authorization": "Bearer s3cret", "Content-Type": "application/json"},
        )
        assert response.status_code == 413
        assert response.json() == {
            "error": "body_too_large",
            "detail": "request body over 200 bytes",
        }
        assert response.headers["X-Request-ID"]
        assert client.get("/articles/wire-2017-03-01").status_code == 404
    assert seeded.stats().articles == 1


def test_405_lists_every_method_of_the_path(seeded: EmbeddedStore) -> None:
    with client_for(seeded) as client:
        assert client.put("/articles/anything").headers["Allow"] == "GET, DELETE"
        assert client.put("/health").headers["Allow"] == "GET"
        assert client.patch("/articles").headers["Allow"] == "POST"


def test_every_list_is_paginated_with_a_total(seeded: EmbeddedStore) -> None:
    with client_for(seeded) as client:
        found = client.get("/actors", params={"q": "Iraqi", "limit": 1000})
        total = int(found.headers["X-Total-Count"])
        assert total == len(found.json()) > 2
        page = client.get("/actors", params={"q": "Iraqi", "offset": 1, "limit": 2})
        assert page.headers["X-Total-Count"] == str(total)
        assert page.json() == found.json()[1:3]
        paths = client.get("/paths", params={"source": "iran", "target": "AIF", "k": 3})
        assert paths.headers["X-Total-Count"] == str(len(paths.json()))
        for route in ("/relations", "/actors/PMU/allies", "/actors/PMU/enemies"):
            assert "X-Total-Count" in client.get(route).headers
        evidence = client.get("/evidence", params={"source": "PMU", "target": "Syrian army"})
        assert evidence.headers["X-Total-Count"] == "3"


@pytest.mark.parametrize(
    ("query", "parameter", "allowed"),
    [
        ({"min_confidence": 2}, "min_confidence", "(allowed 0.0..1.0)"),
        ({"polarity": 5}, "polarity", "(allowed -1..1)"),
        ({"offset": -1}, "offset", "(allowed 0..1000000000)"),
        ({"limit": 0}, "limit", "(allowed 1..1000)"),
    ],
)
def test_out_of_range_answers_name_the_whole_range(
    seeded: EmbeddedStore, query: dict, parameter: str, allowed: str
) -> None:
    with client_for(seeded) as client:
        response = client.get("/relations", params=query)
        assert response.status_code == 422
        assert parameter in response.json()["detail"]
        assert response.json()["detail"].endswith(allowed)


class Broken:
    """A store whose every call fails in a way nobody planned for."""

    kind = "embedded"

    def __getattr__(self, name: str) -> object:
        raise RuntimeError("unplanned failure with password=hunter2 in it")


def test_an_unexpected_error_is_a_500_with_its_request_id_logged(capsys) -> None:
    app = create_app(Settings(store=":memory:", log_format="json"))
    app.dependency_overrides[get_store] = lambda: Broken()
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/actors/PMU", headers={"X-Request-ID": "req-500"})
    assert response.status_code == 500
    assert response.headers["X-Request-ID"] == "req-500"
    assert response.json()["error"] == "internal_error"
    assert "hunter2" not in response.text
    lines = [json.loads(x) for x in capsys.readouterr().err.splitlines() if x.startswith("{")]
    failed = [e for e in lines if e["request_id"] == "req-500" and "exception" in e]
    assert failed
    assert "RuntimeError" in failed[0]["exception"]
    logging.getLogger("actorgraph").handlers.clear()
    logging.getLogger("uvicorn").handlers.clear()
