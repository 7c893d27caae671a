"""Fixtures shared across the suite: the seed, loaded into an embedded store."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.backends.embedded import EmbeddedStore
from graph.store import GraphStore
from ingest.pipeline import load, plan

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = ROOT / "tests" / "data"
"""Real third-party samples, each folder with its licence and attribution (tests/data/README.md)."""
SEED_TEXT = (SEEDS / "000_dbaca485cba48593.txt").read_text(encoding="utf-8")


def load_seeds(store: GraphStore) -> None:
    load(store, plan([SEEDS]))


@pytest.fixture
def seeded(tmp_path: Path) -> EmbeddedStore:
    """An embedded store holding the seed gazetteer and article."""
    store = EmbeddedStore(tmp_path / "seeded.sqlite")
    load_seeds(store)
    yield store
    store.close()
