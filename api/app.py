"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.errors import READ_ERRORS, WRITE_ERRORS, install_error_handlers
from api.etag import ETags
from api.middleware import BodyLimit, RequestContext, configure_logging
from api.routes import (
    actors,
    analysis,
    articles,
    docs,
    explorer,
    export,
    health,
    ingest,
    relations,
    resolution,
)
from api.security import require_reader
from graph.backends import open_store
from graph.collector import startup_done
from graph.settings import Settings
from graph.vocabulary import load_vocabulary

READ_ROUTERS = (actors.router, relations.router, analysis.router, export.router, resolution.router)


def create_app(settings: Settings | None = None) -> FastAPI:
    """An app that opens the configured store at start-up and closes it at shutdown."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = open_store(settings, lazy=True)
        startup_done()
        try:
            yield
        finally:
            app.state.store.close()

    configure_logging(settings.log_format)
    app = FastAPI(
        title="actorgraph",
        summary="Who stands with or against whom, since when, on what evidence.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served from the package by api.routes.docs, not from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(BodyLimit, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(
        RequestContext,
        max_body_bytes=settings.max_body_bytes,
        query_seconds=settings.query_seconds,
    )
    app.add_middleware(ETags)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID", "If-None-Match"],
            expose_headers=["X-Request-ID", "X-Total-Count", "ETag"],
        )
    app.include_router(health.router)
    app.include_router(explorer.router)
    app.include_router(docs.router)
    app.mount(docs.VENDOR_URL, docs.vendored_files(), name="vendor")
    for router in READ_ROUTERS:
        app.include_router(router, dependencies=[Depends(require_reader)], responses=READ_ERRORS)
    app.include_router(articles.router, responses=WRITE_ERRORS)
    app.include_router(ingest.router, responses=WRITE_ERRORS)
    document_vocabulary(app, load_vocabulary(settings.vocabulary).names)
    return app


def document_vocabulary(app: FastAPI, names: tuple[str, ...]) -> None:
    """Publish the configured relation types as the allowed values of ``types``."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = build()
            schema.setdefault("components", {}).setdefault("schemas", {}).update(
                articles.NATIVE_COMPONENTS
            )
            for path in schema.get("paths", {}).values():
                for operation in path.values():
                    for parameter in operation.get("parameters", []):
                        if parameter["name"] == "types":
                            for option in parameter["schema"].get("anyOf", [parameter["schema"]]):
                                if option.get("type") == "array":
                                    option["items"] = {"type": "string", "enum": list(names)}
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's way to amend the schema
