"""Fixtures for loader tests: an embedded store with the seed gazetteer, and the shared data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.backends.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
GAZETTEER = ROOT / "seeds" / "actors.yaml"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    made = EmbeddedStore(tmp_path / "loaders.sqlite")
    yield made
    made.close()


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"the shared sample data is missing: {SHARED}")
    return SHARED
