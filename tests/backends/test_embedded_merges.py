"""Merges on the embedded store survive reopening the file and reloading the same input."""

from __future__ import annotations

from pathlib import Path

from graph.backends.embedded import EmbeddedStore
from tests.contract.world import ACTORS, WORLD


def test_merges_survive_a_reopen_and_a_reload(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "merges.sqlite")
    store.upsert_actors(ACTORS)
    store.upsert_articles(WORLD)
    store.merge_actors("delta-party", "gamma-state")
    merged = (store.stats(), store.relations(), store.enemies("alpha-front"), store.merges())
    store.close()
    again = EmbeddedStore(tmp_path / "merges.sqlite")
    try:
        assert (
            again.stats(),
            again.relations(),
            again.enemies("alpha-front"),
            again.merges(),
        ) == merged
        assert [again.upsert_article(doc).status.value for doc in WORLD] == ["unchanged"] * 3
        assert again.upsert_actors(ACTORS) == 0
        assert again.actor("Delta Party").id == "gamma-state"
        assert again.relations() == merged[1]
    finally:
        again.close()
