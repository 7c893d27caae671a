"""Fixtures for loader tests: an embedded store with the seed gazetteer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.backends.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
GAZETTEER = ROOT / "seeds" / "actors.yaml"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    made = EmbeddedStore(tmp_path / "loaders.sqlite")
    yield made
    made.close()
