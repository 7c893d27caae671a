"""Request ids, access logs, body-size limits."""

from __future__ import annotations

import json
import logging
import time
import uuid
from contextvars import ContextVar

from fastapi import HTTPException
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
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
    memory stream per request.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int, query_seconds: float) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.query_seconds = query_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        given = request.headers.get("x-request-id", "")
        rid = given if 0 < len(given) <= 64 and given.isprintable() else uuid.uuid4().hex
        token = request_id.set(rid)
        set_budget(self.query_seconds)
        started = time.perf_counter()
        answered = False

        async def send_with_id(message: Message) -> None:
            nonlocal answered
            if message["type"] == "http.response.start":
                answered = True
                MutableHeaders(scope=message)["X-Request-ID"] = rid
                log.info(
                    "%s %s -> %s",
                    request.method,
                    request.url.path,
                    message["status"],
                    extra={
                        "method": request.method,
                        "path": request.url.path,
                        "status": message["status"],
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                    },
                )
            await send(message)

        try:
            length = request.headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
                detail = f"request body over {self.max_body_bytes} bytes"
                response = _error_answer(413, "body_too_large", detail)
                await response(scope, receive, send_with_id)
            else:
                try:
                    await self.app(scope, receive, send_with_id)
                except Exception:
                    if answered:
                        raise
                    # logged here, with the request id, rather than bare by the server
                    log.exception("%s %s failed", request.method, request.url.path)
                    detail = f"internal error; quote request id {rid} when reporting it"
                    response = _error_answer(500, "internal_error", detail)
                    await response(scope, receive, send_with_id)
        finally:
            request_id.reset(token)


def _error_answer(status: int, code: str, detail: str) -> JSONResponse:
    """An error answered by the middleware itself, in the shape of every error body."""
    return JSONResponse({"error": code, "detail": detail}, status_code=status)
