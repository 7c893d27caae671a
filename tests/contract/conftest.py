"""The contract suite's ``store`` fixture, parametrised over every backend.

The Neo4j leg runs whenever ``NEO4J_URI`` is set (with ``NEO4J_USER``,
``NEO4J_PASSWORD`` and optionally ``NEO4J_DATABASE``) and is skipped with a
visible reason otherwise: no fake server ever stands in for Neo4j.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from world import ACTORS, WORLD

from graph.backends.embedded import EmbeddedStore
from graph.store import GraphStore


def _neo4j_store() -> GraphStore:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip(
            "NEO4J_URI not set: the Neo4j contract leg needs a live server "
            "(docker compose up neo4j, then NEO4J_URI=bolt://localhost:7687)"
        )
    from graph.backends.neo4j import Neo4jStore

    store = Neo4jStore.connect(
        uri,
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", ""),
        os.environ.get("NEO4J_DATABASE"),
    )
    store.wipe()
    return store


@pytest.fixture(params=["embedded", "neo4j"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each backend."""
    made = (
        EmbeddedStore(tmp_path / "contract.sqlite")
        if request.param == "embedded"
        else _neo4j_store()
    )
    yield made
    made.close()


@pytest.fixture
def world(store: GraphStore) -> GraphStore:
    """The store holding the fictional world."""
    store.upsert_actors(ACTORS)
    for doc in WORLD:
        store.upsert_article(doc)
    return store
