"""Contract: relation queries rolled up to top-level actors answer alike on every backend.

In the world, Zeta Brigade is a member of Beta Militia (the gazetteer says so).
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.errors import InvalidQuery
from graph.filters import Filters
from graph.model import Actor
from graph.store import GraphStore
from queries.rollup import rolled_up
from tests.contract.world import EXTRA, article


def _stances(found: list) -> list[tuple[str, float]]:
    return [(s.actor.id, s.stance) for s in found]


def test_a_unit_counts_as_its_umbrella(world: GraphStore) -> None:
    world.upsert_article(EXTRA)  # gamma-state SUPPORTS zeta-brigade, 2018
    assert _stances(world.allies("zeta-brigade")) == [("gamma-state", 0.9)]
    view = rolled_up(world)
    assert view.top("zeta-brigade") == "beta-militia"
    assert view.allies("zeta-brigade") == view.allies("beta-militia")
    (gamma,) = [s for s in view.allies("beta-militia") if s.actor.id == "gamma-state"]
    (support,) = gamma.relations
    assert (support.source, support.target, support.type) == (
        "gamma-state",
        "beta-militia",
        "SUPPORTS",
    )
    assert (support.weight, support.n_claims, support.n_articles) == (1.8, 2, 2)
    assert (support.first_seen, support.last_seen) == (date(2016, 3, 1), date(2018, 1, 1))
    assert "zeta-brigade" not in {a.id for a in view.actors}


def test_the_answer_does_not_depend_on_which_level_a_source_named(
    world: GraphStore,
) -> None:
    def answers() -> tuple[list, list]:
        view = rolled_up(world)
        return _stances(world.enemies("alpha-front")), [
            (s.actor.id, s.stance, [(r.type, r.n_claims, r.n_articles) for r in s.relations])
            for s in view.enemies("alpha-front")
        ]

    day = date(2019, 1, 1)
    world.upsert_article(
        article("x1", day, [("beta-militia", "FIGHTS", "alpha-front", 0.6, "asserted")])
    )
    plain_by_umbrella, by_umbrella = answers()
    world.upsert_article(
        article("x1", day, [("zeta-brigade", "FIGHTS", "alpha-front", 0.6, "asserted")])
    )
    plain_by_unit, by_unit = answers()  # the same report, naming the unit
    assert plain_by_unit != plain_by_umbrella
    assert by_unit == by_umbrella
    assert by_unit[0] == ("beta-militia", -1.2, [("FIGHTS", 2, 2)])


def test_ties_inside_one_umbrella_are_left_out(world: GraphStore) -> None:
    world.upsert_article(
        article(
            "x1", date(2019, 1, 1), [("zeta-brigade", "FIGHTS", "beta-militia", 0.9, "asserted")]
        )
    )
    assert "zeta-brigade" in {s.actor.id for s in world.enemies("beta-militia")}
    view = rolled_up(world)
    assert all(r.source != r.target for r in view.relations())
    assert "beta-militia" not in {s.actor.id for s in view.enemies("beta-militia")}


def test_member_of_claims_roll_up_actors_the_gazetteer_leaves_alone(world: GraphStore) -> None:
    world.upsert_article(
        article(
            "x1",
            date(2018, 6, 1),
            [("epsilon-person", "MEMBER_OF", "delta-party", 1.0, "asserted")],
        )
    )
    view = rolled_up(world)
    assert view.top("epsilon-person") == "delta-party"
    leads = [r for r in view.relations() if r.type == "LEADS"]
    assert [(r.source, r.target) for r in leads] == [("delta-party", "alpha-front")]
    before = rolled_up(world, Filters(as_of=date(2017, 12, 31)))
    assert before.top("epsilon-person") == "epsilon-person"  # not yet a member then


def test_the_gazetteer_wins_over_a_member_of_claim(world: GraphStore) -> None:
    world.upsert_article(
        article(
            "x1", date(2018, 6, 1), [("zeta-brigade", "MEMBER_OF", "gamma-state", 1.0, "asserted")]
        )
    )
    assert rolled_up(world).top("zeta-brigade") == "beta-militia"


def test_a_membership_cycle_rolls_up_nothing_and_is_reported(world: GraphStore) -> None:
    world.upsert_article(
        article(
            "x1",
            date(2018, 6, 1),
            [
                ("alpha-front", "MEMBER_OF", "delta-party", 1.0, "asserted"),
                ("delta-party", "MEMBER_OF", "alpha-front", 1.0, "asserted"),
            ],
        )
    )
    view = rolled_up(world)
    assert (view.top("alpha-front"), view.top("delta-party")) == ("alpha-front", "delta-party")
    assert view.umbrellas.cycles == (("alpha-front", "delta-party"),)
    assert view.top("zeta-brigade") == "beta-militia"


def test_an_actor_with_umbrellas_under_different_tops_is_not_guessed(world: GraphStore) -> None:
    world.upsert_actors(
        [
            Actor(id="eta-unit", name="Eta Unit", member_of=("zeta-brigade", "gamma-state")),
            Actor(id="theta-cell", name="Theta Cell", member_of=("eta-unit",)),
        ]
    )
    view = rolled_up(world)
    assert view.top("eta-unit") == "eta-unit"
    assert view.umbrellas.ambiguous == {"eta-unit": ("beta-militia", "gamma-state")}
    assert view.top("theta-cell") == "eta-unit"


def test_merges_apply_before_the_roll_up(world: GraphStore) -> None:
    world.merge_actors("delta-party", "zeta-brigade")
    view = rolled_up(world)
    assert view.top("zeta-brigade") == "beta-militia"
    hostile = {s.actor.id: s for s in view.enemies("beta-militia")}
    fights = [r for r in hostile["alpha-front"].relations if r.type == "FIGHTS"]
    # alpha-front FIGHTS beta-militia (0.9, 2017) and FIGHTS delta-party, now zeta (0.7, 2016)
    assert [(r.weight, r.n_claims, r.n_articles) for r in fights] == [(1.6, 2, 2)]
    assert all(r.source != r.target for r in view.relations())  # beta OPPOSES delta is inside


def test_paths_neighbourhood_and_blocs_between_top_level_actors(world: GraphStore) -> None:
    world.upsert_article(EXTRA)
    view = rolled_up(world)
    (path,) = view.paths("zeta-brigade", "gamma-state")
    assert (path.actors, path.sign) == (("beta-militia", "gamma-state"), 1)
    with pytest.raises(InvalidQuery, match="both roll up to 'beta-militia'"):
        view.paths("zeta-brigade", "beta-militia")
    around = view.neighbourhood("zeta-brigade")
    assert around.center == "beta-militia"
    assert "zeta-brigade" not in {n.id for n in around.nodes}
    assert "zeta-brigade" not in view.blocs().membership


def test_filters_apply_to_the_rolled_up_relations(world: GraphStore) -> None:
    world.upsert_article(EXTRA)
    view = rolled_up(world, Filters(until=date(2017, 12, 31)))
    (gamma,) = [s for s in view.allies("beta-militia") if s.actor.id == "gamma-state"]
    assert [(r.weight, r.n_claims) for r in gamma.relations] == [(0.9, 1)]


def test_a_view_of_one_actors_ties_answers_its_allies_and_enemies_alike(world: GraphStore) -> None:
    world.upsert_article(EXTRA)
    whole = rolled_up(world)
    for actor in ("zeta-brigade", "beta-militia", "gamma-state", "alpha-front", "delta-party"):
        ties = rolled_up(world, ties_of=actor)
        assert ties.allies(actor) == whole.allies(actor)
        assert ties.enemies(actor) == whole.enemies(actor)
    with pytest.raises(ValueError, match="only the ties of 'beta-militia'"):
        rolled_up(world, ties_of="zeta-brigade").neighbourhood("zeta-brigade")
