"""The Neo4j store's stance graph as the analyses read it: kept while the data has not changed.

Blocs, balance, brokers, support chains and inference each walk the whole
stance graph (:mod:`graph.traversal.stance_graph`), which on Neo4j is every
aggregated relationship read over Bolt: seconds at a million claims. Like the
embedded store (:mod:`graph.backends.stance_snapshot`), the store keeps the
graph it drew and hands it to every analysis until the data changes.

Whether it changed is the data's revision (``revision.cypher``): a node every
write of the store counts up in the same transaction (``revision_bump.cypher``),
with an epoch drawn when the node is made, so the count of a wiped and
reloaded database never matches the one before. It is read, one round trip,
before each use of a kept graph, so a write made by another process (another
API worker, the CLI) is seen by the next analysis. A write made outside
actorgraph (a Browser edit) does not count the revision: it is seen after the
next actorgraph write. A database holding data but no revision (made by
``neo4j-admin database import``) is given one when the store connects
(``revision_ensure.cypher``); an emptied one has none until its next write and
keeps nothing meanwhile: each analysis draws its graph.

Kept: the unfiltered graph, and the one drawn last under some filters (an
analyst asks several analyses, or pages, under the same window). Each is
marked :data:`~graph.traversal.stance_graph.UNCHANGING` (what analyses derive
from it is kept on it too) and frozen out of the cyclic collector's reach.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import networkx as nx

from graph.backends.neo4j_rows import relations_from_lists
from graph.backends.neo4j_session import Neo4jSession
from graph.backends.stance_snapshot import release_views
from graph.collector import collector_paused, long_lived
from graph.filters import NO_FILTERS, Filters
from graph.model import Actor
from graph.traversal.stance_graph import UNCHANGING, build_stance_graph

Revision = tuple[str, int]
"""The epoch of the data's revision node and its count of changes."""


def revision(db: Neo4jSession) -> Revision | None:
    """The data's revision now (None: emptied, and not written to since)."""
    (row,) = db.read("revision")
    return None if row["epoch"] is None else (row["epoch"], row["changes"])


def drawn_stance_graph(db: Neo4jSession, types: Sequence[str]) -> nx.Graph[str]:
    """The stance graph of every actor and the holding relations of ``types``, in one read.

    Each actor comes with its relations as value lists (``stance_graph.cypher``): a few
    thousand rows instead of one a relation, no map per relation, dates as text. Actors
    and relations are put in the order of the store's :meth:`actors` and :meth:`relations`
    (by id; by source, target and type), so the graph is the one drawn from those.
    """
    rows = db.read("stance_graph", {"rel_types": tuple(types)})
    rows.sort(key=lambda row: row["id"])
    with collector_paused():  # hundreds of thousands of relations, none in a cycle
        actors = [Actor.model_validate_json(row["data"]) for row in rows]
        relations = [
            relation
            for row in rows
            for relation in relations_from_lists(row["id"], row["relations"])
        ]
        return build_stance_graph(actors, relations)


class KeptStanceGraphs:
    """The stance graphs last drawn (unfiltered, and under the last filters asked), each with
    the revision of the data it was drawn at."""

    def __init__(self) -> None:
        self._kept: dict[Filters, tuple[Revision, nx.Graph[str]]] = {}
        self._drawing = threading.Lock()

    def get(
        self,
        filters: Filters,
        revision: Callable[[], Revision | None],
        draw: Callable[[], nx.Graph[str]],
    ) -> nx.Graph[str]:
        """The graph under ``filters``: the kept one when it was drawn at the data's revision
        now, else ``draw()``'s, kept when the data has a revision.

        The revision is read before the graph is drawn: a write committed in between makes
        the next call draw again, never keeps a graph older than its revision. One drawing
        at a time: a second analysis asking meanwhile gets the graph the first one drew.
        """
        with self._drawing:
            now = revision()
            taken = self._kept.get(filters)
            if taken is not None and now is not None and taken[0] == now:
                return taken[1]
            if taken is not None:  # the old graph goes before the new one is drawn
                del self._kept[filters]
                release_views(taken[1])
            if now is None:
                return draw()
            with long_lived():  # frozen: the collector's full passes need not scan it again
                graph = draw()
            graph.graph[UNCHANGING] = True
            if filters != NO_FILTERS:
                for other in [f for f in self._kept if f != NO_FILTERS]:
                    release_views(self._kept.pop(other)[1])
            self._kept[filters] = (now, graph)
            return graph
