"""Bulk loads on Neo4j: the relation tallies of a whole block written once, when it ends.

Outside a bulk load every write tallies the aggregated relationships (and
TIEs) it touches in its own transaction. Inside one
(:meth:`graph.backends.neo4j_writes.Neo4jWrites.bulk_load`) each write stores
its articles, claims and mentions and, in the same transaction, a
``:PendingTally`` record of the relation keys it touched (those of the claims
it cleared as well as those it added), and the client carries the tally of
the claims added to each key that only gained claims. The block's end
writes each touched relation once (from the carried tally when the stored
claims agree with it, else counted again from all its claims:
:func:`graph.backends.neo4j_tallies.settle_relations`), then each touched
pair's TIE, in transactions of :data:`SETTLE_KEYS` keys, the last of which
deletes the block's records. A load of 10k articles thus writes its 54,000
relations once instead of about 80,000 relation updates and 37,000 TIE
updates batch by batch.

What this changes for a reader: while the block runs, the relations and TIEs
of the keys it touched are those from before it (the claims, articles and
the windowed relations aggregated from claims are current). The data's
revision is counted in every transaction, the settling ones included, so a
kept stance graph is drawn again after the block.

The invariant the records keep: the aggregated relationship of a key equals
what its committed claims give, or a ``:PendingTally`` record names the key.
A block ending with an exception settles what it committed; a process that
died inside a block (killed, the machine lost) leaves its records, and the
next connect, the next write outside a bulk load or the next bulk load
settles every record it finds (:func:`settle_left`). Counting a relation
again from its claims is idempotent under the relationship's lock, so two
processes settling the same keys, or one settling a live block's keys, agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from neo4j import ManagedTransaction

from graph.aggregate import RelationTally
from graph.backends.neo4j_rows import key_text
from graph.backends.neo4j_session import Neo4jSession
from graph.backends.neo4j_tallies import recompute_ties, settle_relations, slim
from graph.collector import collector_paused
from graph.model import ClaimFacts
from graph.vocabulary import Vocabulary

Key = tuple[str, str, str]

SETTLE_KEYS = 4_000
"""Relation keys settled per transaction when a block ends (about one batch's)."""
CARRIED_KEYS = 200_000
"""At most this many keys carry their tally through a block (the client's memory); the
others are counted again from their claims at its end."""


@dataclass
class Deferred:
    """What the writes of one transaction, or of a whole bulk load, left to tally: the keys,
    the ids of the records that name them on the server, and for the keys that only gained
    claims the tally of those claims (a key that lost claims is counted again at the end)."""

    keys: set[Key] = field(default_factory=set)
    records: list[str] = field(default_factory=list)
    carried: dict[Key, RelationTally] = field(default_factory=dict)
    cleared: set[Key] = field(default_factory=set)

    def put(
        self,
        db: Neo4jSession,
        tx: ManagedTransaction,
        vocabulary: Vocabulary,
        keys: set[Key],
        added: Mapping[Key, Sequence[ClaimFacts]],
    ) -> None:
        """Record ``keys`` on the server in ``tx``, committed with the claims that touched
        them; tally the claims ``added`` to the keys that only gained claims."""
        if not keys:
            return
        (row,) = db.run(tx, "pending_tallies_put", keys=[key_text(k) for k in sorted(keys)])
        self.keys |= keys
        self.records.append(row["id"])
        cleared = keys - set(added)
        self.cleared |= cleared
        for key in cleared:
            self.carried.pop(key, None)
        for key, claims in added.items():
            if key in self.cleared:
                continue
            tally = self.carried.get(key)
            if tally is None:
                tally = self.carried[key] = RelationTally(key)
            for claim in claims:
                tally.add(slim(claim), vocabulary)

    def absorb(self, other: Deferred) -> None:
        """Take in what a committed transaction deferred."""
        self.keys |= other.keys
        self.records.extend(other.records)
        self.cleared |= other.cleared
        for key in other.cleared:
            self.carried.pop(key, None)
        for key, tally in other.carried.items():
            if key in self.cleared:
                continue
            if key in self.carried:
                self.carried[key].absorb(tally)
            elif len(self.carried) < CARRIED_KEYS:
                self.carried[key] = tally
            else:
                self.cleared.add(key)  # no room: counted again at the end


def by_pairs(keys: Iterable[Key], size: int) -> Iterator[set[Key]]:
    """``keys`` in chunks of about ``size``, every key of one pair of actors in one chunk (so
    that each pair's TIE is rebuilt once, after all its relations)."""
    pairs: dict[tuple[str, str], list[Key]] = defaultdict(list)
    for key in keys:
        source, target, _ = key
        pairs[(source, target) if source < target else (target, source)].append(key)
    chunk: set[Key] = set()
    for pair in sorted(pairs):
        chunk.update(pairs[pair])
        if len(chunk) >= size:
            yield chunk
            chunk = set()
    if chunk:
        yield chunk


def settle(db: Neo4jSession, vocabulary: Vocabulary, pending: Deferred) -> None:
    """Count the relations of ``pending.keys`` again from their claims, with their pairs'
    TIEs, a transaction per :data:`SETTLE_KEYS` keys; the last deletes the records."""
    if not pending.keys and not pending.records:
        return
    chunks = list(by_pairs(pending.keys, SETTLE_KEYS)) or [set()]
    with collector_paused():  # the claims read back: many objects, no cycles
        for n, chunk in enumerate(chunks):
            last = n == len(chunks) - 1

            def work(tx: ManagedTransaction, chunk: set[Key] = chunk, last: bool = last) -> None:
                if chunk:
                    carried = {k: pending.carried[k] for k in chunk if k in pending.carried}
                    settle_relations(db, tx, vocabulary, chunk, carried)
                    recompute_ties(db, tx, chunk)
                if last and pending.records:
                    db.run(tx, "pending_tallies_done", ids=pending.records)
                db.run(tx, "revision_bump")  # last: the data changed

            db.write(work)


def left(db: Neo4jSession) -> Deferred:
    """Every record of keys left to tally on the server, and their distinct keys."""
    (row,) = db.read("pending_tallies")
    found = Deferred(records=list(row["ids"]))
    for text in row["keys"]:
        source, target, kind = text.split("|")
        found.keys.add((source, target, kind))
    return found


def settle_left(db: Neo4jSession, vocabulary: Vocabulary) -> bool:
    """Settle every record of keys left to tally (a bulk load that died, or one under way in
    another process); whether there were any. One read when there are none."""
    pending = left(db)
    settle(db, vocabulary, pending)
    return bool(pending.records)
