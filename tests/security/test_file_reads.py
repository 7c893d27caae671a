"""Nothing outside the caller's reach is read: an article's text_file over HTTP and the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cli.main import app as cli
from tests.security.conftest import SECRET, article, counts, runner

HOSTNAME = Path("/etc/hostname")
OUTSIDE = [
    "/proc/self/environ",
    "/etc/shadow",
    "/etc/hostname",
    "../" * 16 + "etc/hostname",
    "/dev/zero",
    "/bin/ls",
]


def leaks(text: str) -> bool:
    """Whether an answer carries the environment's secret or the host's name file."""
    host = HOSTNAME.read_text().strip() if HOSTNAME.is_file() else ""
    return SECRET in text or (len(host) > 3 and f'"{host}' in text)


@pytest.mark.parametrize("text_file", [*OUTSIDE, "seeds/000_dbaca485cba48593.txt"])
def test_post_articles_refuses_any_text_file(client: TestClient, text_file: str) -> None:
    before = client.get("/health").json()["stats"]
    response = client.post("/articles", json=article(text_file))
    assert response.status_code == 422
    body = response.json()
    assert (body["record"], body["field"]) == ("article", "text_file")
    assert "inline" in body["detail"]
    assert not leaks(response.text)
    assert client.get("/articles/hostile-2017-01-01").status_code == 404
    assert client.get("/health").json()["stats"] == before


def test_missing_and_existing_paths_answer_alike(client: TestClient) -> None:
    there = client.post("/articles", json=article("/etc/passwd")).json()["detail"]
    absent = client.post("/articles", json=article("/etc/no-such-file-here")).json()["detail"]
    assert there == absent


@pytest.mark.parametrize("text_file", OUTSIDE)
def test_ingest_refuses_a_text_file_outside_the_upload(client: TestClient, text_file: str) -> None:
    before = client.get("/health").json()["stats"]
    doc = json.dumps(article(text_file)).encode()
    response = client.post("/ingest", files=[("files", ("doc.json", doc, "application/json"))])
    assert response.status_code == 422
    body = response.json()
    assert (body["record"], body["field"]) == ("article", "text_file")
    assert not leaks(response.text)
    assert client.get("/articles/hostile-2017-01-01").status_code == 404
    assert client.get("/health").json()["stats"] == before


def test_ingest_reads_a_text_file_uploaded_beside_the_document(client: TestClient) -> None:
    doc = json.dumps(article("body.txt")).encode()
    files = [
        ("files", ("doc.json", doc, "application/json")),
        ("files", ("body.txt", b"Iran backs the PMU.", "text/plain")),
    ]
    assert client.post("/ingest", files=files).status_code == 200
    assert client.get("/articles/hostile-2017-01-01").json()["text"] == "Iran backs the PMU."


def write_doc(folder: Path, text_file: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "doc.json"
    path.write_text(json.dumps(article(text_file)), encoding="utf-8")
    return path


@pytest.mark.parametrize("text_file", [*OUTSIDE, "../secret.txt", "link.txt", "sub"])
def test_cli_keeps_a_text_file_inside_the_documents_folder(
    tmp_path: Path, store_path: str, text_file: str
) -> None:
    (tmp_path / "secret.txt").write_text(SECRET)
    doc = write_doc(tmp_path / "docs", text_file)
    os.symlink(tmp_path / "secret.txt", tmp_path / "docs" / "link.txt")
    (tmp_path / "docs" / "sub").mkdir()
    before = counts(store_path)
    result = runner.invoke(cli, ["load", str(doc), "--store", store_path])
    assert result.exit_code == 1
    assert "internal error" not in result.output
    assert str(doc) in result.output
    assert "record article: field text_file" in result.output
    assert SECRET not in result.output
    assert counts(store_path) == before


def test_cli_text_file_must_be_utf8(tmp_path: Path, store_path: str) -> None:
    doc = write_doc(tmp_path, "body.txt")
    (tmp_path / "body.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\xff\xfe")
    result = runner.invoke(cli, ["load", str(doc), "--store", store_path])
    assert result.exit_code == 1
    assert "not UTF-8" in result.output
    assert "field text_file" in result.output


def test_cli_text_file_has_a_size_cap(tmp_path: Path, store_path: str) -> None:
    doc = write_doc(tmp_path, "body.txt")
    (tmp_path / "body.txt").write_text("Iran backs the PMU. " * 100)
    env = {"ACTORGRAPH_MAX_TEXT_FILE_BYTES": "1000"}
    result = runner.invoke(cli, ["load", str(doc), "--store", store_path], env=env)
    assert result.exit_code == 1
    assert "over the limit of 1,000 bytes" in result.output
    assert runner.invoke(cli, ["load", str(doc), "--store", store_path]).exit_code == 0


def test_cli_reads_a_text_file_inside_the_folder(tmp_path: Path, store_path: str) -> None:
    doc = write_doc(tmp_path, "texts/body.txt")
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "body.txt").write_text("Iran backs the PMU.")
    result = runner.invoke(cli, ["load", str(doc), "--store", store_path])
    assert result.exit_code == 0, result.output


def test_brat_text_must_not_link_outside(tmp_path: Path, store_path: str) -> None:
    (tmp_path / "secret.txt").write_text(SECRET)
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.ann").write_text("T1\tOrganization 0 4\tIran\n")
    os.symlink(tmp_path / "secret.txt", folder / "doc.txt")
    result = runner.invoke(cli, ["load", str(folder / "doc.ann"), "--store", store_path])
    assert result.exit_code == 1
    assert "links outside" in result.output
    assert SECRET not in result.output
