"""The app with its store dependency overridden by a seeded embedded store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.deps import get_store
from graph.backends.embedded import EmbeddedStore
from graph.settings import Settings
from graph.store import GraphStore

TOKEN = "test-token-123"


@contextmanager
def client_of(
    store: GraphStore, token: str | None = TOKEN, *, authorised: bool = True
) -> Iterator[TestClient]:
    """A client of the app whose routes get ``store``; the app wants ``token`` (if any) for
    writes, and the client sends it on every request if ``authorised``."""
    app = create_app(Settings(store=":memory:", api_token=token))
    app.dependency_overrides[get_store] = lambda: store
    headers = {"Authorization": f"Bearer {token}"} if token and authorised else None
    with TestClient(app, headers=headers) as test_client:
        yield test_client


@pytest.fixture
def client(seeded: EmbeddedStore) -> Iterator[TestClient]:
    with client_of(seeded) as test_client:
        yield test_client
