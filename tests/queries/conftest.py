"""The fictional world on every backend, for the analyses and exports.

The analyses project the store into networkx (``queries.stance_graph``), so
they must give the same answers whichever store filtered the relations: the
Neo4j leg runs whenever ``NEO4J_URI`` is set and is skipped with the reason
shown otherwise, as in the contract suite.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.backends.embedded import EmbeddedStore
from graph.store import GraphStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "contract"))
from world import ACTORS, WORLD


def _neo4j_store() -> GraphStore:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip(
            "NEO4J_URI not set: the Neo4j leg of the analyses needs a live server "
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
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """The fictional world (tests/contract/world.py) in a store of each backend."""
    store = (
        EmbeddedStore(tmp_path / "world.sqlite") if request.param == "embedded" else _neo4j_store()
    )
    store.upsert_actors(ACTORS)
    for doc in WORLD:
        store.upsert_article(doc)
    yield store
    store.close()
