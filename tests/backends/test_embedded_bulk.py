"""The embedded store's bulk load: one transaction, writes that fail alone, nothing seen early."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from graph.aggregate import aggregate
from graph.backends import embedded_writes
from graph.backends.embedded import EmbeddedStore
from graph.errors import InvalidQuery, StoreUnavailable, UnknownActor
from tests.contract.world import ACTORS, EXTRA, WORLD, article
from tests.stores import world_file

STRANGER = article(
    "a8", date(2018, 1, 1), [("gamma-state", "FIGHTS", "omega-cell", 0.9, "asserted")]
)


def answers(store: EmbeddedStore) -> tuple:
    return (store.stats(), store.relations(), store.allies("zeta-brigade"))


def test_an_exception_in_the_block_stores_nothing(tmp_path: Path) -> None:
    path = world_file(tmp_path)
    store = EmbeddedStore(path)
    before = answers(store)

    def interrupted_load() -> None:
        with store.bulk_load():
            store.upsert_article(EXTRA)
            store.delete_article("a1")
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        interrupted_load()
    assert answers(store) == before
    store.upsert_article(EXTRA)  # the store goes on as usual
    assert [s.actor.id for s in store.allies("zeta-brigade")] == ["gamma-state"]
    store.close()
    reopened = EmbeddedStore(path)
    assert reopened.stats().articles == 4
    reopened.close()


@pytest.mark.parametrize("beside", [True, False], ids=["commit beside", "commit first"])
@pytest.mark.parametrize("empty", [False, True], ids=["stored world", "empty store"])
def test_a_commit_that_fails_at_the_end_stores_nothing_and_memory_follows_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, empty: bool, beside: bool
) -> None:
    """A large load commits while the graph takes it in: the graph must not keep it."""
    monkeypatch.setattr(embedded_writes, "BESIDE_FROM", 0 if beside else 10**9)
    path = tmp_path / "s.sqlite" if empty else world_file(tmp_path)
    store = EmbeddedStore(path)

    def seen() -> tuple:
        return (store.stats(), store.relations(), store.actors())

    before = seen()

    def no_commit(action: int, arg: str | None, *_: object) -> int:
        refused = action == sqlite3.SQLITE_TRANSACTION and arg == "COMMIT"
        return sqlite3.SQLITE_DENY if refused else sqlite3.SQLITE_OK

    def load() -> None:
        if empty:
            store.upsert_actors(ACTORS)
            store.upsert_articles(WORLD)
        store.upsert_article(EXTRA)

    def bulk_load() -> None:
        with store.bulk_load():
            load()

    store._state.db.set_authorizer(no_commit)
    with pytest.raises(StoreUnavailable, match="not authorized"):
        bulk_load()
    store._state.db.set_authorizer(None)
    assert seen() == before
    load()  # the store goes on as usual
    store.close()
    reopened = EmbeddedStore(path)
    assert reopened.stats().articles == len(WORLD) + 1
    reopened.close()


def test_a_failed_write_in_the_block_changes_nothing_and_the_block_goes_on(
    tmp_path: Path,
) -> None:
    store = EmbeddedStore(tmp_path / "s.sqlite")
    with store.bulk_load():
        store.upsert_actors(ACTORS)
        store.upsert_articles(WORLD[:2])
        with pytest.raises(UnknownActor, match="omega-cell"):
            store.upsert_articles([WORLD[2], STRANGER])
        store.upsert_article(EXTRA)
    stored = [*WORLD[:2], EXTRA]
    claims = [c for doc in stored for c in doc.claims]
    assert store.relations() == aggregate(claims, store.vocabulary)
    stats = store.stats()
    assert (stats.articles, stats.claims) == (3, len(claims))
    with pytest.raises(Exception, match="unknown article"):
        store.article(WORLD[2].article.id)
    store.close()


def test_other_processes_see_the_block_when_it_ends(tmp_path: Path) -> None:
    path = world_file(tmp_path)
    store = EmbeddedStore(path)
    other = EmbeddedStore(path)  # another connection, as another process has
    before = answers(other)
    with store.bulk_load():
        store.upsert_article(EXTRA)
        assert answers(other) == before
        late = EmbeddedStore(path)  # opening waits for no write lock
        assert answers(late) == before
        late.close()
    assert other.stats().articles == before[0].articles + 1
    assert [s.actor.id for s in other.allies("zeta-brigade")] == ["gamma-state"]
    store.close()
    other.close()


def test_merges_wait_until_the_block_ends(tmp_path: Path) -> None:
    store = EmbeddedStore(world_file(tmp_path))
    with store.bulk_load():
        with pytest.raises(InvalidQuery, match="bulk load"):
            store.merge_actors("delta-party", "gamma-state")
        store.upsert_article(EXTRA)
    assert store.merges() == []
    assert store.merge_actors("delta-party", "gamma-state").source == "delta-party"
    store.close()


def test_a_bulk_load_into_an_empty_store_leaves_the_evidence_indexed(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    store = EmbeddedStore(path)
    with store.bulk_load():
        store.upsert_actors(ACTORS)
        store.upsert_articles(WORLD)
    page = store.evidence_page("alpha-front", "beta-militia", limit=1)
    assert page.total == len(store.evidence("alpha-front", "beta-militia")) > 1
    store.close()
    db = sqlite3.connect(path)
    plan = db.execute(
        "EXPLAIN QUERY PLAN SELECT article, id FROM claims WHERE ksource = ? AND ktarget = ?",
        ("alpha-front", "beta-militia"),
    ).fetchall()
    assert "claims_key" in str(plan)
    db.close()


def test_other_threads_wait_for_the_block_and_a_block_inside_is_part_of_it(
    tmp_path: Path,
) -> None:
    store = EmbeddedStore(world_file(tmp_path))
    seen: list[int] = []
    reader = threading.Thread(target=lambda: seen.append(store.stats().articles))
    with store.bulk_load():
        with store.bulk_load():
            store.upsert_article(EXTRA)
        reader.start()
        reader.join(timeout=0.3)
        assert reader.is_alive(), "a query of another thread ran inside the block"
        store.delete_article("a1")
    reader.join(timeout=10)
    assert seen == [3]  # the world's three articles, plus one, less one: the block whole
    store.close()
