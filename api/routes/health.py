"""Liveness and readiness."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.deps import StoreDep
from api.errors import NOT_READY, PROBE_ERRORS
from api.security import SettingsDep, may_read
from graph.errors import StoreUnavailable

router = APIRouter(tags=["health"], responses=PROBE_ERRORS)


@router.get("/health")
def health(store: StoreDep, request: Request, settings: SettingsDep) -> JSONResponse:
    """Liveness: the service answers (200); says whether the store answers too.

    The store's counts are shown to those who may read it: with reads
    protected, only to a request carrying the token."""
    try:
        stats = store.stats()
    except StoreUnavailable as exc:
        return JSONResponse(
            {"status": "ok", "store": store.kind, "store_status": "down", "detail": str(exc)}
        )
    body: dict[str, Any] = {"status": "ok", "store": store.kind, "store_status": "up"}
    if may_read(request, settings):
        body["stats"] = stats.model_dump()
    return JSONResponse(body)


@router.get("/ready", responses=NOT_READY)
def ready(store: StoreDep) -> JSONResponse:
    """Readiness: 200 when the store answers, 503 when it does not."""
    try:
        store.stats()
    except StoreUnavailable as exc:
        return JSONResponse({"status": "down", "store": store.kind, "detail": str(exc)}, 503)
    return JSONResponse({"status": "ready", "store": store.kind})
