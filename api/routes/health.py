"""Liveness and store status."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import StoreDep
from graph.errors import StoreUnavailable

router = APIRouter(tags=["health"])


@router.get("/health")
def health(store: StoreDep) -> JSONResponse:
    """The service is up; says whether the store answers, and its counts."""
    try:
        stats = store.stats()
    except StoreUnavailable as exc:
        return JSONResponse({"status": "down", "store": store.kind, "detail": str(exc)}, 503)
    return JSONResponse({"status": "ok", "store": store.kind, "stats": stats.model_dump()})
