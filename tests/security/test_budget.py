"""Exports answer within the query budget like every other read."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.deps import get_store
from graph.backends.embedded import EmbeddedStore
from graph.settings import Settings
from queries.blocs import Blocs


@pytest.mark.parametrize("format", ["graphml", "gexf", "csv", "node-link"])
def test_an_export_over_the_budget_is_504_and_stops(
    seeded: EmbeddedStore, monkeypatch: pytest.MonkeyPatch, format: str
) -> None:
    # blocs are found in no time here, so the export itself must watch the clock
    nothing = Blocs(blocs=(), membership={}, frustration=0.0, frustrated=())
    monkeypatch.setattr("queries.rollup.blocs", lambda _graph: nothing)
    app = create_app(Settings(store=":memory:", query_seconds=1e-9))
    app.dependency_overrides[get_store] = lambda: seeded
    with TestClient(app) as client:
        response = client.get("/export", params={"format": format})
    assert response.status_code == 504
    assert response.json()["error"] == "query_timeout"


def test_an_export_within_the_budget_answers(seeded: EmbeddedStore) -> None:
    app = create_app(Settings(store=":memory:"))
    app.dependency_overrides[get_store] = lambda: seeded
    with TestClient(app) as client:
        response = client.get("/export", params={"format": "graphml"})
    assert response.status_code == 200
    assert "<graphml" in response.text
