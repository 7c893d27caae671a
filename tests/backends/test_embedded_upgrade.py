"""A store file of an earlier actorgraph (layout 0: JSON rows) opens and upgrades in place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from graph.backends.embedded import EmbeddedStore
from graph.errors import StoreUnavailable
from tests.contract.world import ACTORS, WORLD

LAYOUT_0 = """
CREATE TABLE actors (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE articles (id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE mentions (article TEXT NOT NULL, actor TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX mentions_article ON mentions (article);
CREATE TABLE claims (id TEXT PRIMARY KEY, article TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX claims_article ON claims (article);
CREATE TABLE merges (seq INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL);
"""


def write_layout_0(path: Path) -> None:
    """The file the embedded store wrote before claims had columns of their own."""
    db = sqlite3.connect(path)
    db.executescript(LAYOUT_0)
    db.executemany(
        "INSERT INTO actors VALUES (?, ?)", [(a.id, a.model_dump_json()) for a in ACTORS]
    )
    for doc in WORLD:
        article = doc.article
        db.execute(
            "INSERT INTO articles VALUES (?, ?, ?)",
            (article.id, doc.fingerprint(), article.model_dump_json()),
        )
        db.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?)",
            [(article.id, m.actor, m.model_dump_json()) for m in doc.mentions],
        )
        db.executemany(
            "INSERT INTO claims VALUES (?, ?, ?)",
            [(c.id, article.id, c.model_dump_json()) for c in doc.claims],
        )
    db.commit()
    db.close()


def test_an_old_file_reads_back_as_if_loaded_today(tmp_path: Path) -> None:
    today = EmbeddedStore(tmp_path / "today.sqlite")
    today.upsert_actors(ACTORS)
    today.upsert_articles(WORLD)
    old = tmp_path / "old.sqlite"
    write_layout_0(old)
    upgraded = EmbeddedStore(old)
    try:
        assert upgraded.stats() == today.stats()
        assert upgraded.relations() == today.relations()
        pair = ("alpha-front", "beta-militia")
        assert upgraded.evidence(*pair) == today.evidence(*pair)
        for doc in WORLD:
            assert upgraded.article(doc.article.id) == today.article(doc.article.id)
            assert upgraded.article(doc.article.id).text == doc.article.text
        assert [upgraded.upsert_article(doc).status.value for doc in WORLD] == ["unchanged"] * 3
    finally:
        upgraded.close()
        today.close()
    tables = {r[0] for r in sqlite3.connect(old).execute("SELECT name FROM sqlite_master")}
    assert "mentions" not in tables
    assert not any(name.endswith("_v0") for name in tables)


def test_a_file_from_a_newer_actorgraph_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(StoreUnavailable, match="newer than this actorgraph reads"):
        EmbeddedStore(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 99
