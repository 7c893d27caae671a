"""A stance graph's ties as numpy columns, made once per kept graph and read by every analysis.

The analyses walk every tie, many times over. Read from networkx's dicts, each
step is a dict lookup and a tuple; laid out once as compressed rows (the
actors numbered in id order, each one's ties one slice of the columns) the
same walks are whole-array gathers. On the store's kept copy
(:data:`graph.traversal.stance_graph.UNCHANGING`) the columns are made on the
first analysis after a write and shared by the rest (:func:`tie_arrays`).

Within a row the ties keep the order of the actor's ties in the graph, so a
sum over a row adds in the order a loop over ``G.adj[actor]`` would.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

import networkx as nx
import numpy as np
import numpy.typing as npt

from graph.model import Relation
from graph.traversal.stance_graph import adjacency, derived

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class TieArrays:
    """Every tie of a stance graph, both ways, as compressed rows.

    ``actors`` are the graph's actors in id order; actor ``i``'s ties are
    ``other[starts[i]:starts[i + 1]]`` (the tied actors' numbers), with each
    tie's ``sign`` (-1, 0, +1) and ``stance`` in the same positions. A tie
    between two actors is in both their rows.
    """

    actors: list[str]
    number: dict[str, int]
    starts: Ints
    other: Ints
    sign: Ints
    stance: Floats

    @property
    def owner(self) -> Ints:
        """Each position's own actor: the row it belongs to."""
        return np.repeat(np.arange(len(self.actors)), np.diff(self.starts))

    def row(self, i: int) -> slice:
        """The positions of actor ``i``'s ties."""
        return slice(int(self.starts[i]), int(self.starts[i + 1]))


def tie_arrays(G: nx.Graph[str]) -> TieArrays:
    """The ties of ``G`` as columns (:class:`TieArrays`), kept on an unchanging graph.

    Only read what it returns.

    >>> from graph.traversal.stance_graph import example_graph
    >>> ties = tie_arrays(example_graph())
    >>> ties.actors, ties.starts.tolist()
    (['a', 'b', 'c', 'd', 'e'], [0, 3, 5, 6, 7, 8])
    >>> [ties.actors[o] for o in ties.other[ties.row(0)]], ties.sign[ties.row(0)].tolist()
    (['b', 'c', 'e'], [1, -1, 0])
    """
    return derived(G, "tie_arrays", _tie_arrays)


def _tie_arrays(G: nx.Graph[str]) -> TieArrays:
    adj = adjacency(G)
    actors = sorted(adj)
    number = {actor: i for i, actor in enumerate(actors)}
    others: list[int] = []
    signs: list[int] = []
    stances: list[float] = []
    sign_of, stance_of = itemgetter("sign"), itemgetter("stance")
    for actor in actors:  # map() in C over each row: no Python step per tie
        ties = adj[actor]
        others.extend(map(number.__getitem__, ties))
        signs.extend(map(sign_of, ties.values()))
        stances.extend(map(stance_of, ties.values()))
    starts = np.zeros(len(actors) + 1, dtype=np.int64)
    np.cumsum([len(adj[a]) for a in actors], out=starts[1:])
    return TieArrays(
        actors,
        number,
        starts,
        np.array(others, dtype=np.int64),
        np.array(signs, dtype=np.int64),
        np.array(stances, dtype=np.float64),
    )


def supports(G: nx.Graph[str]) -> dict[tuple[str, str], Relation]:
    """Every holding SUPPORTS relation of ``G``, by (backer, backed); kept on an unchanging graph.

    >>> from graph.traversal.stance_graph import example_graph
    >>> list(supports(example_graph()))
    [('b', 'd')]
    """
    return derived(G, "supports", _supports)


def _supports(G: nx.Graph[str]) -> dict[tuple[str, str], Relation]:
    backing: dict[tuple[str, str], Relation] = {}
    relation: Relation
    for _, _, rels in G.edges(data="relations", default=()):
        for relation in rels:
            if relation.type == "SUPPORTS" and relation.holds:
                backing[relation.source, relation.target] = relation
    return backing
