"""Roll-up: relations between top-level actors, each actor counted as its umbrella.

A unit, a brigade or a government office is often what a source names ("the
Zeta Brigade fights ..."), while an analyst asks about the actor it belongs to.
Rolled up, every actor is replaced by its *top-level umbrella* and the
relations are aggregated again between those, so the answer does not depend
on which level a source named.

The rule
--------
* An actor's umbrellas are the ones it declares (``Actor.member_of``: the
  gazetteer's umbrella membership, a dictionary's word). Only an actor that
  declares none takes them from its holding ``MEMBER_OF`` relations (what
  sources claim), so a claim never overrides the gazetteer.
* A merged-away actor counts as the actor it was merged into, memberships
  included; an umbrella the store does not hold is passed over.
* Membership links inside a cycle (a member of b, b member of a) are ignored:
  a cycle says nothing about which is the umbrella. Its actors are reported.
* ``top(a)`` is ``a`` when it has no umbrella; the top its umbrellas share when
  they all lead to one; ``a`` itself when they lead to different tops. An
  actor with several candidate tops is reported as ambiguous and never
  guessed into one; its own members still roll up to it.
* Relations: both ends are replaced by their tops; a relation between two
  members of one umbrella (including its ``MEMBER_OF`` links) is left out; the
  relations that fall on one key are aggregated again: weight, claims,
  denials and first/last seen add up (:func:`roll_up`), the distinct articles
  and the evidence shown come from the claims behind them (:func:`finish`),
  read only for the relations an answer shows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from operator import attrgetter

import networkx as nx
from pydantic import BaseModel, ConfigDict

from graph.aggregate import RelationTally, build_relation, pair_key
from graph.model import Actor, Claim, Relation, trusted
from graph.vocabulary import Vocabulary

MEMBER_OF = "MEMBER_OF"


class Umbrellas(BaseModel):
    """Which top-level actor each actor rolls up to, and what could not be rolled up."""

    model_config = ConfigDict(frozen=True)

    top: dict[str, str]
    """Actor id -> its top-level umbrella, for the actors that roll up into another."""
    ambiguous: dict[str, tuple[str, ...]] = {}
    """Actor id -> the different tops its umbrellas lead to (it is left as its own top)."""
    cycles: tuple[tuple[str, ...], ...] = ()
    """Membership cycles (sorted ids each), whose links were ignored."""

    def of(self, actor_id: str) -> str:
        """The top-level actor ``actor_id`` counts as (itself when it rolls up to nothing)."""
        return self.top.get(actor_id, actor_id)

    def members(self, top_id: str) -> tuple[str, ...]:
        """The actors rolled up into ``top_id``, sorted by id."""
        return tuple(sorted(a for a, t in self.top.items() if t == top_id))


def umbrellas(
    actors: Iterable[Actor],
    member_relations: Iterable[Relation] = (),
    canon: Mapping[str, str] | None = None,
) -> Umbrellas:
    """Each actor's top-level umbrella, by the rule of this module.

    Parameters
    ----------
    actors : iterable of Actor
        Every actor (their declared ``member_of``).
    member_relations : iterable of Relation
        Holding ``MEMBER_OF`` relations (``source`` is a member of ``target``);
        others are ignored.
    canon : mapping of str to str, optional
        Merged-away actor id -> the id it counts as
        (:func:`graph.identity.canonical_ids`).

    Returns
    -------
    Umbrellas

    Examples
    --------
    >>> from graph.model import Actor
    >>> found = umbrellas([Actor(id="state", name="S"),
    ...                    Actor(id="army", name="A", member_of=("state",)),
    ...                    Actor(id="brigade", name="B", member_of=("army",)),
    ...                    Actor(id="bloc", name="C"),
    ...                    Actor(id="unit", name="U", member_of=("army", "bloc"))])
    >>> found.of("brigade"), found.of("state"), found.of("unit")
    ('state', 'state', 'unit')
    >>> found.ambiguous
    {'unit': ('bloc', 'state')}
    """
    canon = canon or {}
    actors = list(actors)
    known = {canon.get(a.id, a.id) for a in actors}
    declared: dict[str, set[str]] = defaultdict(set)
    for actor in actors:
        member = canon.get(actor.id, actor.id)
        for parent in actor.member_of:
            parent = canon.get(parent, parent)
            if parent != member and parent in known:
                declared[member].add(parent)
    claimed: dict[str, set[str]] = defaultdict(set)
    for relation in member_relations:
        member, umbrella = relation.source, relation.target
        stated = relation.type == MEMBER_OF and relation.holds
        if stated and member not in declared and {member, umbrella} <= known:
            claimed[member].add(umbrella)
    links: nx.DiGraph[str] = nx.DiGraph()  # member -> umbrella
    links.add_nodes_from(sorted(known))
    for parents in (declared, claimed):
        links.add_edges_from((m, p) for m, ps in parents.items() for p in ps)
    cycles = sorted(tuple(sorted(c)) for c in nx.strongly_connected_components(links) if len(c) > 1)
    for cycle in cycles:
        links.remove_edges_from([(u, v) for u in cycle for v in cycle if links.has_edge(u, v)])
    top: dict[str, str] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    # umbrellas before their members: the reverse of a topological order of member -> umbrella
    for node in reversed(list(nx.lexicographical_topological_sort(links))):
        tops = {top.get(parent, parent) for parent in links.successors(node)}
        if len(tops) == 1:
            top[node] = tops.pop()
        elif tops:
            ambiguous[node] = tuple(sorted(tops))
    return Umbrellas(top=top, ambiguous=ambiguous, cycles=tuple(cycles))


def roll_up(
    relations: Iterable[Relation], umbrellas: Umbrellas, vocabulary: Vocabulary
) -> tuple[list[Relation], dict[tuple[str, str, str], tuple[Relation, ...]]]:
    """``relations`` between top-level actors, those that fall on one key combined.

    A combined relation's weight, claims, denials and first/last seen are
    exact (they add up); its ``n_articles`` and evidence are those of its
    strongest part until finished from the claims (:func:`finish`), since two
    parts may count the same article.

    Parameters
    ----------
    relations : iterable of Relation
        Holding relations between actors.
    umbrellas : Umbrellas
        Who rolls up to whom (:func:`umbrellas`).
    vocabulary : Vocabulary

    Returns
    -------
    list of Relation
        Sorted by ``(source, target, type)``.
    dict
        The key of each combined relation -> the relations it combines.

    Examples
    --------
    >>> from datetime import date
    >>> from graph.aggregate import relation_from_claims
    >>> from graph.model import Claim
    >>> vocab = Vocabulary.default()
    >>> claims = [Claim(id=f"c{n}", article="a", source=s, target="c", type="FIGHTS",
    ...                 confidence=0.5, date=date(2016, n, 1)) for n, s in ((1, "a"), (2, "b"))]
    >>> by_unit = [relation_from_claims(("a", "c", "FIGHTS"), claims[:1], vocab),
    ...            relation_from_claims(("b", "c", "FIGHTS"), claims[1:], vocab)]
    >>> rolled, together = roll_up(by_unit, Umbrellas(top={"b": "a"}), vocab)
    >>> [(r.source, r.target, r.weight, r.n_claims, str(r.last_seen)) for r in rolled]
    [('a', 'c', 1.0, 2, '2016-02-01')]
    >>> finish(rolled[0], claims, vocab).n_articles  # one article, named twice
    1
    """
    top = umbrellas.top
    groups: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
    for relation in relations:
        source, target = relation.source, relation.target
        if source in top or target in top:
            source, target = top.get(source, source), top.get(target, target)
            if source == target:
                continue
            key = pair_key(source, target, relation.type, vocabulary)
        else:
            key = (source, target, relation.type)
        groups[key].append(relation)
    rolled = []
    together: dict[tuple[str, str, str], tuple[Relation, ...]] = {}
    for key, parts in groups.items():
        if len(parts) > 1:
            together[key] = tuple(parts)
            rolled.append(_combined(key, parts, vocabulary))
        elif parts[0].source == key[0] and parts[0].target == key[1]:
            rolled.append(parts[0])
        else:
            # a validated relation, renamed: its fields in order, not validated again
            fields = {**parts[0].__dict__, "source": key[0], "target": key[1]}
            rolled.append(trusted(Relation, **fields))
    rolled.sort(key=attrgetter("source", "target", "type"))
    return rolled, together


def _combined(key: tuple[str, str, str], parts: list[Relation], vocabulary: Vocabulary) -> Relation:
    strongest = max(parts, key=lambda r: (r.weight, r.key))
    firsts = [r.first_seen for r in parts if r.first_seen is not None]
    lasts = [r.last_seen for r in parts if r.last_seen is not None]
    return build_relation(
        key,
        vocabulary,
        weight=sum(r.weight for r in parts),
        n_claims=sum(r.n_claims for r in parts),
        n_articles=max(r.n_articles for r in parts),
        n_denials=sum(r.n_denials for r in parts),
        first_seen=min(firsts, default=None),
        last_seen=max(lasts, default=None),
        evidence=strongest.evidence,
        evidence_article=strongest.evidence_article,
    )


def finish(combined: Relation, claims: Iterable[Claim], vocabulary: Vocabulary) -> Relation:
    """A combined relation with the distinct articles and the evidence of its ``claims``.

    ``claims`` are those behind the relations it combines (under the query's
    filters); the figures that add up are kept as combined.
    """
    tally = RelationTally(combined.key)
    for claim in claims:
        tally.add(claim, vocabulary)
    exact = tally.relation(vocabulary)
    return combined.model_copy(
        update={
            "n_articles": exact.n_articles,
            "evidence": exact.evidence,
            "evidence_article": exact.evidence_article,
        }
    )
