"""The contract suite's ``store`` fixture, parametrised over every backend.

The Neo4j leg runs whenever ``NEO4J_URI`` is set and is skipped with a
visible reason otherwise (:mod:`tests.stores`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import GraphStore
from tests.contract.world import ACTORS, WORLD
from tests.stores import BACKENDS, fresh_store


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each backend."""
    with fresh_store(request.param, tmp_path) as made:
        yield made


@pytest.fixture
def world(store: GraphStore) -> GraphStore:
    """The store holding the fictional world."""
    store.upsert_actors(ACTORS)
    for doc in WORLD:
        store.upsert_article(doc)
    return store
