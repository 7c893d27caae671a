"""The embedded store's durable state: one SQLite file of actors, articles, claims, merges.

Every write happens in one transaction (:meth:`SqliteState.transaction`); the
layout is in :mod:`graph.backends.sqlite_schema`.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from graph.errors import StoreUnavailable
from graph.model import Actor, AnnotatedArticle, Article, Claim, Merge

from .sqlite_rows import CLAIM_COLUMNS, Row, claim_from_values
from .sqlite_schema import (
    INSERT_ARTICLE,
    INSERT_CLAIM,
    article_values,
    ensure_schema,
)

_CLAIM_SELECT = (
    "SELECT "
    + ", ".join(f"c.{column}" for column in CLAIM_COLUMNS)
    + " FROM wanted CROSS JOIN claims AS c ON c.article = wanted.article AND c.id = wanted.id"
)


T = TypeVar("T")


def _marks(n: int) -> str:
    return "(" + ", ".join("?" * n) + ")"


def _chunks(items: list[T], size: int = 400) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class SqliteState:
    """Reads and writes the domain objects of one SQLite file."""

    def __init__(self, path: str | Path, busy_seconds: float = 10.0) -> None:
        self.path = str(path)
        self.busy_seconds = busy_seconds
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._connect()

    def _connect(self) -> None:
        self._stale = False  # set by a read-only fault: reconnect before the next write
        self._match_permissions()
        try:
            self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self.db.execute(f"PRAGMA busy_timeout={int(self.busy_seconds * 1000)}")
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            # the claims index takes inserts all over: keep more of it cached (64 MiB)
            self.db.execute("PRAGMA cache_size=-65536")
            ensure_schema(self.db, self.path)
        except sqlite3.Error as exc:
            raise self._fault(exc, "cannot be opened") from None
        self._inode = self._stat()
        self._reconnected = False

    def _companions(self) -> list[Path]:
        """The write-ahead log and shared-memory files SQLite keeps beside the store."""
        return [Path(f"{self.path}{suffix}") for suffix in ("-wal", "-shm")]

    def _match_permissions(self) -> None:
        """Give the store's -wal and -shm files the store file's own permissions.

        SQLite creates them with the mode the store had then: made while it was
        read-only they would stay read-only, and the store with them, after the
        store file is writable again.
        """
        if self.path == ":memory:":
            return
        try:
            mode = os.stat(self.path).st_mode & 0o777
            for companion in self._companions():
                found = os.stat(companion)
                if found.st_mode & 0o777 != mode and found.st_uid == os.geteuid():
                    os.chmod(companion, mode)
        except OSError:
            pass  # missing files: SQLite makes them afresh

    def _fault(self, exc: sqlite3.Error, doing: str) -> StoreUnavailable:
        """A SQLite failure said as the store's, naming the file at fault when it is read-only.

        After a read-only fault the connection is opened again before the next
        write (:meth:`transaction`).
        """
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code != sqlite3.SQLITE_READONLY and "readonly" not in str(exc):
            return StoreUnavailable(f"embedded store {self.path} {doing}: {exc}")
        self._stale = True
        store = Path(self.path)
        for candidate in (store, *self._companions()):
            if candidate.exists() and not os.access(candidate, os.W_OK):
                culprit = f"{candidate} is read-only"
                break
        else:
            folder = store.parent
            missing = not all(c.exists() for c in self._companions())
            if missing and not os.access(folder, os.W_OK):
                culprit = f"its folder {folder} is read-only (SQLite makes its -wal file there)"
            else:
                culprit = "the file system refuses writes"
        return StoreUnavailable(f"embedded store {self.path} {doing}: {culprit}; nothing changed")

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
        self._reopen()
        return True

    def _reopen(self) -> None:
        """Open the connection again; the next :meth:`data_version` says the store changed."""
        self.db.close()
        self._connect()
        self._reconnected = True

    def data_version(self) -> int:
        """Changes whenever another connection (another process) commits.

        A new file in place of the one opened counts as a change (-1).
        """
        self.check_file()
        if self._reconnected:
            self._reconnected = False
            return -1
        try:
            version: int = self.db.execute("PRAGMA data_version").fetchone()[0]
            return version
        except sqlite3.Error as exc:
            raise self._fault(exc, "cannot be read") from None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing write transaction; concurrent writers wait their turn."""
        if self._stale:  # SQLite keeps a connection that met a read-only file read-only
            self._reopen()
        self.check_file()
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._fault(exc, "is not writable") from None
        with self._undone_on_failure(self._rollback):
            yield self.db
            if self.db.in_transaction:  # else committed inside: see :meth:`beside`
                self.db.execute("COMMIT")

    def beside(self, sql: str, work: Callable[[], T]) -> T:
        """Run ``sql`` on a second thread while ``work`` runs on this one; ``work``'s result.

        SQLite lets go of the GIL while it executes a statement, so a long one
        (building an index, a commit that writes hundreds of megabytes) and
        Python work overlap on two cores. Both finish before this returns; the
        statement's error is raised first, then ``work``'s.
        """
        failed: list[BaseException] = []

        def execute() -> None:
            try:
                self.db.execute(sql)
            except BaseException as exc:
                failed.append(exc)

        thread = threading.Thread(target=execute, name="actorgraph-sqlite", daemon=True)
        thread.start()
        try:
            result = work()
        finally:
            thread.join()
            if failed:
                raise failed[0]
        return result

    @contextmanager
    def savepoint(self) -> Iterator[sqlite3.Connection]:
        """Inside a transaction: a write undone alone if it fails, the transaction going on."""
        self.db.execute("SAVEPOINT write")
        with self._undone_on_failure(self._roll_back_savepoint):
            yield self.db
            self.db.execute("RELEASE write")

    @contextmanager
    def _undone_on_failure(self, undo: Callable[[], None]) -> Iterator[None]:
        """Run ``undo`` if the block fails; a SQLite failure is the store's, said plainly."""
        try:
            yield
        except sqlite3.Error as exc:
            undo()
            raise self._fault(exc, "failed a write") from None
        except BaseException:
            undo()
            raise

    def _roll_back_savepoint(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK TO write")
            self.db.execute("RELEASE write")

    def _rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    # -- reads ------------------------------------------------------------------
    def actors(self) -> Iterator[Actor]:
        for (data,) in self.db.execute("SELECT data FROM actors"):
            yield Actor.model_validate_json(data)

    def fingerprints(self) -> Iterator[tuple[str, str]]:
        """``(article id, fingerprint)`` of every stored article."""
        yield from self.db.execute("SELECT id, fingerprint FROM articles")

    def count_articles(self) -> int:
        return self._count("SELECT count(*) FROM articles")

    def count_unkeyed_claims(self) -> int:
        """How many claims count towards no relation (a merge made them self-loops)."""
        return self._count("SELECT count(*) FROM claims WHERE ksource IS NULL")

    def _count(self, sql: str) -> int:
        count: int = self.db.execute(sql).fetchone()[0]
        return count

    def claims(self, keys: Iterable[tuple[str, str]]) -> list[Claim]:
        """The full claims with these ``(article, claim id)`` keys (in no particular order)."""
        found: list[Claim] = []
        for chunk in _chunks(list(keys)):
            pairs = ", ".join(["(?, ?)"] * len(chunk))
            params = [part for key in chunk for part in key]
            # CROSS JOIN keeps ``wanted`` outside: one primary-key probe per claim
            rows = self.db.execute(
                f"WITH wanted(article, id) AS (VALUES {pairs}) {_CLAIM_SELECT}", params
            )
            found.extend(claim_from_values(row) for row in rows)
        return found

    def articles(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """The articles with these ids, without their text."""
        found = {}
        for chunk in _chunks(list(article_ids)):
            sql = "SELECT id, data FROM articles WHERE id IN " + _marks(len(chunk))
            for article_id, data in self.db.execute(sql, chunk):
                found[article_id] = Article.model_validate_json(data)
        return found

    def article(self, article_id: str) -> Article | None:
        """The article with its text."""
        sql = "SELECT data, text FROM articles WHERE id = ?"
        row = self.db.execute(sql, (article_id,)).fetchone()
        if row is None:
            return None
        return Article.model_validate_json(row[0]).model_copy(update={"text": row[1]})

    def merges(self) -> list[Merge]:
        rows = self.db.execute("SELECT data FROM merges ORDER BY seq")
        return [Merge.model_validate_json(data) for (data,) in rows]

    # -- writes (inside a transaction) -----------------------------------------------
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

    @staticmethod
    def put_actors(db: sqlite3.Connection, actors: Iterable[Actor]) -> None:
        db.executemany(
            "INSERT INTO actors (id, data) VALUES (?, ?) "
            "ON CONFLICT (id) DO UPDATE SET data = excluded.data",
            [(a.id, a.model_dump_json()) for a in actors],
        )

    @staticmethod
    def drop_key_index(db: sqlite3.Connection) -> None:
        """Stop maintaining the claims' key index (a bulk load builds it once at its end)."""
        db.execute("DROP INDEX IF EXISTS claims_key")

    @staticmethod
    def delete_article(db: sqlite3.Connection, article_id: str) -> int:
        """Delete an article and its claims; returns how many claims went."""
        removed = db.execute("DELETE FROM claims WHERE article = ?", (article_id,)).rowcount
        db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        return removed

    @staticmethod
    def put_articles(
        db: sqlite3.Connection, docs: Iterable[tuple[AnnotatedArticle, str, list[Row]]]
    ) -> None:
        """Insert documents not stored yet, each with its fingerprint and claim rows
        (:data:`~graph.backends.sqlite_schema.INSERT_CLAIM`): one statement per table."""
        articles, claims = [], []
        for doc, fingerprint, values in docs:
            articles.append(article_values(doc.article, fingerprint, doc.mentions))
            claims.extend(values)
        db.executemany(INSERT_ARTICLE, articles)
        db.executemany(INSERT_CLAIM, claims)

    def close(self) -> None:
        self.db.close()
