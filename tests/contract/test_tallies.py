"""Contract: relations kept up to date write after write equal the relations of all the claims.

Each backend keeps a running tally of every relation and adds each new
article's claims to it; an article re-loaded or retracted has its relations
counted again. However the articles arrive (in batches, one at a time,
changed, retracted), the relations must be those aggregated afresh from the
claims stored at the end: same weights, counts, first/last seen and evidence.
"""

from __future__ import annotations

import random
from datetime import date

from graph.aggregate import aggregate
from graph.filters import NO_FILTERS, Filters
from graph.model import AnnotatedArticle, Relation
from graph.store import GraphStore
from graph.traversal.stance_graph import build_stance_graph
from graph.traversal.stances import allies, enemies
from graph.vocabulary import Vocabulary
from tests.contract.world import ACTORS, article

TYPES = ("ALLIED_WITH", "COOPERATES_WITH", "FIGHTS", "SUPPORTS", "OPPOSES", "LEADS")
MODALITIES = ("asserted", "reported", "alleged", "denied")


def reports(seed: int, n: int) -> list[AnnotatedArticle]:
    """``n`` articles of one to four claims among the world's actors, many on the same pairs,
    with ties in weight and date (so the evidence shown is decided by the rank's last terms)."""
    rng = random.Random(seed)
    ids = [a.id for a in ACTORS]
    docs = []
    for number in range(n):
        day = rng.choice([None, date(2015, 1, 1), date(2016 + rng.randrange(3), 6, 1)])
        rows = {}
        for _ in range(rng.randrange(1, 5)):
            source, target = rng.sample(ids, 2)
            kind, modality = rng.choice(TYPES), rng.choice(MODALITIES)
            rows[source, kind, target, modality] = rng.choice((0.5, 0.8, 1.0))
        docs.append(article(f"r{number}", day, [(*k[:3], c, k[3]) for k, c in rows.items()]))
    return docs


def afresh(docs: list[AnnotatedArticle], filters: Filters = NO_FILTERS) -> list[Relation]:
    """The holding relations of every claim of ``docs``, aggregated at once."""
    return aggregate([c for d in docs for c in d.claims], Vocabulary.default(), filters)


def test_relations_tallied_write_after_write_equal_the_relations_of_all_claims(
    store: GraphStore,
) -> None:
    store.upsert_actors(ACTORS)
    docs = reports(seed=26, n=60)
    store.upsert_articles(docs[:20])
    for doc in docs[20:30]:
        store.upsert_article(doc)
    store.upsert_articles(docs[30:])
    assert store.relations() == afresh(docs)
    changed = {d.article.id: d for d in (reports(seed=27, n=4)[3], reports(seed=28, n=1)[0])}
    store.upsert_articles(list(changed.values()))  # "r3" and "r0" again, saying other things
    store.delete_article("r7")
    kept = [changed.get(d.article.id, d) for d in docs if d.article.id != "r7"]
    assert store.relations() == afresh(kept)
    assert store.relations(Filters(min_confidence=0.8)) == afresh(kept, Filters(min_confidence=0.8))


def test_one_actors_ties_under_a_window_follow_every_write(store: GraphStore) -> None:
    store.upsert_actors(ACTORS)
    docs = reports(seed=29, n=40)
    window = Filters(since=date(2016, 1, 1))
    ids = [a.id for a in ACTORS]
    store.upsert_articles(docs[:20])
    before = [store.allies(i, window) + store.enemies(i, window) for i in ids]
    store.upsert_articles(docs[20:])
    store.delete_article("r3")
    kept = [d for d in docs if d.article.id != "r3"]
    G = build_stance_graph(ACTORS, afresh(kept, window))
    after = [store.allies(i, window) + store.enemies(i, window) for i in ids]
    assert after == [allies(G, i) + enemies(G, i) for i in ids]
    assert after != before  # the later writes changed some actor's ties
