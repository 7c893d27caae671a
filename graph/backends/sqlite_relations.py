"""The embedded store's relations: a running tally per relation, kept in SQLite.

Every claim carries the key of the relation it counts towards (``ksource``,
``ktarget``, ``type``, merges applied), and the ``relations`` table holds the
tally of every key, written in the same transaction as the claims. The store
therefore opens by reading relations, not by re-tallying every claim, and
answers filtered aggregations and evidence with indexed reads of the claims.

The tallies depend on the vocabulary (which types are symmetric, modality
weights) and on the merges; a file tallied under another vocabulary, or by an
actorgraph without this table, is re-tallied once on open (:meth:`rebuild`).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from operator import itemgetter
from typing import TypeVar

from graph.aggregate import RelationTally, aggregate_groups
from graph.filters import Filters
from graph.identity import canonical_pair_key
from graph.model import Relation
from graph.vocabulary import Vocabulary

from .column_tally import Added, Pending, PendingTallies, modality_weights, row_key
from .sqlite_rows import CLAIM_COLUMNS, ROW_COLUMNS, ClaimRow, Row
from .sqlite_state import SqliteState
from .sqlite_tally_rows import RELATION_COLUMNS, SHOWN_COLUMNS, stored_relations, tally_values

Key = tuple[str, str, str]
T = TypeVar("T")

_SELECT_RELATIONS = f"SELECT {', '.join(SHOWN_COLUMNS)} FROM relations"
_PUT_RELATION = (
    f"INSERT OR REPLACE INTO relations ({', '.join(RELATION_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(RELATION_COLUMNS))})"
)
_KEY_MATCH = "ksource = ? AND ktarget = ? AND type = ?"
_ROWS_OF_KEY = f"SELECT {', '.join(ROW_COLUMNS)} FROM claims WHERE {_KEY_MATCH}"
_SET_KEY = "UPDATE claims SET ksource = ?, ktarget = ? WHERE article = ? AND id = ?"
_KEYED_CLAIMS = f"SELECT {', '.join(ROW_COLUMNS)}, ksource, ktarget FROM claims"
"""Claim rows (:data:`ROW_COLUMNS`) followed by the key of the relation they count towards."""
_key_of_keyed = itemgetter(len(ROW_COLUMNS), len(ROW_COLUMNS) + 1, ROW_COLUMNS.index("type"))
"""The relation key (``ksource``, ``ktarget``, ``type``) of a :data:`_KEYED_CLAIMS` row."""
Settled = tuple[dict[Key, Relation], dict[Key, Row]]
"""Each key's relation and its stored row (:data:`RELATION_COLUMNS`)."""
_ends_and_type = itemgetter(*map(CLAIM_COLUMNS.index, ("source", "target", "type")))
"""A claim's ``source``, ``target`` and ``type`` from its :data:`CLAIM_COLUMNS` values."""


def vocabulary_mark(vocabulary: Vocabulary) -> str:
    """What the tallies depend on of ``vocabulary``: symmetric types, modality weights."""
    shape = {
        "symmetric": sorted(t.name for t in vocabulary if t.symmetric),
        "types": sorted(vocabulary.names),
        "modality_weights": {str(k): v for k, v in vocabulary.modality_weights.items()},
    }
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()


def admitted(filters: Filters) -> tuple[str, list[float | str]]:
    """A SQL condition on a claim row that holds exactly when ``filters.admits_claim`` does.

    >>> from datetime import date
    >>> admitted(Filters(since=date(2016, 1, 1)))
    ('confidence >= ? AND date IS NOT NULL AND date >= ?', [0.0, '2016-01-01'])
    """
    where = ["confidence >= ?"]
    params: list[float | str] = [filters.min_confidence]
    if not filters.is_timeless:
        where.append("date IS NOT NULL")
    if filters.since is not None:
        where.append("date >= ?")
        params.append(filters.since.isoformat())
    if filters.until is not None:
        where.append("date <= ?")
        params.append(filters.until.isoformat())
    if filters.as_of is not None:
        where.append("date <= ?")
        where.append("(valid_from IS NULL OR valid_from <= ?)")
        where.append("(valid_to IS NULL OR valid_to >= ?)")
        params.extend([filters.as_of.isoformat()] * 3)
    if filters.country is not None:
        where.append("place_country = ?")
        params.append(filters.country)
    if filters.bbox is not None:
        west, south, east, north = filters.bbox
        where.append("place_lat BETWEEN ? AND ?")
        params.extend([south, north])
        if west <= east:
            where.append("place_lon BETWEEN ? AND ?")
        else:  # across the antimeridian
            where.append("(place_lon >= ? OR place_lon <= ?)")
        params.extend([west, east])
    return " AND ".join(where), params


def _ends(key: Key | None) -> tuple[str | None, str | None]:
    """The ``ksource``, ``ktarget`` columns of a claim that counts towards ``key``."""
    return (key[0], key[1]) if key else (None, None)


def _chunks(items: list[T], size: int = 300) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class RelationTable:
    """Reads and keeps up to date the relation keys of claims and the relations table.

    Every method that writes runs inside the caller's transaction.

    Parameters
    ----------
    vocabulary : Vocabulary
    """

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.mark = vocabulary_mark(vocabulary)
        self._modality_weights = modality_weights(vocabulary)

    def claim_values(self, values: Row, canon: Mapping[str, str]) -> tuple[Row, Key | None]:
        """A claim's stored values with its key appended (for ``INSERT_CLAIM``), and the key."""
        source, target, kind = _ends_and_type(values)
        key = canonical_pair_key(source, target, kind, canon, self.vocabulary)
        return (*values, *_ends(key)), key

    # -- reads ------------------------------------------------------------------
    def is_current(self, db: sqlite3.Connection) -> bool:
        """Whether the file's tallies were made under this vocabulary."""
        row = db.execute("SELECT value FROM meta WHERE key = 'tallied_under'").fetchone()
        return row is not None and row[0] == self.mark

    def tally_if_needed(self, state: SqliteState, canon: Mapping[str, str]) -> None:
        """Re-tally a file written by an earlier actorgraph or under another vocabulary."""
        if self.is_current(state.db):
            return
        if state.db.in_transaction:  # a write found another process's changes: it holds the lock
            self.rebuild(state.db, canon)
            return
        with state.transaction() as db:
            if not self.is_current(db):
                self.rebuild(db, canon)

    def relations(self, db: sqlite3.Connection) -> dict[Key, Relation]:
        """Every stored relation, holding or not, by key (in key order)."""
        return stored_relations(db.execute(_SELECT_RELATIONS), self.vocabulary)

    def keys_of_article(self, db: sqlite3.Connection, article_id: str) -> set[Key]:
        """The keys an article's stored claims count towards."""
        sql = "SELECT DISTINCT ksource, ktarget, type FROM claims WHERE article = ?"
        return {row for row in db.execute(sql, (article_id,)) if row[0] is not None}

    def evidence(
        self,
        db: sqlite3.Connection,
        keys: Iterable[Key],
        filters: Filters,
        offset: int = 0,
        limit: int = -1,
    ) -> tuple[int, list[tuple[str, str]]]:
        """How many claims of ``keys`` ``filters`` admit, and a page of them in evidence order.

        The page is ``(article, claim id)`` pairs, by date (undated last) then
        claim id (:func:`graph.store.claim_order`); ``limit`` -1: all of them.
        Both are read from the claims index alone, not from the claims.
        """
        vocabulary = self.vocabulary
        keys = [k for k in keys if filters.admits_type(k[2], vocabulary[k[2]].polarity)]
        if not keys:
            return 0, []
        condition, params = admitted(filters)
        select = f"SELECT article, id, date FROM claims WHERE {_KEY_MATCH} AND {condition}"
        union = " UNION ALL ".join([select] * len(keys))
        values = [value for key in keys for value in (*key, *params)]
        page = db.execute(
            f"SELECT article, id FROM ({union}) ORDER BY date IS NULL, date, id LIMIT ? OFFSET ?",
            [*values, limit, offset],
        ).fetchall()
        if limit < 0 and offset == 0:  # the whole list: it is its own count
            return len(page), page
        total = db.execute(f"SELECT count(*) FROM ({union})", values).fetchone()[0]
        return total, page

    def filtered(self, db: sqlite3.Connection, filters: Filters) -> list[Relation]:
        """The holding relations of the claims ``filters`` admit, sorted by key.

        The window and confidence floor select the claims in SQL (:func:`admitted`).
        """
        condition, params = admitted(filters)
        types = [t.name for t in self.vocabulary if filters.admits_type(t.name, t.polarity)]
        # grouped here, in one pass over the table: ORDER BY would walk the key
        # index with a lookup per claim
        sql = (
            f"{_KEYED_CLAIMS} WHERE ksource IS NOT NULL AND {condition}"
            f" AND type IN ({', '.join('?' * len(types))})"
        )
        groups: dict[Key, list[ClaimRow]] = {}
        for row in db.execute(sql, [*params, *types]):
            groups.setdefault(_key_of_keyed(row), []).append(ClaimRow(row))
        return aggregate_groups(groups.items(), self.vocabulary, filters)

    def tallied(
        self, db: sqlite3.Connection, keys: Iterable[Key], filters: Filters
    ) -> list[Relation]:
        """The holding relations of ``keys`` under ``filters``, from their claims, by key."""
        condition, params = admitted(filters)
        sql = f"{_ROWS_OF_KEY} AND {condition}"
        groups = ((key, map(ClaimRow, db.execute(sql, (*key, *params)))) for key in keys)
        return aggregate_groups(groups, self.vocabulary, filters)

    # -- writes (inside the caller's transaction) --------------------------------------
    def collect(
        self,
        db: sqlite3.Connection,
        pending: Pending,
        stale: Iterable[Key],
        added: list[Added],
    ) -> None:
        """Fold one write's effect into ``pending``: keys that lost claims, claims added.

        ``added`` holds the stored rows of the claims that count (keyed), each with
        the claim's evidence.
        The stored tallies of keys new to ``pending`` are read first; nothing
        changes in ``pending`` if that read fails.
        """
        stale = set(stale)
        # a stale key is re-tallied from the claims table by flush: its claims are not added
        if stale or pending.stale:
            gone = stale | pending.stale
            added = [claim for claim in added if row_key(claim[0]) not in gone]
        pending.add(db, added, self._modality_weights)
        pending.stale |= stale

    def settle(self, pending: Pending) -> Settled:
        """The relation and stored row of each tally ``pending`` goes on with (not stale).

        The part of :meth:`flush` that reads nothing from the file: a bulk load
        does it while SQLite builds the claims' key index.
        """
        return pending.settled(self.vocabulary)

    def flush(
        self,
        db: sqlite3.Connection,
        pending: Pending,
        settled: Settled | None = None,
    ) -> dict[Key, Relation | None]:
        """Write the tallies ``pending`` has brought up to date; each touched key's relation.

        Stale keys are re-tallied from the claims table (their added claims
        are in it). A key with no claims left maps to None and its row goes.
        ``settled``: what :meth:`settle` gave for ``pending``, if it ran already
        (taken over: the re-tallied keys join it).
        """
        vocabulary = self.vocabulary
        relations, values = self.settle(pending) if settled is None else settled
        gone = []
        for key in pending.stale:
            tally = RelationTally(key)
            for row in db.execute(_ROWS_OF_KEY, key):
                tally.add(ClaimRow(row), vocabulary)
            if tally.n_claims:
                values[key] = tally_values(tally)
                relations[key] = tally.relation(vocabulary)
            else:
                gone.append(key)
        keys = sorted(values)  # in key order: appended to the table, not scattered in it
        db.executemany(_PUT_RELATION, map(values.__getitem__, keys))
        where = "source = ? AND target = ? AND type = ?"
        db.executemany(f"DELETE FROM relations WHERE {where}", gone)
        changes: dict[Key, Relation | None] = dict.fromkeys(gone)
        changes.update((key, relations[key]) for key in keys)
        return changes

    def update(self, db: sqlite3.Connection, stale: set[Key]) -> dict[Key, Relation | None]:
        """Re-tally the ``stale`` keys from the claims table and write them."""
        pending = PendingTallies(stored=True)
        pending.stale |= stale
        return self.flush(db, pending)

    def rekey(
        self,
        db: sqlite3.Connection,
        before: Mapping[str, str],
        after: Mapping[str, str],
    ) -> dict[Key, Relation | None]:
        """Re-key the claims of the actors a merge or unmerge moved; re-tally their relations.

        ``before`` and ``after`` map merged-away actor ids to their canonical actor.
        """
        moved = sorted(i for i in {*before, *after} if before.get(i, i) != after.get(i, i))
        stale: set[Key] = set()
        for chunk in _chunks(moved):
            marks = ", ".join("?" * len(chunk))
            sql = (
                "SELECT article, id, source, target, type, ksource, ktarget FROM claims"
                f" WHERE source IN ({marks}) OR target IN ({marks})"
            )
            rows = db.execute(sql, chunk * 2).fetchall()
            stale |= {(ks, kt, kind) for *_, kind, ks, kt in rows if ks is not None}
            stale |= self._set_keys(db, (row[:5] for row in rows), after)
        return self.update(db, stale)

    def _set_keys(
        self, db: sqlite3.Connection, claims: Iterable[Row], canon: Mapping[str, str]
    ) -> set[Key]:
        """Store the key of each ``(article, id, source, target, type)`` under ``canon``.

        Returns the keys the claims now count towards.
        """
        keys, updates = set(), []
        for article, claim_id, source, target, kind in claims:
            key = canonical_pair_key(source, target, kind, canon, self.vocabulary)
            if key is not None:
                keys.add(key)
            updates.append((*_ends(key), article, claim_id))
        db.executemany(_SET_KEY, updates)
        return keys

    def rebuild(self, db: sqlite3.Connection, canon: Mapping[str, str]) -> None:
        """Key every claim and tally every relation afresh, under this vocabulary."""
        claims = db.execute("SELECT article, id, source, target, type FROM claims").fetchall()
        self._set_keys(db, claims, canon)
        db.execute("DELETE FROM relations")
        sql = f"{_KEYED_CLAIMS} WHERE ksource IS NOT NULL ORDER BY ksource, ktarget, type"
        vocabulary = self.vocabulary
        tallies = []
        for key, group in itertools.groupby(db.execute(sql), key=_key_of_keyed):
            tally = RelationTally(key)
            for row in group:
                tally.add(ClaimRow(row), vocabulary)
            tallies.append(tally_values(tally))
        db.executemany(_PUT_RELATION, tallies)
        db.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('tallied_under', ?)", (self.mark,)
        )
