"""Loading files into a store: gazetteers first, then articles, one transaction each.

Data flows one way: loaders read files into domain objects; this module
hands them to the store. A file loads wholly or not at all; the first bad
file stops the load with its :class:`~graph.errors.LoadError`, and files
before it stay loaded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.store import GraphStore, UpsertStatus
from graph.vocabulary import Vocabulary
from loaders.discover import discover
from loaders.gazetteer import Gazetteer, read_gazetteer
from loaders.native import read_native


@dataclass
class LoadSummary:
    """What a load did."""

    files: int = 0
    actors_new: int = 0
    claims: int = 0
    articles: Counter = field(default_factory=Counter)
    actors_total: int = 0
    relations_before: int = 0
    relations_after: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.actors_new
            or self.articles[UpsertStatus.NEW]
            or self.articles[UpsertStatus.UPDATED]
            or self.relations_before != self.relations_after
        )

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "articles": {s.value: self.articles[s] for s in UpsertStatus},
            "actors_new": self.actors_new,
            "actors_total": self.actors_total,
            "claims": self.claims,
            "relations_before": self.relations_before,
            "relations_after": self.relations_after,
            "changed": self.changed,
        }


def plan(paths: Iterable[Path | str]) -> tuple[list[Path], list[Path]]:
    """The gazetteer and article files a load of ``paths`` will read."""
    return discover(paths)


def load_files(
    store: GraphStore,
    gazetteers: list[Path],
    articles: list[Path],
    vocabulary: Vocabulary,
    on_file: Callable[[Path], None] | None = None,
) -> LoadSummary:
    """Load gazetteer files, then article files, into ``store``."""
    summary = LoadSummary(relations_before=store.stats().relations)
    actors = [actor for path in gazetteers for actor in read_gazetteer(path)]
    gazetteer = Gazetteer(store.actors())
    for actor in actors:
        gazetteer.add(actor)
    summary.actors_new += store.upsert_actors(actors)
    for path in gazetteers:
        summary.files += 1
        if on_file:
            on_file(path)
    for path in articles:
        doc = read_native(path, gazetteer, vocabulary)
        result = store.upsert_article(doc)
        for actor in doc.actors:
            gazetteer.add(actor)
        summary.files += 1
        summary.articles[result.status] += 1
        summary.actors_new += result.new_actors
        summary.claims += result.claims
        if on_file:
            on_file(path)
    stats = store.stats()
    summary.relations_after = stats.relations
    summary.actors_total = stats.actors
    return summary
