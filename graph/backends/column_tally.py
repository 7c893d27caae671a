"""The embedded store's running tallies, kept as columns and brought up to date a batch at a time.

A write (or each write of a bulk load) hands over the stored rows of the
claims it adds (:data:`~graph.backends.sqlite_schema.INSERT_CLAIM` values, the
relation key's ends last), each with the claim's evidence. Their keys are
coded once as integers and the batch is tallied with numpy: the claims sorted
by key, weights, counts and denials summed by ``np.add.reduceat``, first and
last seen by ``reduceat`` of ``minimum``/``maximum``, the evidence shown by
one ``np.lexsort`` on the rank's columns. Each key's figures then fold into the running columns. A
:class:`~graph.model.Relation` is made only when the tallies are written, for
each key a write touched.

The rule is :class:`graph.aggregate.RelationTally`'s (weight, counts,
first/last seen, the evidence shown: the smallest rank); only the order in
which a key's weights are added may differ, by the last bit of a float, which
the relation's weight (rounded to six places) does not show.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date
from itertools import repeat
from operator import itemgetter
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from graph.model import Evidence, Modality, Relation, trusted_values
from graph.vocabulary import Vocabulary

from .sqlite_rows import CLAIM_COLUMNS, Row
from .sqlite_tally_rows import RELATION_COLUMNS

Key = tuple[str, str, str]
Added = tuple[Row, Evidence | None]
"""A claim added to the tallies: its stored row (keyed), its evidence."""

row_key = itemgetter(-2, -1, CLAIM_COLUMNS.index("type"))
"""The relation key (``ksource``, ``ktarget``, ``type``) of a stored claim row."""
_column = {name: itemgetter(i) for i, name in enumerate(CLAIM_COLUMNS)}
RELATION_OF_KEY = (
    f"SELECT {', '.join(RELATION_COLUMNS)} FROM relations"
    " WHERE source = ? AND target = ? AND type = ?"
)
_NAT = np.iinfo(np.int64).min
"""A day column's value for no day (``NaT`` as an integer)."""
_LAST = np.iinfo(np.int64).max
_DENIED = Modality.DENIED.value
_NONE = 2
"""``best_denied`` of a key that shows no claim yet: every claim ranks before it."""
_SHOWN = (
    ("best_article", "article"),
    ("quote", "quote"),
    ("start", "quote_start"),
    ("end", "quote_end"),
)
"""The columns of the claim a key shows as its evidence, and the claim row's they come from."""
_RESUMED = (
    ("weight", 3),
    ("n_claims", 4),
    ("n_articles", 5),
    ("n_denials", 6),
    ("best_article", 9),
    ("best_claim", 10),
    ("best_denied", 11),
    ("quote", 14),
    ("start", 15),
    ("end", 16),
)
"""The columns a stored tally resumes as they are, and their place in its row."""
_FLOATS = ("weight", "best_neg_weight")
_INTS = ("n_claims", "n_articles", "n_denials", "first", "last", "best_denied", "best_day")
_OBJECTS = ("best_claim", "best_article", "quote", "start", "end", "evidence")


def _days(values: list[Any]) -> npt.NDArray[np.int64]:
    """ISO days (None: none) as day numbers, :data:`_NAT` for none."""
    return np.array(values, dtype="datetime64[D]").view(np.int64)


def _earliest(a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The earlier day of each pair, a day before none."""
    low = np.minimum(np.where(a == _NAT, _LAST, a), np.where(b == _NAT, _LAST, b))
    return np.where(low == _LAST, _NAT, low)


def _ranks_before(new: tuple[np.ndarray, ...], old: tuple[np.ndarray, ...]) -> np.ndarray:
    """Where the rank columns ``new`` are lexicographically smaller than ``old``."""
    before = np.zeros(len(new[0]), dtype=bool)
    tied = np.ones(len(new[0]), dtype=bool)
    for a, b in zip(new, old, strict=True):
        before |= tied & (a < b)
        tied &= a == b
    return before


class Pending(Protocol):
    """Tallies a write has brought up to date but not written (:class:`PendingTallies`, or
    :class:`~graph.backends.few_tallies.FewTallies` for one write outside a bulk load)."""

    stored: bool
    """Whether the relations table may hold tallies of the keys to come."""
    stale: set[Key]
    """Keys that lost claims: re-tallied from the claims when written."""

    def add(
        self, db: sqlite3.Connection, added: list[Added], modality_weight: dict[str, float]
    ) -> None:
        """Count the claims ``added`` (of articles not counted yet)."""

    def settled(self, vocabulary: Vocabulary) -> tuple[dict[Key, Relation], dict[Key, Row]]:
        """The relation and the stored row (:data:`RELATION_COLUMNS`) of each key not stale."""


class PendingTallies:
    """The tallies one write, or a bulk load of many, has brought up to date but not written.

    Parameters
    ----------
    stored : bool
        Whether the relations table may hold tallies of the keys to come (if
        not, none is looked up: a load into an empty store).
    """

    def __init__(self, stored: bool) -> None:
        self.stored = stored
        self.codes: dict[Key, int] = {}
        """Each key claims were added to -> its row in the columns."""
        self.keys: list[Key] = []
        self.stale: set[Key] = set()
        """Keys that lost claims: re-tallied from the claims when written."""
        self.columns: dict[str, np.ndarray] = {}
        self._grow(0)

    def _grow(self, size: int) -> None:
        fresh: dict[str, np.ndarray] = {
            **{name: np.zeros(size) for name in _FLOATS},
            **{name: np.zeros(size, dtype=np.int64) for name in _INTS},
            **{name: np.empty(size, dtype=object) for name in _OBJECTS},
        }
        fresh["first"][:] = fresh["last"][:] = fresh["best_day"][:] = _NAT
        fresh["best_denied"][:] = _NONE
        fresh["best_claim"][:] = ""
        old = self.columns
        for name, column in old.items():
            fresh[name][: len(column)] = column
        self.columns = fresh

    def _code(self, keys: Iterable[Key], resumed: dict[Key, Row]) -> None:
        """Give each key new to these tallies its row, from its stored figures if it has any."""
        for key in keys:
            if key not in self.codes:
                self.codes[key] = len(self.keys)
                self.keys.append(key)
        if len(self.keys) > len(self.columns["weight"]):
            self._grow(max(2 * len(self.keys), 64))
        if not resumed:
            return
        cols = self.columns
        at = np.fromiter(map(self.codes.__getitem__, resumed), np.int64, len(resumed))
        stored = list(zip(*resumed.values(), strict=True))  # RELATION_COLUMNS, a list each
        for name, i in _RESUMED:
            cols[name][at] = stored[i]
        for name, i in (("first", 7), ("last", 8), ("best_day", 13)):
            cols[name][at] = _days(list(stored[i]))
        cols["best_neg_weight"][at] = -np.array(stored[12], dtype=float)
        evidence = cols["evidence"]
        for i, quote, start, end in zip(at.tolist(), *stored[14:17], strict=True):
            if quote is not None:
                evidence[i] = trusted_values(Evidence, (quote, start, end))

    def add(
        self, db: sqlite3.Connection, added: list[Added], modality_weight: dict[str, float]
    ) -> None:
        """Count the claims ``added`` (of articles not counted yet).

        The stored tallies of keys new to these are read first; nothing
        changes here if that read fails.
        """
        if not added:
            return
        rows = list(map(itemgetter(0), added))
        keys = list(map(row_key, rows))
        resumed: dict[Key, Row] = {}
        if self.stored:
            for key in dict.fromkeys(keys):
                if key not in self.codes:
                    row = db.execute(RELATION_OF_KEY, key).fetchone()
                    if row is not None:
                        resumed[key] = row
        self._code(keys, resumed)
        evidence = self.columns["evidence"]
        for at, j in self._fold(keys, rows, modality_weight):
            evidence[at] = added[j][1]  # the claim's own: an object array takes no list of them

    def _fold(
        self, keys: list[Key], rows: list[Row], modality_weight: dict[str, float]
    ) -> Iterable[tuple[int, int]]:
        """Tally ``rows`` by key with numpy and fold each key's figures into the columns.

        Returns each key whose evidence shown is now one of ``rows``, with that row's place.
        """
        n = len(rows)
        code = np.fromiter(map(self.codes.__getitem__, keys), np.int64, n)
        modalities = list(map(_column["modality"], rows))
        weight = np.fromiter(map(_column["confidence"], rows), float, n) * np.fromiter(
            map(modality_weight.__getitem__, modalities), float, n
        )
        denied = np.fromiter(map(_DENIED.__eq__, modalities), bool, n)
        day = _days(list(map(_column["date"], rows)))
        undated = day == _NAT
        articles = list(map(_column["article"], rows))
        claim_ids = list(map(_column["id"], rows))

        by_key = np.argsort(code, kind="stable")  # claim order within a key
        sorted_code = code[by_key]
        starts = np.flatnonzero(np.concatenate(([True], sorted_code[1:] != sorted_code[:-1])))
        at = sorted_code[starts]
        cols = self.columns
        cols["weight"][at] += np.add.reduceat(weight[by_key], starts)
        cols["n_claims"][at] += np.diff(starts, append=n)
        cols["n_denials"][at] += np.add.reduceat(denied[by_key].astype(np.int64), starts)
        article_of = {a: i for i, a in enumerate(dict.fromkeys(articles))}
        article = np.fromiter(map(article_of.__getitem__, articles), np.int64, n)
        if len(article_of) == 1:  # one write of one article
            cols["n_articles"][at] += 1
        else:
            pairs = np.unique(code * len(article_of) + article)
            cols["n_articles"][at] += np.unique(pairs // len(article_of), return_counts=True)[1]
        dated_day = day[by_key]
        low = np.minimum.reduceat(np.where(dated_day == _NAT, _LAST, dated_day), starts)
        cols["first"][at] = _earliest(cols["first"][at], np.where(low == _LAST, _NAT, low))
        cols["last"][at] = np.maximum(cols["last"][at], np.maximum.reduceat(dated_day, starts))

        # the smallest rank: denied, -weight, undated, day, claim id (see RelationTally.rank)
        ids = np.array(claim_ids)
        day_or_min = np.where(undated, 0, day)
        by_rank = np.lexsort((ids, day_or_min, undated, -weight, denied, code))
        best = by_rank[starts]  # the same groups: both orders put the keys in code order
        new = (denied[best].astype(np.int64), -weight[best], undated[best], day_or_min[best])
        old_undated = cols["best_day"][at] == _NAT
        old = (
            cols["best_denied"][at],
            cols["best_neg_weight"][at],
            old_undated,
            np.where(old_undated, 0, cols["best_day"][at]),
        )
        ids_obj = np.array(claim_ids, dtype=object)
        better = _ranks_before((*new, ids_obj[best]), (*old, cols["best_claim"][at]))
        at, best = at[better], best[better]
        cols["best_denied"][at] = denied[best]
        cols["best_neg_weight"][at] = -weight[best]
        cols["best_day"][at] = day[best]
        cols["best_claim"][at] = ids_obj[best]
        shown = [rows[j] for j in best.tolist()]
        for name, column in _SHOWN:
            cols[name][at] = np.array(list(map(_column[column], shown)), dtype=object)
        return zip(at.tolist(), best.tolist(), strict=True)

    def settled(self, vocabulary: Vocabulary) -> tuple[dict[Key, Relation], dict[Key, Row]]:
        """The relation and the stored row (:data:`RELATION_COLUMNS`) of each key not stale.

        Column by column: the rows are zipped from the columns, and each
        relation is made from its values without validating them again.
        """
        stale = self.stale
        keys = self.keys if not stale else [key for key in self.keys if key not in stale]
        cols = self.columns
        index = np.fromiter(map(self.codes.__getitem__, keys), np.int64, len(keys))
        picked = {name: column[index] for name, column in cols.items()}
        sources = list(map(itemgetter(0), keys))
        targets = list(map(itemgetter(1), keys))
        kinds = list(map(itemgetter(2), keys))
        weights = picked["weight"].tolist()
        counts = [picked[name].tolist() for name in ("n_claims", "n_articles", "n_denials")]
        quotes, starts, ends = (picked[name].tolist() for name in ("quote", "start", "end"))
        articles = picked["best_article"].tolist()
        firsts, lasts = (_dates(picked[name]) for name in ("first", "last"))
        values = zip(
            sources,
            targets,
            kinds,
            weights,
            *counts,
            _iso_days(picked["first"]),
            _iso_days(picked["last"]),
            articles,
            picked["best_claim"].tolist(),
            picked["best_denied"].tolist(),
            (-picked["best_neg_weight"]).tolist(),
            _iso_days(picked["best_day"]),
            quotes,
            starts,
            ends,
            strict=True,
        )
        polarity = {t.name: t.polarity for t in vocabulary}
        symmetric = {t.name: t.symmetric for t in vocabulary}
        evidence = picked["evidence"].tolist()
        fields = zip(
            sources,
            targets,
            kinds,
            map(polarity.__getitem__, kinds),
            map(symmetric.__getitem__, kinds),
            map(round, weights, repeat(6)),
            *counts,
            firsts,
            lasts,
            evidence,
            articles,
            strict=True,
        )
        relations = [trusted_values(Relation, values) for values in fields]
        return dict(zip(keys, relations, strict=True)), dict(zip(keys, values, strict=True))


def _dates(days: npt.NDArray[np.int64]) -> list[date | None]:
    """Day numbers as dates, None for :data:`_NAT`."""
    return days.astype("datetime64[D]").astype(object).tolist()  # type: ignore[no-any-return]


def _iso_days(days: npt.NDArray[np.int64]) -> list[str | None]:
    """Day numbers as ISO days, None for :data:`_NAT`."""
    text = np.datetime_as_string(days.astype("datetime64[D]")).astype(object)
    text[days == _NAT] = None
    return text.tolist()  # type: ignore[no-any-return]


def modality_weights(vocabulary: Vocabulary) -> dict[str, float]:
    """Each modality's stored value -> its weight under ``vocabulary``."""
    return {m.value: vocabulary.modality_weight(m) for m in Modality}
