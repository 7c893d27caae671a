"""The web explorer end to end over the seeds, in a real headless Chromium against a real
server (fixtures in ``conftest.py``)."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import httpx2 as httpx
import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from tests.conftest import SEEDS
from tests.web.conftest import open_page, screenshot

ROOT = Path(__file__).resolve().parents[2]
README_SCREENSHOT = ROOT / "docs" / "explorer.png"
START_SCREENSHOT = ROOT / "docs" / "explorer-start.png"

pytestmark = pytest.mark.slow


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
    screenshot(page, README_SCREENSHOT, tmp_path)


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


def test_start_screen_prompts_suggests_and_explains(page: Page, tmp_path: Path) -> None:
    start = page.get_by_role("region", name="Start")
    expect(start).to_be_visible()
    expect(start).to_contain_text("Type an actor's name")
    legend = start.get_by_role("list", name="Legend")
    for entry in ("armed forces", "militia", "hostile", "allied / cooperating", "arrow: directed"):
        expect(legend).to_contain_text(entry)
    expect(start.get_by_role("button", name="Popular Mobilisation Forces")).to_be_visible()
    screenshot(page, START_SCREENSHOT, tmp_path, fit=False)
    suggestion = start.get_by_role("button", name="Popular Mobilisation Forces")
    suggestion.click()
    page.wait_for_function("window.cy.nodes().length > 1")
    expect(start).to_be_hidden()
    assert page.evaluate("window.cy.$('.centre').id()") == "popular-mobilisation-forces"


def test_favicon(page: Page, server: str) -> None:
    href = page.locator("link[rel=icon]").get_attribute("href")
    assert href is not None
    for path in (href, "/favicon.ico"):
        icon = httpx.get(server + path)
        assert icon.status_code == 200
        assert icon.headers["content-type"] == "image/svg+xml"
        assert icon.text.lstrip().startswith("<svg")


def _edge_signs(page: Page) -> list[int]:
    return page.evaluate("window.cy.edges().map(e => e.data('polarity'))")


def test_sign_and_confidence_filters(page: Page) -> None:
    _pick_hashd(page)
    assert -1 in _edge_signs(page)
    assert 1 in _edge_signs(page)
    page.get_by_label("hostile").uncheck()
    page.wait_for_function("window.cy.edges().every(e => e.data('polarity') !== -1)")
    assert 1 in _edge_signs(page)
    before = page.evaluate("window.cy.edges().length")
    page.locator("#min-confidence").fill("0.95")
    page.locator("#min-confidence").dispatch_event("change")
    expect(page.locator("#min-confidence-label")).to_have_text("0.95")
    page.wait_for_function(f"window.cy.edges().length < {before}")
    # the exports follow the view's filters
    href = page.locator("#downloads a[data-format='gexf']").get_attribute("href")
    assert href == "/export?format=gexf&polarity=1&polarity=0&min_confidence=0.95"


def test_a_view_is_shared_by_its_address(page: Page, browser: Browser, server: str) -> None:
    _pick_hashd(page)
    page.locator("#depth").select_option("1")
    page.get_by_label("hostile").uncheck()
    page.locator("#as-of").fill("1")
    expect(page.locator("#as-of-label")).to_have_text("2016-02-24")
    page.wait_for_function("location.search.includes('as_of=2016-02-24')")
    address = page.evaluate("location.pathname + location.search")
    assert "actor=popular-mobilisation-forces" in address
    assert "polarity=1%2C0" in address
    shown = sorted(page.evaluate("window.cy.elements().map(e => e.id())"))

    for other in open_page(browser, server, address):
        other.wait_for_function("window.cy.nodes().length > 1")
        expect(other.locator("#as-of-label")).to_have_text("2016-02-24")
        assert other.locator("#depth").input_value() == "1"
        assert not other.get_by_label("hostile").is_checked()
        assert sorted(other.evaluate("window.cy.elements().map(e => e.id())")) == shown


def test_the_view_saves_as_png_and_svg(page: Page, tmp_path: Path) -> None:
    _pick_hashd(page)
    with page.expect_download() as png:
        page.get_by_role("button", name="PNG of the view").click()
    assert png.value.suggested_filename == "actorgraph-popular-mobilisation-forces.png"
    png_file = tmp_path / "view.png"
    png.value.save_as(png_file)
    assert png_file.read_bytes().startswith(b"\x89PNG")
    with page.expect_download() as svg:
        page.get_by_role("button", name="SVG of the view").click()
    svg_file = tmp_path / "view.svg"
    svg.value.save_as(svg_file)
    root = ElementTree.parse(svg_file).getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    titles = {t.text for t in root.findall("s:g[@class='node']/s:title", ns)}
    assert titles == set(page.evaluate("window.cy.nodes().map(n => n.data('label'))"))
    assert len(root.findall("s:path[@class='edge']", ns)) == page.evaluate(
        "window.cy.edges().length"
    )
    labels = {t.text for t in root.findall("s:text", ns)}
    assert {"Popular Mobilisation Forces", "Syrian Arab Army"} <= labels
