"""A fresh store of a named backend, for the suites parametrised over every backend.

The Neo4j leg runs whenever ``NEO4J_URI`` is set (with ``NEO4J_USER``,
``NEO4J_PASSWORD`` and optionally ``NEO4J_DATABASE``) and is skipped with a
visible reason otherwise: no fake server ever stands in for Neo4j.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from graph.backends import NO_NEO4J_SERVER, open_neo4j
from graph.backends.embedded import EmbeddedStore
from graph.model import AnnotatedArticle
from graph.store import GraphStore
from tests.contract.world import ACTORS, WORLD

BACKENDS = ("embedded", "neo4j")


def world_file(folder: Path, docs: Iterable[AnnotatedArticle] = WORLD) -> Path:
    """A closed embedded store file holding the contract world's actors and ``docs``."""
    path = folder / "world.sqlite"
    store = EmbeddedStore(path)
    try:
        store.upsert_actors(ACTORS)
        store.upsert_articles(docs)
    finally:
        store.close()
    return path


def fresh_store(backend: str, folder: Path) -> GraphStore:
    """An empty store: a new SQLite file in ``folder``, or the live Neo4j wiped clean."""
    if backend == "embedded":
        return EmbeddedStore(folder / "store.sqlite")
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip(NO_NEO4J_SERVER)
    store = open_neo4j(uri)
    store.wipe()
    return store
