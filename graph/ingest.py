"""Loading inputs into a store: gazetteers first, then each input wholly or not at all.

Data flows one way: format readers (``loaders/``) turn an input into domain
objects; this module hands them to the store. A first pass over each input
checks every record and counts them, so a malformed record stops the load
before anything of that input is stored. A small input (at most
:data:`BATCH` records) keeps the documents of that pass, and small inputs are
stored together: a batch of documents per write, up to :data:`GROUP_RECORDS`
records per bulk load (:meth:`graph.store.GraphStore.bulk_load`). A larger
input is read a second time, streamed, and written in batches in a bulk load
of its own. With ``skip_bad`` the malformed records are written, each with
its reason, to a rejects file beside the input, and the rest loads.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from pathlib import Path

from graph.errors import ActorConflict, ActorGraphError, LoadError
from graph.model import AnnotatedArticle
from graph.store import GraphStore, UpsertStatus
from loaders.formats import Format, Plan, get_format
from loaders.formats import plan as plan_inputs
from loaders.gazetteer import Gazetteer, read_gazetteer
from loaders.mapping import Mapping, read_mapping
from loaders.reading import MAX_TEXT_BYTES
from loaders.source import Item, Rejected, Resolver, Skipped

BATCH = 500
"""Documents per write; an input of at most this many records is a small one."""
GROUP_RECORDS = 50_000
"""Most records of small inputs stored in one bulk load."""

Progress = Callable[[Path, str, int, int | None], None]
"""Called as ``(input, phase, records done, records in all or None)``."""


@dataclass
class InputSummary:
    """What loading one input did."""

    path: str
    format: str
    records: int = 0
    documents: Counter = field(default_factory=Counter)
    claims: int = 0
    skipped: Counter = field(default_factory=Counter)
    rejected: int = 0
    rejects_file: str | None = None

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "format": self.format,
            "records": self.records,
            "documents": {s.value: self.documents[s] for s in UpsertStatus},
            "claims": self.claims,
            "skipped": dict(sorted(self.skipped.items())),
            "rejected": self.rejected,
            "rejects_file": self.rejects_file,
        }


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

    def as_dict(self) -> dict:
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
            "inputs": [i.as_dict() for i in self.inputs],
        }


def plan(paths: Iterable[Path | str], format_name: str | None = None) -> Plan:
    """The gazetteers and inputs a load of ``paths`` will read, each with its format."""
    return plan_inputs(paths, format_name)


def rejects_path(path: Path, folder: Path | None = None) -> Path:
    """Where the rejects of ``path`` go: beside it, or in ``folder``."""
    name = f"{path.name}.rejects.jsonl"
    return (folder or path.parent) / name


def check(
    store: GraphStore,
    inputs: Plan,
    *,
    mapping: Path | None = None,
    max_text_bytes: int = MAX_TEXT_BYTES,
) -> None:
    """Read every input through without storing anything; raise the first :class:`LoadError`.

    For callers that want a whole request (several inputs) all or nothing.
    """
    vocabulary = store.vocabulary
    gazetteer = Gazetteer(store.actors())
    for path in inputs.gazetteers:
        for actor in read_gazetteer(path):
            gazetteer.add(actor)
    resolver = Resolver(gazetteer, vocabulary, max_text_bytes=max_text_bytes)
    for path, format_name in inputs.inputs:
        fmt = get_format(format_name)
        table = read_mapping(format_name, vocabulary, mapping) if fmt.has_mapping else Mapping()
        done = InputSummary(str(path), format_name)
        _check(path, fmt, resolver, table, done, False, None, None, keep=False)


def load(
    store: GraphStore,
    inputs: Plan,
    *,
    mapping: Path | None = None,
    skip_bad: bool = False,
    rejects_dir: Path | None = None,
    on_progress: Progress | None = None,
    max_text_bytes: int = MAX_TEXT_BYTES,
) -> LoadSummary:
    """Load a :func:`plan` into ``store``.

    Raises
    ------
    LoadError
        For the first malformed record of an input (unless ``skip_bad``); the
        inputs before it stay loaded, nothing of that input is stored.
    """
    summary = LoadSummary(relations_before=store.stats().relations)
    vocabulary = store.vocabulary
    actors = [actor for path in inputs.gazetteers for actor in read_gazetteer(path)]
    gazetteer = Gazetteer(store.actors())
    for actor in actors:
        gazetteer.add(actor)
    summary.actors_new += store.upsert_actors(actors)
    summary.files += len(inputs.gazetteers)
    resolver = Resolver(gazetteer, vocabulary, max_text_bytes=max_text_bytes)
    mappings: dict[str, Mapping] = {}
    small = _SmallInputs(store, summary, on_progress)
    try:
        for path, format_name in inputs.inputs:
            fmt = get_format(format_name)
            if fmt.has_mapping and format_name not in mappings:
                mappings[format_name] = read_mapping(format_name, vocabulary, mapping)
            table = mappings.get(format_name, Mapping())
            done = InputSummary(str(path), format_name)
            try:
                docs = _check(path, fmt, resolver, table, done, skip_bad, rejects_dir, on_progress)
            except ActorGraphError:
                small.close()  # the inputs before this one stay loaded
                raise
            if docs is not None:
                small.add(done, docs)
                continue
            small.close()
            with store.bulk_load():
                _write(store, path, fmt.read, resolver, table, done, summary, on_progress)
                if on_progress:  # the store's share of a bulk load happens as it ends
                    on_progress(path, "storing", done.records, done.records)
            summary.inputs.append(done)
            summary.files += 1
        small.close()
    except BaseException as exc:
        small.abort(exc)
        raise
    stats = store.stats()
    summary.relations_after = stats.relations
    summary.actors_total = stats.actors
    return summary


def _check(
    path: Path,
    fmt: Format,
    resolver: Resolver,
    mapping: Mapping,
    done: InputSummary,
    skip_bad: bool,
    rejects_dir: Path | None,
    on_progress: Progress | None,
    *,
    keep: bool = True,
) -> list[AnnotatedArticle] | None:
    """First pass: every record checked and counted; nothing stored.

    With ``keep``, a small input's documents are returned, and the actors its
    records introduced join ``resolver``, as a second pass would have made
    them; otherwise (or for a larger input) None.

    An input refused before its first record is not of the format at all: the
    error then says what the format expects, if it does not already.
    """
    scratch = replace(resolver, gazetteer=resolver.gazetteer.layer(), created={})
    docs: list[AnnotatedArticle] | None = [] if keep else None
    out = None
    try:
        for item in _expecting(fmt, path, fmt.read(path, scratch, mapping), done):
            done.records += 1
            if docs is not None:
                if done.records > BATCH:
                    docs = None
                elif isinstance(item, AnnotatedArticle):
                    docs.append(item)
            if on_progress and done.records % 1000 == 0:
                on_progress(path, "checking", done.records, None)
            if isinstance(item, Skipped):
                done.skipped[item.reason] += 1
            elif isinstance(item, Rejected):
                if not skip_bad:
                    raise LoadError(str(path), item.reason, record=item.record, field=item.field)
                done.rejected += 1
                if out is None:
                    target = rejects_path(path, rejects_dir)
                    try:
                        out = target.open("w", encoding="utf-8")
                    except OSError as exc:
                        raise LoadError(
                            str(target), f"cannot write rejects ({exc}); choose --rejects DIR"
                        ) from None
                    done.rejects_file = str(target)
                row = {"record": item.record, "field": item.field, "reason": item.reason}
                raw = item.raw if isinstance(item.raw, dict | list | str | None) else str(item.raw)
                out.write(json.dumps({**row, "raw": raw}, ensure_ascii=False) + "\n")
    finally:
        if out is not None:
            out.close()
    if docs is not None:
        scratch.gazetteer.fold()
        resolver.created.update(scratch.created)
    return docs


def _expecting(
    fmt: Format, path: Path, items: Iterator[Item], done: InputSummary
) -> Iterator[Item]:
    try:
        yield from items
    except LoadError as exc:
        if done.records or "expect" in exc.message or exc.file != str(path):
            raise
        if isinstance(exc, ActorConflict):  # a document of the format, refused whole
            raise
        raise LoadError(
            exc.file,
            f"{exc.message}; not {fmt.name} input: expected {fmt.expects}",
            record=exc.record,
            field=exc.field,
        ) from None


class _SmallInputs:
    """Small inputs stored together: one bulk load, a batch of their documents per write.

    Each input still loads wholly or not at all: a batch whose write fails is
    written again input by input, and when one of them fails, the inputs
    before it are stored (the bulk load ends as usual) and its error raised.
    """

    def __init__(self, store: GraphStore, summary: LoadSummary, on_progress: Progress | None):
        self.store, self.summary, self.on_progress = store, summary, on_progress
        self._bulk: AbstractContextManager[None] | None = None  # the bulk load under way
        self._pending: list[tuple[InputSummary, list[AnnotatedArticle]]] = []
        self._docs = self._records = 0

    def add(self, done: InputSummary, docs: list[AnnotatedArticle]) -> None:
        if self._bulk is None:
            self._bulk = self.store.bulk_load()
            self._bulk.__enter__()
        self._pending.append((done, docs))
        self._docs += len(docs)
        self._records += done.records
        if self._docs >= BATCH:
            self._write_or_end()
        if self._records >= GROUP_RECORDS:
            self.close()

    def close(self) -> None:
        """Write what is pending and end the bulk load."""
        if self._bulk is not None:
            self._write_or_end()
            self._end(None)

    def abort(self, exc: BaseException) -> None:
        """End the bulk load with ``exc``: nothing of it is stored."""
        if self._bulk is not None:
            self._end(exc)

    def _write_or_end(self) -> None:
        """Write what is pending; on an error, end the bulk load before raising it."""
        try:
            self._write()
        except ActorGraphError:
            self._end(None)  # what is stored, before the failing input, stays
            raise
        except BaseException as exc:
            self._end(exc)
            raise

    def _end(self, exc: BaseException | None) -> None:
        bulk, self._bulk = self._bulk, None
        self._pending, self._docs, self._records = [], 0, 0
        if bulk is not None:
            bulk.__exit__(type(exc) if exc else None, exc, exc.__traceback__ if exc else None)

    def _write(self) -> None:
        pending, self._pending, self._docs = self._pending, [], 0
        docs = [doc for _, batch in pending for doc in batch]
        try:
            results = self.store.upsert_articles(docs)
        except ActorGraphError:  # the write changed nothing: again, one input at a time
            for done, batch in pending:
                self._stored(done, batch, self.store.upsert_articles(batch))
            return
        start = 0
        for done, batch in pending:
            self._stored(done, batch, results[start : start + len(batch)])
            start += len(batch)

    def _stored(self, done: InputSummary, docs: list[AnnotatedArticle], results: list) -> None:
        _count(done, self.summary, docs, results)
        self.summary.inputs.append(done)
        self.summary.files += 1
        if self.on_progress:
            for phase in ("loading", "storing"):
                self.on_progress(Path(done.path), phase, done.records, done.records)


def _write(
    store: GraphStore,
    path: Path,
    read: Callable[[Path, Resolver, Mapping], Iterator[Item]],
    resolver: Resolver,
    mapping: Mapping,
    done: InputSummary,
    summary: LoadSummary,
    on_progress: Progress | None,
) -> None:
    """Second pass: documents written in batches, in the caller's bulk load."""
    batch: list[AnnotatedArticle] = []
    seen = 0

    def flush() -> None:
        _count(done, summary, batch, store.upsert_articles(batch))
        batch.clear()
        if on_progress:
            on_progress(path, "loading", seen, done.records)

    for item in read(path, resolver, mapping):
        seen += 1
        if isinstance(item, AnnotatedArticle):
            batch.append(item)
            if len(batch) >= BATCH:
                flush()
    flush()


def _count(
    done: InputSummary, summary: LoadSummary, docs: list[AnnotatedArticle], results: list
) -> None:
    """What writing ``docs`` of input ``done`` did, added to both summaries."""
    for doc, result in zip(docs, results, strict=True):
        done.documents[result.status] += 1
        done.claims += len(doc.claims)
        summary.articles[result.status] += 1
        summary.actors_new += result.new_actors
        summary.claims += len(doc.claims)
