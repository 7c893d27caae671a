"""A route class that costs a sync endpoint one thread hop per request, not two."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool


def offloaded(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """``endpoint`` run in the threadpool, behind a coroutine with its signature."""
    if inspect.iscoroutinefunction(endpoint) or inspect.isgeneratorfunction(endpoint):
        return endpoint

    @functools.wraps(endpoint)
    async def run(*args: Any, **kwargs: Any) -> Any:
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
