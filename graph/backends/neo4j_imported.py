"""Data a ``neo4j-admin database import`` made: the TIEs it cannot carry, built on first use.

A TIE names its relations' element ids, which no import file can know, so an
imported database holds the aggregated relations and no TIE; the unfiltered
neighbourhoods and paths walk the TIEs and would find nothing. The store's
first use of a database (:meth:`graph.backends.neo4j_writes.Neo4jWrites._made_whole`)
builds them.
"""

from __future__ import annotations

from neo4j import ManagedTransaction

from graph.backends.neo4j_session import Neo4jSession

TIE_BATCH = 2_000
"""Pairs whose TIEs are built per transaction."""


def build_missing_ties(db: Neo4jSession) -> bool:
    """Every related pair's TIE, when the data holds relations but no TIE at all or a build
    was cut short (its mark is left); whether it built them."""
    (row,) = db.read("ties_missing")
    if not row["missing"]:
        return False
    # marked first: a build cut short (the process stopped) is done again on next connect
    db.write(lambda tx: db.run(tx, "ties_build_begin"))
    pairs = [found["pair"] for found in db.read("tie_pairs")]
    for start in range(0, max(len(pairs), 1), TIE_BATCH):  # none: the mark goes
        last = start + TIE_BATCH >= len(pairs)

        def work(
            tx: ManagedTransaction,
            chunk: list[list[str]] = pairs[start : start + TIE_BATCH],
            last: bool = last,
        ) -> None:
            db.run(tx, "ties_recompute", pairs=chunk)
            if last:
                db.run(tx, "ties_build_done")
            db.run(tx, "revision_bump")  # last: the data changed

        db.write(work)
    return True
