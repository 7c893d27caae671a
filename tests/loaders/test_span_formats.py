"""brat standoff and Label Studio exports, through the shared label mapping (fictional actors)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from graph.errors import LoadError
from graph.model import AnnotatedArticle
from graph.vocabulary import Vocabulary
from ingest.pipeline import load, plan
from loaders import labelstudio
from loaders.gazetteer import Gazetteer
from loaders.mapping import read_mapping
from loaders.source import Resolver

SAMPLES = Path(__file__).parent / "samples"
ANN = SAMPLES / "report_2017-02-03.ann"


def test_brat_relations_events_attributes_and_synonyms(store) -> None:
    summary = load(store, plan([ANN]))
    assert summary.inputs[0].format == "brat"
    hill, front = store.actor("Hill Brigade"), store.actor("Red Hand Front")
    assert [s.actor.id for s in store.allies(hill.id)] == [front.id]
    (clash,) = store.evidence(front.id, store.actor("Arland").id)
    assert clash.claim.type == "FIGHTS"
    assert clash.claim.date == date(2017, 2, 3)
    blue = store.actor("Blue Lake")
    assert blue.id == store.actor("Blue Lake Militia").id
    (denial,) = store.evidence(blue.id, front.id)
    assert (denial.claim.type, denial.claim.modality.value) == ("SUPPORTS", "denied")
    assert blue.id not in {s.actor.id for s in store.allies(front.id)}


def test_brat_normalisation_and_discontinuous_spans(store) -> None:
    load(store, plan([ANN]))
    assert store.actor("Q999999").id == store.actor("Arland").id
    (item,) = store.evidence(store.actor("Hill Brigade").id, store.actor("Red Hand Front").id)
    assert item.claim.evidence.quote.startswith("Hill Brigade stands with the Red Hand Front")


def test_brat_without_its_text_is_refused(tmp_path: Path, store) -> None:
    lonely = tmp_path / "lonely.ann"
    lonely.write_text("T1\tOrganisation 0 4\tAbcd\n")
    summary_error = _error(store, lonely)
    assert "lonely.ann" in summary_error
    assert "needs its text beside it" in summary_error


def _error(store, path: Path, **options) -> str:
    from graph.errors import LoadError

    try:
        load(store, plan([path]), **options)
    except LoadError as exc:
        return str(exc)
    raise AssertionError("expected a LoadError")


def test_label_studio_directions_and_latest_annotation(store) -> None:
    summary = load(store, plan([SAMPLES / "labelstudio.json"]))
    assert summary.inputs[0].format == "labelstudio"
    hill, front = store.actor("Hill Brigade"), store.actor("Red Hand Front")
    items = store.evidence(hill.id, front.id)
    assert {(i.claim.source, i.claim.type, i.claim.target) for i in items} == {
        (hill.id, "FIGHTS", front.id),
        (front.id, "SUPPORTS", hill.id),
    }
    dated = next(i for i in items if i.claim.type == "FIGHTS")
    assert dated.article.url == "https://example.org/clash"
    assert dated.claim.date == date(2018, 1, 5)
    assert next(i for i in items if i.claim.type == "SUPPORTS").claim.date is None


def test_label_studio_bad_span_names_the_result(tmp_path: Path, store) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '[{"id": 1, "data": {"text": "Abc fights Xyz."}, "annotations": [{"result": ['
        '{"id": "a", "type": "labels",'
        ' "value": {"start": 0, "end": 99, "labels": ["Organisation"]}}'
        "]}]}]"
    )
    message = _error(store, bad)
    assert "bad.json" in message
    assert "[0].annotations[-1].result[0]" in message
    assert "span inside the text" in message
    assert store.stats().articles == 0


def _ls_task(n: int, text: str = "The Hill Brigade fights the Red Hand Front.") -> dict:
    spans = [(4, 16), (28, 42)]
    return {
        "id": n,
        "data": {"text": text},
        "annotations": [
            {
                "result": [
                    *(
                        {
                            "id": k,
                            "type": "labels",
                            "value": {"start": a, "end": b, "labels": ["Organisation"]},
                        }
                        for k, (a, b) in zip("ab", spans, strict=True)
                    ),
                    {
                        "type": "relation",
                        "from_id": "a",
                        "to_id": "b",
                        "labels": ["FightingAgainst"],
                    },
                ]
            }
        ],
    }


def test_label_studio_export_is_streamed_task_by_task(tmp_path: Path) -> None:
    export = tmp_path / "big.json"
    padding = "x" * 200_000  # one task spans several read chunks
    tasks = [_ls_task(1), _ls_task(2, "The Hill Brigade fights the Red Hand Front. " + padding)]
    export.write_text(json.dumps(tasks, indent=1)[:-1] + ",\n{broken\n")
    resolver = Resolver(Gazetteer(), Vocabulary.default())
    items = labelstudio.read(export, resolver, read_mapping("labelstudio", resolver.vocabulary))
    first, second = next(items), next(items)  # before the broken tail is ever parsed
    assert isinstance(first, AnnotatedArticle)
    assert isinstance(second, AnnotatedArticle)
    assert second.article.text.endswith(padding)
    with pytest.raises(LoadError) as failed:
        next(items)
    assert (failed.value.record, failed.value.file) == (export.read_text().count("\n"), str(export))
    assert "invalid JSON" in failed.value.message
