"""Contract: real samples loaded through the reference gazetteer, on every backend.

Actors the reference decided keep where they come from (``provenance``), the
unresolved ones why (``reason``); levels stay linked to their state
(``member_of``); loading again changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from graph.store import GraphStore
from ingest.pipeline import load, plan

DATA = Path(__file__).resolve().parents[1] / "data"
INPUTS = [DATA / "re3d" / "US State Department", DATA / "gdelt" / "events_20160728.tsv"]


def test_reference_actors_keep_their_provenance_and_reload_changes_nothing(
    store: GraphStore,
) -> None:
    first = load(store, plan(INPUTS))
    assert first.resolution["code"] > 0
    france = store.actor("French")  # a nationality adjective, from the reference
    assert (france.id, france.kind.value, france.country) == ("france", "state", "FRA")
    assert france.provenance.startswith("reference ")
    assert "countryinfo (CC BY-SA 3.0)" in france.provenance
    unresolved = [a for a in store.actors() if a.unresolved]
    assert unresolved
    assert all(a.reason for a in unresolved)
    before = (store.stats(), store.relations())
    again = load(store, plan(INPUTS))
    assert not again.changed
    assert (store.stats(), store.relations()) == before


def test_a_level_names_its_state(store: GraphStore) -> None:
    load(store, plan([DATA / "re3d" / "US State Department"]))
    government = store.actor("the Government of Iraq")
    assert (government.id, government.member_of) == ("iraq-government", ("iraq",))
