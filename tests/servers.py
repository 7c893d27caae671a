"""Helpers for tests that start the API as a separate process on loopback."""

from __future__ import annotations

import socket
import time

import httpx2 as httpx


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
