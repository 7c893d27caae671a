"""The embedded store's persisted relation tallies always equal a tally of the claims afresh.

Whatever sequence of loads, re-loads, retractions, merges and unmerges, alone
or in bulk loads (abandoned or not), and across a reopen, an upgrade from
layout 1 or a change of vocabulary.
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.aggregate import aggregate
from graph.backends.embedded import EmbeddedStore
from graph.backends.sqlite_rows import PLACE_COLUMNS
from graph.backends.sqlite_schema import VERSION
from graph.errors import InvalidQuery
from graph.filters import NO_FILTERS, Filters
from graph.identity import canonical_claims, canonical_ids
from graph.model import AnnotatedArticle, Modality, Relation
from graph.traversal.neighbourhood import neighbourhood
from graph.traversal.stance_graph import build_stance_graph
from graph.traversal.stances import allies, enemies
from graph.vocabulary import Vocabulary
from tests.contract.world import ACTORS, WORLD, article
from tests.stores import world_file

IDS = [a.id for a in ACTORS]
TYPES = ["ALLIED_WITH", "FIGHTS", "SUPPORTS", "OPPOSES", "LEADS"]
FILTERS = (
    NO_FILTERS,
    Filters(since=date(2016, 6, 1)),
    Filters(as_of=date(2016, 12, 31), min_confidence=0.6),
    Filters(types=("FIGHTS", "ALLIED_WITH")),
    Filters(polarity=(-1,), until=date(2017, 1, 1)),
)

rows = st.lists(
    st.tuples(
        st.sampled_from(IDS),
        st.sampled_from(TYPES),
        st.sampled_from(IDS),
        st.sampled_from([0.5, 0.75, 1.0]),
        st.sampled_from(["asserted", "alleged", "denied"]),
    ).filter(lambda r: r[0] != r[2]),
    min_size=1,
    max_size=5,
    unique_by=lambda r: (r[0], r[1], r[2], r[4]),
)
put = st.tuples(
    st.just("put"),
    st.sampled_from(["a1", "a2", "a3", "a4"]),
    st.sampled_from([date(2016, 3, 1), date(2017, 5, 1), None]),
    rows,
)
delete = st.tuples(st.just("delete"), st.sampled_from(["a1", "a2", "a3", "a4"]))
merge = st.tuples(st.just("merge"), st.sampled_from(IDS), st.sampled_from(IDS))
unmerge = st.tuples(st.just("unmerge"), st.sampled_from(IDS))
# writes in one bulk load; True: the block ends with an exception (nothing of it is stored)
bulk = st.tuples(st.just("bulk"), st.lists(st.one_of(put, delete), max_size=5), st.booleans())
operations = st.lists(st.one_of(put, put, delete, merge, unmerge, bulk), min_size=1, max_size=12)


class Abandoned(Exception):
    """Ends a bulk load of the test with an exception."""


def run(store: EmbeddedStore, ops: list[tuple], docs: dict[str, AnnotatedArticle]) -> None:
    """Apply ``ops`` to ``store``, keeping ``docs`` as the articles it should hold."""
    for op in ops:
        if op[0] == "put":
            docs[op[1]] = article(op[1], op[2], op[3])
            store.upsert_article(docs[op[1]])
        elif op[0] == "delete" and op[1] in docs:
            store.delete_article(op[1])
            del docs[op[1]]
        elif op[0] == "merge":
            # already merged, or already one actor: refused, nothing changed
            with contextlib.suppress(InvalidQuery):
                store.merge_actors(op[1], op[2])
        elif op[0] == "unmerge":
            with contextlib.suppress(InvalidQuery):
                store.unmerge(op[1])
        elif op[0] == "bulk":
            held = dict(docs)
            with contextlib.suppress(Abandoned), store.bulk_load():
                run(store, op[1], held)
                if op[2]:
                    raise Abandoned
                docs.update(held)
                for gone in set(docs) - set(held):
                    del docs[gone]


def expected(store: EmbeddedStore, docs: dict[str, AnnotatedArticle], filters: Filters) -> list:
    canon = canonical_ids(store.merges())
    claims = [c for doc in docs.values() for c in doc.claims]
    return aggregate(canonical_claims(claims, canon), store.vocabulary, filters)


def check(store: EmbeddedStore, docs: dict[str, AnnotatedArticle]) -> None:
    for filters in FILTERS:
        relations = expected(store, docs, filters)
        assert store.relations(filters) == relations, filters
        merged = canonical_ids(store.merges())  # merged-away actors have no stances of their own
        G = build_stance_graph([a for a in store.actors() if a.id not in merged], relations)
        for actor in G:
            assert store.allies(actor, filters) == allies(G, actor), (actor, filters)
            assert store.enemies(actor, filters) == enemies(G, actor), (actor, filters)
            for depth, limit, cap in ((1, 100, 500), (1, 2, 3), (2, 3, 2)):
                assert store.neighbourhood(actor, depth, filters, limit, cap) == neighbourhood(
                    G, actor, depth, limit, cap
                ), (actor, filters, depth, limit, cap)
    stats = store.stats()
    assert stats.claims == sum(len(doc.claims) for doc in docs.values())
    assert stats.relations == len(expected(store, docs, NO_FILTERS))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(ops=operations, more=operations, after=operations)
def test_tallies_match_the_claims_after_any_writes_and_a_reopen(
    tmp_path_factory, ops: list[tuple], more: list[tuple], after: list[tuple]
) -> None:
    path = tmp_path_factory.mktemp("tallies") / "s.sqlite"
    store = EmbeddedStore(path)
    store.upsert_actors(ACTORS)
    docs: dict[str, AnnotatedArticle] = {}
    run(store, ops, docs)
    check(store, docs)
    run(store, more, docs)  # on a graph that keeps what the queries above sorted
    check(store, docs)
    before = (store.relations(), store.stats())
    store.close()
    store = EmbeddedStore(path)
    try:
        assert (store.relations(), store.stats()) == before
        run(store, after, docs)
        check(store, docs)
    finally:
        store.close()


def _as_layout_1(path: Path) -> None:
    """Turn a store file back into layout 1: claims without keys, no tallies."""
    db = sqlite3.connect(path)
    db.executescript(
        """
        DROP TABLE relations; DROP TABLE meta; DROP INDEX claims_key;
        ALTER TABLE claims DROP COLUMN ksource; ALTER TABLE claims DROP COLUMN ktarget;
        PRAGMA user_version = 1;
        """
    )
    _drop_place_columns(db)
    db.close()


def _drop_place_columns(db: sqlite3.Connection) -> None:
    for column in PLACE_COLUMNS:
        db.execute(f"ALTER TABLE claims DROP COLUMN {column}")
    db.commit()


def test_a_layout_1_file_is_tallied_on_open(tmp_path: Path) -> None:
    path = world_file(tmp_path)
    store = EmbeddedStore(path)
    store.merge_actors("delta-party", "gamma-state")
    today = (store.stats(), store.relations(), store.evidence("alpha-front", "gamma-state"))
    store.close()
    _as_layout_1(path)
    upgraded = EmbeddedStore(path)
    try:
        assert (
            upgraded.stats(),
            upgraded.relations(),
            upgraded.evidence("alpha-front", "gamma-state"),
        ) == today
        assert today[2], "the merged pair has evidence"
    finally:
        upgraded.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == VERSION
    assert db.execute("SELECT count(*) FROM relations").fetchone()[0] > 0


def test_a_layout_2_file_gains_places_and_keeps_its_claims(tmp_path: Path) -> None:
    path = world_file(tmp_path)
    store = EmbeddedStore(path)
    today = (store.stats(), store.relations(), store.evidence("alpha-front", "gamma-state"))
    store.close()
    db = sqlite3.connect(path)
    db.execute("DROP INDEX claims_key")  # it names no place column; dropped only to drop them
    _drop_place_columns(db)
    db.execute("PRAGMA user_version = 2")
    db.close()
    upgraded = EmbeddedStore(path)
    try:
        after = (
            upgraded.stats(),
            upgraded.relations(),
            upgraded.evidence("alpha-front", "gamma-state"),
        )
        assert after == today
        assert all(e.claim.place is None for e in after[2])
    finally:
        upgraded.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == VERSION
    columns = {row[1] for row in db.execute("PRAGMA table_info(claims)")}
    assert set(PLACE_COLUMNS) <= columns


def test_another_vocabulary_re_tallies_the_file(tmp_path: Path) -> None:
    path = world_file(tmp_path)
    store = EmbeddedStore(path)
    default = store.relations(Filters(types=("OPPOSES",)))
    store.close()
    vocabulary = Vocabulary.default()
    weights = {**vocabulary.modality_weights, Modality.ALLEGED: 0.1}
    vocabulary = vocabulary.model_copy(update={"modality_weights": weights})
    reweighted = EmbeddedStore(path, vocabulary)
    try:
        (opposes,) = reweighted.relations(Filters(types=("OPPOSES",)))
        assert opposes.weight == 0.06  # the alleged 0.6 claim at the new weight 0.1
        assert default[0].weight != opposes.weight
        docs = {doc.article.id: doc for doc in WORLD}
        check(reweighted, docs)
    finally:
        reweighted.close()


def test_relations_read_back_serialise_as_validated_ones(tmp_path: Path) -> None:
    # the relations are built from the stored values, not validated again
    store = EmbeddedStore(world_file(tmp_path))
    try:
        relations = store.relations()
        assert relations
        for relation in relations:
            validated = Relation.model_validate(relation.model_dump())
            assert relation == validated
            assert relation.model_dump_json() == validated.model_dump_json()
            assert relation.model_fields_set == validated.model_fields_set
    finally:
        store.close()
