"""The embedded store's stance graph as the analyses read it: a copy, kept while nothing changes.

The analyses (:mod:`queries`) run outside the store's lock and read every
tie, while a write may redraw edges of the live graph
(:meth:`graph.backends.memory_index.MemoryIndex.apply`) in place. They get
a copy taken under the lock instead; it is kept and handed to every analysis
until the index changes (:attr:`~graph.backends.memory_index.MemoryIndex.changes`),
so drawing the graph costs one copy per change instead of rebuilding it from
every relation on every call. Analyses only read the graph they are given.
The copy is frozen out of the cyclic collector's reach, as the index is
(:func:`graph.collector.long_lived`): its full passes over a copy of a
million claims' graph doubled the first analysis after it.
"""

from __future__ import annotations

import weakref
from typing import Any

import networkx as nx

from graph.collector import collector_paused, long_lived
from graph.traversal.stance_graph import UNCHANGING, adjacency, node_data

from .memory_index import MemoryIndex


def copy_stance_graph(G: nx.Graph[str]) -> nx.Graph[str]:
    """A copy of ``G`` whose edge data no later change of ``G`` reaches, marked unchanging.

    Each edge's data is copied once and shared by both directions, as in
    networkx's own graphs; the values (relations, stance, sign) are immutable.

    >>> from graph.traversal.stance_graph import example_graph
    >>> G = example_graph()
    >>> H = copy_stance_graph(G)
    >>> G.edges["a", "b"]["sign"] = -1
    >>> H.edges["a", "b"]["sign"], H.edges["b", "a"] is H.edges["a", "b"]
    (1, True)
    """
    H: nx.Graph[str] = nx.Graph(stance_graph=True)
    H.graph[UNCHANGING] = True
    with collector_paused():
        nodes = node_data(H)
        adj = adjacency(H)
        for node, data in node_data(G).items():
            nodes[node] = {"actor": data["actor"]} if "actor" in data else dict(data)
        for node in nodes:
            adj[node] = {}
        for u, nbrs in adjacency(G).items():
            row = adj[u]
            for v, data in nbrs.items():
                if v in row:
                    continue
                copied: dict[str, Any] = dict(data)
                row[v] = copied
                adj[v][u] = copied
    return H


class StanceSnapshot:
    """The last copy of an index's stance graph, and the change count it was taken at."""

    def __init__(self) -> None:
        self._taken: tuple[weakref.ref[MemoryIndex], int, nx.Graph[str]] | None = None

    def of(self, index: MemoryIndex) -> nx.Graph[str]:
        """The copy of ``index``'s graph as it is now (call under the store's lock).

        An index a reload replaced is not kept alive by its copy (a weak reference).
        """
        taken = self._taken
        if taken is not None and taken[0]() is index and taken[1] == index.changes:
            return taken[2]
        if taken is not None:  # the old copy goes before the new one is made
            self._taken = None
            release_views(taken[2])
        with long_lived():  # frozen: the collector's full passes need not scan it again
            graph = copy_stance_graph(index.graph)
        self._taken = (weakref.ref(index), index.changes, graph)
        return graph


def release_views(G: nx.Graph[str]) -> None:
    """Drop the views networkx keeps on ``G`` (each refers back to ``G``), so reference
    counting frees the frozen copy once the last analysis reading it lets go."""
    for view in ("nodes", "edges", "degree"):
        G.__dict__.pop(view, None)
