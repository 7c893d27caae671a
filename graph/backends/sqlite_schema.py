"""The embedded store's SQLite layout, its version, and the upgrade from earlier layouts."""

from __future__ import annotations

import sqlite3

from pydantic import TypeAdapter

from graph.errors import StoreUnavailable
from graph.model import Article, Claim, Mention

from .sqlite_rows import CLAIM_COLUMNS, PLACE_COLUMNS, Row, claim_values

VERSION = 3
"""``PRAGMA user_version`` of this layout. Version 0 kept claims and mentions as JSON rows;
version 1 had no relations table (every claim was re-tallied on open); version 2 kept no
place on claims."""

PLACE_COLUMN_TYPES = {
    c: "REAL" if c in ("place_lat", "place_lon") else "TEXT" for c in PLACE_COLUMNS
}

KEY_INDEX = (
    "CREATE INDEX IF NOT EXISTS claims_key"
    " ON claims (ksource, ktarget, type, date, confidence, valid_from, valid_to)"
)
"""The claims by the relation they count towards (``ksource``, ``ktarget``: merges applied;
NULL: none, a merged self-loop). It covers the filters and the evidence order: a page of
evidence reads no claim rows. A bulk load drops it and builds it again at its end."""

TABLES = (
    "CREATE TABLE IF NOT EXISTS actors (id TEXT PRIMARY KEY, data TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,"
    " data TEXT NOT NULL, text TEXT, mentions TEXT NOT NULL)",
    # clustered by article: an article's claims are written, replaced and retracted together
    "CREATE TABLE IF NOT EXISTS claims ("
    " article TEXT NOT NULL, id TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,"
    " type TEXT NOT NULL, confidence REAL NOT NULL, modality TEXT NOT NULL, date TEXT,"
    " valid_from TEXT, valid_to TEXT, quote TEXT, quote_start INTEGER, quote_end INTEGER,"
    " attributed_to TEXT, mode TEXT, certainty TEXT, support_type TEXT, attributes TEXT,"
    " ksource TEXT, ktarget TEXT, place_name TEXT, place_admin1 TEXT, place_admin2 TEXT,"
    " place_country TEXT, place_lat REAL, place_lon REAL, place_precision TEXT,"
    " PRIMARY KEY (article, id)) WITHOUT ROWID",
    KEY_INDEX,
    # the running tally of every relation with claims, holding or not (sqlite_relations)
    "CREATE TABLE IF NOT EXISTS relations ("
    " source TEXT NOT NULL, target TEXT NOT NULL, type TEXT NOT NULL, weight REAL NOT NULL,"
    " n_claims INTEGER NOT NULL, n_articles INTEGER NOT NULL, n_denials INTEGER NOT NULL,"
    " first_seen TEXT, last_seen TEXT, best_article TEXT NOT NULL, best_claim TEXT NOT NULL,"
    " best_denied INTEGER NOT NULL, best_weight REAL NOT NULL, best_date TEXT,"
    " quote TEXT, quote_start INTEGER, quote_end INTEGER,"
    " PRIMARY KEY (source, target, type)) WITHOUT ROWID",
    # what the tallies were computed under; they are rebuilt when it differs
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS merges (seq INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL)",
)


def _insert(table: str, columns: tuple[str, ...]) -> str:
    quoted = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(columns))})"


INSERT_CLAIM = _insert("claims", (*CLAIM_COLUMNS, "ksource", "ktarget"))
"""Takes :func:`~graph.backends.sqlite_rows.claim_values` and the claim's relation key ends."""
INSERT_ARTICLE = _insert("articles", ("id", "fingerprint", "data", "text", "mentions"))


def ensure_schema(db: sqlite3.Connection, path: str) -> None:
    """Create the tables of an empty file, or bring an older file up to :data:`VERSION`.

    A file already at :data:`VERSION` is left alone, without waiting for the
    write lock another process (a bulk load) may hold.
    """
    if db.execute("PRAGMA user_version").fetchone()[0] == VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > VERSION:
            raise StoreUnavailable(
                f"embedded store {path} has layout {version}, newer than this actorgraph "
                f"reads ({VERSION}): upgrade actorgraph"
            )
        if version < VERSION and _columns(db, "claims") == {"id", "article", "data"}:
            _upgrade_from_json(db)
        elif version in (1, 2):
            if version == 1:
                # the keys and tallies are filled in by the store (no meta row: rebuild)
                for column in ("ksource", "ktarget"):
                    db.execute(f"ALTER TABLE claims ADD COLUMN {column} TEXT")
            for column, kind in PLACE_COLUMN_TYPES.items():  # stored claims have no place
                if column not in _columns(db, "claims"):
                    db.execute(f"ALTER TABLE claims ADD COLUMN {column} {kind}")
        for statement in TABLES:
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {VERSION}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def _upgrade_from_json(db: sqlite3.Connection) -> None:
    """Layout 0 -> 2: claims from JSON into columns; article text and mentions apart."""
    for index in ("claims_article", "mentions_article"):
        db.execute(f"DROP INDEX IF EXISTS {index}")
    for table in ("claims", "articles"):
        db.execute(f"ALTER TABLE {table} RENAME TO {table}_v0")
    for statement in TABLES:
        db.execute(statement)
    claims = db.execute("SELECT data FROM claims_v0")
    claim_rows = ((*claim_values(Claim.model_validate_json(d)), None, None) for (d,) in claims)
    db.executemany(INSERT_CLAIM, claim_rows)
    mentions: dict[str, list[Mention]] = {}
    for article_id, data in db.execute("SELECT article, data FROM mentions"):
        mentions.setdefault(article_id, []).append(Mention.model_validate_json(data))
    rows = db.execute("SELECT id, fingerprint, data FROM articles_v0").fetchall()
    for article_id, fingerprint, data in rows:
        article = Article.model_validate_json(data)
        db.execute(
            INSERT_ARTICLE,
            article_values(article, fingerprint, tuple(mentions.get(article_id, ()))),
        )
    for table in ("claims_v0", "articles_v0", "mentions"):
        db.execute(f"DROP TABLE {table}")


_MENTIONS = TypeAdapter(tuple[Mention, ...])


def article_values(article: Article, fingerprint: str, mentions: tuple[Mention, ...]) -> Row:
    """The row of ``article``: its text and mentions in columns of their own."""
    data = article.model_dump_json(exclude={"text"})
    return (article.id, fingerprint, data, article.text, _MENTIONS.dump_json(mentions).decode())
