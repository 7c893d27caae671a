"""Embedded store only: the SQLite file is the truth; reopening restores everything."""

from __future__ import annotations

import gc
import warnings
import weakref
from contextlib import nullcontext
from datetime import date
from pathlib import Path

import pytest

from graph.backends import embedded_writes
from graph.backends.embedded import EmbeddedStore
from graph.backends.memory_index import MemoryIndex
from graph.errors import UnknownArticle
from graph.model import AnnotatedArticle, Article, Claim, Evidence
from graph.store import UpsertStatus
from loaders.gazetteer import read_gazetteer
from tests.conftest import SEEDS, load_seeds
from tests.contract.world import EXTRA, WORLD
from tests.stores import world_file


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
    old = weakref.ref(store._index.graph)
    store.merge_actors("kataib-hezbollah", "popular-mobilisation-forces")  # reloads the index
    gc.collect()
    assert old() is None, "the index a reload replaced is still alive"
    store.close()


def test_claims_read_back_equal_the_claims_loaded(tmp_path: Path) -> None:
    day = date(2016, 2, 24)
    claim = Claim(
        id="c-rich",
        article="a-rich",
        source="alpha-front",
        target="beta-militia",
        type="SUPPORTS",
        confidence=0.75,
        modality="alleged",
        attributed_to="gamma-state",
        evidence=Evidence(quote="Alpha armed Beta.", start=0, end=17),
        date=day,
        valid_from=day,
        valid_to=date(2017, 1, 1),
        mode="material",
        certainty="alleged",
        support_type="weapons",
        attributes={"source_row": 7, "tags": ["arms"]},
    )
    doc = AnnotatedArticle(
        article=Article(id="a-rich", title="Rich", published=day, text="Alpha armed Beta."),
        claims=(claim,),
    )
    # the claims are built from the stored values, not validated again
    store = EmbeddedStore(world_file(tmp_path, [doc]))
    try:
        (item,) = store.evidence("alpha-front", "beta-militia")
        assert item.claim == claim
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # pydantic warns when a value is not its field's type
            assert item.claim.model_dump_json() == claim.model_dump_json()
        assert item.claim.model_dump() == Claim.model_validate(claim.model_dump()).model_dump()
    finally:
        store.close()


class Cut(BaseException):
    """An interrupt arriving while the store brings its memory up to date after a commit."""


def cut_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The next :meth:`MemoryIndex.apply` takes in half its changes, then is interrupted."""
    original = MemoryIndex.apply

    def cut(index: MemoryIndex, changes: dict) -> None:
        monkeypatch.setattr(MemoryIndex, "apply", original)
        original(index, dict(list(changes.items())[: len(changes) // 2]))
        raise Cut

    monkeypatch.setattr(MemoryIndex, "apply", cut)


@pytest.mark.parametrize(
    ("bulk", "beside"),
    [(False, False), (True, False), (True, True)],
    ids=["single write", "bulk load", "bulk load committing beside"],
)
def test_an_interrupt_after_a_commit_leaves_answers_that_follow_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bulk: bool, beside: bool
) -> None:
    monkeypatch.setattr(embedded_writes, "BESIDE_FROM", 0 if beside else 10**9)
    store = EmbeddedStore(world_file(tmp_path))
    cut_once(monkeypatch)  # the commit is done, the graph half drawn
    with pytest.raises(Cut), store.bulk_load() if bulk else nullcontext():
        store.upsert_article(EXTRA)
    assert [s.actor.id for s in store.allies("zeta-brigade")] == ["gamma-state"]
    assert store.stats().articles == 4
    store.close()


def test_an_interrupt_while_reloading_after_a_merge_is_reloaded_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = EmbeddedStore(world_file(tmp_path))
    cut_once(monkeypatch)
    with pytest.raises(Cut):
        store.merge_actors("zeta-brigade", "beta-militia")
    assert store.actor("zeta-brigade").id == "beta-militia"
    merged = EmbeddedStore(tmp_path / "world.sqlite")
    assert (store.stats(), store.relations()) == (merged.stats(), merged.relations())
    merged.close()
    store.close()


def test_after_reopening_a_store_knows_its_articles_without_reading_them_first(
    tmp_path: Path,
) -> None:
    path = world_file(tmp_path)
    store = EmbeddedStore(path)
    assert store.stats().articles == 3
    assert {r.status for r in store.upsert_articles(WORLD)} == {UpsertStatus.UNCHANGED}
    assert store.upsert_article(EXTRA).status == UpsertStatus.NEW
    assert store.stats().articles == 4
    store.delete_article(WORLD[0].article.id)
    assert store.stats().articles == 3
    store.close()
    reopened = EmbeddedStore(path)
    assert reopened.stats().articles == 3
    assert reopened.upsert_article(EXTRA).status == UpsertStatus.UNCHANGED
    with pytest.raises(UnknownArticle):
        reopened.delete_article(WORLD[0].article.id)
    reopened.close()
