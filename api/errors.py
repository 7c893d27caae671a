"""Domain errors to HTTP, in one place."""

from __future__ import annotations

from typing import Any, NamedTuple

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException
from starlette.routing import Match

from graph import errors
from graph.filters import BOUNDS


class Answer(NamedTuple):
    """How the API answers a domain error: its HTTP status and the body's ``error`` code."""

    status: int
    code: str


ANSWERS: dict[type[errors.ActorGraphError], Answer] = {
    errors.UnknownActor: Answer(404, "unknown_actor"),
    errors.UnknownArticle: Answer(404, "unknown_article"),
    errors.AmbiguousActor: Answer(409, "ambiguous_actor"),
    errors.ActorConflict: Answer(409, "actor_conflict"),
    errors.OutOfRange: Answer(422, "out_of_range"),
    errors.InvalidQuery: Answer(422, "invalid_query"),
    errors.UnknownRelationType: Answer(422, "unknown_relation_type"),
    errors.LoadError: Answer(422, "invalid_input"),
    errors.ConfigurationError: Answer(500, "configuration_error"),
    errors.StoreUnavailable: Answer(503, "store_unavailable"),
    errors.QueryTimeout: Answer(504, "query_timeout"),
}
"""Each domain error's answer; a subclass answers as the first of its bases listed."""

UNLISTED = Answer(500, "error")


def answer_to(exc: errors.ActorGraphError) -> Answer:
    """The answer to ``exc``: that of the first kind in :data:`ANSWERS` it is one of."""
    return next((a for kind, a in ANSWERS.items() if isinstance(exc, kind)), UNLISTED)


class ErrorBody(BaseModel):
    """Every error answer: a code, a sentence, and what helps to fix the request."""

    model_config = ConfigDict(extra="allow")

    error: str
    detail: str
    suggestions: list[str] | None = None
    candidates: list[str] | None = None
    parameter: str | None = None
    allowed: Any = None
    record: str | int | None = None
    field: str | None = None
    problems: list[dict[str, Any]] | None = None


def _documented(*codes: int) -> dict[int | str, dict[str, Any]]:
    descriptions = {
        400: "The body could not be parsed (malformed multipart)",
        401: "Missing or wrong API token (reads need it when protect_reads is set)",
        403: "No API token is configured: writes (and protected reads) are disabled",
        404: "Unknown actor (with suggestions) or article",
        409: "The name belongs to several actors, or the article would change an existing actor",
        413: "Request body too large",
        422: "Invalid request: the field at fault and what was expected",
        503: "The store cannot be reached; nothing changed",
        504: "The query ran over its time budget",
    }
    return {code: {"model": ErrorBody, "description": descriptions[code]} for code in codes}


READ_ERRORS = _documented(401, 403, 404, 409, 413, 422, 503, 504)
WRITE_ERRORS = _documented(401, 403, 404, 409, 413, 422, 503, 504)
AUTH_ERRORS = _documented(401, 403)
UPLOAD_ERRORS = _documented(400)
PROBE_ERRORS = _documented(413)
NOT_READY: dict[int | str, dict[str, Any]] = {
    503: {"description": "The store does not answer: status down, with the reason"}
}


def error_body(exc: errors.ActorGraphError) -> dict[str, Any]:
    body: dict[str, Any] = {"error": answer_to(exc).code, "detail": str(exc)}
    if isinstance(exc, errors.UnknownActor):
        body["suggestions"] = list(exc.suggestions)
    elif isinstance(exc, errors.AmbiguousActor):
        body["candidates"] = list(exc.candidates)
    elif isinstance(exc, errors.OutOfRange):
        body.update(parameter=exc.name, allowed={"min": exc.low, "max": exc.high})
    elif isinstance(exc, errors.LoadError):
        body.update(record=exc.record, field=exc.field)
    elif isinstance(exc, errors.UnknownRelationType):
        body["allowed"] = list(exc.known)
    return body


# Ranges of the parameters bounded outside ``BOUNDS``: a validation error only
# names the bound it broke, an answer names both.
RANGES: dict[str, tuple[float | None, float | None]] = {
    "min_confidence": (0.0, 1.0),
    "polarity": (-1, 1),
}


def _range(problem: dict) -> str:
    allowed = problem.get("allowed") or {}
    low, high = allowed.get("min"), allowed.get("max")
    if low is not None and high is not None:
        return f" (allowed {low}..{high})"
    if low is not None:
        return f" (allowed {low} or more)"
    return ""


METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers on this path, not only the first route's.

    Asks the router itself (routes may sit in included routers), one method at a time.
    """
    allowed = []
    for method in METHODS:
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return allowed


def install_error_handlers(app: FastAPI) -> None:
    """Map every domain error to its status code, and word validation errors plainly."""

    @app.exception_handler(errors.ActorGraphError)
    async def domain_error(_: Request, exc: errors.ActorGraphError) -> JSONResponse:
        return JSONResponse(error_body(exc), status_code=answer_to(exc).status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        codes = {
            400: "bad_request",
            401: "unauthorized",
            403: "forbidden",
            404: "not_found",
            405: "not_allowed",
            413: "body_too_large",
        }
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        return JSONResponse(
            {"error": codes.get(exc.status_code, "http_error"), "detail": str(exc.detail)},
            status_code=exc.status_code,
            headers=headers,
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            item = {"location": [str(p) for p in err["loc"]], "detail": err["msg"]}
            names = [str(p) for p in err["loc"][1:] if not isinstance(p, int)]
            name = names[-1] if names else ""
            ctx = err.get("ctx") or {}
            if err["loc"] and err["loc"][0] == "query" and name in BOUNDS:
                item["allowed"] = dict(zip(("min", "max"), BOUNDS[name], strict=True))
            elif err["loc"] and err["loc"][0] == "query" and name in RANGES:
                item["allowed"] = dict(zip(("min", "max"), RANGES[name], strict=True))
            elif "ge" in ctx or "le" in ctx:
                item["allowed"] = {"min": ctx.get("ge"), "max": ctx.get("le")}
            problems.append(item)
        detail = "; ".join(
            f"{'.'.join(p['location'])}: {p['detail']}" + _range(p) for p in problems
        )
        return JSONResponse(
            {"error": "invalid_request", "detail": detail, "problems": problems}, status_code=422
        )
