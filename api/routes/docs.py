"""The API docs, Swagger UI at ``/docs`` and ReDoc at ``/redoc``, served from the package.

FastAPI's own docs pages load their scripts, style sheet, favicon and fonts from
CDNs, so they are blank on a machine that cannot reach them. These pages load
the same libraries from ``api/static/vendor/`` (package data, with their
licences) and nothing from outside.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

VENDOR = Path(__file__).resolve().parents[1] / "static" / "vendor"
VENDOR_URL = "/static/vendor"
NO_FAVICON = "data:,"
"""An empty icon: the pages ask no other host for one."""
SAME_ORIGIN_ONLY = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
    "worker-src 'self' blob:; connect-src 'self'"
}
"""The browser loads nothing from another host, even what a library asks for by itself
(ReDoc's footer logo, from its CDN)."""

router = APIRouter(include_in_schema=False)


def vendored_files() -> StaticFiles:
    """The vendored libraries, mounted at :data:`VENDOR_URL`."""
    return StaticFiles(directory=VENDOR)


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    app = request.app
    return _same_origin_only(
        get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title=f"{app.title} - API docs",
            oauth2_redirect_url="/docs/oauth2-redirect",
            swagger_js_url=f"{VENDOR_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{VENDOR_URL}/swagger-ui.css",
            swagger_favicon_url=NO_FAVICON,
            swagger_ui_parameters={"validatorUrl": None},
        )
    )


@router.get("/docs/oauth2-redirect")
def swagger_ui_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    app = request.app
    return _same_origin_only(
        get_redoc_html(
            openapi_url=app.openapi_url,
            title=f"{app.title} - API reference",
            redoc_js_url=f"{VENDOR_URL}/redoc.standalone.js",
            redoc_favicon_url=NO_FAVICON,
            with_google_fonts=False,
        )
    )


def _same_origin_only(page: HTMLResponse) -> HTMLResponse:
    page.headers.update(SAME_ORIGIN_ONLY)
    return page
