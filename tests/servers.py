"""Helpers for tests that start the API as a separate process on loopback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2 as httpx
import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.conftest import SEEDS

ACTORGRAPH = str(Path(sys.executable).parent / "actorgraph")
"""The test environment's own ``actorgraph`` command."""
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
"""Debian's Chromium, headless, asking no host of its own accord."""


def free_port() -> int:
    """A TCP port nothing listens on at the moment."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(url: str, deadline: float) -> None:
    """Return once ``url``/ready answers 200; fail the test after ``deadline`` (monotonic)."""
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/ready", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not become ready")


@contextmanager
def seed_served(cli: str, store: Path, cwd: Path, source: Path = SEEDS) -> Iterator[str]:
    """The seed (or ``source``) loaded into ``store`` by the ``actorgraph`` at ``cli`` and served
    by it, read-only, on a free loopback port, run from ``cwd``: the server's URL while it runs."""
    subprocess.run([cli, "load", str(source), "--store", str(store)], check=True, cwd=cwd,
                   capture_output=True)  # fmt: skip
    with serving(cli, store, cwd) as url:
        yield url


@contextmanager
def serving(cli: str, store: Path, cwd: Path) -> Iterator[str]:
    """``store`` served, read-only, by the ``actorgraph`` at ``cli`` on a free loopback port, run
    from ``cwd``: the server's URL while it runs."""
    port = free_port()
    env = {**os.environ, "ACTORGRAPH_STORE": str(store)}
    env.pop("ACTORGRAPH_API_TOKEN", None)
    proc = subprocess.Popen(
        [cli, "serve", "--port", str(port)], cwd=cwd, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, time.monotonic() + 15)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def chromium() -> Iterator[Browser]:
    """Headless Chromium for a test; the test fails, saying what to install, without it."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make test` (it says how)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()
