"""The workload through the API in this process, with no socket: what the app adds to a query.

Each request is one ASGI call of the app :func:`api.app.create_app` builds,
inside its lifespan, logging as the server does (to nowhere). The difference
from the direct figures is the API layer's (parameters, the thread hop,
serialising the answer); from the HTTP figures, the server's, the loopback's
and the client's.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.http import request_for
from bench.workload import summarise

WARM_UP = 3
"""Requests of each kind made before any is timed, as the HTTP pass does."""


def _scope(path: str, params: dict[str, Any]) -> dict[str, Any]:
    """The ASGI scope of ``GET path?params``, as uvicorn would build it."""
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": urlencode(params).encode(),
        "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }


async def _call(app: Any, scope: dict[str, Any]) -> int:
    """Make one request of ``app``; its status."""
    status = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def _timed(app: Any, workload: dict[str, list[Any]]) -> dict[str, Any]:
    out = {}
    async with app.router.lifespan_context(app):
        for kind, queries in workload.items():
            if kind == "blocs" or not queries or request_for(kind, queries[0]) is None:
                continue
            scopes = [_scope(*request_for(kind, q)) for q in queries]  # type: ignore[misc]
            for scope in scopes[:WARM_UP]:
                await _call(app, scope)
            times, errors = [], 0
            for scope in scopes:
                t0 = time.perf_counter()
                status = await _call(app, scope)
                times.append(time.perf_counter() - t0)
                errors += status >= 400
            out[kind] = {**summarise(times), "errors": errors}
    return out


def run_in_process(store: Path, workload: dict[str, list[Any]]) -> dict[str, Any]:
    """p50/p99 of each kind but blocs (seconds a call) through the app, in this process."""
    import uvloop

    from api.app import create_app
    from graph.settings import Settings

    with open(os.devnull, "w") as nowhere:
        with contextlib.redirect_stderr(nowhere):
            app = create_app(Settings(store=str(store)))  # its log handler writes to nowhere
        with contextlib.closing(uvloop.new_event_loop()) as loop:
            return loop.run_until_complete(_timed(app, workload))
