"""Every query of the NeoDash dashboard runs on a real Neo4j holding the seeds, loaded by the CLI.

Runs when ``NEO4J_URI`` points at a live server (``.ci/run`` starts one); skipped
with the reason otherwise. The seeds are loaded with ``actorgraph load --store
$NEO4J_URI`` into an empty database, which is emptied again afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.backends.embedded import EmbeddedStore
from tests.conftest import SEEDS, load_seeds
from tests.stores import fresh_store
from tests.test_cypher_lint import dashboard_queries

ACTOR = "Popular Mobilisation Forces"
ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="needs NEO4J_URI (a live Neo4j)"),
]


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, list[dict]]]:
    """Each dashboard query's rows, on the seeds, for the seed article's main actor.

    Runs on an empty database only and empties it afterwards (:func:`fresh_store`).
    """
    from neo4j import GraphDatabase, NotificationMinimumSeverity

    uri = os.environ["NEO4J_URI"]
    cli = Path(sys.executable).parent / "actorgraph"
    auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    with (
        fresh_store("neo4j", tmp_path_factory.mktemp("dashboard")),
        GraphDatabase.driver(
            uri, auth=auth, notifications_min_severity=NotificationMinimumSeverity.OFF
        ) as driver,
    ):
        subprocess.run([str(cli), "load", str(SEEDS), "--store", uri], check=True, cwd=ROOT,
                       capture_output=True)  # fmt: skip
        yield {
            name: [
                record.data()
                for record in driver.execute_query(
                    query,
                    neodash_actor_name=ACTOR,
                    input="mobilisation",
                    database_=os.environ.get("NEO4J_DATABASE"),
                ).records
            ]
            for name, query in dashboard_queries().items()
        }


def _rows(answers: dict[str, list[dict]], report: str) -> list[dict]:
    (name,) = [n for n in answers if n.endswith(report)]
    return answers[name]


def test_every_query_runs_and_finds_the_seed_actor(answers: dict[str, list[dict]]) -> None:
    empty = {name for name, rows in answers.items() if not rows}
    # the seed article reports no hostility inside the militias' camp
    assert empty == {n for n in answers if "tensions_in_the_camp" in n}
    assert _rows(answers, "_actor") == [{"value": ACTOR, "display": ACTOR}]


def test_allies_and_enemies_agree_with_the_api(
    answers: dict[str, list[dict]], tmp_path: Path
) -> None:
    rows = _rows(answers, "allies_and_enemies_of_neodash_actor_name")
    store = EmbeddedStore(tmp_path / "seeded.sqlite")
    load_seeds(store)
    try:
        allies = {s.actor.name for s in store.allies("popular-mobilisation-forces")}
        enemies = {s.actor.name for s in store.enemies("popular-mobilisation-forces")}
    finally:
        store.close()
    assert {r["Actor"] for r in rows if r["Stance"] == "ally"} == allies
    assert {r["Actor"] for r in rows if r["Stance"] == "enemy"} == enemies
    assert rows[0]["Actor"] == "Syrian Arab Army"


def test_time_evidence_and_brokers(answers: dict[str, list[dict]]) -> None:
    (year,) = _rows(answers, "claims_per_year_about_neodash_actor_name")
    assert year["Year"] == 2016
    assert year["Allied"] > 0
    assert year["Hostile"] > 0
    quotes = {r["Quote"] for r in _rows(answers, "evidence_about_neodash_actor_name")}
    assert any("coordinating closely" in " ".join(q.split()) for q in quotes)
    brokers = _rows(answers, "brokers")
    assert brokers[0]["Broker"] == ACTOR
    bridged = _rows(answers, "pairs_neodash_actor_name_bridges")
    assert len(bridged) == brokers[0]["Pairs bridged"]
    neighbourhood = _rows(answers, "neighbourhood_of_neodash_actor_name")
    assert len(neighbourhood) >= len(_rows(answers, "allies_and_enemies_of_neodash_actor_name"))
