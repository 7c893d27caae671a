"""The web explorer end to end, in a real headless Chromium against a real server.

Needs Debian's ``chromium`` (``make test`` installs it when missing) and the
explorer's assets (``make install``). If either is missing the test fails
and says which: it never passes by being skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest
import yaml
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.conftest import SEEDS
from tests.servers import free_port, wait_ready

ROOT = Path(__file__).resolve().parents[2]
README_SCREENSHOT = ROOT / "docs" / "explorer.png"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = tmp_path_factory.mktemp("web") / "explorer.sqlite"
    cli = [str(Path(sys.executable).parent / "actorgraph")]
    subprocess.run([*cli, "load", str(SEEDS), "--store", str(store)], check=True, cwd=ROOT,
                   capture_output=True)  # fmt: skip
    port = free_port()
    env = {**os.environ, "ACTORGRAPH_STORE": str(store)}
    env.pop("ACTORGRAPH_API_TOKEN", None)
    proc = subprocess.Popen(
        [*cli, "serve", "--port", str(port)], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, time.monotonic() + 10)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make test` (it installs it)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 860}, base_url=server)
    opened = context.new_page()
    response = opened.goto("/")
    assert response is not None
    assert response.status == 200, "the explorer's assets are missing: run `make install`"
    yield opened
    context.close()


def _seed_quote() -> str:
    doc = yaml.safe_load((SEEDS / "000_dbaca485cba48593.yaml").read_text())
    (claim,) = [
        c
        for c in doc["claims"]
        if c["type"] == "COOPERATES_WITH" and "coordinating closely" in str(c.get("evidence"))
    ]
    return " ".join(str(claim["evidence"]).split())


def _pick_hashd(page: Page) -> None:
    page.get_by_label("Actor").fill("Hashd")
    option = page.get_by_role("option", name="Popular Mobilisation Forces")
    expect(option).to_be_visible()
    option.click()
    page.wait_for_function("window.cy.nodes().length > 1")


def _click_edge(page: Page, edge_id: str) -> None:
    box = page.locator("#graph").bounding_box()
    assert box is not None
    point = page.evaluate(
        "id => { const e = window.cy.getElementById(id); window.cy.fit(e, 200);"
        " return e.renderedMidpoint(); }",
        edge_id,
    )
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def test_search_pick_see_click_read(page: Page, tmp_path: Path) -> None:
    _pick_hashd(page)
    assert page.evaluate("window.cy.getElementById('syrian-arab-army').nonempty()")
    label = page.evaluate("window.cy.getElementById('syrian-arab-army').data('label')")
    assert label == "Syrian Arab Army"
    edge = "popular-mobilisation-forces|syrian-arab-army|COOPERATES_WITH"
    assert page.evaluate(f"window.cy.getElementById('{edge}').data('colour')") == "#2e8b57"
    _click_edge(page, edge)
    evidence = page.locator("#evidence-list")
    expect(evidence).to_contain_text(_seed_quote())
    expect(evidence).to_contain_text("Popular Mobilisation 'coordinating with Assad'")
    expect(evidence).to_contain_text("2016-02-24")
    page.evaluate("window.cy.fit(undefined, 40)")
    # `make screenshot` refreshes the README's copy; a plain run leaves the checkout alone
    shot = README_SCREENSHOT if os.environ.get("ACTORGRAPH_SCREENSHOT") else tmp_path / "x.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_time_slider_redraws_the_past(page: Page) -> None:
    _pick_hashd(page)
    before = page.evaluate("window.cy.edges().length")
    page.locator("#as-of").fill("0")  # the day before the first evidence
    expect(page.locator("#as-of-label")).to_have_text("2016-02-23")
    page.wait_for_function("window.cy.edges().length === 0")
    page.locator("#as-of").fill("1")  # the seed's claims are dated 24 and 25 February 2016
    expect(page.locator("#as-of-label")).to_have_text("2016-02-24")
    page.wait_for_function(f"window.cy.edges().length > 0 && window.cy.edges().length < {before}")
    edge = "popular-mobilisation-forces|syrian-arab-army|COOPERATES_WITH"
    assert page.evaluate(f"window.cy.getElementById('{edge}').nonempty()")
    page.locator("#as-of").fill("2")
    expect(page.locator("#as-of-label")).to_have_text("2016-02-25")
    page.wait_for_function(f"window.cy.edges().length === {before}")
    page.locator("#as-of").fill("3")
    expect(page.locator("#as-of-label")).to_have_text("all evidence")


def test_path_finder_shows_the_sign(page: Page) -> None:
    _pick_hashd(page)
    page.locator("#path-from").fill("Alliance of Iraqi Forces")
    page.locator("#path-to").fill("Syrian army")
    page.get_by_role("button", name="Find").click()
    first = page.locator("#path-result li").first
    expect(first).to_contain_text("hostile")
    expect(first).to_contain_text(
        "Alliance of Iraqi Forces → Popular Mobilisation Forces → Syrian Arab Army"
    )
    assert page.evaluate("window.cy.$('.on-path').length") >= 3


def test_bloc_colouring_and_exports(page: Page, server: str) -> None:
    _pick_hashd(page)
    page.get_by_label("Colour by bloc").check()
    page.wait_for_function(
        "window.cy.getElementById('syrian-arab-army').data('bloc') !== undefined"
    )
    same = page.evaluate(
        "window.cy.getElementById('syrian-arab-army').data('bloc') ==="
        " window.cy.getElementById('popular-mobilisation-forces').data('bloc')"
    )
    assert same
    for fmt in ("node-link", "cytoscape", "graphml", "gexf"):
        href = page.locator(f"#downloads a[data-format='{fmt}']").get_attribute("href")
        assert href == f"/export?format={fmt}"
        assert httpx.get(server + href).status_code == 200
    for table, header in (("nodes", "id,label"), ("edges", "source,target")):
        href = page.locator(f"#downloads a[data-table='{table}']").get_attribute("href")
        assert href == f"/export?format=csv&table={table}"
        assert httpx.get(server + href).text.startswith(header)
