"""Contract: a claim's evidence comes back with every field it was loaded with, also after
a merge moved it to another relation."""

from __future__ import annotations

from datetime import date

from graph.model import AnnotatedArticle, Article, Claim, Evidence, Place
from graph.store import GraphStore
from tests.contract.world import ACTORS

TEXT = "Alpha Front shelled Gamma. Beta Militia, Delta said, armed Alpha Front. Gamma met Delta."
FULL = Claim(
    id="c-full",
    article="f1",
    source="beta-militia",
    target="alpha-front",
    type="SUPPORTS",
    confidence=0.65,
    modality="alleged",
    attributed_to="delta-party",
    evidence=Evidence(quote="Beta Militia, Delta said, armed Alpha Front.", start=27, end=71),
    date=date(2018, 5, 2),
    valid_from=date(2018, 4, 1),
    valid_to=date(2018, 12, 31),
    mode="material",
    certainty="alleged",
    support_type="weapons",
    attributes={"fatalities": 3, "source_scale": "national", "actors": ["a", "b"]},
    place=Place(
        name="Tal Abyad",
        admin1="Ar-Raqqa",
        admin2="Tal Abyad",
        country="SYR",
        latitude=36.6974,
        longitude=38.9567,
        precision="near",
    ),
)
COUNTRY_ONLY = Claim(
    id="c-country",
    article="f1",
    source="alpha-front",
    target="gamma-state",
    type="ATTACKS",
    evidence=Evidence(quote="Alpha Front shelled Gamma."),
    date=date(2018, 5, 1),
    place=Place(country="SYR", precision="admin"),
)
BARE = Claim(
    id="c-bare", article="f1", source="gamma-state", target="delta-party", type="NEGOTIATES_WITH",
    date=None,
)  # fmt: skip
DOC = AnnotatedArticle(
    article=Article(id="f1", title="Fields", published=date(2018, 5, 3), text=TEXT),
    claims=(FULL, COUNTRY_ONLY, BARE),
)


def _evidence_claims(store: GraphStore, source: str, target: str) -> list[Claim]:
    return [item.claim for item in store.evidence(source, target)]


def test_every_field_of_a_claim_comes_back_in_its_evidence(store: GraphStore) -> None:
    store.upsert_actors(ACTORS)
    store.upsert_article(DOC)
    assert _evidence_claims(store, "beta-militia", "alpha-front") == [FULL]
    assert _evidence_claims(store, "alpha-front", "gamma-state") == [COUNTRY_ONLY]
    assert _evidence_claims(store, "gamma-state", "delta-party") == [BARE]
    (relation,) = [r for r in store.relations() if r.type == "SUPPORTS"]
    assert (relation.evidence, relation.evidence_article) == (FULL.evidence, "f1")


def test_a_merge_keeps_every_field_of_the_claims_it_moves(store: GraphStore) -> None:
    store.upsert_actors(ACTORS)
    store.upsert_article(DOC)
    store.merge_actors("beta-militia", "zeta-brigade")
    assert _evidence_claims(store, "zeta-brigade", "alpha-front") == [FULL]
    store.unmerge("beta-militia")
    assert _evidence_claims(store, "beta-militia", "alpha-front") == [FULL]
