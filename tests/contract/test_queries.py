"""Contract: lookups, stances, neighbourhoods, signed paths, evidence, filters."""

from __future__ import annotations

from datetime import date

import pytest

from graph.errors import InvalidQuery, OutOfRange, UnknownActor
from graph.filters import Filters
from graph.model import Actor
from graph.store import GraphStore


@pytest.mark.parametrize(
    "ref", ["alpha-front", "Alpha Front", "alpha front", "ALPHA-FRONT", "AF", "jabhat al-fa"]
)
def test_actor_by_id_name_or_alias(world: GraphStore, ref: str) -> None:
    if ref == "jabhat al-fa":
        ref = "Jabhat Alfa"
    assert world.actor(ref).id == "alpha-front"


def test_spelling_variants_resolve(world: GraphStore) -> None:
    assert world.actor("beta mobilization").id == "beta-militia"


def test_unknown_actor_suggests_the_closest(world: GraphStore) -> None:
    with pytest.raises(UnknownActor) as caught:
        world.actor("Alpah Front")
    assert caught.value.suggestions[0] == "alpha-front"


def test_search_ranks_the_exact_match_first(world: GraphStore) -> None:
    found = world.search_actors("beta militia")
    assert found[0].actor.id == "beta-militia"
    assert found[0].score == 100


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("BetaMilitia", "beta-militia"),  # the space left out
        ("Zeta Brigdae", "zeta-brigade"),  # letters swapped
        ("Gama", "gamma-state"),  # one left out
        ("Epsilon", "epsilon-person"),  # one word of the name
    ],
)
def test_search_finds_a_misspelt_name(world: GraphStore, query: str, first: str) -> None:
    found = world.search_actors(query)
    assert found[0].actor.id == first
    assert found[0].score < 100


def test_actors_are_listed_by_id(world: GraphStore) -> None:
    assert [a.id for a in world.actors()] == sorted(a.id for a in world.actors())
    assert len(world.actors()) == 6


def test_actors_by_id_are_the_stored_ones_only(world: GraphStore) -> None:
    found = world.actors_by_id(["gamma-state", "nobody", "alpha-front"])
    assert sorted(found) == ["alpha-front", "gamma-state"]
    assert found["alpha-front"].aliases == ("AF", "Jabhat Alfa")
    assert world.actors_by_id([]) == {}


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("Alpha Fronts", []),  # close, not the same name: never guessed
        ("Jabhat al-Alfa", ["alpha-front"]),  # the article "al-" is no part of a name
        ("jabhat alfa", ["alpha-front"]),
        ("beta mobilization", ["beta-militia"]),
        ("zeta brigade", ["zeta-brigade"]),
        ("Zeta-Brigade", ["zeta-brigade"]),  # the id, spelled as a name
        ("", []),
    ],
)
def test_actors_answering_a_name(world: GraphStore, name: str, ids: list[str]) -> None:
    assert [a.id for a in world.actors_answering(name)] == ids


def test_actors_answering_a_shared_name_are_all_of_them_by_id(world: GraphStore) -> None:
    world.upsert_actors([Actor(id="af-2", name="Another Front", aliases=("AF",))])
    assert [a.id for a in world.actors_answering("af")] == ["af-2", "alpha-front"]


def test_lookups_as_stored_ignore_merges(world: GraphStore) -> None:
    world.merge_actors("delta-party", "gamma-state")
    assert world.actor("Delta Party").id == "gamma-state"  # a query's view: merged
    assert [a.id for a in world.actors_answering("Delta Party")] == ["delta-party"]
    assert list(world.actors_by_id(["delta-party"])) == ["delta-party"]


def test_allies_and_enemies_follow_the_net_stance(world: GraphStore) -> None:
    # alpha and beta: allied 0.8, denied 0.5, fought 0.9 -> net -0.6
    assert [(s.actor.id, s.stance) for s in world.enemies("alpha-front")] == [
        ("delta-party", -0.7),
        ("beta-militia", -0.6),
    ]
    assert [(s.actor.id, s.stance) for s in world.allies("beta-militia")] == [("gamma-state", 0.9)]
    assert world.allies("alpha-front") == []


def test_structural_relations_never_make_allies_or_enemies(world: GraphStore) -> None:
    assert world.allies("epsilon-person") == []
    assert world.enemies("epsilon-person") == []
    assert any(r.type == "LEADS" for r in world.relations())


def test_a_denial_counts_against_the_relation(world: GraphStore) -> None:
    (allied,) = [r for r in world.relations() if r.type == "ALLIED_WITH"]
    assert (allied.source, allied.target) == ("alpha-front", "beta-militia")
    assert allied.weight == pytest.approx(0.3)
    assert (allied.n_claims, allied.n_denials, allied.n_articles) == (2, 1, 2)
    assert allied.evidence.quote == "alpha-front allied with beta-militia."


def test_as_of_sees_the_alliance_before_the_fighting(world: GraphStore) -> None:
    before = Filters(as_of=date(2016, 12, 31))
    assert [s.actor.id for s in world.allies("alpha-front", before)] == ["beta-militia"]
    after = Filters(as_of=date(2017, 12, 31))
    assert "beta-militia" in [s.actor.id for s in world.enemies("alpha-front", after)]


def test_since_until_window(world: GraphStore) -> None:
    window = Filters(since=date(2017, 1, 1), until=date(2017, 12, 31))
    assert {r.type for r in world.relations(window)} == {"FIGHTS", "OPPOSES"}
    assert world.relations(Filters(until=date(2015, 1, 1))) == []


def test_min_confidence_drops_weak_claims(world: GraphStore) -> None:
    strong = Filters(min_confidence=0.85)
    assert [s.actor.id for s in world.enemies("alpha-front", strong)] == ["beta-militia"]


def test_type_and_polarity_filters(world: GraphStore) -> None:
    only_alliances = Filters(types=("ALLIED_WITH",))
    assert [s.actor.id for s in world.allies("alpha-front", only_alliances)] == ["beta-militia"]
    hostile = Filters(polarity=(-1,))
    assert {r.polarity for r in world.relations(hostile)} == {-1}


def test_relation_first_and_last_seen(world: GraphStore) -> None:
    (allied,) = [r for r in world.relations() if r.type == "ALLIED_WITH"]
    assert (allied.first_seen, allied.last_seen) == (date(2016, 3, 1), date(2016, 6, 1))


def test_neighbourhood_orders_by_hops_then_strength(world: GraphStore) -> None:
    sub = world.neighbourhood("alpha-front", depth=1)
    assert [n.id for n in sub.nodes] == [
        "alpha-front",
        "delta-party",
        "beta-militia",
        "epsilon-person",
    ]
    assert not sub.truncated
    two = world.neighbourhood("alpha-front", depth=2)
    assert "gamma-state" in {n.id for n in two.nodes}


def test_neighbourhood_limit_truncates(world: GraphStore) -> None:
    sub = world.neighbourhood("alpha-front", depth=2, limit=1)
    assert [n.id for n in sub.nodes] == ["alpha-front", "delta-party"]
    assert sub.truncated
    assert all({r.source, r.target} <= {"alpha-front", "delta-party"} for r in sub.relations)


def test_neighbourhood_caps_relations_centre_ties_first_each_tie_whole(
    world: GraphStore,
) -> None:
    full = world.neighbourhood("beta-militia", depth=2)
    assert full.total_relations == len(full.relations) == 6

    def shown(max_relations: int) -> list[tuple[str, str, str]]:
        sub = world.neighbourhood("beta-militia", depth=2, max_relations=max_relations)
        assert sub.total_relations == 6
        assert sub.nodes == full.nodes
        return [r.key for r in sub.relations]

    # the centre's ties only, strongest |stance| first: gamma (0.9), alpha (-0.6), delta (-0.3)
    assert shown(4) == [
        ("alpha-front", "beta-militia", "ALLIED_WITH"),
        ("alpha-front", "beta-militia", "FIGHTS"),
        ("beta-militia", "delta-party", "OPPOSES"),
        ("gamma-state", "beta-militia", "SUPPORTS"),
    ]
    # the alpha tie comes whole (both its relations) or not at all
    assert shown(3) == [
        ("alpha-front", "beta-militia", "ALLIED_WITH"),
        ("alpha-front", "beta-militia", "FIGHTS"),
        ("gamma-state", "beta-militia", "SUPPORTS"),
    ]
    assert shown(2) == [("gamma-state", "beta-militia", "SUPPORTS")]


def test_signed_paths(world: GraphStore) -> None:
    found = world.paths("gamma-state", "delta-party", k=2)
    assert [(p.actors, p.sign) for p in found] == [
        (("gamma-state", "beta-militia", "delta-party"), -1),
        (("gamma-state", "beta-militia", "alpha-front", "delta-party"), 1),
    ]


def test_positive_only_paths(world: GraphStore) -> None:
    assert world.paths("gamma-state", "delta-party", positive_only=True) == []
    assert world.paths("gamma-state", "beta-militia", positive_only=True)[0].sign == 1


def test_a_structural_step_makes_a_neutral_path(world: GraphStore) -> None:
    (found,) = world.paths("epsilon-person", "alpha-front")
    assert found.sign == 0


def test_max_hops_bounds_the_search(world: GraphStore) -> None:
    assert world.paths("epsilon-person", "gamma-state", max_hops=2) == []
    assert world.paths("epsilon-person", "gamma-state", max_hops=3)[0].hops == 3


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda s: s.neighbourhood("alpha-front", depth=9), "depth"),
        (lambda s: s.neighbourhood("alpha-front", limit=0), "limit"),
        (lambda s: s.neighbourhood("alpha-front", max_relations=0), "max_relations"),
        (lambda s: s.paths("alpha-front", "gamma-state", max_hops=99), "max_hops"),
        (lambda s: s.paths("alpha-front", "gamma-state", k=50), "k"),
    ],
)
def test_sizes_out_of_range_are_refused(world: GraphStore, call, name: str) -> None:
    with pytest.raises(OutOfRange) as caught:
        call(world)
    assert caught.value.name == name


def test_a_path_needs_two_actors(world: GraphStore) -> None:
    with pytest.raises(InvalidQuery):
        world.paths("alpha-front", "alpha-front")


def test_evidence_by_date(world: GraphStore) -> None:
    items = world.evidence("beta-militia", "alpha-front")
    assert [(i.claim.date, i.claim.type, i.claim.modality) for i in items] == [
        (date(2016, 3, 1), "ALLIED_WITH", "asserted"),
        (date(2016, 6, 1), "ALLIED_WITH", "denied"),
        (date(2017, 5, 1), "FIGHTS", "asserted"),
    ]
    assert items[0].article.title == "Report a1"
    assert (
        world.evidence("alpha-front", "beta-militia", Filters(types=("FIGHTS",)))[0].claim.type
        == "FIGHTS"
    )


def test_evidence_pages_are_slices_of_the_whole_with_its_count(world: GraphStore) -> None:
    whole = world.evidence("beta-militia", "alpha-front")
    pages = [world.evidence_page("beta-militia", "alpha-front", offset=i, limit=2) for i in (0, 2)]
    assert [p.total for p in pages] == [3, 3]
    assert [*pages[0].items, *pages[1].items] == whole
    fights = world.evidence_page("alpha-front", "beta-militia", Filters(types=("FIGHTS",)))
    assert (fights.total, [i.claim.type for i in fights.items]) == (1, ["FIGHTS"])
    assert world.evidence_page("alpha-front", "beta-militia", offset=9).items == ()
    with pytest.raises(InvalidQuery):
        world.evidence_page("alpha-front", "beta-militia", offset=-1)
    with pytest.raises(OutOfRange):
        world.evidence_page("alpha-front", "beta-militia", limit=0)


def test_queries_on_unknown_actors_fail(world: GraphStore) -> None:
    with pytest.raises(UnknownActor):
        world.allies("omega-unknown")


@pytest.mark.parametrize(
    "ask",
    [
        lambda s, a: s.allies(a),
        lambda s, a: s.enemies(a),
        lambda s, a: s.neighbourhood(a),
        lambda s, a: s.paths(a, "gamma-state"),
        lambda s, a: s.paths("gamma-state", a),
        lambda s, a: s.evidence(a, "gamma-state"),
    ],
)
def test_a_query_on_a_misspelt_id_suggests_the_closest_actors(world: GraphStore, ask) -> None:
    with pytest.raises(UnknownActor) as caught:
        ask(world, "alpha-frnt")
    assert caught.value.name == "alpha-frnt"
    assert caught.value.suggestions[0] == "alpha-front"


def test_a_time_window_reshapes_neighbourhoods_and_paths(world: GraphStore) -> None:
    # as of the end of 2016: a1 and a3 only (the 2017 fighting and opposition not yet)
    before = Filters(as_of=date(2016, 12, 31))
    sub = world.neighbourhood("alpha-front", depth=2, filters=before)
    assert [n.id for n in sub.nodes] == [
        "alpha-front",
        "delta-party",  # fights, 0.7
        "beta-militia",  # allied 0.8, denied 0.5: 0.3
        "epsilon-person",  # leads: structural
        "gamma-state",  # two hops, through beta
    ]
    assert {r.type for r in sub.relations} == {"FIGHTS", "ALLIED_WITH", "LEADS", "SUPPORTS"}
    (path,) = world.paths("gamma-state", "delta-party", filters=before)
    assert (path.actors, path.sign) == (
        ("gamma-state", "beta-militia", "alpha-front", "delta-party"),
        -1,
    )
    strong = Filters(min_confidence=0.85)
    assert world.paths("gamma-state", "delta-party", filters=strong) == []
