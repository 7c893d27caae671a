"""How the embedded store lays a relation's running tally out in SQLite columns."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.aggregate import RelationTally
from graph.model import Evidence, Relation, trusted, trusted_maker
from graph.vocabulary import Vocabulary

from .iso_days import parse_day

Key = tuple[str, str, str]

RELATION_COLUMNS = (
    "source",
    "target",
    "type",
    "weight",
    "n_claims",
    "n_articles",
    "n_denials",
    "first_seen",
    "last_seen",
    "best_article",
    "best_claim",
    "best_denied",
    "best_weight",
    "best_date",
    "quote",
    "quote_start",
    "quote_end",
)


class Shown:
    """The stored claim a relation shows as its evidence (what a tally reads of it)."""

    __slots__ = ("article", "evidence")

    def __init__(self, article: str, evidence: Evidence | None) -> None:
        self.article = article
        self.evidence = evidence


def _evidence(quote: str | None, start: int | None, end: int | None) -> Evidence | None:
    if quote is None:
        return None
    return trusted(Evidence, quote=quote, start=start, end=end)  # validated when stored


def _day(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def tally_values(tally: RelationTally) -> tuple[Any, ...]:
    """The :data:`RELATION_COLUMNS` of ``tally`` (at least one claim counted)."""
    best = tally.best
    if not tally.best_rank:
        raise ValueError(f"no claim of {tally.key} was counted: there is no relation to store")
    denied, negative_weight, undated, day, claim_id = tally.best_rank
    evidence = best.evidence
    return (
        *tally.key,
        tally.weight,
        tally.n_claims,
        tally.n_articles,
        tally.n_denials,
        _day(tally.first_seen),
        _day(tally.last_seen),
        best.article,
        claim_id,
        int(denied),
        -negative_weight,
        _day(None if undated else day),
        evidence.quote if evidence else None,
        evidence.start if evidence else None,
        evidence.end if evidence else None,
    )


def tally_from_values(row: tuple[Any, ...]) -> RelationTally:
    """The tally stored as ``row``, ready to take claims of articles it has not counted."""
    (source, target, kind, weight, n_claims, n_articles, n_denials, first, last) = row[:9]
    best_article, best_claim, denied, best_weight, best_date, quote, start, end = row[9:]
    return RelationTally.resume(
        (source, target, kind),
        weight=weight,
        n_claims=n_claims,
        n_articles=n_articles,
        n_denials=n_denials,
        first_seen=parse_day(first),
        last_seen=parse_day(last),
        best=Shown(best_article, _evidence(quote, start, end)),
        best_rank=RelationTally.rank(bool(denied), best_weight, parse_day(best_date), best_claim),
    )


SHOWN_COLUMNS = (*RELATION_COLUMNS[:10], *RELATION_COLUMNS[14:])
"""The columns a relation is made of (:func:`stored_relations`): not the evidence's rank."""


def stored_relations(
    rows: Iterable[tuple[Any, ...]], vocabulary: Vocabulary
) -> dict[Key, Relation]:
    """The relations of stored tallies (:data:`SHOWN_COLUMNS` rows), by key, in row order:
    what the store reads on open.

    What :func:`graph.aggregate.build_relation` makes of the same figures,
    built in one step: the store reads hundreds of thousands of them on open.
    Each actor id, type and article id is kept once, however many rows repeat it.
    """
    relation, evidence = trusted_maker(Relation), trusted_maker(Evidence)
    spec = {t.name: (t.polarity, t.symmetric) for t in vocabulary}
    once: dict[str, str] = {}
    kept = once.setdefault
    found: dict[Key, Relation] = {}
    for source, target, kind, weight, n, articles, denials, first, last, shown, *quoted in rows:
        source, target, kind = kept(source, source), kept(target, target), kept(kind, kind)
        polarity, symmetric = spec[kind]
        quote, start, end = quoted
        found[source, target, kind] = relation(
            {
                "source": source,
                "target": target,
                "type": kind,
                "polarity": polarity,
                "symmetric": symmetric,
                "weight": round(weight, 6),
                "n_claims": n,
                "n_articles": articles,
                "n_denials": denials,
                "first_seen": parse_day(first),
                "last_seen": parse_day(last),
                "evidence": None
                if quote is None
                else evidence({"quote": quote, "start": start, "end": end}),
                "evidence_article": kept(shown, shown),
            }
        )
    return found
