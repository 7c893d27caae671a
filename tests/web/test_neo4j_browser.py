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
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from graph.backends.cypher import KIND_LABELS
from graph.store import GraphStore
from tests.conftest import load_seeds
from tests.stores import fresh_store

ROOT = Path(__file__).resolve().parents[2]
STYLE = ROOT / "queries" / "actorgraph.grass"
READY = sorted((ROOT / "queries" / "browser").glob("*.cypher"))
SCREENSHOT = ROOT / "docs" / "neo4j-browser.png"
WAIT_MS = 60_000
ROWS = {"evidence_pmu_syrian_army": "COOPERATES_WITH"}
"""The ready queries that answer with rows rather than a graph, and a value their rows show."""

pytestmark = pytest.mark.slow


def browser_url(bolt: str) -> str:
    """Where the server's Browser is: ``NEO4J_BROWSER_URL``, else port 7474 of the Bolt host."""
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


def run(page: Page, text: str) -> Locator:
    """Type ``text`` into Browser's editor, run it (Ctrl+Enter) and return its result frame."""
    page.get_by_test_id("activeEditor").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)
    page.keyboard.press("Control+Enter")
    newest = page.get_by_test_id("frame").first  # the newest frame is on top
    expect(newest.get_by_test_id("frameCommand")).to_contain_text(text[:40], timeout=WAIT_MS)
    return newest


def connect(page: Page, uri: str) -> None:
    """Connect Browser to the server over Bolt without authentication (the server's auth is off)."""
    address = urlsplit(uri)
    page.goto(browser_url(uri))
    page.get_by_test_id("boltaddress").wait_for(timeout=WAIT_MS)
    page.get_by_test_id("bolt-scheme-select").select_option("bolt://")
    page.get_by_test_id("boltaddress").fill(f"{address.hostname}:{address.port or 7687}")
    page.get_by_test_id("authenticationMethod").select_option("NO_AUTH")
    page.get_by_test_id("connect").click()
    # "You are connected ..." after the form; Browser words it "You have a working connection"
    # when it has connected by itself first (the server's auth is off)
    connected = re.compile("You are connected|You have a working connection")
    expect(page.get_by_text(connected).first).to_be_visible(timeout=WAIT_MS)


def drop_style(page: Page) -> None:
    """Drop ``actorgraph.grass`` onto Browser, as a user drags the file onto its window."""
    files = page.evaluate_handle(
        """text => { const files = new DataTransfer();
                     files.items.add(new File([text], 'actorgraph.grass'));
                     return files; }""",
        STYLE.read_text(encoding="utf-8"),
    )
    target = page.locator(".filedrop").first
    for event in ("dragenter", "dragover", "drop"):
        target.dispatch_event(event, {"dataTransfer": files})


def test_ready_queries_run_styled_in_browser(seeded: GraphStore, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    crashes: list[str] = []
    page.on("pageerror", lambda error: crashes.append(str(error)))
    connect(page, os.environ["NEO4J_URI"])
    drop_style(page)
    style = run(page, ":style")
    expect(style.get_by_text("node.Militia")).to_be_visible(timeout=WAIT_MS)  # the style applied
    colours = set(style_colours().values())
    assert READY, "no ready queries in queries/browser/"
    for query in READY:
        frame = run(page, query.read_text(encoding="utf-8"))
        if query.stem in ROWS:  # a table: the seed's claims, quoted
            expect(frame).to_contain_text(ROWS[query.stem], timeout=WAIT_MS)
            continue
        expect(frame.locator("svg g.node").first).to_be_visible(timeout=WAIT_MS)
        fills = frame.locator("svg g.node circle.b-outline").evaluate_all(
            "circles => circles.map(c => c.getAttribute('fill').toLowerCase())"
        )
        assert set(fills) <= colours, (query.stem, set(fills) - colours)  # every actor styled
        captions = frame.locator("svg g.node text.caption").all_text_contents()
        assert captions, query.stem
        assert not [c for c in captions if c.strip().endswith("…")], captions  # names whole
        if query.stem == "pmu_two_hops" and os.environ.get("ACTORGRAPH_SCREENSHOT"):
            frame.screenshot(path=str(SCREENSHOT))
    assert crashes == []
    expect(page.get_by_text("Something went wrong")).to_have_count(0)
    context.close()
