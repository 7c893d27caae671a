"""POLECAT (PLOVER-coded) event files, on rows constructed from the published column layout.

See tests/loaders/samples/polecat/SOURCE.md: no real rows could be shipped; the
rows are fictional and say so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import LoadError
from graph.store import UpsertStatus
from graph.vocabulary import Vocabulary
from ingest.pipeline import load, plan
from loaders.mapping import read_mapping

SAMPLE = Path(__file__).parent / "samples" / "polecat" / "polecat.constructed.tsv"
PLOVER_TYPES = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
    "ACCUSE",
    "REQUEST",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "SANCTION",
    "COERCE",
    "ASSAULT",
]


def _types(store, a: str, b: str) -> set[str]:
    return {i.claim.type for i in store.evidence(store.actor(a).id, store.actor(b).id)}


def test_a_polecat_file_is_detected_and_loads(store) -> None:
    summary = load(store, plan([SAMPLE]))
    (done,) = summary.inputs
    assert done.format == "polecat"
    assert done.documents[UpsertStatus.NEW] == 3
    assert done.skipped == {"PROTEST / demo makes no claim in the mapping": 1}
    assert _types(store, "Red Hand Front", "Military Forces of Arland") == {"FIGHTS"}
    assert _types(store, "Government of Borduria", "Military Forces of Arland") == {"SUPPORTS"}
    # two actors listed together: each consults the recipient
    assert _types(store, "Government of Arland", "Hill Brigade") == {"COOPERATES_WITH"}
    assert _types(store, "Government of Borduria", "Hill Brigade") == {"COOPERATES_WITH"}


def test_polecat_keeps_mode_context_kind_and_place(store) -> None:
    load(store, plan([SAMPLE]))
    (fight,) = store.evidence(
        store.actor("Red Hand Front").id, store.actor("Military Forces of Arland").id
    )
    claim = fight.claim
    assert (claim.mode.value, claim.attributes["plover_mode"]) == ("material", "firearms")
    assert claim.attributes["plover_contexts"] == "military"
    assert (claim.place.name, claim.place.latitude, claim.place.precision.value) == (
        "Oldtown",
        1.0,
        "exact",
    )
    assert store.actor("Red Hand Front").kind.value == "armed_group"
    assert store.actor("Hill Brigade").kind.value == "militia"


def test_every_plover_event_type_is_in_the_mapping() -> None:
    events = read_mapping("polecat", Vocabulary.default()).section("events")
    assert sorted(events) == sorted(PLOVER_TYPES)


def test_an_unknown_event_type_is_refused_with_line_and_field(store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text(SAMPLE.read_text(encoding="utf-8").replace("\tAID\t", "\tHUG\t"))
    with pytest.raises(LoadError, match=r"line 3.*Event Type.*type 'HUG' is not in the mapping"):
        load(store, plan([bad]))
    assert store.stats().articles == 0
    summary = load(store, plan([bad]), skip_bad=True, rejects_dir=tmp_path)
    assert (summary.inputs[0].rejected, summary.inputs[0].documents[UpsertStatus.NEW]) == (1, 2)
