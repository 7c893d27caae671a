"""Integer ranges on the API and the CLI alike, and overlong requests answered in JSON."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from cli.main import app as cli
from tests.conftest import ROOT
from tests.security.conftest import runner
from tests.servers import ACTORGRAPH, serving

HUGE = str(2**63)


@pytest.mark.parametrize(
    "path",
    [
        f"/evidence?source=PMU&target=Syrian%20army&offset={HUGE}",
        f"/actors?q=PMU&offset={HUGE}",
        f"/relations?offset={HUGE}",
        f"/balance?offset={HUGE}",
        f"/actors/PMU/neighbourhood?max_relations={HUGE}",
    ],
)
def test_huge_integers_are_422_naming_the_range(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 422
    (problem,) = response.json()["problems"]
    assert problem["allowed"]["max"] is not None


def test_every_integer_parameter_has_a_range(client: TestClient) -> None:
    unbounded = []
    for route, operations in client.get("/openapi.json").json()["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                schema = parameter["schema"]
                for option in schema.get("anyOf", [schema]):
                    option = option.get("items", option)
                    if option.get("type") == "integer" and not (
                        "minimum" in option and "maximum" in option
                    ):
                        unbounded.append(f"{method} {route} {parameter['name']}")
    assert unbounded == []


def test_cli_offset_out_of_range_is_a_usage_error(store_path: str) -> None:
    result = runner.invoke(
        cli, ["evidence", "PMU", "Syrian army", "--offset", HUGE, "--store", store_path]
    )
    assert result.exit_code == 2
    assert "internal error" not in result.output
    assert "allowed 0..1000000000" in result.stderr


def test_long_q_is_the_apis_json_422(client: TestClient) -> None:
    response = client.get("/actors", params={"q": "a" * 5000})
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """``actorgraph serve`` on loopback, as deployed; yields its port."""
    store = tmp_path_factory.mktemp("served") / "store.sqlite"
    with serving(ACTORGRAPH, store, ROOT) as url:
        yield urlsplit(url).port


def raw_get(port: int, target: str) -> tuple[bytes, bytes]:
    """The head and body of the answer to one GET sent as raw bytes (no client URL limit)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return head, body


def test_a_100k_character_q_gets_a_json_error_from_the_server(served: int) -> None:
    head, body = raw_get(served, "/actors?q=" + "a" * 100_000)
    assert head.startswith(b"HTTP/1.1 4")
    assert b"content-type: application/json" in head.lower()
    assert b'"error"' in body


def test_the_server_still_answers_afterwards(served: int) -> None:
    head, _ = raw_get(served, "/health")
    assert head.startswith(b"HTTP/1.1 200")
