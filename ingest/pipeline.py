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

from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

from graph.errors import ActorConflict, ActorGraphError, LoadError, WrongFormat
from graph.model import Actor, AnnotatedArticle
from graph.store import GraphStore, UpsertResult
from graph.vocabulary import Vocabulary
from ingest.read_ahead import READ_AHEAD_FROM, ReadAhead, workers
from ingest.rejects import RejectsFile
from ingest.summary import InputSummary, LoadSummary
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


def plan(paths: Iterable[Path | str], format_name: str | None = None) -> Plan:
    """The gazetteers and inputs a load of ``paths`` will read, each with its format."""
    return plan_inputs(paths, format_name)


def rejects_path(path: Path, folder: Path | None = None) -> Path:
    """Where the rejects of ``path`` go: beside it, or in ``folder``."""
    name = f"{path.name}.rejects.jsonl"
    return (folder or path.parent) / name


@dataclass(frozen=True)
class _Input:
    """One input of a load: where it is, its format and mapping, and what loading it did."""

    path: Path
    fmt: Format
    mapping: Mapping
    done: InputSummary

    def read(self, resolver: Resolver) -> Iterator[Item]:
        return self.fmt.read(self.path, resolver, self.mapping)


@dataclass(frozen=True)
class _Reading:
    """How a load reads every input: against which actors, and what becomes of bad records."""

    resolver: Resolver
    skip_bad: bool = False
    rejects_dir: Path | None = None
    on_progress: Progress | None = None
    ahead: ReadAhead | None = None
    """Native inputs read ahead in worker processes (:mod:`ingest.read_ahead`), if many."""


def _inputs(inputs: Plan, vocabulary: Vocabulary, mapping: Path | None) -> Iterator[_Input]:
    """The inputs of a plan in order, each with its format's mapping (read once per format)."""
    mappings: dict[str, Mapping] = {}
    for path, format_name in inputs.inputs:
        fmt = get_format(format_name)
        if fmt.has_mapping and format_name not in mappings:
            mappings[format_name] = read_mapping(format_name, vocabulary, mapping)
        table = mappings.get(format_name, Mapping())
        yield _Input(path, fmt, table, InputSummary(str(path), format_name))


def _resolver(store: GraphStore, actors: Iterable[Actor], max_text_bytes: int) -> Resolver:
    """Resolution against the store's actors and ``actors`` (a load's gazetteers)."""
    gazetteer = Gazetteer(store.actors())
    for actor in actors:
        gazetteer.add(actor)
    return Resolver(gazetteer, store.vocabulary, max_text_bytes=max_text_bytes)


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
    actors = [actor for path in inputs.gazetteers for actor in read_gazetteer(path)]
    reading = _Reading(_resolver(store, actors, max_text_bytes))
    for source in _inputs(inputs, store.vocabulary, mapping):
        _check(source, reading, keep=False)


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
    actors = [actor for path in inputs.gazetteers for actor in read_gazetteer(path)]
    reading = _Reading(_resolver(store, actors, max_text_bytes), skip_bad, rejects_dir, on_progress)
    summary.actors_new += store.upsert_actors(actors)
    summary.files += len(inputs.gazetteers)
    with ExitStack() as closing:
        ahead = _read_ahead(store, inputs, reading.resolver, max_text_bytes)
        if ahead is not None:
            closing.callback(ahead.close)
            reading = replace(reading, ahead=ahead)
        _load_inputs(store, inputs, mapping, reading, summary)
    stats = store.stats()
    summary.relations_after = stats.relations
    summary.actors_total = stats.actors
    return summary


def _read_ahead(
    store: GraphStore, inputs: Plan, resolver: Resolver, max_text_bytes: int
) -> ReadAhead | None:
    """Worker processes reading the native inputs ahead, when there are many and cores to spare."""
    native = [path for path, format_name in inputs.inputs if format_name == "native"]
    processes = workers()
    if len(native) < READ_AHEAD_FROM or processes < 2:
        return None
    known = resolver.gazetteer.actors
    return ReadAhead(native, known, store.vocabulary, max_text_bytes, processes)


def _load_inputs(
    store: GraphStore,
    inputs: Plan,
    mapping: Path | None,
    reading: _Reading,
    summary: LoadSummary,
) -> None:
    """Every input of ``inputs`` stored, or up to the first bad one (raised)."""
    on_progress = reading.on_progress
    checked = (
        _Checked(source, _check(source, reading))
        for source in _inputs(inputs, store.vocabulary, mapping)
    )
    upcoming = next(checked, None)
    while upcoming is not None:
        if upcoming.docs is None:  # a large input: read again, streamed, in a bulk load of its own
            source = upcoming.source
            with store.bulk_load():
                _write(store, source, reading, summary)
                if on_progress:  # the store's share of a bulk load happens as it ends
                    on_progress(source.path, "storing", source.done.records, source.done.records)
            summary.inputs.append(source.done)
            summary.files += 1
            upcoming = next(checked, None)
            continue
        run = _SmallInputs(store, summary, on_progress)
        with store.bulk_load():
            upcoming = run.take(upcoming, checked)
        if run.failed is not None:
            raise run.failed  # the inputs before the failing one stay stored
        if run.full:
            upcoming = next(checked, None)


def _check(
    source: _Input, reading: _Reading, *, keep: bool = True
) -> list[AnnotatedArticle] | None:
    """First pass: every record checked and counted; nothing stored.

    With ``keep``, a small input's documents are returned, and the actors its
    records introduced join the reading's resolver, as a second pass would have
    made them; otherwise (or for a larger input) None.

    An input refused before its first record is not of the format at all: the
    error then says what the format expects, if it does not already.
    """
    path, done, on_progress = source.path, source.done, reading.on_progress
    resolver = reading.resolver
    scratch = Resolver(
        resolver.gazetteer.layer(),
        resolver.vocabulary,
        reference=resolver.reference,
        max_text_bytes=resolver.max_text_bytes,
    )
    docs: list[AnnotatedArticle] | None = [] if keep else None
    with ExitStack() as closing:
        rejects = RejectsFile(rejects_path(path, reading.rejects_dir), closing)
        items = source.read(scratch)
        if reading.ahead is not None and source.fmt.name == "native":
            items = reading.ahead.read(path, scratch.gazetteer, lambda: source.read(scratch))
        for item in _expecting(source, items):
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
                if not reading.skip_bad:
                    raise LoadError(str(path), item.reason, record=item.record, field=item.field)
                done.rejected += 1
                rejects.write(item)
                done.rejects_file = str(rejects.target)
    done.resolution = scratch.tally
    if docs is not None:
        scratch.gazetteer.fold()
        resolver.created.update(scratch.created)
    return docs


def _expecting(source: _Input, items: Iterator[Item]) -> Iterator[Item]:
    try:
        yield from items
    except (WrongFormat, ActorConflict):
        raise  # it says what the format expects; a document of the format, refused whole
    except LoadError as exc:
        if source.done.records or exc.file != str(source.path):
            raise
        raise LoadError(
            exc.file,
            f"{exc.message}; not {source.fmt.name} input: expected {source.fmt.expects}",
            record=exc.record,
            field=exc.field,
        ) from None


@dataclass(frozen=True)
class _Checked:
    """An input read through: its documents if it is a small one, else None."""

    source: _Input
    docs: list[AnnotatedArticle] | None


class _SmallInputs:
    """Small inputs stored together in the caller's bulk load, a batch of their documents per write.

    Each input still loads wholly or not at all: a batch whose write fails is
    written again input by input, and when one of them fails (or the next input
    is bad), the inputs before it are stored and the error is kept in
    :attr:`failed` for the caller to raise once the bulk load has ended.
    """

    def __init__(self, store: GraphStore, summary: LoadSummary, on_progress: Progress | None):
        self.store, self.summary, self.on_progress = store, summary, on_progress
        self._pending: list[_Checked] = []
        self._docs = 0
        self.failed: ActorGraphError | None = None
        """The error that ended the run; the inputs before it are stored."""
        self.full = False
        """Whether the run ended at :data:`GROUP_RECORDS` records, before the next input."""

    def take(self, first: _Checked, rest: Iterator[_Checked]) -> _Checked | None:
        """Store ``first`` and the small inputs after it, until a large input (returned),
        :data:`GROUP_RECORDS` records (:attr:`full`), an error (:attr:`failed`) or the end."""
        upcoming: _Checked | None = first
        records = 0
        try:
            while upcoming is not None and upcoming.docs is not None:
                self._pending.append(upcoming)
                self._docs += len(upcoming.docs)
                records += upcoming.source.done.records
                if self._docs >= BATCH:
                    self._write()
                if records >= GROUP_RECORDS:
                    self.full = True
                    upcoming = None
                    break
                upcoming = next(rest, None)
        except ActorGraphError as exc:  # the next input is bad, or a write failed
            self.failed, upcoming = exc, None
        try:
            self._write()  # what is pending: the inputs before any failing one
        except ActorGraphError as exc:
            self.failed = exc
        return upcoming

    def _write(self) -> None:
        if not self._pending:
            return
        pending, self._pending, self._docs = self._pending, [], 0
        docs = [doc for checked in pending for doc in checked.docs or ()]
        try:
            results = self.store.upsert_articles(docs)
        except ActorGraphError:  # the write changed nothing: again, one input at a time
            for checked in pending:
                batch = checked.docs or []
                self._stored(checked.source.done, batch, self.store.upsert_articles(batch))
            return
        start = 0
        for checked in pending:
            batch = checked.docs or []
            self._stored(checked.source.done, batch, results[start : start + len(batch)])
            start += len(batch)

    def _stored(
        self, done: InputSummary, docs: list[AnnotatedArticle], results: list[UpsertResult]
    ) -> None:
        _count(done, self.summary, docs, results)
        self.summary.inputs.append(done)
        self.summary.files += 1
        if self.on_progress:
            for phase in ("loading", "storing"):
                self.on_progress(Path(done.path), phase, done.records, done.records)


def _write(store: GraphStore, source: _Input, reading: _Reading, summary: LoadSummary) -> None:
    """Second pass: documents written in batches, in the caller's bulk load."""
    batch: list[AnnotatedArticle] = []
    seen = 0
    on_progress = reading.on_progress

    def flush() -> None:
        _count(source.done, summary, batch, store.upsert_articles(batch))
        batch.clear()
        if on_progress:
            on_progress(source.path, "loading", seen, source.done.records)

    for item in source.read(reading.resolver):
        seen += 1
        if isinstance(item, AnnotatedArticle):
            batch.append(item)
            if len(batch) >= BATCH:
                flush()
    flush()


def _count(
    done: InputSummary,
    summary: LoadSummary,
    docs: list[AnnotatedArticle],
    results: list[UpsertResult],
) -> None:
    """What writing ``docs`` of input ``done`` did, added to both summaries."""
    for doc, result in zip(docs, results, strict=True):
        done.documents[result.status] += 1
        done.claims += len(doc.claims)
        summary.articles[result.status] += 1
        summary.actors_new += result.new_actors
        summary.claims += len(doc.claims)
