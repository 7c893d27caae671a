"""Aggregation of claims into relations, and the stance of a pair of actors.

Backend-neutral: the embedded store aggregates with these functions; the
Neo4j store computes the same figures in Cypher and the contract suite checks
that they agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from graph.budget import check_deadline
from graph.filters import NO_FILTERS, Filters
from graph.model import Claim, Modality, Relation
from graph.vocabulary import Vocabulary


def pair_key(source: str, target: str, kind: str, vocabulary: Vocabulary) -> tuple[str, str, str]:
    """``(source, target, type)``; symmetric types put the smaller id first.

    >>> pair_key("b", "a", "FIGHTS", Vocabulary.default())
    ('a', 'b', 'FIGHTS')
    >>> pair_key("b", "a", "SUPPORTS", Vocabulary.default())
    ('b', 'a', 'SUPPORTS')
    """
    if vocabulary[kind].symmetric and target < source:
        source, target = target, source
    return (source, target, kind)


def relation_key(claim: Claim, vocabulary: Vocabulary) -> tuple[str, str, str]:
    """The key of the relation ``claim`` counts towards."""
    return pair_key(claim.source, claim.target, claim.type, vocabulary)


def claim_weight(claim: Claim, vocabulary: Vocabulary) -> float:
    """The claim's contribution to its relation's weight."""
    return claim.confidence * vocabulary.modality_weight(claim.modality)


def _evidence_rank(claim: Claim, vocabulary: Vocabulary) -> tuple:
    # strongest supporting claim first; earliest, then smallest id, on ties
    return (-claim_weight(claim, vocabulary), claim.date is None, claim.date, claim.id)


def aggregate(
    claims: Iterable[Claim],
    vocabulary: Vocabulary,
    filters: Filters = NO_FILTERS,
    *,
    holding_only: bool = True,
) -> list[Relation]:
    """Relations from claims, under ``filters``.

    Parameters
    ----------
    claims : iterable of Claim
    vocabulary : Vocabulary
    filters : Filters
        Claims outside the window or below the confidence floor are ignored;
        relations of other types or polarities are dropped.
    holding_only : bool
        Drop relations whose weight is not positive (denied more than stated).

    Returns
    -------
    list of Relation, sorted by ``(source, target, type)``.

    Examples
    --------
    >>> from datetime import date
    >>> from graph.model import Claim
    >>> vocab = Vocabulary.default()
    >>> c1 = Claim(id="c1", article="a1", source="b", target="a", type="ALLIED_WITH",
    ...            confidence=0.8, date=date(2016, 2, 24))
    >>> c2 = Claim(id="c2", article="a2", source="a", target="b", type="ALLIED_WITH",
    ...            confidence=1.0, modality="alleged", date=date(2017, 1, 1))
    >>> [(r.source, r.target, r.weight, r.n_articles, str(r.last_seen))
    ...  for r in aggregate([c1, c2], vocab)]
    [('a', 'b', 1.3, 2, '2017-01-01')]
    >>> aggregate([c1, c2], vocab, Filters(as_of=date(2016, 12, 31)))[0].n_claims
    1
    """
    groups: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for n, claim in enumerate(claims):
        if n % 4096 == 0:
            check_deadline()
        if not filters.admits_claim(claim):
            continue
        spec = vocabulary[claim.type]
        if not filters.admits_type(spec.name, spec.polarity):
            continue
        groups[relation_key(claim, vocabulary)].append(claim)
    relations = []
    for key in sorted(groups):
        relation = relation_from_claims(key, groups[key], vocabulary)
        if relation.holds or not holding_only:
            relations.append(relation)
    return relations


def relation_from_claims(
    key: tuple[str, str, str], claims: list[Claim], vocabulary: Vocabulary
) -> Relation:
    """One relation from all its claims (already filtered)."""
    source, target, name = key
    spec = vocabulary[name]
    supporting = [c for c in claims if c.modality != Modality.DENIED]
    best = min(supporting or claims, key=lambda c: _evidence_rank(c, vocabulary))
    dates = [c.date for c in claims if c.date is not None]
    return Relation(
        source=source,
        target=target,
        type=name,
        polarity=spec.polarity,
        symmetric=spec.symmetric,
        weight=round(sum(claim_weight(c, vocabulary) for c in claims), 6),
        n_claims=len(claims),
        n_articles=len({c.article for c in claims}),
        n_denials=len(claims) - len(supporting),
        first_seen=min(dates, default=None),
        last_seen=max(dates, default=None),
        evidence=best.evidence,
        evidence_article=best.article,
    )


def stance(relations: Iterable[Relation]) -> float:
    """The net signed weight of the relations between one pair of actors.

    Positive: they stand together; negative: against each other; structural
    relations (polarity 0) count for nothing.

    >>> from datetime import date
    >>> d = date(2016, 1, 1)
    >>> r = lambda t, p, w: Relation(source="a", target="b", type=t, polarity=p,
    ...     symmetric=True, weight=w, n_claims=1, n_articles=1, first_seen=d, last_seen=d)
    >>> stance([r("ALLIED_WITH", 1, 0.9), r("FIGHTS", -1, 0.5), r("LEADS", 0, 1.0)])
    0.4
    """
    return round(sum(r.polarity * r.weight for r in relations if r.holds), 6)


def sign(value: float) -> int:
    """-1, 0 or +1."""
    return (value > 0) - (value < 0)
