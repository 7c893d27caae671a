"""A real server and a real headless Chromium for the explorer's end-to-end tests.

Needs Debian's ``chromium`` (``make test`` installs it when missing). If it is
missing the tests fail and say so: they never pass by being skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import SEEDS
from tests.servers import ACTORGRAPH, chromium, seed_served
from tests.web.corpus import write_corpus

ROOT = Path(__file__).resolve().parents[2]
VIEWPORT = {"width": 1400, "height": 860}


def serve(source: Path, store: Path) -> Iterator[str]:
    """Load ``source`` into ``store`` with the CLI, serve it, yield its URL, stop it."""
    with seed_served(ACTORGRAPH, store, ROOT, source) as url:
        yield url


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The API over the seeds."""
    yield from serve(SEEDS, tmp_path_factory.mktemp("web") / "explorer.sqlite")


@pytest.fixture(scope="module")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The API over a generated corpus of 130 actors; with the id of its best-connected one."""
    folder = tmp_path_factory.mktemp("corpus")
    hub = write_corpus(folder / "docs")
    for url in serve(folder / "docs", folder / "big.sqlite"):
        yield url, hub


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def open_page(browser: Browser, url: str, path: str = "/") -> Iterator[Page]:
    """The explorer at ``path`` in a fresh browser context, once its first view is ready."""
    context = browser.new_context(viewport=VIEWPORT, base_url=url, accept_downloads=True)
    opened = context.new_page()
    response = opened.goto(path)
    assert response is not None
    assert response.status == 200, "the explorer's assets are missing from api/static/vendor/"
    opened.wait_for_function("window.explorer !== undefined")
    opened.evaluate("window.explorer.ready")
    yield opened
    context.close()


def screenshot(page: Page, readme_copy: Path, tmp_path: Path, *, fit: bool = True) -> None:
    """Photograph the page (fitted to the graph); ``make screenshot`` (ACTORGRAPH_SCREENSHOT)
    refreshes the README's copy, a plain run leaves the checkout alone."""
    if fit:
        page.evaluate("window.cy.fit(undefined, 30)")
    page.wait_for_timeout(800)  # the canvas redraws after the viewport or the labels changed
    shot = readme_copy if os.environ.get("ACTORGRAPH_SCREENSHOT") else tmp_path / "shot.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG")


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    yield from open_page(browser, server)
