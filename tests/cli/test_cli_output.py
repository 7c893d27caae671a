"""What the CLI shows people (help, tables at any width) and pipelines (JSON, CSV, TSV)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from cli.main import app
from graph.settings import Settings
from tests.conftest import ROOT, SEEDS
from tests.stores import cli_loaded

runner = CliRunner()
QUERY_COMMANDS = {
    "allies": ["PMU"],
    "enemies": ["PMU"],
    "path": ["Iran", "Alliance of Iraqi Forces"],
    "neighbourhood": ["PMU"],
    "evidence": ["PMU", "Syrian Arab Army"],
    "search": ["Hashd"],
    "stats": [],
    "timeline": ["PMU", "Syrian Arab Army"],
    "blocs": [],
    "balance": [],
    "infer": ["AIF"],
    "brokers": [],
    "support": ["--min-length", "1"],
}


def _commands() -> dict[str, Any]:
    """Every command by its full name ("allies", "actors merge"), as click sees it."""
    root = typer.main.get_command(app)
    found: dict[str, Any] = {}

    def walk(prefix: str, group: Any) -> None:
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                walk(f"{prefix}{name} ", command)
            else:
                found[prefix + name] = command

    walk("", root)
    return found


COMMANDS = _commands()


def _seed_quote() -> str:
    doc = yaml.safe_load((SEEDS / "000_dbaca485cba48593.yaml").read_text(encoding="utf-8"))
    (claim,) = [c for c in doc["claims"] if "coordinating closely" in str(c.get("evidence"))]
    return " ".join(str(claim["evidence"]).split())


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return cli_loaded(SEEDS, tmp_path_factory.mktemp("cli") / "cli.sqlite")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_shows_plain_metavars_and_explains_every_option(name: str) -> None:
    result = runner.invoke(app, [*name.split(), "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert not re.search(r"<[a-z]|\{", result.stdout), result.stdout
    for param in COMMANDS[name].params:
        if param.param_type_name == "option":
            assert param.help, f"{name} {param.opts[0]} has no help"


def test_the_readme_names_every_option_of_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    options = {
        opt
        for command in COMMANDS.values()
        for param in command.params
        if param.param_type_name == "option"
        for opt in param.opts
        if opt.startswith("--") and opt != "--help"
    }
    assert sorted(o for o in options if not re.search(rf"`[^`]*{re.escape(o)}\b", readme)) == []


@pytest.mark.parametrize("name", sorted(QUERY_COMMANDS))
def test_every_query_command_answers_in_every_format(store: str, name: str) -> None:
    args = [name, *QUERY_COMMANDS[name], "--store", store]
    answers = {f: runner.invoke(app, [*args, "--format", f]) for f in ("json", "csv", "tsv")}
    assert all(a.exit_code == 0 for a in answers.values()), answers
    assert json.loads(answers["json"].stdout) == json.loads(
        runner.invoke(app, [*args, "--json"]).stdout
    )
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        header = next(csv.reader(io.StringIO(answers[fmt].stdout), delimiter=delimiter))
        assert len(header) > 1, answers[fmt].stdout


def test_csv_and_tsv_carry_the_whole_evidence(store: str) -> None:
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        out = runner.invoke(app, ["allies", "PMU", "--store", store, "--format", fmt]).stdout
        rows = list(csv.DictReader(io.StringIO(out), delimiter=delimiter))
        army = next(r for r in rows if r["actor"] == "Syrian Arab Army")
        assert army["evidence"] == _seed_quote()
        assert army["stance"] == "+2.20"


@pytest.mark.parametrize("columns", ["80", "100"])
def test_a_narrow_or_piped_table_wraps_the_evidence_and_keeps_the_stance(
    store: str, columns: str
) -> None:
    out = runner.invoke(app, ["allies", "PMU", "--store", store], env={"COLUMNS": columns}).stdout
    assert max(len(line) for line in out.splitlines()) <= int(columns)
    assert _seed_quote() in " ".join(out.split())
    assert "+2.20" in out.split()
    assert "COOPERATES_WITH" in out.split()


def test_a_wide_table_wraps_the_evidence_in_its_column(store: str) -> None:
    out = runner.invoke(app, ["allies", "PMU", "--store", store], env={"COLUMNS": "140"}).stdout
    assert max(len(line) for line in out.splitlines()) <= 140
    cells = [line.split("│") for line in out.splitlines() if line.startswith("│")]
    assert all(len(c) == 9 for c in cells)  # 7 columns, nothing dropped
    evidence = " ".join(" ".join(c[7] for c in cells).split())
    assert _seed_quote() in evidence
    assert "+2.20" in [c[3].strip() for c in cells]


def test_search_shows_only_close_matches(store: str) -> None:
    def ids(query: str) -> list[str]:
        out = runner.invoke(app, ["search", query, "--store", store, "--json"]).stdout
        return [m["actor"]["id"] for m in json.loads(out)]

    assert ids("Iran") == ["iran"]
    assert ids("Hashd") == ["popular-mobilisation-forces"]
    assert ids("Popular Mobilsation") == ["popular-mobilisation-forces"]
    assert ids("al-Assad") == ["syrian-government", "bashar-al-assad"]


def test_polarity_filters_as_in_the_api(store: str) -> None:
    out = runner.invoke(
        app, ["neighbourhood", "PMU", "--polarity", "-1", "--store", store, "--json"]
    ).stdout
    relations = json.loads(out)["relations"]
    assert relations
    assert {r["polarity"] for r in relations} == {-1}


def test_a_bad_filter_is_refused_in_the_same_words_by_the_cli_and_the_api(
    store: str, tmp_path: Path
) -> None:
    cli = runner.invoke(app, ["allies", "PMU", "--type", "FRIENDS_WITH", "--store", store])
    assert cli.exit_code == 1
    with TestClient(create_app(Settings(store=store))) as client:
        api = client.get("/actors/PMU/allies", params={"types": "FRIENDS_WITH"})
    assert api.status_code == 422
    assert cli.stderr.strip() == f"error: {api.json()['detail']}"
    window = runner.invoke(
        app, ["allies", "PMU", "--since", "2017-01-01", "--until", "2016-01-01", "--store", store]
    )
    assert window.stderr.strip() == "error: since 2017-01-01 is after until 2016-01-01"


def test_piped_through_a_real_pipe_the_evidence_is_whole(store: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    cli = str(Path(sys.executable).parent / "actorgraph")
    done = subprocess.run(
        [cli, "allies", "PMU", "--store", store], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0
    assert _seed_quote() in " ".join(done.stdout.split())
    assert "+2.20" in done.stdout.split()


def test_query_commands_share_their_options_word_for_word() -> None:
    def options(name: str) -> dict[str, str]:
        params = COMMANDS[name].params
        return {p.opts[0]: p.help for p in params if p.param_type_name == "option"}

    shared = {"--store", "--format", "--json", "--debug"}
    filters = {"--as-of", "--since", "--until", "--type", "--polarity", "--min-confidence"}
    reference = options("allies")
    for name in QUERY_COMMANDS:
        mine = options(name)
        expected = shared | (set() if name in ("search", "stats") else filters)
        if name == "support":
            expected -= {"--type"}
        assert expected <= set(mine), name
        assert {o: mine[o] for o in expected} == {o: reference[o] for o in expected}, name
