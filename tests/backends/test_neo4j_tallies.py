"""The Neo4j store's running relation tallies, on a live server (skipped without NEO4J_URI).

A database written before relationships kept their running tally (an older
version, or ``neo4j-admin`` import files) holds relations without
``weight_sum`` and ``evidence_claim``: the next write touching such a
relation counts it again from its claims instead of adding to figures it
cannot resume.
"""

from __future__ import annotations

import os
from pathlib import Path

from neo4j import GraphDatabase

from tests.contract.test_tallies import afresh, reports
from tests.contract.world import ACTORS
from tests.stores import fresh_store


def test_relations_written_without_running_tallies_are_counted_again(tmp_path: Path) -> None:
    with fresh_store("neo4j", tmp_path) as store:
        store.upsert_actors(ACTORS)
        docs = reports(seed=41, n=30)
        store.upsert_articles(docs[:20])
        with GraphDatabase.driver(os.environ["NEO4J_URI"]) as driver:
            driver.execute_query(
                "MATCH (:Actor)-[r]->(:Actor) REMOVE r.weight_sum, r.evidence_claim "
                "SET r.n_claims = r.n_claims + 100"  # figures that must not be resumed
            )
        store.upsert_articles(docs[20:])
        touched = {c.key for d in docs[20:] for c in afresh([d])}
        assert [r for r in store.relations() if r.key in touched] == [
            r for r in afresh(docs) if r.key in touched
        ]
