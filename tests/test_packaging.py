"""The package carries its pages: a built wheel, installed into a fresh venv and served,
shows the explorer, /docs and /redoc in headless Chromium with nothing fetched from
outside, and the wheel builds without warnings.

The fresh venv holds only the wheel; the wheel's dependencies are the test
environment's own (added by a ``.pth`` file, never the project's source tree), so
the test needs no package registry and no network.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Request, Route, expect

from tests.servers import chromium, seed_served

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "api" / "static" / "vendor"
WEB = json.loads((ROOT / "web" / "package.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.slow


def test_vendored_libraries_are_the_pinned_ones_with_their_licences() -> None:
    manifest = json.loads((VENDOR / "VENDORED.json").read_text(encoding="utf-8"))
    assert sorted(manifest) == sorted(Path(entry).name for entry in WEB["actorgraphVendor"])
    for name, row in manifest.items():
        assert row["version"] == WEB["dependencies"][row["package"]], f"{name}: run make vendor"
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == row["sha256"], name
        assert (VENDOR / f"{row['package'].replace('/', '-')}.LICENSE").is_file(), name


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The wheel built from the working tree's files (tracked or new, not ignored), and the
    build's output."""
    work = tmp_path_factory.mktemp("wheel")
    source, out = work / "source", work / "dist"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / name, source / name)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", str(out), str(source)],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    (wheel,) = out.glob("*.whl")
    return wheel, output


def test_the_wheel_builds_without_warnings(built: tuple[Path, str]) -> None:
    _, output = built
    assert [line for line in output.splitlines() if "warn" in line.lower()] == []


def test_the_wheel_holds_the_pages_their_libraries_and_licences(built: tuple[Path, str]) -> None:
    wheel, _ = built
    names = set(zipfile.ZipFile(wheel).namelist())
    pages = {"api/static/index.html", "api/static/explorer.js", "api/static/explorer.css"}
    vendored = {f"api/static/vendor/{p.name}" for p in VENDOR.iterdir()}
    assert pages | vendored <= names
    assert "api/static/vendor/swagger-ui-dist.LICENSE" in names
    assert any(n.startswith("queries/browser/") and n.endswith(".cypher") for n in names)
    assert not any(n.startswith("tests/") for n in names)


@pytest.fixture(scope="module")
def served(built: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The wheel installed into a fresh venv, serving the seed from a folder outside the repo."""
    wheel, _ = built
    work = tmp_path_factory.mktemp("installed")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    (Path(site) / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = subprocess.run(
        [str(python), "-c", "import api; print(api.__file__)"],
        cwd=work, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert where.startswith(site), f"api imported from {where}, not the installed wheel"
    with seed_served(str(venv / "bin" / "actorgraph"), work / "store.sqlite", work) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.mark.parametrize(
    ("path", "shown", "text"),
    [
        ("/", "#search", None),
        ("/docs", ".swagger-ui .info .title", "actorgraph"),
        ("/docs", ".swagger-ui .opblock-summary-path", "/actors/{ref}/allies"),
        ("/redoc", "h1", "actorgraph"),
        ("/redoc", "[role=menuitem]", "Allies"),
    ],
)
def test_the_installed_wheel_serves_its_pages_with_nothing_from_outside(
    browser: Browser, served: str, path: str, shown: str, text: str | None
) -> None:
    outside: list[str] = []

    def only_this_server(route: Route, request: Request) -> None:
        if request.url.startswith(served):
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/*", only_this_server)
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
    page.on("pageerror", lambda e: failed.append(str(e)))
    # what a library asks of another host by itself (ReDoc's footer logo) the page's
    # Content-Security-Policy stops in the browser: it never reaches the network
    try:
        response = page.goto(served + path)
        assert response is not None
        assert response.status == 200
        element = page.locator(shown).filter(has_text=text or "").first
        expect(element).to_be_visible(timeout=20_000)
        if path == "/":
            assert page.evaluate("typeof window.cytoscape") == "function"
        page.wait_for_load_state("networkidle")
        assert outside == []
        blocked = [f for f in failed if f.endswith(" csp")]
        assert not any(f.startswith(served) for f in blocked)
        assert [f for f in failed if f not in blocked] == []
    finally:
        context.close()
