"""Neo4j Browser end to end: connect, apply the shipped style, run every ready query.

In Debian's headless Chromium against the live server of ``NEO4J_URI`` (its
Browser at ``NEO4J_BROWSER_URL``, by default port 7474 of the same host),
with the seeds loaded into its empty database and removed afterwards. Without
a server the test is skipped, saying why. ``ACTORGRAPH_SCREENSHOT=1`` retakes
the README's Browser screenshot (``docs/neo4j-browser.png``).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from graph.backends.cypher import KIND_LABELS
from graph.store import GraphStore
from tests.conftest import load_seeds
from tests.stores import fresh_store

ROOT = Path(__file__).resolve().parents[2]
STYLE = ROOT / "queries" / "actorgraph.grass"
READY = sorted((ROOT / "queries" / "browser").glob("*.cypher"))
SCREENSHOT = ROOT / "docs" / "neo4j-browser.png"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
WAIT_MS = 60_000

pytestmark = pytest.mark.slow


def browser_url(bolt: str) -> str:
    """Where the server's Browser is, by default beside its Bolt port.

    >>> browser_url("bolt://127.0.0.1:7687")
    'http://127.0.0.1:7474/browser/'
    """
    return os.environ.get("NEO4J_BROWSER_URL") or f"http://{urlsplit(bolt).hostname}:7474/browser/"


def style_colours() -> dict[str, str]:
    """The fill colour the style gives each actor kind's label."""
    text = STYLE.read_text(encoding="utf-8")
    found = {}
    for label in KIND_LABELS.values():
        rule = re.search(r"node\." + label + r"\s*\{([^}]*)\}", text)
        assert rule, label
        found[label] = re.search(r"\bcolor:\s*(#[0-9a-fA-F]{6})", rule.group(1)).group(1).lower()
    return found


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """The seeds in the live server's database, which is emptied again afterwards."""
    with fresh_store("neo4j", tmp_path_factory.mktemp("browser")) as store:
        load_seeds(store)
        yield store


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make test` (it installs it)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def run(page: Page, text: str) -> None:
    """Type ``text`` into Browser's editor and run it (Ctrl+Enter)."""
    editor = page.locator("#monaco-main-editor .monaco-editor").first
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)
    page.keyboard.press("Control+Enter")


def test_ready_queries_run_styled_in_browser(seeded: GraphStore, browser: Browser) -> None:
    uri = os.environ["NEO4J_URI"]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(browser_url(uri))
    # connect: Bolt to the server, no authentication (the test server has auth off)
    page.get_by_text("Connect URL").wait_for(timeout=WAIT_MS)
    page.locator("select").first.select_option("bolt://")
    host = urlsplit(uri)
    page.locator("input[data-testid='boltaddress']").fill(f"{host.hostname}:{host.port or 7687}")
    page.locator("select[data-testid='authenticationMethod']").select_option("NO_AUTH")
    page.get_by_role("button", name="Connect").click()
    expect(page.get_by_text("You are connected as user")).to_be_visible(timeout=WAIT_MS)

    run(page, ":style " + STYLE.read_text(encoding="utf-8"))
    expect(page.get_by_text("InvalidGrassError")).to_have_count(0)

    colours = style_colours()
    for query in READY:
        run(page, query.read_text(encoding="utf-8"))
        frame = page.locator("[data-testid='frame']").first
        expect(frame.get_by_text(query.read_text(encoding="utf-8").splitlines()[1][:20])).to_be_visible(timeout=WAIT_MS)
        expect(frame.get_by_text("ERROR")).to_have_count(0)
        graph = frame.locator("svg .node")
        if query.stem in ("pmu_two_hops", "paths_iran_to_alliance_of_iraqi_forces"):
            expect(graph.first).to_be_visible(timeout=WAIT_MS)
            fills = {c.lower() for c in frame.locator("svg .node circle.b-outline").evaluate_all(
                "cs => cs.map(c => c.getAttribute('fill'))")}
            assert fills & set(colours.values()), (query.stem, fills)
            captions = frame.locator("svg .node text").all_inner_texts()
            assert captions, query.stem
            assert not any(c.endswith("…") for c in captions), captions
            if query.stem == "pmu_two_hops" and os.environ.get("ACTORGRAPH_SCREENSHOT"):
                frame.screenshot(path=str(SCREENSHOT))
    context.close()
