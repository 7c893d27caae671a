"""A load killed mid-way leaves the store as it was before the article being written."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from graph.backends.embedded import EmbeddedStore
from loaders.gazetteer import Gazetteer
from loaders.native import parse_native
from tests.hardening.corpus import documents

LOADER = """
import json, sys
from graph.backends.embedded import EmbeddedStore
from loaders.gazetteer import Gazetteer
from loaders.native import parse_native
store = EmbeddedStore(sys.argv[1])
for n, data in enumerate(json.load(open(sys.argv[2]))):
    store.upsert_article(parse_native(data, Gazetteer(store.actors())))
    print(n, flush=True)
"""


def test_killed_load_leaves_only_whole_articles(tmp_path: Path) -> None:
    docs = documents(400, seed=11)
    corpus = tmp_path / "corpus.json"
    corpus.write_text(json.dumps(docs))
    store_path = tmp_path / "crash.sqlite"
    proc = subprocess.Popen(
        [sys.executable, "-c", LOADER, str(store_path), str(corpus)],
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
    assert 20 <= loaded < len(docs), "the loader was not killed mid-way"

    store = EmbeddedStore(store_path)
    stored = store.stats().articles
    assert loaded <= stored <= loaded + 1
    expected = EmbeddedStore(":memory:")
    for data in docs[:stored]:
        expected.upsert_article(parse_native(data, Gazetteer(expected.actors())))
    assert store.stats() == expected.stats()
    assert store.relations() == expected.relations()
    store.close()
