"""The app with its store dependency overridden by a seeded embedded store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.deps import get_store
from graph.backends.embedded import EmbeddedStore
from graph.settings import Settings

TOKEN = "test-token-123"


@pytest.fixture
def client(seeded: EmbeddedStore) -> Iterator[TestClient]:
    app = create_app(Settings(store=":memory:", api_token=TOKEN))
    app.dependency_overrides[get_store] = lambda: seeded
    with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as test_client:
        yield test_client
