"""The neo4j-admin import files match the store they were written from."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app
from graph.backends.embedded import EmbeddedStore
from graph.backends.neo4j_admin import HEADERS, write_import_files
from loaders.gazetteer import read_gazetteer
from tests.conftest import SEEDS


def read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def test_headers_and_row_counts_match_the_store(seeded: EmbeddedStore, tmp_path: Path) -> None:
    counts = write_import_files(seeded, tmp_path)
    stats = seeded.stats()
    assert counts["actors.csv"] == stats.actors == len(read_gazetteer(SEEDS / "actors.yaml"))
    assert counts["relations.csv"] == stats.relations == 13
    assert counts["claims.csv"] == counts["reports.csv"] == stats.claims == 19
    assert counts["articles.csv"] == stats.articles == 1
    for name, header in HEADERS.items():
        found, rows = read(tmp_path / name)
        assert tuple(found) == header
        assert len(rows) == counts[name]
    _, actors = read(tmp_path / "actors.csv")
    pmu = next(r for r in actors if r[0] == "popular-mobilisation-forces")
    assert pmu[-1] == "Actor|Militia"
    assert "Hashd al-Shaabi" in pmu[3].split("|")
    _, relations = read(tmp_path / "relations.csv")
    types = {r[2] for r in relations}
    assert {"COOPERATES_WITH", "SUPPORTS", "OPPOSES", "FIGHTS", "LEADS"} <= types


def test_every_relationship_endpoint_is_a_node(seeded: EmbeddedStore, tmp_path: Path) -> None:
    write_import_files(seeded, tmp_path)
    ids = {
        r[0]
        for name in ("actors.csv", "articles.csv", "claims.csv")
        for r in read(tmp_path / name)[1]
    }
    for name in ("reports.csv", "claim_sources.csv", "claim_targets.csv", "relations.csv"):
        for row in read(tmp_path / name)[1]:
            assert row[0] in ids
            assert row[1] in ids


def test_cli_export(seeded: EmbeddedStore, tmp_path: Path) -> None:
    path = seeded._state.path
    seeded.close()
    out = tmp_path / "import"
    result = CliRunner().invoke(
        app,
        ["export", str(out), "--format", "neo4j-admin", "--store", path],
        env={"COLUMNS": "120"},
    )
    assert result.exit_code == 0, result.output
    assert "relations.csv" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == sorted(HEADERS)
