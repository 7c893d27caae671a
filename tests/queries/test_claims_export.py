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
