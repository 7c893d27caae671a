"""The web explorer: one page at ``/`` and its assets, talking to the same API."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse, Response

STATIC = Path(__file__).resolve().parents[1] / "static"
GRASS = Path(__file__).resolve().parents[2] / "queries" / "actorgraph.grass"
OWN = {
    "explorer.js": "text/javascript",
    "look.js": "text/javascript",
    "picture.js": "text/javascript",
    "view-state.js": "text/javascript",
    "map.js": "text/javascript",
    "explorer.css": "text/css",
    "favicon.svg": "image/svg+xml",
}
# the npm libraries `make vendor` copies from web/node_modules (web/package.json's actorgraphVendor)
VENDOR = {
    name: STATIC / "vendor" / name
    for name in (
        "cytoscape.min.js",
        "layout-base.js",
        "cose-base.js",
        "cytoscape-fcose.js",
        "d3-array.min.js",
        "d3-geo.min.js",
        "topojson-client.min.js",
        "countries-110m.json",
    )
}
MISSING = """<!doctype html><meta charset="utf-8"><title>actorgraph explorer</title>
<h1>The explorer's graph libraries are missing</h1>
<p>They are package data in <code>api/static/vendor/</code>; in a checkout,
<code>make vendor</code> copies them again from the pins in <code>web/package.json</code>.
The API itself works: see <a href="/docs">/docs</a>.</p>
"""

router = APIRouter(include_in_schema=False)


@router.get("/")
def page() -> Response:
    """The explorer page, or how to install its assets."""
    if not all(p.is_file() for p in VENDOR.values()):
        return HTMLResponse(MISSING, status_code=503)
    return FileResponse(STATIC / "index.html", media_type="text/html")


@router.get("/favicon.ico")
def favicon() -> Response:
    """The icon, for clients that ask for it where browsers used to."""
    return FileResponse(STATIC / "favicon.svg", media_type=OWN["favicon.svg"])


@router.get("/actorgraph.grass")
def browser_style() -> Response:
    """Our Neo4j Browser style, for ``:style <this URL>`` (compose runs it on connect)."""
    return FileResponse(GRASS, media_type="text/plain")


@router.get("/static/{name}")
def asset(name: str) -> Response:
    """The page's own scripts, style sheet and icon, and the vendored graph libraries."""
    if name in OWN:
        return FileResponse(STATIC / name, media_type=OWN[name])
    if name in VENDOR and VENDOR[name].is_file():
        media = "application/json" if name.endswith(".json") else "text/javascript"
        return FileResponse(VENDOR[name], media_type=media)
    return Response(status_code=404)
