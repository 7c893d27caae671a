"""Native files read ahead in worker processes while the load stores the ones before them.

Reading a one-article native file (JSON, validation, resolving its names)
costs more than storing it, and needs nothing of the store but its actors.
A load of many such files therefore has worker processes read them ahead,
each against the actors known when the load began, and takes the readings
in input order. It takes a reading only if it is the one the load would
have made itself: every actor id and name the worker asked about answers the
same now, when the actors of the files read since are known too (the file's
own actors aside, which it carries). Otherwise, or when the worker met any
error, the load reads the file itself, as before: the documents, errors,
rejects and progress are the same either way, and a file still loads wholly
or not at all. The check that a file may introduce its actors
(:func:`loaders.native.check_introduced`) is always the load's own.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from graph.model import Actor, AnnotatedArticle
from graph.vocabulary import Vocabulary
from loaders.gazetteer import Actors, Gazetteer
from loaders.native import check_introduced, introduce, read_unchecked
from loaders.source import Item

READ_AHEAD_FROM = 500
"""Native inputs from which a load reads them ahead (fewer: starting the workers costs more)."""
CHUNK = 32
"""Files a worker reads per task."""
WINDOW = 4
"""Tasks in flight per worker: how far ahead of the load the workers read."""


def workers() -> int:
    """How many processes read ahead: one per core this process may use, at most four.

    None (0) while the machine has no core to spare (a load average within
    half a core of the cores): reading ahead costs more CPU in all (each
    document is pickled and unpickled) than reading in the load, and saves
    time only on a core the load would not have had.
    """
    cores = len(os.sched_getaffinity(0))
    if os.getloadavg()[0] > cores - 0.5:
        return 0
    return min(4, cores)


@dataclass(frozen=True)
class Reading:
    """A file as a worker read it, and what it asked of the actors it read against."""

    path: str
    doc: AnnotatedArticle | None
    """None: the worker met an error, and the load reads the file itself."""
    carried: tuple[Actor, ...] = ()
    """The actors the file itself introduces (its ``actors``)."""
    ids: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    listed: bool = False
    """Whether it asked for every actor (an error's suggestions): then it is read again."""


class _Asked:
    """The actors a worker reads against, noting every id and name asked of them."""

    def __init__(self, actors: Gazetteer) -> None:
        self._actors = actors
        self.ids: set[str] = set()
        self.names: set[str] = set()
        self.listed = False

    def get(self, actor_id: str) -> Actor | None:
        self.ids.add(actor_id)
        return self._actors.get(actor_id)

    def __contains__(self, actor_id: object) -> bool:
        if isinstance(actor_id, str):
            self.ids.add(actor_id)
        return actor_id in self._actors

    def lookup(self, name: str) -> set[str]:
        self.names.add(name)
        return self._actors.lookup(name)

    @property
    def actors(self) -> list[Actor]:
        self.listed = True
        return self._actors.actors


_worker: tuple[Gazetteer, Vocabulary, int] | None = None
"""In a worker process: the actors known when the load began, the vocabulary, the text cap."""


def _start_worker(actors: list[Actor], vocabulary: Vocabulary, max_text_bytes: int) -> None:
    global _worker
    _worker = (Gazetteer(actors), vocabulary, max_text_bytes)


def _read_files(paths: list[str]) -> list[Reading]:
    """In a worker: each file read against the actors known when the load began."""
    assert _worker is not None, "a worker reads after _start_worker"
    known, vocabulary, max_text_bytes = _worker
    readings = []
    for path in paths:
        asked = _Asked(known)
        try:
            doc, carried = read_unchecked(
                Path(path), asked, vocabulary, max_text_bytes=max_text_bytes
            )
        except Exception:  # the load reads the file again itself, and says what is wrong
            readings.append(Reading(path, None))
            continue
        ids, names = frozenset(asked.ids), frozenset(asked.names)
        readings.append(Reading(path, doc, carried, ids, names, asked.listed))
    return readings


class ReadAhead:
    """Worker processes reading ``paths`` (native files, in the order the load takes them).

    Parameters
    ----------
    paths : sequence of Path
    actors : list of Actor
        The actors the load reads against as it begins (the store's and its gazetteers').
    vocabulary : Vocabulary
    max_text_bytes : int
    processes : int
    """

    def __init__(
        self,
        paths: Sequence[Path],
        actors: list[Actor],
        vocabulary: Vocabulary,
        max_text_bytes: int,
        processes: int,
    ) -> None:
        self._known = Gazetteer(actors)
        self._pool = ProcessPoolExecutor(
            processes,
            # forked: a spawned worker would run the caller's script again; a worker only
            # reads files, so threads of the load (a progress bar's) hold nothing it needs
            mp_context=get_context("fork"),
            initializer=_start_worker,
            initargs=(actors, vocabulary, max_text_bytes),
        )
        names = [str(p) for p in paths]
        self._tasks = iter([names[i : i + CHUNK] for i in range(0, len(names), CHUNK)])
        self._pending: deque[tuple[list[str], Future[list[Reading]]]] = deque()
        self._ready: deque[Reading] = deque()
        self._window = processes * WINDOW
        self._submit()

    def _submit(self) -> None:
        while len(self._pending) < self._window:
            task = next(self._tasks, None)
            if task is None:
                return
            try:
                future = self._pool.submit(_read_files, task)
            except Exception:  # the pool broke (a worker lost): the load reads the rest itself
                self._tasks = iter(())
                return
            self._pending.append((task, future))

    def _next(self) -> Reading | None:
        if not self._ready and self._pending:
            task, future = self._pending.popleft()
            self._submit()
            try:
                self._ready.extend(future.result())
            except Exception:  # a worker lost: the load reads these files itself
                self._ready.extend(Reading(path, None) for path in task)
        return self._ready.popleft() if self._ready else None

    def read(
        self, path: Path, known: Gazetteer, fallback: Callable[[], Iterator[Item]]
    ) -> Iterator[Item]:
        """The items of ``path`` read against ``known``, as :func:`loaders.native.read` gives
        them: the worker's reading when it holds, else ``fallback()``'s."""
        reading = self._next()
        if reading is not None and reading.path != str(path):  # not the file asked for
            self._ready.appendleft(reading)
            reading = None
        if reading is None or reading.doc is None:
            yield from fallback()
            return
        check_introduced(reading.carried, known, str(path))
        if not self._holds(reading, known):
            yield from fallback()
            return
        yield reading.doc
        introduce(reading.doc, known)

    def _holds(self, reading: Reading, now: Actors) -> bool:
        """Whether ``now`` answers every question the worker asked as the actors it read
        against did, given the actors the file carries (see the module's docstring)."""
        if reading.listed:
            return False
        then = self._known
        carried = {actor.id: actor for actor in reading.carried}
        for actor_id in reading.ids:
            before, after = then.get(actor_id), now.get(actor_id)
            if before is after or before == after:
                continue
            # an actor the file carries, known now as the file has it: its layer is the same
            if before is None and after is not None and after == carried.get(actor_id):
                continue
            return False
        return all(
            now.lookup(name) - carried.keys() == then.lookup(name) - carried.keys()
            for name in reading.names
        )

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
