"""Native files read ahead in worker processes load exactly as files read one by one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph.backends.embedded import EmbeddedStore
from graph.errors import ActorConflict, LoadError
from ingest import pipeline as ingest
from ingest import read_ahead
from ingest.pipeline import load, plan
from tests.hardening.corpus import write_documents


def _doc(article: str, actors: list[dict[str, Any]], claims: list[dict[str, Any]]) -> dict:
    text = " ".join(c["evidence"] for c in claims)
    return {
        "article": {"id": article, "title": article, "published": "2016-03-01", "text": text},
        "actors": actors,
        "claims": claims,
    }


def _claim(source: str, target: str, kind: str, evidence: str) -> dict[str, Any]:
    return {"source": source, "target": target, "type": kind, "evidence": evidence}


LATE = {"id": "late-comer", "name": "Late Comer", "kind": "armed_group"}


def write_inputs(folder: Path) -> None:
    """Files that carry their actors, one that introduces an actor, and one after it that
    names that actor without carrying it (its reading depends on the files before it)."""
    write_documents(folder, 60)
    (folder / "zz-1.json").write_text(
        json.dumps(
            _doc("zz-1", [LATE], [_claim("late-comer", "unit-1", "FIGHTS", "Late fights one.")])
        )
    )
    by_name = _doc("zz-2", [], [_claim("Late Comer", "unit-2", "SUPPORTS", "Late backs two.")])
    (folder / "zz-2.json").write_text(json.dumps(by_name))


class Held:
    """How many readings of the workers the load took (it reads the others itself)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, ahead_from: int) -> None:
        monkeypatch.setattr(ingest, "READ_AHEAD_FROM", ahead_from)
        monkeypatch.setattr(ingest, "workers", lambda: 2)
        self.taken = 0
        holds = read_ahead.ReadAhead._holds

        def counted(ahead: read_ahead.ReadAhead, *args: Any) -> bool:
            held = holds(ahead, *args)
            self.taken += held
            return held

        monkeypatch.setattr(read_ahead.ReadAhead, "_holds", counted)


def loaded(tmp_path: Path, name: str, folder: Path) -> tuple[dict, list, list]:
    store = EmbeddedStore(tmp_path / f"{name}.sqlite")
    summary = load(store, plan([folder]))
    relations = [r.model_dump() for r in store.relations()]
    actors = [a.model_dump() for a in store.actors()]
    store.close()
    return summary.as_dict(), relations, actors


def test_files_read_ahead_load_as_files_read_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_inputs(tmp_path / "in")
    one_by_one = loaded(tmp_path, "one", tmp_path / "in")
    held = Held(monkeypatch, ahead_from=1)
    ahead = loaded(tmp_path, "ahead", tmp_path / "in")
    assert ahead == one_by_one
    assert held.taken >= 55  # most came from the workers; the one naming Late Comer did not
    assert any(r["source"] == "late-comer" and r["type"] == "SUPPORTS" for r in ahead[1])


def test_loading_the_files_again_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_inputs(tmp_path / "in")
    Held(monkeypatch, ahead_from=1)
    store = EmbeddedStore(tmp_path / "s.sqlite")
    first = load(store, plan([tmp_path / "in"]))
    again = load(store, plan([tmp_path / "in"]))
    assert first.articles["new"] == 62
    assert again.articles["unchanged"] == 62
    assert not again.changed
    store.close()


def test_a_bad_file_read_ahead_is_named_and_keeps_the_files_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_documents(tmp_path / "in", 40)
    bad = json.loads(paths[30].read_text())
    bad["claims"][1]["confidence"] = 7
    paths[30].write_text(json.dumps(bad))
    Held(monkeypatch, ahead_from=1)
    store = EmbeddedStore(tmp_path / "s.sqlite")
    with pytest.raises(LoadError) as raised:
        load(store, plan([tmp_path / "in"]))
    assert (raised.value.file, raised.value.record, raised.value.field) == (
        str(paths[30]),
        "claims[1]",
        "confidence",
    )
    assert store.stats().articles == 30
    store.close()


def test_a_file_read_ahead_may_not_redefine_an_actor_of_a_file_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_documents(tmp_path / "in", 40)
    renamed = json.loads(paths[20].read_text())
    renamed["actors"][0]["name"] = "Someone Else"
    paths[20].write_text(json.dumps(renamed))
    Held(monkeypatch, ahead_from=1)
    store = EmbeddedStore(tmp_path / "s.sqlite")
    with pytest.raises(ActorConflict, match="unit-0") as raised:
        load(store, plan([tmp_path / "in"]))
    assert raised.value.file == str(paths[20])
    assert store.stats().articles == 20
    store.close()
