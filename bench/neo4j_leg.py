"""The benchmark's Neo4j leg: the same load and workload on a live Neo4j server.

It runs when ``NEO4J_URI`` is set (with ``NEO4J_USER``, ``NEO4J_PASSWORD`` and
optionally ``NEO4J_DATABASE``), as the contract suite's Neo4j leg does, and
otherwise reports why it did not. It loads only into an empty database and
empties it again afterwards, so it never touches data it did not load.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from bench import corpus
from bench.loading import load_corpus
from bench.workload import load_workload, run_timed, store_calls
from graph.backends import NO_NEO4J_SERVER, open_neo4j
from graph.backends.embedded import EmbeddedStore
from graph.collector import startup_done
from graph.errors import StoreUnavailable

if TYPE_CHECKING:
    from graph.backends.neo4j import Neo4jStore


def connect(uri: str) -> Neo4jStore:
    """The Neo4j store at ``uri`` under the default vocabulary, as the embedded legs have it."""
    return cast("Neo4jStore", open_neo4j(uri))


def neo4j_leg(
    folder: Path,
    articles: int,
    actors: int,
    workload_file: Path | None,
    reference: Path | None = None,
) -> dict[str, Any]:
    """Load the corpus into the server's empty database, then time the workload on it
    (``workload_file`` None: only the load, and the wipe after it).

    With ``reference`` (the embedded store file of the same corpus), every query of the
    workload is also asked of both stores and their answers compared (``answers``: per
    kind, how many of how many are equal, and the first queries that are not).

    The workload runs on a fresh connection; ``connect_s`` is the time to make
    it. Its reads then run a second time (``latency_second_pass``): the server
    was started for the run, and its JIT compiles what the first pass runs. A
    server keeps its store open, so there is no cold reopen to compare with the
    embedded store's.
    """
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return {"available": False, "reason": NO_NEO4J_SERVER}
    try:
        store = connect(uri)
    except StoreUnavailable as exc:
        return {"available": False, "reason": str(exc)}
    try:
        held = store.node_count()
        if held:
            return {
                "available": False,
                "reason": f"the database at {uri} holds {held} nodes; the benchmark "
                "loads only into an empty one (it deletes everything in it afterwards)",
            }
        timed: dict[str, Any] = {}
        try:
            timed["load"], _ = load_corpus(store, articles, corpus.make_actors(actors))
            if workload_file is not None:
                t0 = time.perf_counter()
                fresh = connect(uri)
                timed["connect_s"] = time.perf_counter() - t0
                startup_done()  # as the API does once its store is open
                try:
                    workload = load_workload(workload_file)
                    timed["latency"] = run_timed(store_calls(fresh), workload)
                    # the same reads again, on a server whose JVM has now compiled them:
                    # how a long-running server answers (the targets stay on the first pass)
                    reads = {kind: qs for kind, qs in workload.items() if kind != "blocs"}
                    timed["latency_second_pass"] = run_timed(store_calls(fresh), reads)
                    if reference is not None:
                        timed["answers"] = compared(fresh, reference, workload)
                finally:
                    fresh.close()
        finally:
            t0 = time.perf_counter()
            store.wipe()  # it was empty: this removes only what the benchmark loaded
            timed["wipe_s"] = time.perf_counter() - t0
    finally:
        store.close()
    return {"available": True, "server": uri, **timed}


def compared(
    store: Neo4jStore, reference: Path, workload: dict[str, list[Any]]
) -> dict[str, dict[str, Any]]:
    """Each kind's queries asked of ``store`` and of the embedded store at ``reference``: how
    many answers are equal (``same`` of ``n``) and up to three queries whose are not."""
    embedded = EmbeddedStore(reference)
    try:
        ours, theirs = store_calls(store), store_calls(embedded)
        found: dict[str, dict[str, Any]] = {}
        for kind, queries in workload.items():
            differ = [q for q in queries if ours[kind](q) != theirs[kind](q)]
            found[kind] = {
                "n": len(queries),
                "same": len(queries) - len(differ),
                "differ": differ[:3],
            }
        return found
    finally:
        embedded.close()
