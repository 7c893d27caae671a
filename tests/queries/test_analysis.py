"""Signed-network analysis on textbook graphs, the seed, and a pair that flips."""

from __future__ import annotations

import itertools
import math
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.backends.embedded import EmbeddedStore
from graph.errors import OutOfRange
from graph.filters import Filters
from graph.model import Relation
from graph.traversal.stance_graph import build_stance_graph, store_stance_graph
from queries.balance import balance
from queries.blocs import blocs
from queries.brokers import brokers, support_chains
from queries.inference import infer
from queries.timeline import timeline
from tests.contract.world import ACTORS, WORLD


def signed(*edges: tuple[str, str, int, float]) -> nx.Graph:
    G = nx.Graph()
    for u, v, sign, weight in edges:
        G.add_edge(u, v, sign=sign, stance=sign * weight, relations=())
    return G


def test_a_clean_two_bloc_split() -> None:
    G = signed(
        ("a", "b", 1, 1),
        ("b", "c", 1, 1),
        ("d", "e", 1, 1),
        ("a", "d", -1, 1),
        ("c", "e", -1, 1),
        ("b", "d", -1, 1),
    )
    result = blocs(G)
    assert result.blocs == (("a", "b", "c"), ("d", "e"))
    assert result.frustration == 0
    assert balance(G).balance_index == 1.0


def test_negative_ties_repel_inside_a_positive_component() -> None:
    # a and c are both friends of b but fight each other hard: plain components
    # of the positive graph would put all three together
    G = signed(("a", "b", 1, 1.0), ("b", "c", 1, 0.5), ("a", "c", -1, 3.0))
    result = blocs(G)
    assert result.membership["a"] != result.membership["c"]
    (tie,) = result.frustrated
    assert (tie.source, tie.target, tie.sign) == ("b", "c", 1)
    assert result.frustration == 0.5


def test_unbalanced_triads_ranked_by_evidence() -> None:
    G = signed(
        ("a", "b", 1, 1),
        ("a", "c", 1, 1),
        ("b", "c", -1, 1),  # allies of a fight
        ("x", "y", 1, 5),
        ("x", "z", 1, 5),
        ("y", "z", -1, 5),
        ("p", "q", -1, 1),
        ("q", "r", -1, 1),
        ("p", "r", 1, 1),
    )  # balanced
    result = balance(G)
    assert result.census == {"+++": 0, "++-": 2, "+--": 1, "---": 0}
    assert [t.actors for t in result.unbalanced] == [("x", "y", "z"), ("a", "b", "c")]
    assert result.balance_index == pytest.approx(1 / 3, abs=1e-6)


def test_inference_falls_with_length_and_skips_observed_pairs() -> None:
    G = signed(
        ("a", "b", 1, 2), ("b", "c", 1, 2), ("c", "d", -1, 2), ("a", "e", 1, 2), ("a", "c", 1, 0.1)
    )
    found = {i.actor: i for i in infer(G, "a", max_length=3)}
    assert "c" not in found  # observed
    assert found["d"].sign == -1
    assert found["d"].rule == "enemy of a friend"
    assert found["d"].inferred
    short = infer(G, "a", max_length=2)
    assert {i.actor for i in short} == {"d"}
    assert found["d"].confidence >= short[0].confidence
    with pytest.raises(OutOfRange):
        infer(G, "a", max_length=9)


def test_brokers_and_support_chains(seeded: EmbeddedStore) -> None:
    G = signed(("a", "b", 1, 1), ("b", "c", 1, 1), ("d", "c", 1, 1))
    assert [b.actor for b in brokers(G)] == ["b", "c"]
    G = store_stance_graph(seeded)
    assert support_chains(G) == []  # the seed has no chain of backing two steps long
    backers = {c.actors for c in support_chains(G, min_length=1)}
    assert backers == {
        ("iran", "popular-mobilisation-forces"),
        ("iraqi-government", "popular-mobilisation-forces"),
        ("haider-al-abadi", "popular-mobilisation-forces"),
    }


@pytest.fixture
def world(tmp_path: Path) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "w.sqlite")
    store.upsert_actors(ACTORS)
    for doc in WORLD:
        store.upsert_article(doc)
    return store


def test_a_pair_whose_stance_flips(world: EmbeddedStore) -> None:
    items = world.evidence("alpha-front", "beta-militia")
    result = timeline(items, "alpha-front", "beta-militia", world.vocabulary)
    assert [(p.period, p.sign) for p in result.periods] == [("2016", 1), ("2017", -1)]
    (flip,) = result.flips
    assert (flip.period, flip.date, flip.before, flip.after) == ("2017", date(2017, 1, 1), 1, -1)


def test_blocs_follow_the_time_window(world: EmbeddedStore) -> None:
    before = blocs(store_stance_graph(world, Filters(as_of=date(2016, 12, 31))))
    after = blocs(store_stance_graph(world))
    assert before.membership["alpha-front"] == before.membership["beta-militia"]
    assert after.membership["alpha-front"] != after.membership["beta-militia"]


def test_seed_blocs_separate_the_alliance_and_the_units(seeded: EmbeddedStore) -> None:
    result = blocs(store_stance_graph(seeded))
    member = result.membership
    assert member["alliance-of-iraqi-forces"] != member["popular-mobilisation-forces"]
    assert member["iran"] == member["popular-mobilisation-forces"] == member["syrian-arab-army"]
    assert "haider-al-abadi" in result.blocs[0]


@st.composite
def signed_graphs(draw: st.DrawFn) -> nx.Graph:
    """Up to 8 actors, any ties among them: cooperative, hostile or structural (sign 0)."""
    n = draw(st.integers(3, 8))
    G = nx.Graph()
    G.add_nodes_from(f"n{i}" for i in range(n))
    for u, v in itertools.combinations(sorted(G), 2):
        sign = draw(st.sampled_from([None, -1, 0, 1]))
        if sign is not None:
            weight = draw(st.sampled_from([0.5, 1.0, 2.0]))
            G.add_edge(u, v, sign=sign, stance=sign * weight, relations=())
    return G


@settings(max_examples=200, deadline=None)
@given(signed_graphs(), st.integers(0, 5), st.integers(1, 5))
def test_balance_counts_every_triangle_of_signed_ties_once(
    G: nx.Graph, offset: int, limit: int
) -> None:
    # the definition, by brute force over every three actors
    census = {"+++": 0, "++-": 0, "+--": 0, "---": 0}
    unbalanced = []
    for trio in itertools.combinations(sorted(G), 3):
        ties = [G.edges[e] for e in itertools.combinations(trio, 2) if G.has_edge(*e)]
        if len(ties) < 3 or any(t["sign"] == 0 for t in ties):
            continue
        negatives = sum(t["sign"] < 0 for t in ties)
        census[["+++", "++-", "+--", "---"][negatives]] += 1
        if negatives % 2:
            evidence = round(sum(abs(t["stance"]) for t in ties), 6)
            unbalanced.append((-evidence, trio))
    found = balance(G)
    assert found.census == census
    assert found.triangles == sum(census.values())
    assert [t.actors for t in found.unbalanced] == [trio for _, trio in sorted(unbalanced)]
    page = balance(G, offset=offset, limit=limit)
    assert page.unbalanced == found.unbalanced[offset : offset + limit]
    assert (page.census, page.balance_index) == (found.census, found.balance_index)


@settings(max_examples=200, deadline=None)
@given(signed_graphs())
def test_blocs_list_exactly_the_ties_they_violate_and_no_move_would_lower_it(
    G: nx.Graph,
) -> None:
    found = blocs(G)
    signed_ties = {(u, v): d for u, v, d in G.edges(data=True) if d["sign"]}
    members = {actor for pair in signed_ties for actor in pair}
    assert set(found.membership) == members
    assert sorted(a for bloc in found.blocs for a in bloc) == sorted(members)

    def violated(membership: dict[str, int]) -> list[tuple[str, str]]:
        return sorted(
            tuple(sorted(pair))
            for pair, d in signed_ties.items()
            if (d["sign"] > 0) != (membership[pair[0]] == membership[pair[1]])
        )

    def frustration(membership: dict[str, int]) -> float:
        return sum(abs(G.edges[pair]["stance"]) for pair in violated(membership))

    assert sorted((t.source, t.target) for t in found.frustrated) == violated(found.membership)
    assert found.frustration == round(frustration(found.membership), 6)
    # a local optimum: moving one actor to another bloc, or a new one, lowers nothing
    fresh = len(found.blocs)
    for actor in members:
        for bloc in range(fresh + 1):
            moved = {**found.membership, actor: bloc}
            assert frustration(moved) >= frustration(found.membership) - 1e-9, (actor, bloc)


@settings(max_examples=200, deadline=None)
@given(signed_graphs(), st.integers(2, 4), st.sampled_from([0.5, 1.0]))
def test_inference_keeps_each_actors_most_confident_path(
    G: nx.Graph, max_length: int, decay: float
) -> None:
    # the definition: every simple path of signed ties, 2..max_length steps, to an actor
    # with no observed tie; the most confident, then the first in actor order
    S = nx.Graph([(u, v) for u, v, sign in G.edges(data="sign") if sign])
    S.add_nodes_from(G)
    best: dict[str, tuple[float, tuple[str, ...]]] = {}
    for target in sorted(S):
        if target == "n0" or G.has_edge("n0", target):
            continue
        for path in nx.all_simple_paths(S, "n0", target, cutoff=max_length):
            steps = list(itertools.pairwise(path))
            if len(steps) < 2:
                continue
            strength = math.prod(1 - math.exp(-abs(G.edges[e]["stance"])) for e in steps)
            confidence = round(strength * decay ** (len(steps) - 1), 6)
            candidate = (-confidence, tuple(path))
            if target not in best or candidate < best[target]:
                best[target] = candidate
    found = infer(G, "n0", max_length, decay)
    assert {i.actor: (-i.confidence, i.path) for i in found} == best
    for i in found:
        assert i.sign == math.prod(G.edges[e]["sign"] for e in itertools.pairwise(i.path))


def test_inference_breaks_a_tie_of_rounded_confidence_by_actor_order() -> None:
    # two paths to t whose confidences differ by about 1e-9: equal once rounded,
    # so the first in actor order explains it, though it is not the stronger
    G = signed(
        ("a", "b", 1, 1.0),
        ("b", "y", 1, 1.0),
        ("a", "c", 1, 1.0),
        ("c", "y", 1, 1.0 + 1e-8),
        ("y", "t", 1, 1.0),
    )
    (to_t,) = [i for i in infer(G, "a", max_length=3) if i.actor == "t"]
    assert to_t.path == ("a", "b", "y", "t")


def test_inference_at_four_steps_looks_past_the_strongest_prefixes_for_a_rounded_tie() -> None:
    # three paths a-?-c-d-t whose confidences differ by about 1e-8: the one through
    # b, the weakest of them and the first in actor order, explains t
    G = signed(
        ("a", "x", 1, 1.0 + 2e-8),
        ("a", "y", 1, 1.0 + 1e-8),
        ("a", "b", 1, 1.0),
        *[(via, "c", 1, 1.0) for via in ("x", "y", "b")],
        ("c", "d", 1, 1.0),
        ("d", "t", -1, 1.0),
    )
    found = {i.actor: i for i in infer(G, "a", max_length=4)}
    assert found["t"].path == ("a", "b", "c", "d", "t")
    assert found["t"].rule == "enemy of a friend"
    assert found["d"].path == ("a", "b", "c", "d")


@settings(max_examples=50, deadline=None)
@given(signed_graphs())
def test_brokers_score_exact_betweenness_on_the_cooperative_ties(G: nx.Graph) -> None:
    P = nx.Graph([(u, v) for u, v, sign in G.edges(data="sign") if sign > 0])
    exact = {a: round(s, 6) for a, s in nx.betweenness_centrality(P).items() if s > 0}
    assert {b.actor: b.betweenness for b in brokers(G, limit=1000)} == exact


def test_brokers_estimated_from_a_sample_still_find_the_bridge() -> None:
    # two cliques of 30 cooperating actors, joined only through "bridge"
    G = nx.Graph()
    for side in ("l", "r"):
        members = [f"{side}{i:02d}" for i in range(30)]
        for u, v in itertools.combinations(members, 2):
            G.add_edge(u, v, sign=1, stance=1.0, relations=())
        G.add_edge(members[0], "bridge", sign=1, stance=1.0, relations=())
    estimated = brokers(G, limit=3, k=10)
    assert [b.actor for b in estimated][:1] == ["bridge"]
    assert {b.actor for b in estimated} == {"bridge", "l00", "r00"}


def every_support_chain(G: nx.Graph, min_length: int, max_length: int) -> list[tuple[str, ...]]:
    """The definition: depth-first from each start not yet covered, every maximal chain."""
    D = nx.DiGraph()
    for _, _, rels in G.edges(data="relations"):
        D.add_edges_from((r.source, r.target) for r in rels if r.type == "SUPPORTS")
    covered: set[str] = set()
    chains = []
    for start in [*sorted(n for n in D if D.in_degree(n) == 0), *sorted(D)]:
        if start in covered:
            continue
        stack: list[tuple[str, ...]] = [(start,)]
        while stack:
            path = stack.pop()
            covered.update(path)
            onward = [n for n in D.successors(path[-1]) if n not in path]
            if onward and len(path) - 1 < max_length:
                stack.extend((*path, n) for n in onward)
            elif len(path) - 1 >= min_length:
                chains.append(path)
    return sorted(chains, key=lambda c: (-len(c), c))


@settings(max_examples=200, deadline=None)
@given(
    st.sets(st.tuples(st.sampled_from("abcdefg"), st.sampled_from("abcdefg")), max_size=18),
    st.integers(1, 4),
    st.integers(0, 3),
    st.integers(1, 30),
)
def test_support_chains_are_the_first_of_every_maximal_chain(
    backing: set[tuple[str, str]], min_length: int, more: int, limit: int
) -> None:
    max_length = min(4, min_length + more)
    day = date(2016, 1, 1)
    relations = [
        Relation(source=s, target=t, type="SUPPORTS", polarity=1, symmetric=False, weight=1.0,
                 n_claims=1, n_articles=1, first_seen=day, last_seen=day)
        for s, t in sorted(backing) if s != t
    ]  # fmt: skip
    G = build_stance_graph([], relations)
    expected = every_support_chain(G, min_length, max_length)[:limit]
    found = support_chains(G, min_length, max_length, limit=limit)
    assert [c.actors for c in found] == expected
    for chain in found:
        assert [(r.source, r.target) for r in chain.relations] == list(
            itertools.pairwise(chain.actors)
        )
