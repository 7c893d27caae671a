"""A 100-actor neighbourhood stays readable: a generated corpus of 130 actors in four blocs,
served for real and drawn in headless Chromium (fixtures in ``conftest.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.web.conftest import open_page, screenshot

ROOT = Path(__file__).resolve().parents[2]
README_SCREENSHOT = ROOT / "docs" / "explorer-neighbourhood.png"

pytestmark = pytest.mark.slow

READABILITY = """() => {
  const cy = window.cy;
  const majors = cy.nodes('.major');
  const boxes = majors.map(n =>
    n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }));
  let overlaps = 0;
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
    if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps += 1;
  }));
  return {
    actors: cy.nodes().length,
    labelled: majors.map(n => n.data('label')),
    overlaps,
    smallest_px: Math.min(...majors.map(n => parseFloat(n.style('font-size')) * cy.zoom())),
    minors_hidden: cy.nodes().not('.major').every(n =>
      parseFloat(n.style('font-size')) * cy.zoom() < parseFloat(n.style('min-zoomed-font-size'))),
  };
}"""

SPREAD = """() => {
  const nodes = window.cy.nodes().filter(n => n.data('bloc') !== undefined);
  const sums = { same: [0, 0], across: [0, 0] };
  nodes.forEach(a => nodes.forEach(b => {
    if (a.id() >= b.id()) return;
    const d = Math.hypot(a.position('x') - b.position('x'), a.position('y') - b.position('y'));
    const s = sums[a.data('bloc') === b.data('bloc') ? 'same' : 'across'];
    s[0] += d; s[1] += 1;
  }));
  return { same: sums.same[0] / sums.same[1], across: sums.across[0] / sums.across[1] };
}"""


@pytest.fixture
def big(browser: Browser, big_server: tuple[str, str]) -> Iterator[Page]:
    url, hub = big_server
    yield from open_page(browser, url, f"/?actor={hub}&depth=2")


def test_a_100_actor_neighbourhood_is_readable(big: Page, tmp_path: Path) -> None:
    big.wait_for_function("window.cy.nodes().length > 50")
    seen = big.evaluate(READABILITY)
    assert seen["actors"] >= 90
    assert "Velmar Front" in seen["labelled"]
    assert 5 <= len(seen["labelled"]) <= 15
    assert seen["overlaps"] == 0
    assert seen["smallest_px"] >= 12
    assert seen["minors_hidden"]
    screenshot(big, README_SCREENSHOT, tmp_path, fit=False)
    # zoomed in, the others' names show too, and the important ones still do not collide
    big.evaluate("window.cy.zoom({ level: 2.2, position: window.cy.$('.centre').position() })")
    assert big.evaluate(READABILITY)["overlaps"] == 0
    assert not big.evaluate(READABILITY)["minors_hidden"]


def test_edges_are_as_wide_as_their_weight(big: Page) -> None:
    big.wait_for_function("window.cy.nodes().length > 50")
    pairs = big.evaluate("window.cy.edges().map(e => [e.data('weight'), e.data('width')])")
    pairs.sort()
    widths = [w for _, w in pairs]
    assert widths == sorted(widths)
    assert widths[-1] > 3 * widths[0]


def test_the_layout_keeps_blocs_apart(big: Page) -> None:
    big.get_by_label("Colour by bloc").check()
    big.wait_for_function("window.cy.nodes().some(n => n.data('bloc') !== undefined)")
    big.wait_for_function("location.search.includes('blocs=1')")
    spread = big.evaluate(SPREAD)
    assert spread["same"] < 0.9 * spread["across"]
