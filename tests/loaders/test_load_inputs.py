"""Loading inputs: each one stored wholly or not at all, its progress reported to the end."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest

from graph.backends.embedded import EmbeddedStore
from graph.errors import LoadError, StoreUnavailable
from graph.model import AnnotatedArticle
from graph.store import UpsertResult
from ingest import pipeline as ingest
from ingest.pipeline import load, plan
from tests.hardening.corpus import write_documents
from tests.loaders.conftest import ROOT

SAMPLES = ROOT / "tests" / "loaders" / "samples"


class FailingOnSecondBatch(EmbeddedStore):
    """The embedded store, but a batch of one input fails after another was written."""

    batches = 0

    def upsert_articles(self, docs: Iterable[AnnotatedArticle]) -> list[UpsertResult]:
        self.batches += 1
        if self.batches == 2:
            raise StoreUnavailable("the disk is full")
        return super().upsert_articles(docs)


def test_a_store_failure_mid_input_stores_nothing_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "BATCH", 1)
    store = FailingOnSecondBatch(tmp_path / "s.sqlite")
    with pytest.raises(StoreUnavailable, match="disk is full"):
        load(store, plan([SAMPLES / "acled_current.csv"]))
    assert store.batches == 2
    assert store.stats().articles == 0  # the first batch went with the rest
    store.close()
    reopened = EmbeddedStore(tmp_path / "s.sqlite")
    assert (reopened.stats().articles, reopened.stats().claims) == (0, 0)
    reopened.close()


def test_progress_ends_each_input_with_storing(
    store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "BATCH", 2)
    seen: list[tuple[str, str, int, int | None]] = []
    inputs = [SAMPLES / "ucdp.csv", SAMPLES / "acled_current.csv"]
    summary = load(store, plan(inputs), on_progress=lambda p, *rest: seen.append((p.name, *rest)))
    for path, done in zip(inputs, summary.inputs, strict=True):
        phases = [(phase, n, total) for name, phase, n, total in seen if name == path.name]
        assert phases[-1] == ("storing", done.records, done.records)
        loading = [n for phase, n, _ in phases if phase == "loading"]
        assert loading == sorted(loading)
        assert loading[-1] == done.records
    assert [name for name, *_ in seen][-1] == "acled_current.csv"


class RefusingOne(EmbeddedStore):
    """The embedded store, but any write holding article ``refused`` fails (or is cut off)."""

    refused = ""
    error: BaseException = StoreUnavailable("the disk is full")

    def upsert_articles(self, docs: Iterable[AnnotatedArticle]) -> list[UpsertResult]:
        docs = list(docs)
        if any(d.article.id == self.refused for d in docs):
            raise self.error
        return super().upsert_articles(docs)


def small_inputs(folder: Path, n: int) -> list[str]:
    """``n`` one-article native files; their article ids, in the order a load takes them."""
    write_documents(folder, n)
    return [json.loads(p.read_text())["article"]["id"] for p in sorted(folder.glob("*.json"))]


def test_small_inputs_are_written_together_yet_each_wholly_or_not_at_all(tmp_path: Path) -> None:
    ids = small_inputs(tmp_path / "in", 8)
    store = RefusingOne(tmp_path / "s.sqlite")
    store.refused = ids[5]  # all 8 go in one write, which fails: then one input at a time
    with pytest.raises(StoreUnavailable, match="disk is full"):
        load(store, plan([tmp_path / "in"]))
    store.close()
    reopened = EmbeddedStore(tmp_path / "s.sqlite")
    assert reopened.stats().articles == 5  # the five before it, committed
    assert [reopened.article(a).id for a in ids[:5]] == ids[:5]
    reopened.close()


def test_a_bad_small_input_keeps_the_ones_before_it(tmp_path: Path) -> None:
    ids = small_inputs(tmp_path / "in", 6)
    bad = sorted((tmp_path / "in").glob("*.json"))[3]
    bad.write_text('{"article": {"id": "x", "title": "T", "published": "2016-02-30"}}')
    store = EmbeddedStore(tmp_path / "s.sqlite")
    with pytest.raises(LoadError, match=bad.name):
        load(store, plan([tmp_path / "in"]))
    assert store.stats().articles == 3
    assert [store.article(a).id for a in ids[:3]] == ids[:3]
    store.close()


def test_an_interrupt_stores_none_of_the_small_inputs_of_its_bulk_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "BATCH", 1)  # a write per input: two are written, uncommitted
    ids = small_inputs(tmp_path / "in", 4)
    store = RefusingOne(tmp_path / "s.sqlite")
    store.refused, store.error = ids[2], KeyboardInterrupt()
    with pytest.raises(KeyboardInterrupt):
        load(store, plan([tmp_path / "in"]))
    assert store.stats().articles == 0
    store.close()
    reopened = EmbeddedStore(tmp_path / "s.sqlite")
    assert (reopened.stats().articles, reopened.stats().claims) == (0, 0)
    reopened.close()
