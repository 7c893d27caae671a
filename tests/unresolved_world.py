"""The contract world with actors no gazetteer knew, for the analyst's tools (fictional names)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from graph.backends.embedded import EmbeddedStore
from graph.model import Actor
from tests.contract.world import ACTORS, WORLD, article

UNRESOLVED = (
    Actor(id="alpha-frnt", name="Alpha Frnt", kind="armed_group", unresolved=True),
    Actor(id="beta-militia-fighters", name="Beta Militia fighters", unresolved=True),
    Actor(id="omega-group", name="Omega Group", unresolved=True),
)
KNOWN = tuple(
    a.model_copy(update={"external_ids": {"ucdp": "Gamma"}}) if a.id == "gamma-state" else a
    for a in ACTORS
)
U1 = article(
    "u1",
    date(2019, 3, 1),
    [
        ("alpha-frnt", "FIGHTS", "gamma-state", 0.8, "asserted"),
        ("alpha-frnt", "OPPOSES", "delta-party", 0.5, "asserted"),
        ("beta-militia-fighters", "ATTACKS", "delta-party", 0.7, "asserted"),
    ],
)


def unresolved_world(folder: Path) -> Path:
    """A closed embedded store file: the world, three unresolved actors and what they did.

    Claims naming each actor: alpha-frnt 2, beta-militia-fighters 1, omega-group 0.
    """
    path = folder / "unresolved.sqlite"
    store = EmbeddedStore(path)
    try:
        store.upsert_actors((*KNOWN, *UNRESOLVED))
        store.upsert_articles((*WORLD, U1))
    finally:
        store.close()
    return path
