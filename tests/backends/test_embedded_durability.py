"""Embedded store only: the SQLite file is the truth; reopening restores everything."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from graph.backends.embedded import EmbeddedStore
from loaders.gazetteer import read_gazetteer
from tests.conftest import SEEDS, load_seeds


def snapshot(store: EmbeddedStore) -> tuple:
    pmu = "popular-mobilisation-forces"
    return (
        store.stats(),
        store.relations(),
        store.allies(pmu),
        store.enemies(pmu),
        store.neighbourhood(pmu, depth=2),
        store.paths("iran", "alliance-of-iraqi-forces", k=3),
        store.evidence(pmu, "syrian-arab-army"),
        store.actors(),
    )


def test_close_and_reopen_gives_identical_answers(tmp_path: Path) -> None:
    path = tmp_path / "data" / "store.sqlite"
    store = EmbeddedStore(path)
    load_seeds(store)
    before = snapshot(store)
    store.close()
    reopened = EmbeddedStore(path)
    assert snapshot(reopened) == before
    assert before[0].claims == 19


def test_retraction_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    store = EmbeddedStore(path)
    load_seeds(store)
    (article_id,) = {r.evidence_article for r in store.relations()}
    store.delete_article(article_id)
    store.close()
    reopened = EmbeddedStore(path)
    assert reopened.stats().claims == 0
    assert reopened.relations() == []
    assert reopened.stats().actors == len(read_gazetteer(SEEDS / "actors.yaml"))


def test_a_reload_frees_the_old_index_though_it_was_frozen(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store.sqlite")
    load_seeds(store)
    store.neighbourhood("iran")  # networkx caches its views on first use
    assert gc.get_freeze_count() > 0, "the index is exempt from collection"
    old = weakref.ref(store._graph)
    store.merge_actors("kataib-hezbollah", "popular-mobilisation-forces")  # reloads the index
    gc.collect()
    assert old() is None, "the index a reload replaced is still alive"
    store.close()
