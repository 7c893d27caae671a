"""The workload through the API in this process, with no socket: what the app adds to a query.

Each request is one ASGI call of the app :func:`api.app.create_app` builds,
inside its lifespan, logging as the server does (to nowhere). The difference
from the direct figures is the API layer's (parameters, the thread hop,
serialising the answer); from the HTTP figures, the server's, the loopback's
and the client's. It also times ``POST /articles`` of new articles, one a
request, then ``DELETE /articles/{id}`` of each, which leaves the store's
contents as they were.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.http import requests_of
from bench.workload import summarise

WARM_UP = 3
"""Requests of each kind made before any is timed, as the HTTP pass does."""

TOKEN = "bench-in-process"
"""The API token of the app this module builds: writes need one."""


def _scope(
    path: str, params: dict[str, Any], method: str = "GET", body: bytes = b""
) -> dict[str, Any]:
    """The ASGI scope of ``METHOD path?params``, as uvicorn would build it."""
    headers = [(b"host", b"127.0.0.1"), (b"authorization", f"Bearer {TOKEN}".encode())]
    if body:
        headers += [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": urlencode(params).encode(),
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }


async def _call(app: Any, scope: dict[str, Any], body: bytes = b"") -> int:
    """Make one request of ``app``; its status."""
    status = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def _summary(app: Any, requests: list[tuple[dict[str, Any], bytes]]) -> dict[str, Any]:
    """Make each request in turn; the latencies and how many failed."""
    times, errors = [], 0
    for scope, body in requests:
        t0 = time.perf_counter()
        status = await _call(app, scope, body)
        times.append(time.perf_counter() - t0)
        errors += status >= 400
    return {**summarise(times), "errors": errors}


async def _timed(
    app: Any, workload: dict[str, list[Any]], posts: list[dict[str, Any]]
) -> dict[str, Any]:
    out = {}
    async with app.router.lifespan_context(app):
        for kind, requests in requests_of(workload, blocs=False).items():
            scopes = [_scope(path, params) for path, params in requests]
            for scope in scopes[:WARM_UP]:
                await _call(app, scope)
            out[kind] = await _summary(app, [(scope, b"") for scope in scopes])
        bodies = [json.dumps(document).encode() for document in posts]
        writes = [(_scope("/articles", {}, "POST", body), body) for body in bodies]
        out["post_article"] = await _summary(app, writes)
        ids = [document["article"]["id"] for document in posts]
        deletes = [(_scope(f"/articles/{i}", {}, "DELETE"), b"") for i in ids]
        out["delete_article"] = await _summary(app, deletes)
    return out


def run_in_process(
    store: Path, workload: dict[str, list[Any]], posts: list[dict[str, Any]]
) -> dict[str, Any]:
    """p50/p99 (seconds a call) through the app, in this process: each kind but blocs,
    then ``posts`` (new articles) stored one a request and retracted again."""
    import uvloop

    from api.app import create_app
    from graph.settings import Settings

    settings = Settings(store=str(store), api_token=TOKEN)
    with open(os.devnull, "w") as nowhere:
        with contextlib.redirect_stderr(nowhere):
            app = create_app(settings)  # its log handler writes to nowhere
        with contextlib.closing(uvloop.new_event_loop()) as loop:
            return loop.run_until_complete(_timed(app, workload, posts))
