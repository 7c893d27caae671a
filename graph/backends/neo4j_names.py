"""The Neo4j store's names for search: every actor's, kept while the data has not changed.

Search ranks every name and alias of every actor (:class:`graph.names.NameIndex`,
as the embedded store does), so both stores answer a search alike. A full-text
query cannot pick the candidates for that ranking: it misses the names a typo,
a missing space or a shared word make close ("MarrimarNetwork" found nothing;
a query of 1,500 actors' names and their typos gave other answers than the
embedded store's for 253 of 400). So the store reads every actor once, and
again only after the data's revision (:mod:`graph.backends.neo4j_stance`)
has moved: a search is one round trip (the revision) and the ranking.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from graph.backends.neo4j_stance import Revision
from graph.model import Actor
from graph.names import NameIndex


@dataclass(frozen=True)
class Names:
    """Every actor by id, their names indexed, and the merges (merged-away id -> canonical)."""

    actors: dict[str, Actor]
    canon: dict[str, str]
    index: NameIndex = field(default_factory=NameIndex)

    @classmethod
    def of(cls, actors: Iterable[Actor], canon: dict[str, str]) -> Names:
        names = cls({a.id: a for a in actors}, canon)
        for actor in names.actors.values():
            names.index.add(actor.id, (*actor.names, *actor.external_ids.values()))
        return names


class KeptNames:
    """The :class:`Names` last read, with the revision of the data it was read at."""

    def __init__(self) -> None:
        self._kept: tuple[Revision, Names] | None = None
        self._reading = threading.Lock()

    def get(self, revision: Callable[[], Revision | None], read: Callable[[], Names]) -> Names:
        """The kept names when they were read at the data's revision now, else ``read()``'s,
        kept when the data has a revision (read before them: a write in between makes the
        next call read again)."""
        with self._reading:
            now = revision()
            if self._kept is not None and now is not None and self._kept[0] == now:
                return self._kept[1]
            names = read()
            self._kept = None if now is None else (now, names)
            return names
