"""The explorer page is served at / (or says how to install its assets)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.routes import explorer


def test_the_page_and_its_assets(client: TestClient) -> None:
    page = client.get("/")
    if not explorer.VENDOR["cytoscape.min.js"].is_file():
        assert page.status_code == 503
        assert "make install" in page.text
        return
    assert page.status_code == 200
    assert '<script src="/static/cytoscape.min.js">' in page.text
    for name, kind in (("explorer.js", "javascript"), ("explorer.css", "css")):
        asset = client.get(f"/static/{name}")
        assert asset.status_code == 200
        assert kind in asset.headers["content-type"]
    assert client.get("/static/cytoscape.min.js").text.startswith("/**")


def test_nothing_else_is_served_from_static(client: TestClient) -> None:
    assert client.get("/static/..%2Fapp.py").status_code == 404
    assert client.get("/static/index.py").status_code == 404
