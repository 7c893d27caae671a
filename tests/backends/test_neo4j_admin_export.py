"""The neo4j-admin import files match the store they were written from."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app
from graph.backends.embedded import EmbeddedStore
from graph.backends.neo4j_admin import HEADERS, IMPORT_COMMAND, write_import_files
from graph.model import Actor, AnnotatedArticle, Article, Claim, Evidence
from loaders.gazetteer import read_gazetteer
from tests.conftest import SEEDS

README = Path(__file__).resolve().parents[2] / "README.md"


def read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def column(path: Path, name: str) -> list[str]:
    header, rows = read(path)
    at = header.index(name)
    return [r[at] for r in rows]


def test_headers_and_row_counts_match_the_store(seeded: EmbeddedStore, tmp_path: Path) -> None:
    out = tmp_path / "import"
    counts = write_import_files(seeded, out)
    stats = seeded.stats()
    assert sorted(p.name for p in out.iterdir()) == sorted(HEADERS)
    for name, header in HEADERS.items():
        found, rows = read(out / name)
        assert tuple(found) == header, name
        assert len(rows) == counts[name], name
    assert counts["actors.csv"] == stats.actors == len(read_gazetteer(SEEDS / "actors.yaml"))
    assert counts["articles.csv"] == stats.articles == 1
    assert counts["claims.csv"] == stats.claims == 19
    assert counts["reports.csv"] == counts["claim_sources.csv"] == counts["claim_targets.csv"] == 19
    attributed = column(out / "claims.csv", "attributed_to")
    assert counts["claim_attributions.csv"] == sum(bool(a) for a in attributed) > 0
    assert counts["merges.csv"] == 0
    assert counts["relations.csv"] == stats.relations == 13
    relations = {(r.source, r.target, r.type) for r in seeded.relations()}
    _, rows = read(out / "relations.csv")
    assert relations == {(r[0], r[1], r[2]) for r in rows}

    _, actors = read(out / "actors.csv")
    pmu = next(r for r in actors if r[0] == "popular-mobilisation-forces")
    assert pmu[-1] == "Actor|Militia"
    assert "Hashd al-Shaabi" in pmu[3].split("|")
    (article_id,) = column(out / "articles.csv", "id:ID(Article)")
    (text,) = column(out / "articles.csv", "text")
    assert text == seeded.article(article_id).text
    assert "\n" in text  # multi-line: the import command says --multiline-fields=true


def test_every_relationship_endpoint_is_a_node(seeded: EmbeddedStore, tmp_path: Path) -> None:
    write_import_files(seeded, tmp_path)
    ids = {
        r[0]
        for name in ("actors.csv", "articles.csv", "claims.csv")
        for r in read(tmp_path / name)[1]
    }
    for name, header in HEADERS.items():
        if header[0].startswith(":START_ID"):
            for row in read(tmp_path / name)[1]:
                assert row[0] in ids, name
                assert row[1] in ids, name


def _claim(article: str, source: str, target: str, kind: str) -> Claim:
    return Claim(
        id=f"{article}-{source}-{kind.lower()}",
        article=article,
        source=source,
        target=target,
        type=kind,
        confidence=0.8,
        date=date(2016, 3, 1),
        evidence=Evidence(quote=f'{source} said "no"\nto {target}.'),
    )


def test_merges_and_multiline_text_survive(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "w.sqlite")
    store.upsert_actors([Actor(id=x, name=x.upper(), kind="militia") for x in "abcd"])
    text = 'Line one, with "quotes".\nLine two; a | bar.'
    store.upsert_article(
        AnnotatedArticle(
            article=Article(id="x1", title="X, one", published=date(2016, 3, 1), text=text),
            claims=(_claim("x1", "a", "c", "SUPPORTS"), _claim("x1", "d", "c", "FIGHTS")),
        )
    )
    store.merge_actors("d", "a")
    out = tmp_path / "import"
    counts = write_import_files(store, out)
    stats = store.stats()
    assert counts["actors.csv"] == stats.actors + 1  # the merged-away actor stays a node
    assert counts["claims.csv"] == stats.claims == 2
    assert counts["merges.csv"] == 1
    assert counts["relations.csv"] == stats.relations == 2
    _, relations = read(out / "relations.csv")
    assert ("a", "c", "FIGHTS") in {(r[0], r[1], r[2]) for r in relations}
    keys = dict(
        zip(column(out / "claims.csv", "source"), column(out / "claims.csv", "key"), strict=True)
    )
    assert keys["d"] == "a|c|FIGHTS"  # the claim keeps its actor, counts for the canonical one
    (stored,) = column(out / "articles.csv", "text")
    assert stored == text
    (data,) = column(out / "articles.csv", "data")
    assert json.loads(data)["text"] is None
    store.close()


def test_the_readme_shows_the_exact_import_command() -> None:
    command = IMPORT_COMMAND.format(d="import")
    readme = " ".join(README.read_text(encoding="utf-8").replace("\\\n", " ").split())
    assert command in readme
    for name in HEADERS:
        assert f"=import/{name}" in command


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
