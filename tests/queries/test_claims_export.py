"""The claims an export writes: every claim behind the exported relations."""

from __future__ import annotations

from graph.backends.embedded import EmbeddedStore
from graph.model import Actor, AnnotatedArticle, Article, Claim
from queries.claims_export import claims_under


def test_claims_with_one_id_in_two_articles_are_both_exported() -> None:
    # a claim id is unique within its article only: two reports may both call theirs "c1"
    store = EmbeddedStore(":memory:")
    store.upsert_actors([Actor(id="a", name="A"), Actor(id="b", name="B")])
    for report in ("x", "y"):
        claim = Claim(id="c1", article=report, source="a", target="b", type="FIGHTS", date=None)
        store.upsert_article(
            AnnotatedArticle(article=Article(id=report, title=report), claims=(claim,))
        )
    found = claims_under(store)
    assert sorted(item.article.id for item in found) == ["x", "y"]


def test_a_merged_away_actors_claims_are_exported_for_the_actor_it_became() -> None:
    store = EmbeddedStore(":memory:")
    store.upsert_actors([Actor(id=i, name=i.upper()) for i in ("a", "a2", "b")])
    claims = (
        Claim(id="c1", article="x", source="a2", target="b", type="FIGHTS", date=None),
        Claim(id="c2", article="x", source="b", target="a", type="ALLIED_WITH", date=None),
    )
    store.upsert_article(AnnotatedArticle(article=Article(id="x", title="x"), claims=claims))
    store.merge_actors("a2", "a")
    assert sorted(item.claim.id for item in claims_under(store)) == ["c1", "c2"]
