"""Aggregation of claims into relations, and the stance of a pair of actors.

Backend-neutral: the embedded store aggregates with these functions; the
Neo4j store computes the same figures in Cypher and the contract suite checks
that they agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from graph.budget import check_deadline
from graph.filters import NO_FILTERS, Filters
from graph.model import Claim, ClaimFacts, Evidence, Modality, Relation, trusted
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


def claim_weight(claim: ClaimFacts, vocabulary: Vocabulary) -> float:
    """The claim's contribution to its relation's weight."""
    return claim.confidence * vocabulary.modality_weight(claim.modality)


EvidenceRank = tuple[bool, float, bool, date, str]
"""Denied, -weight, undated, date, claim id: how a claim ranks as the evidence shown."""


class RelationTally:
    """The running aggregate of the claims of one relation, added one at a time.

    :func:`relation_from_claims` and the embedded store's persisted tallies
    both aggregate through this, so there is one rule for weight, counts,
    first/last seen and the evidence shown. Claims are duck-typed: anything
    with a claim's ``id``, ``article``, ``confidence``, ``modality``, ``date``
    and ``evidence`` will do.

    A tally can be resumed from a stored one (:meth:`resume`) and take more
    claims, as long as those come from articles it has not counted yet: an
    article's claims arrive together, and a retracted one is re-tallied from
    scratch (a tally cannot take a claim back).

    >>> from datetime import date
    >>> vocab = Vocabulary.default()
    >>> tally = RelationTally(("a", "b", "FIGHTS"))
    >>> tally.add(Claim(id="c1", article="x", source="a", target="b", type="FIGHTS",
    ...                 confidence=0.5, date=date(2016, 2, 24)), vocab)
    >>> tally.add(Claim(id="c2", article="x", source="b", target="a", type="FIGHTS",
    ...                 confidence=0.8, modality="denied", date=None), vocab)
    >>> r = tally.relation(vocab)
    >>> (r.weight, r.n_claims, r.n_articles, r.n_denials, r.holds)
    (-0.3, 2, 1, 1, False)
    """

    __slots__ = (
        "best",
        "best_rank",
        "first_seen",
        "key",
        "last_seen",
        "n_claims",
        "n_denials",
        "new_articles",
        "prior_articles",
        "weight",
    )

    def __init__(self, key: tuple[str, str, str]) -> None:
        self.key = key
        self.weight = 0.0
        self.n_claims = 0
        self.n_denials = 0
        self.prior_articles = 0
        self.new_articles: set[str] = set()
        self.first_seen: date | None = None
        self.last_seen: date | None = None
        self.best: Any = None
        """The claim shown as evidence: anything with ``evidence`` and ``article``."""
        self.best_rank: EvidenceRank | tuple[()] = ()

    @classmethod
    def resume(
        cls,
        key: tuple[str, str, str],
        *,
        weight: float,
        n_claims: int,
        n_articles: int,
        n_denials: int,
        first_seen: date | None,
        last_seen: date | None,
        best: Any,
        best_rank: EvidenceRank,
    ) -> RelationTally:
        """A tally that goes on from stored figures (see :meth:`rank`)."""
        tally = cls(key)
        tally.weight, tally.n_claims, tally.n_denials = weight, n_claims, n_denials
        tally.prior_articles = n_articles
        tally.first_seen, tally.last_seen = first_seen, last_seen
        tally.best, tally.best_rank = best, best_rank
        return tally

    @staticmethod
    def rank(denied: bool, weight: float, day: date | None, claim_id: str) -> EvidenceRank:
        """How a claim ranks as the evidence shown: the smallest rank wins.

        The strongest supporting claim; a denial only when nothing supports;
        earliest, then smallest id, on ties.
        """
        return (denied, -weight, day is None, day or date.min, claim_id)

    def add(self, claim: ClaimFacts, vocabulary: Vocabulary) -> None:
        """Count ``claim`` (already admitted by any filters) towards the relation."""
        weight = claim_weight(claim, vocabulary)
        self.weight += weight
        self.n_claims += 1
        self.new_articles.add(claim.article)
        day = claim.date
        if day is not None:
            if self.first_seen is None or day < self.first_seen:
                self.first_seen = day
            if self.last_seen is None or day > self.last_seen:
                self.last_seen = day
        denied = claim.modality == Modality.DENIED
        self.n_denials += denied
        rank = self.rank(denied, weight, day, claim.id)
        if self.best is None or rank < self.best_rank:
            self.best, self.best_rank = claim, rank

    def absorb(self, other: RelationTally) -> None:
        """Count the claims ``other`` counted too (claims of articles this tally has not
        counted: a bulk load's tally of its new claims, added to the stored one)."""
        self.weight += other.weight
        self.n_claims += other.n_claims
        self.n_denials += other.n_denials
        self.prior_articles += other.prior_articles
        self.new_articles |= other.new_articles
        for day in (other.first_seen, other.last_seen):
            if day is not None:
                if self.first_seen is None or day < self.first_seen:
                    self.first_seen = day
                if self.last_seen is None or day > self.last_seen:
                    self.last_seen = day
        if other.best is not None and (self.best is None or other.best_rank < self.best_rank):
            self.best, self.best_rank = other.best, other.best_rank

    @property
    def n_articles(self) -> int:
        return self.prior_articles + len(self.new_articles)

    def relation(self, vocabulary: Vocabulary) -> Relation:
        """The relation as tallied so far (at least one claim added)."""
        best = self.best
        return build_relation(
            self.key,
            vocabulary,
            weight=self.weight,
            n_claims=self.n_claims,
            n_articles=self.n_articles,
            n_denials=self.n_denials,
            first_seen=self.first_seen,
            last_seen=self.last_seen,
            evidence=best.evidence if best is not None else None,
            evidence_article=best.article if best is not None else None,
        )


def build_relation(
    key: tuple[str, str, str],
    vocabulary: Vocabulary,
    *,
    weight: float,
    n_claims: int,
    n_articles: int,
    n_denials: int,
    first_seen: date | None,
    last_seen: date | None,
    evidence: Evidence | None,
    evidence_article: str | None,
) -> Relation:
    """The relation of ``key`` from tallied figures, the type's polarity from ``vocabulary``.

    Built from values already validated (claims, the vocabulary): not checked again.
    """
    source, target, name = key
    spec = vocabulary[name]
    return trusted(
        Relation,
        source=source,
        target=target,
        type=name,
        polarity=spec.polarity,
        symmetric=spec.symmetric,
        weight=round(weight, 6),
        n_claims=n_claims,
        n_articles=n_articles,
        n_denials=n_denials,
        first_seen=first_seen,
        last_seen=last_seen,
        evidence=evidence,
        evidence_article=evidence_article,
    )


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
    groups: dict[tuple[str, str, str], list[Claim]] = {}
    for n, claim in enumerate(claims):
        if n % 4096 == 0:
            check_deadline()
        groups.setdefault(relation_key(claim, vocabulary), []).append(claim)
    return aggregate_groups(groups.items(), vocabulary, filters, holding_only=holding_only)


def aggregate_groups(
    groups: Iterable[tuple[tuple[str, str, str], Iterable[ClaimFacts]]],
    vocabulary: Vocabulary,
    filters: Filters = NO_FILTERS,
    *,
    holding_only: bool = True,
) -> list[Relation]:
    """Relations from claims already grouped by relation key, under ``filters``.

    :func:`aggregate` for callers that keep their claims grouped (the embedded
    store's index): a key whose type ``filters`` refuses is skipped whole.
    Returns the relations sorted by ``(source, target, type)``.
    """
    relations = []
    for n, (key, claims) in enumerate(groups):
        if n % 1024 == 0:
            check_deadline()
        spec = vocabulary[key[2]]
        if not filters.admits_type(spec.name, spec.polarity):
            continue
        tally = None
        for claim in claims:
            if filters.admits_claim(claim):
                if tally is None:
                    tally = RelationTally(key)
                tally.add(claim, vocabulary)
        if tally is not None:
            relation = tally.relation(vocabulary)
            if relation.holds or not holding_only:
                relations.append(relation)
    relations.sort(key=lambda r: (r.source, r.target, r.type))
    return relations


def relation_from_claims(
    key: tuple[str, str, str], claims: Iterable[Claim], vocabulary: Vocabulary
) -> Relation:
    """One relation from all its claims (already filtered)."""
    tally = RelationTally(key)
    for claim in claims:
        tally.add(claim, vocabulary)
    return tally.relation(vocabulary)


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
    value: float = 0  # sum()'s start: the same additions, in the same order
    for r in relations:  # a loop, not sum() of a generator: made for every pair on open
        if r.holds:
            value += r.polarity * r.weight
    return round(value, 6)


def sign(value: float) -> int:
    """-1, 0 or +1."""
    return (value > 0) - (value < 0)
