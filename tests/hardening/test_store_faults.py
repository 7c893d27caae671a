"""The embedded store's file locked or removed: a clear 503, no write lost, then recovery."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.deps import get_store
from graph.backends.embedded import EmbeddedStore
from graph.errors import StoreUnavailable
from graph.settings import Settings
from tests.api.test_articles import DOC
from tests.conftest import load_seeds

TOKEN = "fault-token"


def backup(path: Path, to: Path) -> None:
    with sqlite3.connect(path) as source, sqlite3.connect(to) as target:
        source.backup(target)


def test_removed_file_refuses_writes_then_recovers_when_restored(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    store = EmbeddedStore(path)
    load_seeds(store)
    saved = tmp_path / "backup.sqlite"
    backup(path, saved)
    before = store.stats()
    app = create_app(Settings(store=":memory:", api_token=TOKEN))
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        response = client.post("/articles", json=DOC)
        assert response.status_code == 503
        assert "missing" in response.json()["detail"]
        assert client.get("/ready").status_code == 503
        shutil.copy(saved, path)
        assert client.get("/ready").status_code == 200
        assert client.get("/health").json()["stats"] == before.model_dump()
        assert client.post("/articles", json=DOC).status_code == 201
    store.close()
    reopened = EmbeddedStore(path)
    assert reopened.stats().articles == before.articles + 1


def test_locked_file_is_503_after_the_wait_then_writes_go_through(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    store = EmbeddedStore(path, busy_seconds=0.2)
    load_seeds(store)
    before = store.stats()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreUnavailable, match="not writable"):
            store.delete_article(store.relations()[0].evidence_article)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert store.stats() == before
    store.delete_article(store.relations()[0].evidence_article)
    assert store.stats().articles == 0
    store.close()
