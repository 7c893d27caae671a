"""A bulk load tallies many claims of each relation at once: the same relations as one at a time.

The tallies of a write are counted a batch at a time with numpy
(:mod:`graph.backends.column_tally`); here relations gather dozens of claims
each, in batches, into an empty store and on top of stored tallies, with ties
in weight and date so the evidence shown is decided by the rank's last terms.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from graph.aggregate import aggregate
from graph.backends.embedded import EmbeddedStore
from graph.filters import NO_FILTERS
from graph.model import AnnotatedArticle, Relation
from graph.vocabulary import Vocabulary
from tests.contract.world import ACTORS, article

FEW = [a.id for a in ACTORS[:4]]
RARE = [a.id for a in ACTORS[4:]]
DAYS = [None, None, date(2015, 1, 1), date(2016, 6, 1)]


def reports(first: int, n: int, seed: int) -> list[AnnotatedArticle]:
    """``n`` articles of one to four claims, most among four actors (dozens of claims a
    relation), some with others (a few claims a relation, some never dated)."""
    rng = random.Random(seed)
    docs = []
    for number in range(first, first + n):
        rows = {}
        for _ in range(rng.randrange(1, 5)):
            source, target = rng.sample(FEW if rng.random() < 0.8 else FEW + RARE, 2)
            kind = rng.choice(("FIGHTS", "SUPPORTS", "ALLIED_WITH"))
            modality = rng.choice(("asserted", "reported", "alleged", "denied"))
            rows[source, kind, target, modality] = rng.choice((0.3, 0.7, 1.0, 1.0, 1.0))
        rows_ = [(*k[:3], c, k[3]) for k, c in rows.items()]
        docs.append(article(f"b{number}", rng.choice(DAYS), rows_))
    return docs


def afresh(docs: dict[str, AnnotatedArticle]) -> list[Relation]:
    """The holding relations of every claim of ``docs``, aggregated at once."""
    claims = [c for doc in docs.values() for c in doc.claims]
    return aggregate(claims, Vocabulary.default(), NO_FILTERS)


def test_relations_of_many_claims_loaded_in_bulk_equal_those_of_all_claims(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.sqlite"
    store = EmbeddedStore(path)
    store.upsert_actors(ACTORS)
    docs = {d.article.id: d for d in reports(0, 300, seed=5)}
    batch = list(docs.values())
    with store.bulk_load():  # into an empty store
        for i in range(0, len(batch), 70):
            store.upsert_articles(batch[i : i + 70])
    assert store.relations() == afresh(docs)
    assert max(r.n_claims for r in store.relations()) > 20
    more = {d.article.id: d for d in reports(300, 150, seed=6)}
    changed = {d.article.id: d for d in reports(10, 3, seed=7)}  # b10-b12, saying other things
    with store.bulk_load():  # on top of the stored tallies
        store.upsert_articles(list(more.values())[:80])
        store.upsert_articles(list(changed.values()))
        store.delete_article("b20")
        store.upsert_articles(list(more.values())[80:])
    docs.update(more)
    docs.update(changed)
    del docs["b20"]
    assert store.relations() == afresh(docs)
    for doc in reports(450, 5, seed=8):  # one write at a time
        store.upsert_article(doc)
        docs[doc.article.id] = doc
    expected = afresh(docs)
    assert store.relations() == expected
    store.close()
    store = EmbeddedStore(path)  # the tallies as stored
    try:
        assert store.relations() == expected
    finally:
        store.close()
