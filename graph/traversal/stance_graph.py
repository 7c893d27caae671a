"""The stance graph: actors as nodes, one undirected edge per related pair.

Every query and analysis over networkx starts from this graph. Node
attribute ``actor`` holds the :class:`~graph.model.Actor`; each edge holds
``relations`` (the holding relations of the pair), ``stance`` (their net
signed weight, :func:`graph.aggregate.stance`), ``sign`` (-1, 0, +1) and
``signed`` (the relations whose polarity is the sign: what allies and enemies
show), as :func:`tie` makes them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar, runtime_checkable

import networkx as nx

from graph.aggregate import sign, stance
from graph.collector import collector_paused
from graph.filters import NO_FILTERS, Filters
from graph.model import Actor, Relation
from graph.store import GraphStore

Ties = dict[str, dict[str, Any]]
"""One actor's ties: each tie's data (``sign``, ``stance``, ``relations``...) by the other actor."""


def adjacency(G: nx.Graph[str]) -> dict[str, Ties]:
    """The plain dicts behind ``G.adj``, as networkx's own traversals read them (no view)."""
    return G._adj  # type: ignore[attr-defined,no-any-return]  # stubs omit the private dicts


def node_data(G: nx.Graph[str]) -> dict[str, dict[str, Any]]:
    """The plain dicts behind ``G.nodes``: each node's attributes, by node."""
    return G._node  # type: ignore[attr-defined,no-any-return]  # stubs omit the private dicts


def build_stance_graph(actors: Iterable[Actor], relations: Iterable[Relation]) -> nx.Graph[str]:
    """An undirected graph of actors and the stance of each related pair.

    Parameters
    ----------
    actors : iterable of Actor
        Every actor becomes a node, related or not.
    relations : iterable of Relation
        Holding relations; those that do not hold are ignored.

    Returns
    -------
    networkx.Graph

    Examples
    --------
    >>> from datetime import date
    >>> from graph.model import Actor, Relation
    >>> d = date(2016, 2, 24)
    >>> a, b = Actor(id="a", name="A"), Actor(id="b", name="B")
    >>> rel = Relation(source="a", target="b", type="FIGHTS", polarity=-1, symmetric=True,
    ...                weight=0.9, n_claims=1, n_articles=1, first_seen=d, last_seen=d)
    >>> G = build_stance_graph([a, b], [rel])
    >>> G.edges["a", "b"]["sign"], G.edges["b", "a"]["stance"]
    (-1, -0.9)
    """
    G: nx.Graph[str] = nx.Graph(stance_graph=True)  # queries.checks trusts the graphs made here
    with collector_paused():  # hundreds of thousands of edges, no cycles among them
        for actor in actors:
            G.add_node(actor.id, actor=actor)
        pairs: dict[tuple[str, str], list[Relation]] = defaultdict(list)
        for relation in relations:
            if relation.holds:
                u, v = sorted((relation.source, relation.target))
                pairs[u, v].append(relation)
        G.add_edges_from((u, v, tie(tuple(rels))) for (u, v), rels in pairs.items())
    return G


def tie(relations: tuple[Relation, ...]) -> dict[str, Any]:
    """The attributes of the edge between two actors whose holding relations are ``relations``.

    >>> from graph.traversal.stance_graph import example_graph
    >>> edge = tie(example_graph().edges["a", "b"]["relations"])
    >>> edge["stance"], edge["sign"], [r.type for r in edge["signed"]]
    (0.9, 1, ['ALLIED_WITH'])
    """
    value = stance(relations)
    direction = sign(value)
    signed = relations  # the usual tie: one polarity, nothing more to keep
    for r in relations:
        if r.polarity != direction:
            signed = tuple(r for r in relations if r.polarity == direction)
            break
    return {"relations": relations, "stance": value, "sign": direction, "signed": signed}


T = TypeVar("T")

UNCHANGING = "unchanging"
"""``G.graph[UNCHANGING]``: no one changes ``G`` any more (a store's kept copy), so what is
derived from it may be kept on it (:func:`derived`)."""


def derived(G: nx.Graph[str], name: str, make: Callable[[nx.Graph[str]], T]) -> T:
    """``make(G)``, kept on ``G`` under ``name`` when ``G`` is :data:`UNCHANGING`, else made anew.

    Two analyses asking at once may both make it; either answer is the same.

    >>> G = example_graph()
    >>> derived(G, "n", len) == len(G) and "derived" not in G.graph
    True
    >>> G.graph[UNCHANGING] = True
    >>> derived(G, "n", len), G.graph["derived"]
    (5, {'n': 5})
    """
    if not G.graph.get(UNCHANGING):
        return make(G)
    kept: dict[str, Any] = G.graph.setdefault("derived", {})
    if name not in kept:
        kept[name] = make(G)
    return kept[name]  # type: ignore[no-any-return]  # made by make, as its name says


def signed_ties(G: nx.Graph[str]) -> dict[str, dict[str, tuple[int, float]]]:
    """Each actor's cooperative and hostile ties as plain dicts: other actor -> (sign, stance).

    For analyses that walk every tie many times, where the graph's views cost
    more than the work. Kept on an unchanging graph (:func:`derived`); only read it.

    >>> signed_ties(example_graph())["a"]
    {'b': (1, 0.9), 'c': (-1, -0.8)}
    """
    return derived(G, "signed_ties", _signed_ties)


def _signed_ties(G: nx.Graph[str]) -> dict[str, dict[str, tuple[int, float]]]:
    return {
        u: {v: (d["sign"], d["stance"]) for v, d in nbrs.items() if d["sign"]}
        for u, nbrs in adjacency(G).items()
    }


def positive_subgraph(G: nx.Graph[str]) -> nx.Graph[str]:
    """A view of ``G`` keeping only the edges of positive stance.

    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", sign=1); G.add_edge("b", "c", sign=-1)
    >>> sorted(positive_subgraph(G).edges())
    [('a', 'b')]
    """
    adj = adjacency(G)
    return nx.subgraph_view(G, filter_edge=lambda u, v: adj[u][v]["sign"] > 0)


def example_graph() -> nx.Graph[str]:
    """A small fictional stance graph used in documentation examples.

    ``a`` is allied with ``b`` and fights ``c``; ``b`` supports ``d``; ``e``
    leads ``a`` (structural).

    >>> sorted(example_graph().edges())
    [('a', 'b'), ('a', 'c'), ('a', 'e'), ('b', 'd')]
    """
    from datetime import date

    day = date(2016, 2, 24)

    def rel(s: str, t: str, kind: str, polarity: int, weight: float, sym: bool) -> Relation:
        return Relation(
            source=s,
            target=t,
            type=kind,
            polarity=polarity,
            symmetric=sym,
            weight=weight,
            n_claims=1,
            n_articles=1,
            first_seen=day,
            last_seen=day,
        )

    actors = [Actor(id=x, name=x.upper()) for x in "abcde"]
    relations = [
        rel("a", "b", "ALLIED_WITH", 1, 0.9, True),
        rel("a", "c", "FIGHTS", -1, 0.8, True),
        rel("b", "d", "SUPPORTS", 1, 0.5, False),
        rel("e", "a", "LEADS", 0, 1.0, False),
    ]
    return build_stance_graph(actors, relations)


@runtime_checkable
class KeepsStanceGraph(Protocol):
    """A store that holds its stance graph already and hands out one analyses may read."""

    def stance_graph(self, filters: Filters = NO_FILTERS) -> nx.Graph[str]:
        """The stance graph under ``filters``, the same as :func:`build_stance_graph` draws;
        no later write changes it, and whoever gets it only reads it."""
        ...


def store_stance_graph(store: GraphStore, filters: Filters = NO_FILTERS) -> nx.Graph[str]:
    """The stance graph of everything in ``store`` under ``filters``.

    Analysis runs on this projection for both backends: signed partitioning,
    balance and inference have no Cypher equivalent, and the filtered graph
    of holding relations is small next to the claims behind it. A store that
    keeps the graph in memory (the embedded one) hands out its own
    (:class:`KeepsStanceGraph`); it is only read.
    """
    if isinstance(store, KeepsStanceGraph):
        return store.stance_graph(filters)
    with collector_paused():  # every relation read at once, none in a cycle
        return build_stance_graph(store.actors(), store.relations(filters))
