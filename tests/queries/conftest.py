"""The fictional world on every backend, for the analyses and exports.

The analyses project the store into networkx (``graph.traversal.stance_graph``), so
they must give the same answers whichever store filtered the relations: the
Neo4j leg runs whenever ``NEO4J_URI`` is set and is skipped with the reason
shown otherwise, as in the contract suite.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import GraphStore
from tests.contract.world import ACTORS, WORLD
from tests.stores import BACKENDS, fresh_store


@pytest.fixture(params=BACKENDS)
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """The fictional world (tests/contract/world.py) in a store of each backend."""
    with fresh_store(request.param, tmp_path) as store:
        store.upsert_actors(ACTORS)
        for doc in WORLD:
            store.upsert_article(doc)
        yield store
