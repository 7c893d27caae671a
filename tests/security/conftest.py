"""A served app holding the seed, a token, and a secret in the server's environment."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.deps import get_store
from graph.backends.embedded import EmbeddedStore
from graph.settings import Settings
from tests.conftest import SEEDS
from tests.stores import cli_loaded

TOKEN = "security-token-7f3a"
SECRET = "hostile-input-secret-value-91c2"
"""Put in the server's environment: no answer may carry it."""

runner = CliRunner()


def article(text_file: str | None = None, **fields: object) -> dict:
    """A valid native document; with ``text_file`` naming a file instead of inline text."""
    body: dict = {
        "id": "hostile-2017-01-01",
        "title": "Probe",
        "published": "2017-01-01",
        **fields,
    }
    if text_file is None:
        body.setdefault("text", "Iran backs the PMU.")
    else:
        body["text_file"] = text_file
    return {"article": body}


@pytest.fixture
def secret_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("ACTORGRAPH_PROBE_SECRET", SECRET)
    return SECRET


@pytest.fixture
def client(seeded: EmbeddedStore, secret_env: str) -> Iterator[TestClient]:
    app = create_app(Settings(store=":memory:", api_token=TOKEN))
    app.dependency_overrides[get_store] = lambda: seeded
    with TestClient(
        app, headers={"Authorization": f"Bearer {TOKEN}"}, raise_server_exceptions=False
    ) as test_client:
        yield test_client


@pytest.fixture
def store_path(tmp_path: Path) -> str:
    """An embedded store file holding the seed, loaded by the CLI."""
    return cli_loaded(SEEDS, tmp_path / "cli.sqlite")


def counts(store: str) -> dict:
    with closing(EmbeddedStore(store)) as db:
        return db.stats().model_dump()
