"""Inference over 2 and 3 steps on the tie columns held to the previous implementation.

The columns find each target's best confidence over whole arrays and rank only the
paths within rounding of it; the reference below is the loop over every path it
replaced, kept as it was. Strong ties (strengths within rounding of 1) make many
paths tie once rounded, where actor order decides.
"""

from __future__ import annotations

import math

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.traversal.stance_graph import UNCHANGING
from queries.inference import infer
from tests.queries.test_blocs_reference import weighted_signed_graphs

Best = dict[str, tuple[float, tuple[str, ...]]]


def reference_best(G: nx.Graph, actor: str, max_length: int, decay: float) -> Best:
    """Each target's (confidence, path), as the loops before the tie columns found them."""
    ties = {
        u: {v: (d["sign"], 1 - math.exp(-abs(d["stance"]))) for v, d in nbrs.items() if d["sign"]}
        for u, nbrs in G.adj.items()
    }
    targets = {v for v in G if v != actor and v not in G.adj[actor]}
    best: Best = {}

    def consider(confidence: float, path: tuple[str, ...]) -> None:
        known = best.get(path[-1])
        if known is None or (confidence, known[1]) > (known[0], path):
            best[path[-1]] = (confidence, path)

    two: dict[str, list[tuple[float, tuple[str, ...]]]] = {}
    for b, (_, ab) in ties[actor].items():
        for c, (_, bc) in ties[b].items():
            if c != actor and c != b:
                two.setdefault(c, []).append((ab * bc, (actor, b, c)))
    for paths in two.values():
        paths.sort(key=lambda item: (-item[0], item[1]))
    for end, paths in two.items():
        if end in targets:
            for strength, path in paths:
                consider(round(strength * decay, 6), path)
    if max_length == 3:
        for c, paths in two.items():
            for d, (_, cd) in ties[c].items():
                if d not in targets:
                    continue
                chosen = None
                for strength, path in paths:
                    if d in path:
                        continue
                    confidence = round(strength * cd * decay**2, 6)
                    if chosen is None or (confidence == chosen[0] and path < chosen[1]):
                        chosen = (confidence, path)
                    elif confidence < chosen[0]:
                        break
                if chosen is not None:
                    consider(chosen[0], (*chosen[1], d))
    return best


@settings(max_examples=400, deadline=None)
@given(
    weighted_signed_graphs(),
    st.integers(2, 3),
    st.sampled_from([0.5, 0.7, 1.0]),
    st.data(),
)
def test_inference_is_the_previous_loops_answer(
    G: nx.Graph, max_length: int, decay: float, data: st.DataObject
) -> None:
    G.graph[UNCHANGING] = data.draw(st.booleans())  # columns kept on the store's copy
    actor = data.draw(st.sampled_from(sorted(G)))
    expected = reference_best(G, actor, max_length, decay)
    found = infer(G, actor, max_length, decay)
    assert {i.actor: (i.confidence, i.path) for i in found} == expected
    assert [i.actor for i in found] == sorted(expected, key=lambda t: (-expected[t][0], t))


@st.composite
def saturated_graphs(draw: st.DrawFn) -> nx.Graph:
    """Dense graphs of strong ties: most paths' confidences are equal once rounded."""
    n = draw(st.integers(4, 16))
    G = nx.Graph()
    names = [f"h{i:02d}" for i in draw(st.permutations(range(n)))]
    for i, u in enumerate(names):
        for v in names[i + 1 :]:
            if draw(st.booleans()):
                sign = draw(st.sampled_from([-1, 1, 1, 0]))
                G.add_edge(u, v, sign=sign, stance=sign * draw(st.sampled_from([15.0, 20.0, 30.0])))
    G.add_nodes_from(names)
    return G


@settings(max_examples=200, deadline=None)
@given(saturated_graphs(), st.integers(2, 3), st.data())
def test_inference_breaks_rounded_ties_by_actor_order_as_before(
    G: nx.Graph, max_length: int, data: st.DataObject
) -> None:
    actor = data.draw(st.sampled_from(sorted(G)))
    expected = reference_best(G, actor, max_length, 0.5)
    assert {i.actor: (i.confidence, i.path) for i in infer(G, actor, max_length)} == expected
