"""The embedded store's durable state: a SQLite file of actors, articles and claims.

Models are kept as JSON beside the indexed key columns; every article is
written in one transaction.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import StoreUnavailable
from graph.model import Actor, AnnotatedArticle, Article, Claim, Mention, Merge

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
CREATE TABLE IF NOT EXISTS merges (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL
);
"""


class SqliteState:
    """Reads and writes the domain objects of one SQLite file."""

    def __init__(self, path: str | Path, busy_seconds: float = 10.0) -> None:
        self.path = str(path)
        self.busy_seconds = busy_seconds
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._connect()

    def _connect(self) -> None:
        try:
            self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self.db.execute(f"PRAGMA busy_timeout={int(self.busy_seconds * 1000)}")
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"cannot open embedded store {self.path}: {exc}") from None
        self._inode = self._stat()
        self._reconnected = False

    def _stat(self) -> tuple[int, int] | None:
        if self.path == ":memory:":
            return None
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_dev, st.st_ino)

    def check_file(self) -> bool:
        """Whether the file is still the one we opened; reconnects when it came back.

        Returns True when it reconnected (the caller must reload). Raises
        :class:`StoreUnavailable` while the file is missing, so nothing is
        written into a deleted file.
        """
        if self.path == ":memory:":
            return False
        now = self._stat()
        if now == self._inode:
            return False
        if now is None:
            raise StoreUnavailable(f"embedded store {self.path} is missing (removed or moved)")
        self.db.close()
        self._connect()
        self._reconnected = True
        return True

    def data_version(self) -> int:
        """Changes whenever another connection (another process) commits.

        A new file in place of the one opened counts as a change (-1).
        """
        self.check_file()
        if self._reconnected:
            self._reconnected = False
            return -1
        try:
            return self.db.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"embedded store {self.path} cannot be read: {exc}") from None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing write transaction; concurrent writers wait their turn."""
        self.check_file()
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

    def merges(self) -> list[Merge]:
        rows = self.db.execute("SELECT data FROM merges ORDER BY seq")
        return [Merge.model_validate_json(data) for (data,) in rows]

    @staticmethod
    def put_merge(db: sqlite3.Connection, merge: Merge) -> Merge:
        """Insert a new merge (its ``seq`` assigned here) or rewrite an existing one."""
        if merge.seq:
            db.execute(
                "UPDATE merges SET data = ? WHERE seq = ?", (merge.model_dump_json(), merge.seq)
            )
            return merge
        seq = db.execute("INSERT INTO merges (data) VALUES ('{}')").lastrowid
        merge = merge.model_copy(update={"seq": seq})
        db.execute("UPDATE merges SET data = ? WHERE seq = ?", (merge.model_dump_json(), seq))
        return merge

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
