"""Loading inputs: each one stored wholly or not at all, its progress reported to the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import ingest
from graph.backends.embedded import EmbeddedStore
from graph.errors import StoreUnavailable
from graph.ingest import load, plan
from tests.loaders.conftest import ROOT

SAMPLES = ROOT / "tests" / "loaders" / "samples"


class FailingOnSecondBatch(EmbeddedStore):
    """The embedded store, but a batch of one input fails after another was written."""

    batches = 0

    def upsert_articles(self, docs):  # type: ignore[no-untyped-def]
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
