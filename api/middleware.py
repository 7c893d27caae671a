"""Request ids, access logs, body-size limits."""

from __future__ import annotations

import json
import logging
import time
import uuid
from contextvars import ContextVar

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

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
    root = logging.getLogger("actorgraph")
    root.handlers = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False


class RequestContext(BaseHTTPMiddleware):
    """A request id on every response and log line, a query time budget, a body limit."""

    def __init__(self, app, max_body_bytes: int, query_seconds: float) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.max_body_bytes = max_body_bytes
        self.query_seconds = query_seconds

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        given = request.headers.get("x-request-id", "")
        rid = given if 0 < len(given) <= 64 and given.isprintable() else uuid.uuid4().hex
        token = request_id.set(rid)
        set_budget(self.query_seconds)
        started = time.perf_counter()
        try:
            length = request.headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
                response: Response = JSONResponse(
                    {
                        "error": "body_too_large",
                        "detail": f"request body over {self.max_body_bytes} bytes",
                    },
                    status_code=413,
                )
            else:
                response = await call_next(request)
            response.headers["X-Request-ID"] = rid
            log.info(
                "%s %s -> %s",
                request.method,
                request.url.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.url.path,
                    "status": response.status_code,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(token)
