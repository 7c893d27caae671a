"""Running the HTTP server: one process, or several workers over one store.

A request the HTTP parser cannot take (malformed, or a URL over the 64 KiB
its URL parser handles, such as a 100,000-character ``q``) never reaches the
app; uvicorn answers it with a plain-text 400. :class:`JsonErrorsProtocol`
answers it with the API's JSON error body instead.

With ``workers`` > 1 uvicorn starts that many processes, each importing the
app by name (:func:`app_from_environment`) and so reading its settings from
the environment: :func:`serve` puts the store it was given there first. Each
worker opens the store itself; an embedded store's worker sees the writes
another worker commits by reloading its index before its next query (SQLite's
``data_version`` says when the file changed).
"""

from __future__ import annotations

import json
import os
from typing import Any

from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from graph.errors import ConfigurationError
from graph.settings import Settings

DETAIL = "the request could not be read: malformed, or its URL or headers are over 64 KiB"
STORE_VARIABLE = "ACTORGRAPH_STORE"
"""How the store reaches worker processes (the setting ``store`` read from the environment)."""


class JsonErrorsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with its 400 answer as ``{"error", "detail"}`` JSON."""

    def send_400_response(self, msg: str) -> None:
        body = json.dumps({"error": "bad_request", "detail": DETAIL}).encode()
        head = [b"HTTP/1.1 400 Bad Request\r\n"]
        head += [
            name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers
        ]
        head += [
            b"content-type: application/json\r\n",
            b"content-length: " + str(len(body)).encode() + b"\r\n",
            b"connection: close\r\n\r\n",
        ]
        self.transport.write(b"".join(head) + body)
        self.transport.close()


def app_from_environment() -> FastAPI:
    """The app over the store the environment names: what each worker process runs."""
    from api.app import create_app

    return create_app(Settings())


def check_workers(settings: Settings) -> None:
    """Refuse a set-up whose workers could not share the store."""
    if settings.workers > 1 and settings.store.strip() == ":memory:":
        raise ConfigurationError(
            f"--workers {settings.workers} needs a store file: a :memory: store lives inside "
            "one process, so each worker would answer from an empty store of its own "
            "(serve it with one worker, or give a file path)"
        )


def serve(settings: Settings) -> None:
    """Serve the API on ``settings.host``:``settings.port`` with ``settings.workers`` processes."""
    import uvicorn

    check_workers(settings)
    # The app logs every request itself (request id, JSON on demand) and puts
    # uvicorn's own lines through the same handler; uvicorn configures nothing.
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": "info",
        "log_config": None,
        "access_log": False,
        "http": JsonErrorsProtocol,
    }
    if settings.workers == 1:
        from api.app import create_app

        uvicorn.run(create_app(settings), **options)
        return
    from api.middleware import configure_logging

    configure_logging(settings.log_format)  # the parent's own lines, as each worker's
    os.environ[STORE_VARIABLE] = settings.store
    uvicorn.run(
        f"{__name__}:{app_from_environment.__name__}",
        factory=True,
        workers=settings.workers,
        **options,
    )
