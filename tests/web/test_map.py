"""The explorer's map: one conflict from ACLED and UCDP GED with real Syrian places, served for
real and drawn in headless Chromium; the map shows the selected actor's claims, and a region
picked on the map narrows the graph to who acted there."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.cli.test_places_cli import write_conflict
from tests.servers import ACTORGRAPH, seed_served
from tests.web.conftest import open_page, screenshot

ROOT = Path(__file__).resolve().parents[2]
README_SCREENSHOT = ROOT / "docs" / "explorer-map.png"

pytestmark = pytest.mark.slow

EDGES = "() => window.cy.edges().map(e => e.id()).sort()"


@pytest.fixture(scope="module")
def placed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The API over the ACLED and UCDP samples, their events placed in Deir ez-Zor and Raqqa."""
    folder = tmp_path_factory.mktemp("placed")
    acled, ged = write_conflict(folder)
    store = folder / "placed.sqlite"
    subprocess.run([ACTORGRAPH, "load", str(ged), "--store", str(store)], check=True, cwd=ROOT)
    with seed_served(ACTORGRAPH, store, ROOT, acled) as url:
        yield url


@pytest.fixture
def page(browser: Browser, placed_server: str) -> Iterator[Page]:
    yield from open_page(browser, placed_server)


def _busiest(page: Page) -> str:
    rows = page.evaluate("fetch('/actors?sort=claims&min_claims=1&limit=1').then(r => r.json())")
    return rows[0]["actor"]["id"]


def test_the_map_shows_the_actors_claims_and_a_region_narrows_the_graph(
    page: Page, tmp_path: Path
) -> None:
    actor = _busiest(page)
    page.evaluate(f"fetch('/actors/{actor}').then(r => r.json()).then(window.explorer.select)")
    page.wait_for_function("document.querySelectorAll('#map .claims circle').length > 0")
    everywhere = page.evaluate(EDGES)
    assert everywhere
    assert page.locator("#map .land path").count() > 100  # the shipped country outlines
    screenshot(page, README_SCREENSHOT, tmp_path)

    # a box drawn around Deir ez-Zor (east of Raqqa) leaves the Raqqa-only relations out
    svg = page.locator("#map").bounding_box()
    assert svg is not None
    dots = page.evaluate(
        "[...document.querySelectorAll('#map .claims circle')].map(c => c.getBoundingClientRect())"
        ".map(b => [b.x + b.width / 2, b.y + b.height / 2])"
    )
    east = max(dots, key=lambda d: d[0])
    page.mouse.move(east[0] - 8, east[1] - 8)
    page.mouse.down()
    page.mouse.move(east[0] + 8, east[1] + 8, steps=4)
    page.mouse.up()
    page.wait_for_function("window.explorer.state.region !== null")
    page.wait_for_function(
        f"(before) => JSON.stringify(({EDGES})()) !== before", arg=_json(everywhere)
    )
    boxed = page.evaluate(EDGES)
    assert boxed, "the box around Deir ez-Zor holds claims"
    assert set(boxed) < set(everywhere)
    assert "Only claims in the drawn box" in page.locator("#map-region").inner_text()

    page.locator("#map-all").click()
    page.wait_for_function("window.explorer.state.region === null")
    page.wait_for_function(
        f"(before) => JSON.stringify(({EDGES})()) === before", arg=_json(everywhere)
    )


def _json(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))
