"""Every Cypher statement passes Neo4j's own language service, and the lint can fail."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.backends import cypher
from graph.vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parent.parent
LINT = ROOT / "tools" / "cypher-lint" / "lint.mjs"
SCHEMA = ROOT / "tools" / "cypher-lint" / "schema.json"
DASHBOARD = ROOT / "queries" / "dashboards" / "actorgraph.neodash.json"
DASHBOARD_PARAMETERS = ["neodash_actor_name", "input"]
"""The NeoDash parameters: the chosen actor, and what the user types in the actor selector."""
NOT_CYPHER = {"text", "iframe"}


def lint(*where: str, schema: Path = SCHEMA) -> subprocess.CompletedProcess:
    """The lint over the project's statements, or over ``--statements DIR --browser DIR``."""
    node = shutil.which("node")
    assert node, "node is needed for the Cypher lint (Node 20)"
    assert (LINT.parent / "node_modules").is_dir(), (
        "run: make install (npm ci in tools/cypher-lint)"
    )
    return subprocess.run(
        [node, str(LINT), *where, "--schema", str(schema)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def lint_apart(
    folder: Path, statements: dict[str, str], parameters: list[str]
) -> subprocess.CompletedProcess:
    """The lint over ``statements`` (text by name) alone, each declared with ``parameters``."""
    queries = folder / "queries"
    queries.mkdir()
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    schema["statements"] = dict.fromkeys(statements, parameters)
    for name, text in statements.items():
        (queries / f"{name}.cypher").write_text(text, encoding="utf-8")
    (folder / "schema.json").write_text(json.dumps(schema), encoding="utf-8")
    no_browser = str(folder / "no-browser-queries")
    return lint(
        "--statements", str(queries), "--browser", no_browser, schema=folder / "schema.json"
    )


def test_every_statement_is_clean() -> None:
    result = lint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert ", 0 problems" in result.stdout
    linted = int(result.stdout.split(" statements linted")[0].rsplit(" ", 1)[1])
    assert linted >= len(cypher.names())


BROKEN = {
    "misspelled_label": ("// Broken: label typo.\nMATCH (a:Actr {id: $id})\nRETURN a.name", "Actr"),
    "undefined_variable": (
        "// Broken: b is never bound.\nMATCH (a:Actor {id: $id})\nRETURN b",
        "Variable `b` not defined",
    ),
    "unknown_function": (
        "// Broken: no such function.\nMATCH (a:Actor {id: $id})\nRETURN toUpperCase(a.name)",
        "toUpperCase",
    ),
    "undeclared_parameter": (
        "// Broken: $key is not declared.\nMATCH (a:Actor {id: $key})\nRETURN a.name",
        "Parameter $key is not defined",
    ),
    "unknown_relationship_type": (
        "// Broken: type typo.\nMATCH (a:Actor {id: $id})-[:ALLIED]->(b)\nRETURN b.name",
        "ALLIED",
    ),
    "missing_header": ("MATCH (a:Actor {id: $id})\nRETURN a.name", "header comment"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_the_lint_catches_a_broken_statement(tmp_path: Path, case: str) -> None:
    text, expected = BROKEN[case]
    result = lint_apart(tmp_path, {case: text}, ["id"])
    assert result.returncode == 1
    assert expected in result.stdout


def test_the_schema_declares_exactly_each_statements_parameters() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    declared = {k: set(v) for k, v in schema["statements"].items() if not k.startswith("browser/")}
    assert declared == {name: set(cypher.parameters(name)) for name in cypher.names()}


def test_the_schema_knows_every_vocabulary_type() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    names = Vocabulary.default().names
    assert set(names) <= set(schema["relationshipTypes"])
    assert schema["placeholders"]["rel_type"] == list(names)


def dashboard_queries(dashboard: Path = DASHBOARD) -> dict[str, str]:
    """Every Cypher query of a NeoDash dashboard, named ``<page>-<report>`` in order."""
    spec = json.loads(dashboard.read_text(encoding="utf-8"))
    queries = {}
    for p, page in enumerate(spec["pages"]):
        for r, report in enumerate(page["reports"]):
            if report["type"] not in NOT_CYPHER:
                slug = re.sub(r"[^a-z0-9]+", "_", report["title"].lower()).strip("_")
                queries[f"p{p}_r{r}_{slug}"] = report["query"]
    return queries


def test_every_dashboard_query_is_clean(tmp_path: Path) -> None:
    result = lint_apart(tmp_path, dashboard_queries(), DASHBOARD_PARAMETERS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(dashboard_queries())} files" in result.stdout
    assert len(dashboard_queries()) >= 9


def test_the_dashboard_is_neodash_2_4_with_an_actor_parameter() -> None:
    spec = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    assert spec["version"] == "2.4"
    reports = [r for page in spec["pages"] for r in page["reports"]]
    assert len({r["id"] for r in reports}) == len(reports)
    (selector,) = [r for r in reports if r["type"] == "select"]
    assert selector["settings"]["parameterName"] == "neodash_actor_name"
    assert selector["settings"]["entityType"] == "Actor"
    kinds = {r["type"] for r in reports}
    assert {"table", "graph", "line", "text"} <= kinds
    for report in reports:
        assert report["x"] >= 0, report["title"]
        assert report["x"] + report["width"] <= 24, report["title"]
