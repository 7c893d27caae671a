"""Allies and enemies: the actors whose stance towards an actor is positive or negative."""

from __future__ import annotations

import networkx as nx

from graph.errors import UnknownActor
from graph.model import trusted
from graph.store import Stance
from graph.traversal.stance_graph import adjacency, node_data
from graph.traversal.ties import ties_by_sign


def _stances(G: nx.Graph[str], actor: str, wanted: int) -> list[Stance]:
    if actor not in G:
        raise UnknownActor(actor)
    nodes, ties = node_data(G), adjacency(G)[actor]
    stances = []
    for other in ties_by_sign(G, actor)[wanted]:
        data = ties[other]
        # the graph holds validated actors and relations: no need to check them again
        stances.append(
            trusted(
                Stance, actor=nodes[other]["actor"], stance=data["stance"], relations=data["signed"]
            )
        )
    return stances


def allies(G: nx.Graph[str], actor: str) -> list[Stance]:
    """Actors with a positive stance towards ``actor``, strongest first.

    Parameters
    ----------
    G : networkx.Graph
        A stance graph (:func:`graph.traversal.stance_graph.build_stance_graph`).
    actor : str
        An actor id in ``G``.

    Returns
    -------
    list of Stance
        Sorted by stance descending, then actor id; each lists the pair's
        positive relations.

    Raises
    ------
    UnknownActor
        If ``actor`` is not in ``G``.

    Examples
    --------
    >>> from graph.traversal.stance_graph import example_graph
    >>> [s.actor.id for s in allies(example_graph(), "a")]
    ['b']
    """
    return _stances(G, actor, 1)


def enemies(G: nx.Graph[str], actor: str) -> list[Stance]:
    """Actors with a negative stance towards ``actor``, most hostile first.

    Examples
    --------
    >>> from graph.traversal.stance_graph import example_graph
    >>> [(s.actor.id, s.stance) for s in enemies(example_graph(), "a")]
    [('c', -0.8)]
    """
    return _stances(G, actor, -1)
