"""Input checks shared by the signed-network analyses.

Every analysis takes a stance graph first (:func:`graph.traversal.stance_graph.build_stance_graph`)
and refuses anything else with :class:`NotAStanceGraph`, a domain error the
API answers with 422 and the CLI with one line, rather than a ``KeyError``
from deep inside a loop.
"""

from __future__ import annotations

import math
from numbers import Real

import networkx as nx

from graph.errors import InvalidQuery


class NotAStanceGraph(InvalidQuery):
    """An analysis was given something other than an undirected signed stance graph."""


def require_stance_graph(G: object, analysis: str) -> nx.Graph[str]:
    """``G`` if it is an undirected simple graph whose edges carry ``sign`` and ``stance``.

    A graph :func:`~graph.traversal.stance_graph.build_stance_graph` made (marked
    ``G.graph["stance_graph"]``) is taken as it is; any other has every edge
    checked, once per call.

    Parameters
    ----------
    G : object
        The graph handed to ``analysis``.
    analysis : str
        Its name, for the error message.

    Returns
    -------
    networkx.Graph
        ``G`` itself.

    Raises
    ------
    NotAStanceGraph
        ``G`` is not a ``networkx.Graph``, is directed or a multigraph, or an
        edge lacks a ``sign`` in -1, 0, 1 or a finite numeric ``stance``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", sign=1, stance=0.9)
    >>> require_stance_graph(G, "blocs") is G
    True
    >>> G.add_edge("b", "c", weight=1.0)
    >>> require_stance_graph(G, "blocs")
    Traceback (most recent call last):
    ...
    queries.checks.NotAStanceGraph: blocs needs a stance graph: edge ('b', 'c') has no sign ...
    """
    if not isinstance(G, nx.Graph) or G.is_directed() or G.is_multigraph():
        raise NotAStanceGraph(
            f"{analysis} needs an undirected stance graph "
            f"(graph.traversal.stance_graph.build_stance_graph), not {type(G).__name__}"
        )
    if G.graph.get("stance_graph"):
        return G
    for u, v, data in G.edges(data=True):
        sign, stance = data.get("sign"), data.get("stance")
        if (
            isinstance(sign, bool)
            or sign not in (-1, 0, 1)
            or isinstance(stance, bool)
            or not isinstance(stance, Real)
            or not math.isfinite(stance)
        ):
            raise NotAStanceGraph(
                f"{analysis} needs a stance graph: edge {(u, v)!r} has no sign in -1, 0, 1 "
                f"and finite numeric stance (sign={sign!r}, stance={stance!r})"
            )
    return G
