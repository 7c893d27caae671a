"""The embedded store's claims in memory, grouped by the relation each counts towards.

The unfiltered relations are kept up to date as claims come and go: an added
claim updates its relation's running tally in constant time; a retracted
article's relations are re-tallied from their remaining claims. Filtered
queries tally the admitted claims afresh.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from graph.aggregate import RelationTally, aggregate_groups, pair_key
from graph.filters import Filters
from graph.model import Relation
from graph.vocabulary import Vocabulary

from .sqlite_rows import ClaimRow

Key = tuple[str, str, str]


class ClaimIndex:
    """Claims by relation and by article, and the relations they add up to.

    Parameters
    ----------
    vocabulary : Vocabulary
    canon : mapping of str to str
        Merged-away actor id -> the actor it counts as; claims count between
        canonical actors, and a claim merged into a self-loop counts for nothing.
    """

    def __init__(self, vocabulary: Vocabulary, canon: Mapping[str, str]) -> None:
        self.vocabulary = vocabulary
        self.canon = canon
        self.by_key: dict[Key, list[ClaimRow]] = {}
        self.by_article: dict[str, list[ClaimRow]] = {}
        self.relations: dict[Key, Relation] = {}
        """The unfiltered relation of every key with claims, holding or not."""
        self.n_claims = 0
        self._tallies: dict[Key, RelationTally] = {}
        self._stale: set[Key] = set()

    def key(self, row: ClaimRow) -> Key | None:
        """The relation ``row`` counts towards; None when a merge made it a self-loop."""
        source = self.canon.get(row.source, row.source)
        target = self.canon.get(row.target, row.target)
        if source == target:
            return None
        return pair_key(source, target, row.type, self.vocabulary)

    def add(self, rows: Iterable[ClaimRow]) -> set[Key]:
        """Index claims; returns the keys whose relation must be :meth:`refresh`-ed."""
        touched = set()
        vocabulary = self.vocabulary
        for row in rows:
            self.n_claims += 1
            self.by_article.setdefault(row.article, []).append(row)
            key = self.key(row)
            if key is None:
                continue
            self.by_key.setdefault(key, []).append(row)
            touched.add(key)
            if key not in self._stale:
                tally = self._tallies.get(key)
                if tally is None:
                    tally = self._tallies[key] = RelationTally(key)
                tally.add(row, vocabulary)
        return touched

    def remove_article(self, article_id: str) -> set[Key]:
        """Forget an article's claims; returns the keys whose relation must be refreshed."""
        rows = self.by_article.pop(article_id, [])
        self.n_claims -= len(rows)
        touched = {key for key in map(self.key, rows) if key is not None}
        for key in touched:
            remaining = [r for r in self.by_key[key] if r.article != article_id]
            if remaining:
                self.by_key[key] = remaining
            else:
                del self.by_key[key]
            # a tally cannot take a claim back (first/last seen, best evidence): re-tally
            self._tallies.pop(key, None)
            self._stale.add(key)
        return touched

    def refresh(self, keys: Iterable[Key]) -> None:
        """Bring the relations of ``keys`` up to date with their claims."""
        vocabulary = self.vocabulary
        for key in keys:
            rows = self.by_key.get(key)
            if not rows:
                self.relations.pop(key, None)
                self._tallies.pop(key, None)
                continue
            if key in self._stale:
                tally = self._tallies[key] = RelationTally(key)
                for row in rows:
                    tally.add(row, vocabulary)
            self.relations[key] = self._tallies[key].relation(vocabulary)
        self._stale.clear()

    def relations_under(self, filters: Filters) -> list[Relation]:
        """The holding relations of the claims ``filters`` admit, sorted by key."""
        return aggregate_groups(self.by_key.items(), self.vocabulary, filters)

    def rows(self, keys: Iterable[Key], filters: Filters) -> list[ClaimRow]:
        """The claims of ``keys`` that ``filters`` admit (type, polarity, time, confidence)."""
        found = []
        for key in keys:
            spec = self.vocabulary[key[2]]
            if filters.admits_type(spec.name, spec.polarity):
                found.extend(r for r in self.by_key.get(key, ()) if filters.admits_claim(r))
        return found
