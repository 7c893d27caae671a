"""The command line's output: names cannot drive the terminal, a closed pipe ends quietly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import app as cli
from tests.conftest import ROOT
from tests.security.conftest import runner

EVIL = "Evil [/x] [bold]Front\x1b[2J\x1b]0;pwned\x07\x9b31m"


@pytest.fixture
def evil_store(tmp_path: Path, store_path: str) -> str:
    text = "Evil Front backs the PMU."
    doc = {
        "article": {"id": "evil-1", "title": "t", "published": "2017-01-01", "text": text},
        "actors": [{"id": "evil-front", "name": EVIL, "aliases": ["Evil Front"]}],
        "claims": [{"source": "Evil Front", "target": "PMU", "type": "SUPPORTS", "evidence": text}],
    }
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(doc))
    result = runner.invoke(cli, ["load", str(path), "--store", store_path])
    assert result.exit_code == 0, result.output
    return store_path


@pytest.mark.parametrize(
    "command",
    [["allies", "PMU"], ["search", "Evil Front"], ["evidence", "Evil Front", "PMU"]],
)
def test_control_characters_in_names_are_escaped(evil_store: str, command: list[str]) -> None:
    result = runner.invoke(cli, [*command, "--store", evil_store], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "evil-front" in result.stdout or "Evil" in result.stdout
    assert not any(ch in result.stdout for ch in "\x1b\x07\x9b")
    assert "\\x1b[2J" in result.stdout


def test_export_into_a_closed_pipe_ends_quietly(store_path: str) -> None:
    command = [sys.executable, "-c", "from cli.main import app; app()"]
    child = subprocess.Popen(
        [*command, "export", "--format", "graphml", "--store", store_path],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    assert child.stderr is not None
    child.stdout.close()  # the reader is gone before a byte is written, as `| head -0`
    err = child.stderr.read().decode()
    child.wait(timeout=60)
    assert err == ""
    assert child.returncode == 141
