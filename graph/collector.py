"""Pausing Python's cyclic garbage collector while many objects are built.

What the store and the analyses build (relations, graph edges, tallies) makes
no reference cycles: reference counting frees it. The collector's passes over
hundreds of thousands of new objects only cost time.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run without the cyclic garbage collector (what runs here makes no cycles worth it).

    A query builds up to hundreds of thousands of short-lived objects (a
    filtered tally of a million claims); collecting while they pile up
    doubles its time, and reference counting frees them anyway.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def long_lived() -> Iterator[None]:
    """Build index objects that live as long as the store, then exempt them from collection.

    The index is millions of objects. Collecting while they are created more
    than doubles the time to open, and every full collection afterwards would
    scan them all: a pause of a second at a million claims, in the middle of
    some query. So the collector waits while they are built, and what was
    built is frozen (:func:`gc.freeze`) when the work succeeds, before the
    collector comes back: else its first run would scan them all once.
    """
    with collector_paused():
        yield
        gc.freeze()


def startup_done() -> None:
    """Exempt every object alive now from collection: a server calls it once it has started.

    What a server process holds when it starts (its modules, the app, the
    store's connection or index) lives as long as the process. Each full
    collection would walk all of it again: 25-30 ms a pass for the ~80,000
    objects behind the Neo4j backend's API, in the middle of some query. The
    embedded store freezes its index itself when built (:func:`long_lived`).
    """
    gc.freeze()
