"""A fresh store of a named backend, for the suites parametrised over every backend; and an
embedded store file loaded, and asked, through the ``actorgraph`` CLI.

The Neo4j leg runs whenever ``NEO4J_URI`` is set (with ``NEO4J_USER``,
``NEO4J_PASSWORD`` and optionally ``NEO4J_DATABASE``) and is skipped with a
visible reason otherwise: no fake server ever stands in for Neo4j.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest
from typer.testing import CliRunner

from cli.main import app as cli
from graph.backends import NO_NEO4J_SERVER, open_neo4j
from graph.backends.embedded import EmbeddedStore
from graph.model import AnnotatedArticle
from graph.store import GraphStore
from tests.contract.world import ACTORS, WORLD

if TYPE_CHECKING:
    from graph.backends.neo4j import Neo4jStore

BACKENDS = ("embedded", "neo4j")
cli_runner = CliRunner()


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


@contextmanager
def fresh_store(backend: str, folder: Path) -> Iterator[GraphStore]:
    """An empty store, closed afterwards: a new SQLite file in ``folder``, or the live Neo4j.

    The Neo4j leg runs only on an empty database, and empties it again
    afterwards: it leaves the database as it found it (the benchmark's Neo4j
    leg, which also wants an empty one, can run after it). A database holding
    data is left alone and the test skipped, saying why.
    """
    if backend == "embedded":
        store: GraphStore = EmbeddedStore(folder / "store.sqlite")
        try:
            yield store
        finally:
            store.close()
        return
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip(NO_NEO4J_SERVER)
    neo4j = cast("Neo4jStore", open_neo4j(uri))
    held = neo4j.node_count()
    if held:
        neo4j.close()
        pytest.skip(
            f"the database at {uri} holds {held} nodes; the Neo4j leg runs only on an "
            "empty database (it deletes everything in it afterwards)"
        )
    try:
        yield neo4j
    finally:
        try:
            neo4j.wipe()  # it was empty: this removes only what the test wrote
        finally:
            neo4j.close()


def cli_loaded(source: Path, store: Path) -> str:
    """``source`` loaded into the embedded store file ``store`` by ``actorgraph load``, which must
    succeed: the store's path, for ``--store``."""
    result = cli_runner.invoke(cli, ["load", str(source), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return str(store)


def cli_json(*args: str) -> dict:
    """What ``actorgraph ARGS --json`` prints, parsed; the command must succeed."""
    result = cli_runner.invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
