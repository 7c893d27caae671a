"""Every relation the seed article states is answerable from the service."""

from __future__ import annotations

from graph.backends.embedded import EmbeddedStore
from tests.conftest import SEED_TEXT

PMU = "popular-mobilisation-forces"


def ids(stances) -> list[str]:
    return [s.actor.id for s in stances]


def test_pmu_allies_include_the_syrian_army_and_iran(seeded: EmbeddedStore) -> None:
    allies = ids(seeded.allies(PMU))
    assert "syrian-arab-army" in allies
    assert "iran" in allies
    assert allies[0] == "syrian-arab-army"  # the most evidenced tie


def test_the_alliance_of_iraqi_forces_opposes_the_pmu(seeded: EmbeddedStore) -> None:
    assert "alliance-of-iraqi-forces" in ids(seeded.enemies(PMU))
    (opposes,) = [
        r
        for r in seeded.relations()
        if (r.source, r.target, r.type) == ("alliance-of-iraqi-forces", PMU, "OPPOSES")
    ]
    assert opposes.n_claims == 2


def test_path_from_iran_to_the_alliance_is_negative(seeded: EmbeddedStore) -> None:
    (path,) = seeded.paths("iran", "alliance-of-iraqi-forces")
    assert path.actors == ("iran", PMU, "alliance-of-iraqi-forces")
    assert path.sign == -1


def test_every_relation_has_a_verbatim_quote(seeded: EmbeddedStore) -> None:
    relations = seeded.relations()
    assert len(relations) == 13
    for relation in relations:
        quote = relation.evidence.quote
        assert quote in SEED_TEXT
        assert SEED_TEXT[relation.evidence.start : relation.evidence.end] == quote


def test_the_stated_relations_are_all_there(seeded: EmbeddedStore) -> None:
    stated = {(r.source, r.type, r.target) for r in seeded.relations()}
    assert stated >= {
        ("iran", "SUPPORTS", PMU),
        ("iraqi-government", "SUPPORTS", PMU),
        ("haider-al-abadi", "SUPPORTS", PMU),
        (PMU, "COOPERATES_WITH", "syrian-arab-army"),
        (PMU, "COOPERATES_WITH", "syrian-government"),
        ("islamic-state", "FIGHTS", PMU),
        ("sunni-tribal-forces-mosul", "THREATENS", PMU),
        ("iraqi-kurdish-forces", "OPPOSES", PMU),
        ("iraqi-sunni-parties", "OPPOSES", "haider-al-abadi"),
        ("iraqi-kurdish-parties", "OPPOSES", "haider-al-abadi"),
        ("nouri-al-maliki", "FOUNDED", PMU),
        ("abu-mahdi-al-muhandis", "LEADS", PMU),
    }


def test_the_coordination_claim_is_attributed_to_al_muhandis(seeded: EmbeddedStore) -> None:
    items = seeded.evidence(PMU, "syrian-arab-army")
    assert {i.claim.attributed_to for i in items} == {"abu-mahdi-al-muhandis"}
    assert {str(i.claim.date) for i in items} == {"2016-02-24"}
    assert "planned" in {i.claim.modality for i in items}


def test_any_spelling_of_the_units_resolves(seeded: EmbeddedStore) -> None:
    for name in (
        "Popular Mobilization Forces",
        "Hashd al-Shaabi",
        "PMU",
        "popular mobilisation units",
        "al-Hashd al-Sha'abi".replace("'", ""),
    ):
        assert seeded.actor(name).id == PMU
