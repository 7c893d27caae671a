"""The embedded store's durable state: a SQLite file of actors, articles and claims.

Models are kept as JSON beside the indexed key columns; every article is
written in one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import StoreUnavailable
from graph.model import Actor, AnnotatedArticle, Article, Claim, Mention

SCHEMA = """
CREATE TABLE IF NOT EXISTS actors (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    article TEXT NOT NULL, actor TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article);
CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY, article TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_article ON claims (article);
"""


class SqliteState:
    """Reads and writes the domain objects of one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self.db.execute("PRAGMA busy_timeout=10000")
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"cannot open embedded store {self.path}: {exc}") from None

    def data_version(self) -> int:
        """Changes whenever another connection (another process) commits."""
        try:
            return self.db.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"embedded store {self.path} cannot be read: {exc}") from None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing write transaction; concurrent writers wait their turn."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"embedded store {self.path} is not writable: {exc}") from None
        try:
            yield self.db
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreUnavailable(f"embedded store {self.path} failed a write: {exc}") from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    # -- reads ------------------------------------------------------------------
    def actors(self) -> Iterator[Actor]:
        for (data,) in self.db.execute("SELECT data FROM actors"):
            yield Actor.model_validate_json(data)

    def articles(self) -> Iterator[tuple[Article, str]]:
        for data, fingerprint in self.db.execute("SELECT data, fingerprint FROM articles"):
            yield Article.model_validate_json(data), fingerprint

    def claims(self) -> Iterator[Claim]:
        for (data,) in self.db.execute("SELECT data FROM claims"):
            yield Claim.model_validate_json(data)

    def article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Article.model_validate_json(row[0]) if row else None

    def mentions(self, article_id: str) -> list[Mention]:
        rows = self.db.execute("SELECT data FROM mentions WHERE article = ?", (article_id,))
        return [Mention.model_validate_json(data) for (data,) in rows]

    # -- writes (inside a transaction) -----------------------------------------------
    @staticmethod
    def put_actors(db: sqlite3.Connection, actors: Iterable[Actor]) -> None:
        db.executemany(
            "INSERT INTO actors (id, data) VALUES (?, ?) "
            "ON CONFLICT (id) DO UPDATE SET data = excluded.data",
            [(a.id, a.model_dump_json()) for a in actors],
        )

    @staticmethod
    def delete_article(db: sqlite3.Connection, article_id: str) -> None:
        for table, column in (("claims", "article"), ("mentions", "article"), ("articles", "id")):
            db.execute(f"DELETE FROM {table} WHERE {column} = ?", (article_id,))

    @staticmethod
    def put_article(db: sqlite3.Connection, doc: AnnotatedArticle, fingerprint: str) -> None:
        article = doc.article
        db.execute(
            "INSERT INTO articles (id, fingerprint, data) VALUES (?, ?, ?)",
            (article.id, fingerprint, article.model_dump_json()),
        )
        db.executemany(
            "INSERT INTO mentions (article, actor, data) VALUES (?, ?, ?)",
            [(article.id, m.actor, m.model_dump_json()) for m in doc.mentions],
        )
        db.executemany(
            "INSERT INTO claims (id, article, data) VALUES (?, ?, ?)",
            [(c.id, article.id, c.model_dump_json()) for c in doc.claims],
        )

    def close(self) -> None:
        self.db.close()
