"""Request ids, access logs, body-size limits."""

from __future__ import annotations

import json
import logging
import time
import uuid
from contextvars import ContextVar

from fastapi import HTTPException
from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.budget import set_budget

request_id: ContextVar[str] = ContextVar("request_id", default="-")
log = logging.getLogger("actorgraph.api")


class RequestIdFilter(logging.Filter):
    """Put the current request id on every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        for key in ("method", "path", "status", "ms"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry)


def configure_logging(log_format: str) -> None:
    """Structured logs, text or JSON, each line with its request id."""
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
        )
    for name in ("actorgraph", "uvicorn"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False
    # uvicorn's own access lines carry no request id and ignore the format;
    # RequestContext logs every request instead.
    access = logging.getLogger("uvicorn.access")
    access.handlers = []
    access.propagate = False
    access.disabled = True


class BodyTooLarge(HTTPException):
    """A request body over the limit, found while it streams in (no Content-Length)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over {limit} bytes")


class BodyLimit:
    """Count the bytes of a request body as they arrive; over the limit, 413.

    ``RequestContext`` refuses a declared ``Content-Length`` over the limit up
    front; this catches bodies sent without one (chunked transfer encoding),
    before the route has read more than the limit.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body_bytes:
                    raise BodyTooLarge(self.max_body_bytes)
            return message

        await self.app(scope, limited, send)


class RequestContext:
    """A request id on every response and log line, a query time budget, a body limit.

    Pure ASGI rather than ``BaseHTTPMiddleware``, which costs a task and a
    memory stream per request. It reads the two headers it needs from the
    scope rather than build a ``Request``, and logs each request's line once
    its answer has gone out, so that the client does not wait for the log.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int, query_seconds: float) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.query_seconds = query_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given, length = _request_id_and_length(scope)
        rid = given if 0 < len(given) <= 64 and given.isprintable() else uuid.uuid4().hex
        token = request_id.set(rid)
        set_budget(self.query_seconds)
        started = time.perf_counter()
        status: int | None = None
        answered_ms = 0.0

        async def send_with_id(message: Message) -> None:
            nonlocal status, answered_ms
            if message["type"] == "http.response.start":
                status = message["status"]
                answered_ms = round((time.perf_counter() - started) * 1000, 1)
                MutableHeaders(scope=message)["X-Request-ID"] = rid
            await send(message)

        try:
            if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
                detail = f"request body over {self.max_body_bytes} bytes"
                response = _error_answer(413, "body_too_large", detail)
                await response(scope, receive, send_with_id)
            else:
                try:
                    await self.app(scope, receive, send_with_id)
                except Exception:
                    if status is not None:
                        raise
                    # logged here, with the request id, rather than bare by the server
                    log.exception("%s %s failed", scope["method"], _path_of(scope))
                    detail = f"internal error; quote request id {rid} when reporting it"
                    response = _error_answer(500, "internal_error", detail)
                    await response(scope, receive, send_with_id)
        finally:
            if status is not None:
                _log_answer(scope, status, answered_ms)
            request_id.reset(token)


def _request_id_and_length(scope: Scope) -> tuple[str, str | None]:
    """The request's ``X-Request-ID`` ("" if none) and ``Content-Length`` (None if none),
    each its first occurrence, as ``Request.headers`` would give them.

    >>> _request_id_and_length({"headers": [(b"x-request-id", b"r-1"), (b"x-request-id", b"r-2")]})
    ('r-1', None)
    """
    given: str | None = None
    length: str | None = None
    for name, value in scope["headers"]:
        if name == b"x-request-id" and given is None:
            given = value.decode("latin-1")
        elif name == b"content-length" and length is None:
            length = value.decode("latin-1")
    return given or "", length


def _path_of(scope: Scope) -> str:
    """The request's path as ``Request.url.path`` gives it, without building the URL.

    >>> _path_of({"path": "/actors/Who?/allies"})
    '/actors/Who%3F/allies'
    """
    return scope["path"].replace("?", "%3F").replace("#", "%23").replace("\\", "%5C")


def _log_answer(scope: Scope, status: int, ms: float) -> None:
    """The access line of one request: method, path, status, milliseconds to the answer."""
    method, path = scope["method"], _path_of(scope)
    log.info(
        "%s %s -> %s",
        method,
        path,
        status,
        extra={"method": method, "path": path, "status": status, "ms": ms},
    )


def _error_answer(status: int, code: str, detail: str) -> JSONResponse:
    """An error answered by the middleware itself, in the shape of every error body."""
    return JSONResponse({"error": code, "detail": detail}, status_code=status)
