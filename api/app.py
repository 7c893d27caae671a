"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.errors import install_error_handlers
from api.routes import actors, articles, health, relations
from graph.backends import open_store
from graph.settings import Settings

ROUTERS = (health.router, actors.router, relations.router, articles.router)


def create_app(settings: Settings | None = None) -> FastAPI:
    """An app that opens the configured store at start-up and closes it at shutdown."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = open_store(settings or Settings(), lazy=True)
        try:
            yield
        finally:
            app.state.store.close()

    app = FastAPI(
        title="actorgraph",
        summary="Who stands with or against whom, since when, on what evidence.",
        version="0.1.0",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    return app
