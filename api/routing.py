"""Route classes: a sync endpoint costs one thread hop per request, not two; a quick
read on the store's index costs none when the store is free.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, TypeVar

from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from api.deps import answers_from_index

F = TypeVar("F", bound=Callable[..., Any])


def quick_read(endpoint: F) -> F:
    """Mark ``endpoint`` as a read answered from the store's index in memory, well under a
    millisecond, when it has no filters and no roll-up: :class:`OffloadedRoute` runs it on
    the event loop when the store is free, rather than hop to a worker thread and back.
    Its query parameters, if any, come as one model in the argument ``query``."""
    endpoint.quick_read = True  # type: ignore[attr-defined]
    return endpoint


def _may_run_at_once(kwargs: dict[str, Any]) -> AbstractContextManager[bool] | None:
    """The store's hold (see ``EmbeddedStore.held_if_ready``) for a request whose answer
    needs only the index in memory; None for one that may read more (filters, roll-up).

    A quick read takes its query parameters as one model, the argument ``query``."""
    query = kwargs.get("query")
    if query is not None and not answers_from_index(query):
        return None
    held_if_ready = getattr(kwargs.get("store"), "held_if_ready", None)
    return None if held_if_ready is None else held_if_ready()


def offloaded(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """``endpoint`` run in the threadpool (a :func:`quick_read` on the event loop when the
    store is free), behind a coroutine with its signature."""
    if inspect.iscoroutinefunction(endpoint) or inspect.isgeneratorfunction(endpoint):
        return endpoint
    quick = getattr(endpoint, "quick_read", False)

    @functools.wraps(endpoint)
    async def run(*args: Any, **kwargs: Any) -> Any:
        if quick and (hold := _may_run_at_once(kwargs)) is not None:
            with hold as ready:
                if ready:
                    return endpoint(*args, **kwargs)
        return await run_in_threadpool(endpoint, *args, **kwargs)

    return run


class OffloadedRoute(APIRoute):
    """A sync endpoint still runs in the threadpool, the answer is checked on the event loop.

    FastAPI checks a sync endpoint's answer against its response model in a
    second thread hop; a coroutine's it checks in place, which for the model
    instances the store returns is a type check, cheaper than the hop.
    """

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, offloaded(endpoint), **kwargs)
