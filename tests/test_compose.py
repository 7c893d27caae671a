"""The compose file starts services in an order that holds: each one waits until what it
needs is ready (Docker is not needed: the file is read as data and its promises checked)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import yaml
from fastapi.testclient import TestClient

from api.app import create_app
from api.deps import get_store
from api.routes import explorer
from graph.backends.embedded import EmbeddedStore
from graph.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]


def neo4j_setting(variable: str) -> str:
    """The Neo4j setting an ``NEO4J_*`` variable of the official image sets.

    >>> neo4j_setting("NEO4J_browser_post__connect__cmd")
    'browser.post_connect_cmd'
    """
    return variable.removeprefix("NEO4J_").replace("__", "\0").replace("_", ".").replace("\0", "_")


def _settings(service: str) -> dict[str, str]:
    env = SERVICES[service]["environment"]
    return {neo4j_setting(k): v for k, v in env.items() if k.startswith("NEO4J_")}


def test_every_dependency_exists_and_there_is_no_cycle() -> None:
    graph = {name: set(spec.get("depends_on", {})) for name, spec in SERVICES.items()}
    assert all(needed <= graph.keys() for needed in graph.values())
    started: list[str] = []
    while len(started) < len(graph):
        ready = sorted(n for n, needs in graph.items() if n not in started and needs <= {*started})
        assert ready, f"a dependency cycle among {set(graph) - set(started)}"
        started += ready
    assert started.index("neo4j") < started.index("seed") < started.index("api")


def test_the_api_and_neodash_start_after_the_seed_load_completed() -> None:
    seed = SERVICES["seed"]
    assert seed["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert seed["restart"] == "no"
    assert seed["command"][:2] == ["actorgraph", "load"]
    for service in ("api", "neodash"):
        needs = SERVICES[service]["depends_on"]
        assert needs["seed"]["condition"] == "service_completed_successfully"
        assert needs["neo4j"]["condition"] == "service_healthy"


def test_long_running_services_say_when_they_are_ready() -> None:
    for name, spec in SERVICES.items():
        if name == "seed":
            continue
        check = spec["healthcheck"]
        assert check["test"], name
        assert check["retries"] >= 3, name
    assert "/ready" in " ".join(SERVICES["api"]["healthcheck"]["test"])
    assert "RETURN 1" in " ".join(SERVICES["neo4j"]["healthcheck"]["test"])


def test_browser_gets_our_style_on_connect_from_the_api(tmp_path: Path) -> None:
    settings = _settings("neo4j")
    command = settings["browser.post_connect_cmd"]
    assert command.startswith("style ")
    url = urlparse(command.removeprefix("style "))
    allowed = settings["browser.remote_content_hostname_allowlist"]
    assert f"{url.scheme}://{url.netloc}" in allowed.split(",")
    published = {p.rsplit(":", 2)[-2] for p in SERVICES["api"]["ports"]}
    assert str(url.port) in published
    # the API serves the .grass to the Browser's page, across origins
    origins = json.loads(SERVICES["api"]["environment"]["ACTORGRAPH_CORS_ORIGINS"])
    browser = "http://localhost:" + SERVICES["neo4j"]["ports"][0].split(":")[1]
    assert browser in origins
    store = EmbeddedStore(tmp_path / "empty.sqlite")
    app = create_app(Settings(store=":memory:", cors_origins=origins))
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app) as client:
        grass = client.get(url.path, headers={"Origin": browser})
    store.close()
    assert grass.status_code == 200
    assert grass.headers["access-control-allow-origin"] == browser
    assert grass.text == (ROOT / "queries" / "actorgraph.grass").read_text(encoding="utf-8")


def test_neodash_opens_our_dashboard() -> None:
    neodash = SERVICES["neodash"]
    assert re.fullmatch(r"neo4jlabs/neodash:2\.4\.\d+", neodash["image"])
    env = neodash["environment"]
    assert env["standalone"] == "true"
    assert env["standalonePort"] == SERVICES["neo4j"]["ports"][1].split(":")[1]
    (mount,) = neodash["volumes"]
    source, target, _ = mount.split(":")
    dashboard = json.loads((ROOT / source).read_text(encoding="utf-8"))
    assert dashboard["version"] == "2.4"
    assert target == "/usr/share/nginx/html" + urlparse(env["standaloneDashboardURL"]).path


def test_the_image_carries_the_product_and_the_explorer_its_libraries() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for package in ("graph", "ingest", "api", "loaders", "queries", "cli"):
        assert f"COPY {package} {package}\n" in dockerfile, package
    for path in explorer.VENDOR.values():
        assert path.is_file(), f"{path.name} is not vendored: make vendor"
