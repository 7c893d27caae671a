"""The API with its Neo4j store down: a clear 503, health says so, nothing hangs."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings


def test_store_down_answers_503_and_health_and_ready_report_it() -> None:
    app = create_app(Settings(store="bolt://127.0.0.1:9", neo4j_timeout=1))
    with TestClient(app) as client:
        health = client.get("/health")
        assert health.status_code == 200
        assert health.json()["store_status"] == "down"
        assert client.get("/ready").status_code == 503
        response = client.get("/actors/PMU/allies")
        assert response.status_code == 503
        body = response.json()
        assert body["error"] == "store_unavailable"
        assert "bolt://127.0.0.1:9" in body["detail"]
