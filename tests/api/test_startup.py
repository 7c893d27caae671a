"""What the server holds once started is exempt from the collector's full passes."""

from __future__ import annotations

import gc

from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings


def test_objects_alive_at_startup_are_frozen_out_of_collection() -> None:
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    # a Neo4j store (here one that is down): the embedded store freezes its own index
    app = create_app(Settings(store="bolt://127.0.0.1:9", neo4j_timeout=1))
    with TestClient(app) as client:
        assert client.get("/health").status_code == 200
        # the modules, the app and its driver: tens of thousands of objects a full
        # collection would otherwise walk again in the middle of a request
        assert gc.get_freeze_count() > 10_000
