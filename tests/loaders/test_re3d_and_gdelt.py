"""The real-world samples in tests/data: a re3d folder and GDELT 1.0 exports."""

from __future__ import annotations

import json
from pathlib import Path

from graph.store import UpsertStatus
from ingest.pipeline import load, plan
from tests.conftest import DATA
from tests.loaders.conftest import GAZETTEER


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]


def _re3d() -> list[Path]:
    return sorted(p for p in (DATA / "re3d").iterdir() if p.is_dir())


def test_every_re3d_folder_loads_cleanly_and_is_detected(store) -> None:
    inputs = plan([GAZETTEER, DATA / "re3d"])
    assert [(p.name, f) for p, f in inputs.inputs] == [(p.name, "re3d") for p in _re3d()]
    summary = load(store, inputs)
    documents = sum(len(_lines(folder / "documents.json")) for folder in _re3d())
    assert summary.rejected == 0
    no_actor = sum(i.skipped["no actor named"] for i in summary.inputs)  # only non-actors named
    assert summary.articles[UpsertStatus.NEW] + no_actor == documents
    assert summary.claims > 25  # claims between actors only: none with a word that names none
    colocated = [
        bool(i.skipped["CoLocated is not a stance edge"]) for i in summary.inputs
    ]  # each folder whose relations.json has CoLocated relations skips them
    has = ["CoLocated" in (f / "relations.json").read_text(encoding="utf-8") for f in _re3d()]
    assert colocated == has
    assert any(has)


def test_reloading_re3d_changes_nothing(store) -> None:
    inputs = plan([GAZETTEER, DATA / "re3d"])
    load(store, inputs)
    before = (store.stats(), store.relations())
    again = load(store, inputs)
    assert not again.changed
    assert (store.stats(), store.relations()) == before


def test_daesh_isil_and_islamic_state_are_one_actor(store) -> None:
    load(store, plan([GAZETTEER, DATA / "re3d"]))
    ids = {
        store.actor(name).id for name in ("Da\u2019esh", "Daesh", "ISIL", "Islamic State", "ISIS")
    }
    assert ids == {"islamic-state"}
    enemies = {s.actor.id for s in store.enemies("islamic-state")}
    assert {"united-states", "syrian-opposition-forces"} <= enemies


def test_alliances_annotated_in_re3d_are_answered_by_allies(store) -> None:
    load(store, plan([GAZETTEER, DATA / "re3d"]))
    folder = DATA / "re3d" / "US State Department"
    stated = [
        json.loads(line) for line in _lines(folder / "relations.json") if '"AlliesOf"' in line
    ]
    pair = next(r for r in stated if r["source"] == "Popular Mobilization Forces")
    pmf, partner = store.actor(pair["source"]), store.actor(pair["target"])
    assert pmf.id == "popular-mobilisation-forces"
    (ally,) = [s for s in store.allies(pmf.id) if s.actor.id == partner.id]
    assert "ALLIED_WITH" in {r.type for r in ally.relations}
    quotes = [i.claim.evidence.quote for i in store.evidence(pmf.id, partner.id)]
    assert any(pair["value"] in q and "Popular Mobilization Forces" in q for q in quotes)


def test_re3d_documents_become_undated_articles_with_their_source(store) -> None:
    load(store, plan([GAZETTEER, DATA / "re3d" / "US State Department"]))
    first = json.loads(_lines(DATA / "re3d" / "US State Department" / "documents.json")[0])
    article = store.article(f"re3d-{first['_id'].lower()}")
    assert (article.title, article.url, article.publisher) == (
        first["title"],
        first["sourceUrl"],
        first["sourceName"],
    )
    assert article.published is None


def test_gdelt_v1_samples_load_with_skips_counted(store) -> None:
    inputs = plan([GAZETTEER, DATA / "gdelt"])
    assert {f for _, f in inputs.inputs} == {"gdelt"}
    summary = load(store, inputs)
    sample = next(i for i in summary.inputs if i.path.endswith("export_sample.tsv"))
    rows = len(_lines(DATA / "gdelt" / "20170912.export_sample.tsv"))
    # the events of one source article are one document: a record is an article or a skip
    assert sample.records == sample.documents[UpsertStatus.NEW] + sum(sample.skipped.values())
    assert sample.documents[UpsertStatus.NEW] + sum(sample.skipped.values()) <= rows
    assert summary.rejected == 0
    daily = next(i for i in summary.inputs if i.path.endswith("events_20160728.tsv"))
    assert daily.skipped["fewer than two actors"] > 0
    assert load(store, inputs).changed is False
