"""A time budget for one query, checked inside long traversals.

The API sets it per request; the embedded store's traversals call
:func:`check_deadline`, and the Neo4j store turns what is left of it into a
transaction timeout.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from graph.errors import QueryTimeout

# (deadline on the monotonic clock, the budget in seconds)
_budget: ContextVar[tuple[float, float] | None] = ContextVar("budget", default=None)


def set_budget(seconds: float) -> None:
    """Start a budget for the rest of the current context (one request)."""
    _budget.set((time.monotonic() + seconds, seconds))


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Queries inside this block must finish within ``seconds``.

    >>> with time_budget(0.0):
    ...     check_deadline()
    Traceback (most recent call last):
    ...
    graph.errors.QueryTimeout: the query ran over its time budget of 0.0 s
    """
    token = _budget.set((time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _budget.reset(token)


def remaining() -> float | None:
    """Seconds left, or None when there is no budget."""
    budget = _budget.get()
    return None if budget is None else max(budget[0] - time.monotonic(), 0.0)


def check_deadline() -> None:
    """Raise :class:`QueryTimeout` once the budget is spent."""
    budget = _budget.get()
    if budget is not None and time.monotonic() >= budget[0]:
        raise QueryTimeout(budget[1])
