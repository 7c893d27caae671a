"""What each server worker runs: the app over the store the environment names."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.server import app_from_environment, check_workers
from graph.backends.embedded import EmbeddedStore
from graph.errors import ConfigurationError
from graph.settings import Settings


def test_a_worker_serves_the_store_the_environment_names(
    seeded: EmbeddedStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = seeded.stats()
    seeded.close()
    monkeypatch.setenv("ACTORGRAPH_STORE", str(tmp_path / "seeded.sqlite"))
    with TestClient(app_from_environment()) as client:
        health = client.get("/health").json()
        assert health["stats"] == expected.model_dump()
        assert client.get("/actors/PMU").status_code == 200


def test_workers_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTORGRAPH_WORKERS", "3")
    assert Settings().workers == 3


@pytest.mark.parametrize("workers", [2, 8])
def test_a_memory_store_cannot_be_shared_by_workers(workers: int) -> None:
    with pytest.raises(ConfigurationError, match=f"--workers {workers} needs a store file"):
        check_workers(Settings(store=":memory:", workers=workers))


def test_one_worker_may_serve_a_memory_store_and_many_a_file(tmp_path: Path) -> None:
    check_workers(Settings(store=":memory:", workers=1))
    check_workers(Settings(store=str(tmp_path / "store.sqlite"), workers=4))
