"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import StoreDep
from graph.errors import StoreUnavailable

router = APIRouter(tags=["health"])


@router.get("/health")
def health(store: StoreDep) -> JSONResponse:
    """Liveness: the service answers (200); says whether the store answers too."""
    try:
        stats = store.stats()
    except StoreUnavailable as exc:
        return JSONResponse(
            {"status": "ok", "store": store.kind, "store_status": "down", "detail": str(exc)}
        )
    return JSONResponse(
        {"status": "ok", "store": store.kind, "store_status": "up", "stats": stats.model_dump()}
    )


@router.get("/ready")
def ready(store: StoreDep) -> JSONResponse:
    """Readiness: 200 when the store answers, 503 when it does not."""
    try:
        store.stats()
    except StoreUnavailable as exc:
        return JSONResponse({"status": "down", "store": store.kind, "detail": str(exc)}, 503)
    return JSONResponse({"status": "ready", "store": store.kind})
