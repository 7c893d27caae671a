"""What a load did, per input and in all: the answer of :func:`ingest.pipeline.load`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from graph.store import UpsertStatus


@dataclass
class InputSummary:
    """What loading one input did."""

    path: str
    format: str
    records: int = 0
    documents: Counter[UpsertStatus] = field(default_factory=Counter)
    claims: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    rejected: int = 0
    rejects_file: str | None = None
    resolution: Counter[str] = field(default_factory=Counter)
    """How its actor names were decided: gazetteer, alias, code, rule, unresolved, dropped."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "records": self.records,
            "documents": {s.value: self.documents[s] for s in UpsertStatus},
            "claims": self.claims,
            "skipped": dict(sorted(self.skipped.items())),
            "rejected": self.rejected,
            "rejects_file": self.rejects_file,
            "resolution": dict(sorted(self.resolution.items())),
        }


@dataclass
class LoadSummary:
    """What a load did."""

    files: int = 0
    actors_new: int = 0
    claims: int = 0
    articles: Counter[UpsertStatus] = field(default_factory=Counter)
    actors_total: int = 0
    relations_before: int = 0
    relations_after: int = 0
    inputs: list[InputSummary] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.actors_new
            or self.articles[UpsertStatus.NEW]
            or self.articles[UpsertStatus.UPDATED]
            or self.relations_before != self.relations_after
        )

    @property
    def skipped(self) -> int:
        return sum(sum(i.skipped.values()) for i in self.inputs)

    @property
    def rejected(self) -> int:
        return sum(i.rejected for i in self.inputs)

    @property
    def resolution(self) -> Counter[str]:
        """How the actor names of every input were decided (:attr:`InputSummary.resolution`)."""
        return sum((i.resolution for i in self.inputs), Counter())

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "articles": {s.value: self.articles[s] for s in UpsertStatus},
            "actors_new": self.actors_new,
            "actors_total": self.actors_total,
            "claims": self.claims,
            "relations_before": self.relations_before,
            "relations_after": self.relations_after,
            "skipped": self.skipped,
            "rejected": self.rejected,
            "changed": self.changed,
            "resolution": dict(sorted(self.resolution.items())),
            "inputs": [i.as_dict() for i in self.inputs],
        }
