"""Domain errors to HTTP, in one place."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from graph import errors
from graph.filters import BOUNDS

STATUS: dict[type[errors.ActorGraphError], int] = {
    errors.UnknownActor: 404,
    errors.UnknownArticle: 404,
    errors.AmbiguousActor: 409,
    errors.OutOfRange: 422,
    errors.InvalidQuery: 422,
    errors.UnknownRelationType: 422,
    errors.LoadError: 422,
    errors.ConfigurationError: 500,
    errors.StoreUnavailable: 503,
    errors.QueryTimeout: 504,
}

_CODES = {
    errors.UnknownActor: "unknown_actor",
    errors.UnknownArticle: "unknown_article",
    errors.AmbiguousActor: "ambiguous_actor",
    errors.OutOfRange: "out_of_range",
    errors.InvalidQuery: "invalid_query",
    errors.UnknownRelationType: "unknown_relation_type",
    errors.LoadError: "invalid_input",
    errors.ConfigurationError: "configuration_error",
    errors.StoreUnavailable: "store_unavailable",
    errors.QueryTimeout: "query_timeout",
}


def error_body(exc: errors.ActorGraphError) -> dict:
    kind = type(exc)
    body: dict = {"error": _CODES.get(kind, "error"), "detail": str(exc)}
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


def install_error_handlers(app: FastAPI) -> None:
    """Map every domain error to its status code, and word validation errors plainly."""

    @app.exception_handler(errors.ActorGraphError)
    async def domain_error(_: Request, exc: errors.ActorGraphError) -> JSONResponse:
        status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 500)
        return JSONResponse(error_body(exc), status_code=status)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            item = {"location": [str(p) for p in err["loc"]], "detail": err["msg"]}
            name = str(err["loc"][-1]) if err["loc"] else ""
            ctx = err.get("ctx") or {}
            if name in BOUNDS:
                item["allowed"] = dict(zip(("min", "max"), BOUNDS[name], strict=True))
            elif "ge" in ctx or "le" in ctx:
                item["allowed"] = {"min": ctx.get("ge"), "max": ctx.get("le")}
            problems.append(item)
        detail = "; ".join(
            f"{'.'.join(p['location'])}: {p['detail']}"
            + (f" (allowed {p['allowed']['min']}..{p['allowed']['max']})" if "allowed" in p else "")
            for p in problems
        )
        return JSONResponse(
            {"error": "invalid_request", "detail": detail, "problems": problems}, status_code=422
        )
