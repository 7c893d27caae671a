"""A load killed mid-way leaves the store as it was before the article, or the bulk load,
being written."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from graph.backends.embedded import EmbeddedStore
from loaders.gazetteer import Gazetteer
from loaders.native import parse_native
from tests.hardening.corpus import documents

LOADER = """
import contextlib, json, sys
from graph.backends.embedded import EmbeddedStore
from loaders.gazetteer import Gazetteer
from loaders.native import parse_native
store = EmbeddedStore(sys.argv[1])
with store.bulk_load() if sys.argv[3] == "bulk" else contextlib.nullcontext():
    for n, data in enumerate(json.load(open(sys.argv[2]))):
        store.upsert_article(parse_native(data, Gazetteer(store.actors())))
        print(n, flush=True)
"""


def _load_and_kill(tmp_path: Path, docs: list, mode: str) -> tuple[Path, int]:
    """Run the loader in a process and kill it after 20 articles; the store and how many it
    reported stored (each report follows its article's commit)."""
    corpus = tmp_path / "corpus.json"
    corpus.write_text(json.dumps(docs))
    store_path = tmp_path / "crash.sqlite"
    proc = subprocess.Popen(
        [sys.executable, "-c", LOADER, str(store_path), str(corpus), mode],
        stdout=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    loaded = 0
    while loaded < 20 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line:
            loaded = int(line) + 1
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    # the loader may have stored and printed more before the kill than was read so far
    for line in proc.stdout.read().split():
        loaded = int(line) + 1
    assert 20 <= loaded < len(docs), "the loader was not killed mid-way"
    return store_path, loaded


def test_killed_load_leaves_only_whole_articles(tmp_path: Path) -> None:
    docs = documents(400, seed=11)
    store_path, loaded = _load_and_kill(tmp_path, docs, "single")
    store = EmbeddedStore(store_path)
    stored = store.stats().articles
    assert loaded <= stored <= loaded + 1
    expected = EmbeddedStore(":memory:")
    for data in docs[:stored]:
        expected.upsert_article(parse_native(data, Gazetteer(expected.actors())))
    assert store.stats() == expected.stats()
    assert store.relations() == expected.relations()
    store.close()


def test_killed_bulk_load_leaves_nothing_of_it(tmp_path: Path) -> None:
    docs = documents(400, seed=11)
    store_path, _ = _load_and_kill(tmp_path, docs, "bulk")
    store = EmbeddedStore(store_path)
    assert (store.stats().articles, store.stats().claims, store.relations()) == (0, 0, [])
    store.upsert_article(parse_native(docs[0], Gazetteer(store.actors())))
    assert store.stats().articles == 1  # and the store goes on
    store.close()
    db = sqlite3.connect(store_path)  # the key index the bulk load had dropped is back
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    db.close()
    assert "claims_key" in names
