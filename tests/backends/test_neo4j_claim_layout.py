"""Claims a database of an earlier layout holds, read by this one (skipped without NEO4J_URI).

Earlier versions stored each claim's JSON in ``data`` and only some of its
fields as properties; this one stores every field as a property and no JSON.
A database written before is read as it is, with no migration: a claim that
holds ``data`` is read from it.
"""

from __future__ import annotations

import os
from pathlib import Path

from neo4j import GraphDatabase

from tests.contract.test_claim_fields import DOC, FULL
from tests.contract.world import ACTORS
from tests.stores import fresh_store

EARLIER = "mode, certainty, support_type, attributes, place_name, place_admin1, place_admin2"


def test_claims_of_the_earlier_layout_keep_every_field(tmp_path: Path) -> None:
    with fresh_store("neo4j", tmp_path) as store:
        store.upsert_actors(ACTORS)
        store.upsert_article(DOC)
        with GraphDatabase.driver(os.environ["NEO4J_URI"]) as driver:
            driver.execute_query(  # the layout before: the JSON, without these properties
                "MATCH (c:Claim {id: $id}) SET c.data = $data "
                + "REMOVE "
                + ", ".join(f"c.{p.strip()}" for p in EARLIER.split(",")),
                id=FULL.id,
                data=FULL.model_dump_json(),
            )
        assert [i.claim for i in store.evidence("beta-militia", "alpha-front")] == [FULL]
        store.merge_actors("beta-militia", "zeta-brigade")
        assert [i.claim for i in store.evidence("zeta-brigade", "alpha-front")] == [FULL]
