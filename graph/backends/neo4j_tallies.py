"""The Neo4j store's aggregated relationships, tallied in Python as the embedded store's are.

Each aggregated relationship keeps its running tally beside the figures users
see: ``weight_sum`` (the unrounded weight) and ``evidence_claim`` (the id of
the claim shown as evidence, whose rank decides whether a new claim replaces
it). A batch of new claims resumes the tally of each relation they count
towards and adds them (:class:`graph.aggregate.RelationTally`, the one rule
both backends aggregate by); a relation that lost claims (an article re-loaded
or retracted, a merge or unmerge) or whose tally was written without those
two properties (an older version, an admin import) is tallied again from all
its stored claims. Either read first takes the relationship with ``MERGE``, which locks
its two actors until the transaction ends, so concurrent writers of one
relation queue instead of losing each other's counts. Then one statement a
relation type sets the tallies, and one deletes the relations left without
claims. Every statement finds a relationship from its two actors' unique-index
seeks (``Expand(Into)``): a plan no statistics (an empty database) can turn
into a scan of every relationship, as they do a lookup by element id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple, cast

from neo4j import ManagedTransaction

from graph.aggregate import RelationTally
from graph.backends.neo4j_rows import key_text, native, relation_props
from graph.backends.neo4j_session import Neo4jSession
from graph.model import ClaimFacts, Evidence, Modality, trusted
from graph.vocabulary import Vocabulary

Key = tuple[str, str, str]


class Shown(NamedTuple):
    """The stored claim a resumed tally shows as evidence (what a tally reads of it)."""

    article: str | None
    evidence: Evidence | None


class StoredClaim(NamedTuple):
    """What a tally reads of a claim stored on the server."""

    id: str
    article: str
    confidence: float
    modality: str
    date: date | None
    evidence: Evidence | None


def _evidence(quote: str | None, start: int | None, end: int | None) -> Evidence | None:
    if quote is None:
        return None
    return trusted(Evidence, quote=quote, start=start, end=end)  # validated when stored


def by_type(keys: Iterable[Key]) -> dict[str, list[dict[str, Any]]]:
    """Relation keys as statement rows by relation type, sorted (so that writers
    lock actor pairs in one order)."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for source, target, kind in sorted(keys):
        rows[kind].append(
            {"key": key_text((source, target, kind)), "source": source, "target": target}
        )
    return rows


def _locked(
    db: Neo4jSession, tx: ManagedTransaction, name: str, keys: Iterable[Key]
) -> Iterator[list[Any]]:
    """The rows of statement ``name`` (one of the relation types) for ``keys``, type by type,
    as lists of values."""
    for kind, rows in by_type(keys).items():
        yield from db.values(tx, name, {"rel_type": kind}, keys=rows)


def _key(text: str) -> Key:
    source, target, kind = text.split("|")
    return (source, target, kind)


def _resumed(key: Key, tally: list[Any], shown: list[Any], vocab: Vocabulary) -> RelationTally:
    """The stored ``tally`` (``relations_tallies``' columns) of relation ``key``, its
    shown claim ranked by the stored claim ``shown`` (id, confidence, modality, date)."""
    weight_sum, n_claims, n_articles, n_denials, first, last, quote, start, end, article = tally
    claim_id, confidence, modality, day = shown
    return RelationTally.resume(
        key,
        weight=weight_sum,
        n_claims=n_claims,
        n_articles=n_articles,
        n_denials=n_denials,
        first_seen=native(first),
        last_seen=native(last),
        best=Shown(article, _evidence(quote, start, end)),
        best_rank=RelationTally.rank(
            modality == Modality.DENIED,
            confidence * vocab.modality_weight(modality),
            native(day),
            claim_id,
        ),
    )


def _stored(row: Sequence[Any]) -> ClaimFacts:
    """A claim as ``relations_claims`` sends it: id, article, confidence, modality, date,
    quote, evidence start and end (a list: cheaper to receive than a map)."""
    claim_id, article, confidence, modality, day, quote, start, end = row
    claim = StoredClaim(
        id=claim_id,
        article=article,
        confidence=confidence,
        modality=modality,
        date=native(day),
        evidence=_evidence(quote, start, end),
    )
    return cast("ClaimFacts", claim)  # all a tally reads of a claim


def tally_props(tally: RelationTally, vocabulary: Vocabulary) -> dict[str, Any]:
    """What an aggregated relationship stores: the figures users see and the running tally."""
    claim_id = tally.best_rank[4] if tally.best_rank else None
    return {
        **relation_props(tally.relation(vocabulary)),
        "weight_sum": tally.weight,
        "evidence_claim": claim_id,
    }


def update_relations(
    db: Neo4jSession,
    tx: ManagedTransaction,
    vocabulary: Vocabulary,
    keys: Iterable[Key],
    added: Mapping[Key, Sequence[ClaimFacts]],
) -> None:
    """Bring the aggregated relationships of ``keys`` up to date in ``tx``.

    Parameters
    ----------
    keys : iterable of keys
        Every relation touched.
    added : mapping of key to claims
        For the keys that only gained claims: the claims just stored, of
        articles no tally has counted yet. Their stored tallies are resumed
        with these; every other key is tallied again from all its stored
        claims (those just stored included).
    """
    again = set(keys) - set(added)
    tallies: dict[Key, RelationTally] = {}
    resume = set(added)
    for kind, rows in by_type(resume).items():
        for text, stored, shown in db.values(
            tx, "relations_tallies", {"rel_type": kind}, keys=rows
        ):
            key = _key(text)
            if stored[1] is None:  # n_claims: a relation created just now
                tally = RelationTally(key)
            elif stored[0] is not None and shown[0] is not None:
                tally = _resumed(key, stored, shown, vocabulary)
            else:  # a tally without its running figures: count it again from the claims
                again.add(key)
                continue
            for claim in added[key]:
                tally.add(claim, vocabulary)
            tallies[key] = tally
    _write(db, tx, vocabulary, tallies, again)


def settle_relations(
    db: Neo4jSession,
    tx: ManagedTransaction,
    vocabulary: Vocabulary,
    keys: Iterable[Key],
    carried: Mapping[Key, RelationTally],
) -> None:
    """Bring the aggregated relationships of ``keys`` up to date in ``tx`` at a bulk load's end.

    Parameters
    ----------
    keys : iterable of keys
        Every relation the block touched.
    carried : mapping of key to tally
        For the keys that only gained claims in the block: the tally of the
        claims it added, kept while it ran. A relation never tallied whose
        stored claims number the carried tally's is set from it in one
        statement (``relations_put_fresh``: a load's new relations); the
        carried tally is added to a stored one when the relation holds
        exactly the claims the two count between them; otherwise (other
        writers added or counted claims meanwhile, or nothing could be
        resumed) the relation is counted again from all its claims, as every
        other key is.
    """
    again = set(keys) - set(carried)
    tallies: dict[Key, RelationTally] = {}
    unset: set[Key] = set()
    for kind, rows in by_type(carried).items():  # most, in a load: relations new to the block
        for row in rows:
            tally = carried[_key(row["key"])]
            row["props"] = tally_props(tally, vocabulary)
            row["claims"] = tally.n_claims
        for text, fresh in db.values(tx, "relations_put_fresh", {"rel_type": kind}, rows=rows):
            if not fresh:
                unset.add(_key(text))
    for kind, rows in by_type(unset).items():
        for text, stored, shown, count in db.values(
            tx, "relations_tallies_counted", {"rel_type": kind}, keys=rows
        ):
            key = _key(text)
            block = carried[key]
            if stored[1] is None and count == block.n_claims:  # no tally stored yet
                tallies[key] = block
            elif stored[0] is not None and shown[0] is not None:
                tally = _resumed(key, stored, shown, vocabulary)
                if count == tally.n_claims + block.n_claims:
                    tally.absorb(block)
                    tallies[key] = tally
                else:
                    again.add(key)
            else:
                again.add(key)
    _write(db, tx, vocabulary, tallies, again)


def _write(
    db: Neo4jSession,
    tx: ManagedTransaction,
    vocabulary: Vocabulary,
    tallies: dict[Key, RelationTally],
    again: set[Key],
) -> None:
    """Count the relations of ``again`` from all their claims, then write these and
    ``tallies``, and delete those of ``again`` left without claims."""
    for text, claims in _locked(db, tx, "relations_claims", again):
        if claims:
            key = _key(text)
            tally = tallies[key] = RelationTally(key)
            for stored in claims:
                tally.add(_stored(stored), vocabulary)
    for kind, rows in by_type(tallies).items():
        for row in rows:
            row["props"] = tally_props(tallies[_key(row["key"])], vocabulary)
        db.run(tx, "relations_put", {"rel_type": kind}, rows=rows)
    for kind, rows in by_type(again - set(tallies)).items():
        db.run(tx, "relations_delete", {"rel_type": kind}, keys=rows)


class CarriedClaim(NamedTuple):
    """What a tally carried through a bulk load keeps of the claim it shows: plain values
    (a validated evidence object for each of 430,000 relations at 100k articles is most of
    the client's memory), the evidence built again when the relation is written."""

    id: str
    article: str
    confidence: float
    modality: str
    date: date | None
    quote: str | None
    evidence_start: int | None
    evidence_end: int | None

    @property
    def evidence(self) -> Evidence | None:
        return _evidence(self.quote, self.evidence_start, self.evidence_end)


def slim(claim: ClaimFacts) -> ClaimFacts:
    """What a tally carried through a bulk load keeps of ``claim``."""
    shown = claim.evidence
    return cast(
        "ClaimFacts",
        CarriedClaim(
            claim.id,
            claim.article,
            claim.confidence,
            claim.modality,
            claim.date,
            shown.quote if shown else None,
            shown.start if shown else None,
            shown.end if shown else None,
        ),
    )


def recompute_ties(db: Neo4jSession, tx: ManagedTransaction, keys: Iterable[Key]) -> None:
    """Rebuild the TIE of each pair of actors ``keys`` join, which the unfiltered reads walk
    (neo4j_reads), from its relations as they stand in ``tx``."""
    pairs = sorted({(s, t) if s < t else (t, s) for s, t, _ in keys})
    if pairs:
        db.run(tx, "ties_recompute", pairs=[list(p) for p in pairs])


def recompute(
    db: Neo4jSession,
    tx: ManagedTransaction,
    vocabulary: Vocabulary,
    keys: set[Key],
    added: Mapping[Key, Sequence[ClaimFacts]] | None = None,
) -> None:
    """Bring the aggregated relationships of ``keys`` up to date (:func:`update_relations`:
    those in ``added`` resume their tally, the others are counted again from their claims),
    then the TIE of each pair they join, which the unfiltered reads walk (neo4j_reads)."""
    update_relations(db, tx, vocabulary, keys, added or {})
    recompute_ties(db, tx, keys)
