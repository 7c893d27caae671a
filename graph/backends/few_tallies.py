"""The tallies of one write outside a bulk load: its few claims counted one by one.

:class:`~graph.backends.column_tally.PendingTallies`' work with the claims added
through :class:`graph.aggregate.RelationTally`, the rule itself, instead of
numpy: numpy's fixed cost a call outweighs its speed for the few claims of one
write (an article posted through the API), and is what a bulk load gains from.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from graph.aggregate import RelationTally
from graph.model import Evidence, Relation
from graph.vocabulary import Vocabulary

from .column_tally import RELATION_OF_KEY, Added, Key, row_key
from .iso_days import parse_day
from .sqlite_rows import CLAIM_COLUMNS, Row
from .sqlite_tally_rows import tally_from_values, tally_values

_ARTICLE, _ID, _CONFIDENCE, _MODALITY, _DATE = map(
    CLAIM_COLUMNS.index, ("article", "id", "confidence", "modality", "date")
)


class _Counted:
    """What a tally reads of a claim, from its stored row and its evidence."""

    __slots__ = ("article", "confidence", "date", "evidence", "id", "modality")

    def __init__(self, row: Row, evidence: Evidence | None) -> None:
        self.article: str = row[_ARTICLE]
        self.id: str = row[_ID]
        self.confidence: float = row[_CONFIDENCE]
        self.modality: str = row[_MODALITY]
        self.date: date | None = parse_day(row[_DATE])
        self.evidence = evidence


class FewTallies:
    """One write's pending tallies, added one by one (a :class:`~.column_tally.Pending`)."""

    def __init__(self, stored: bool, vocabulary: Vocabulary) -> None:
        self.stored = stored
        self.stale: set[Key] = set()
        self.vocabulary = vocabulary
        self.tallies: dict[Key, RelationTally] = {}

    def add(
        self, db: sqlite3.Connection, added: list[Added], modality_weight: dict[str, float]
    ) -> None:
        resumed: dict[Key, RelationTally] = {}
        for row, _ in added:
            key = row_key(row)
            if key in self.tallies or key in resumed:
                continue
            stored = db.execute(RELATION_OF_KEY, key).fetchone() if self.stored else None
            resumed[key] = RelationTally(key) if stored is None else tally_from_values(stored)
        self.tallies.update(resumed)
        for row, evidence in added:
            self.tallies[row_key(row)].add(_Counted(row, evidence), self.vocabulary)  # type: ignore[arg-type]

    def settled(self, vocabulary: Vocabulary) -> tuple[dict[Key, Relation], dict[Key, Row]]:
        live = {key: t for key, t in self.tallies.items() if key not in self.stale}
        relations = {key: tally.relation(vocabulary) for key, tally in live.items()}
        return relations, {key: tally_values(tally) for key, tally in live.items()}
