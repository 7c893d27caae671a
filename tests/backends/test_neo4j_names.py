"""The Neo4j store ranks every actor's names for search, and a write from anywhere reaches it.

The store keeps the names it read until the data's revision moves
(:mod:`graph.backends.neo4j_names`); a write through another connection (another
API worker, the CLI) must reach the next search and the next unknown actor's
suggestions. Runs against the live server named by ``NEO4J_URI`` (skipped without one).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest

from graph.backends import open_neo4j
from graph.errors import UnknownActor
from graph.model import Actor
from tests.contract.world import ACTORS, WORLD
from tests.stores import fresh_store

if TYPE_CHECKING:
    from graph.backends.neo4j import Neo4jStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Neo4jStore]:
    with fresh_store("neo4j", tmp_path) as made:
        made.upsert_actors(ACTORS)
        made.upsert_articles(WORLD)
        yield cast("Neo4jStore", made)


@pytest.fixture
def other(store: Neo4jStore) -> Iterator[Neo4jStore]:
    """A second connection to the same database, as another process would have."""
    second = cast("Neo4jStore", open_neo4j(os.environ["NEO4J_URI"]))
    yield second
    second.close()


def _ids(store: Neo4jStore, query: str) -> list[str]:
    return [m.actor.id for m in store.search_actors(query)]


def test_an_actor_added_elsewhere_is_found_by_the_next_search(
    store: Neo4jStore, other: Neo4jStore
) -> None:
    assert "omega-league" not in _ids(store, "Omega League")  # names read and kept
    other.upsert_actors([Actor(id="omega-league", name="Omega League", kind="political_party")])
    assert _ids(store, "Omega League")[0] == "omega-league"
    assert _ids(store, "OmegaLeague")[0] == "omega-league"
    with pytest.raises(UnknownActor) as caught:
        store.actor("Omega Leage")
    assert caught.value.suggestions[0] == "omega-league"


def test_a_merge_elsewhere_reaches_the_next_search(store: Neo4jStore, other: Neo4jStore) -> None:
    assert _ids(store, "Zeta Brigade")[0] == "zeta-brigade"
    other.merge_actors("zeta-brigade", "beta-militia")
    found = store.search_actors("Zeta Brigade")
    assert found[0].actor.id == "beta-militia"  # the merged-away name answers for its target
    assert "zeta-brigade" not in [m.actor.id for m in found]
