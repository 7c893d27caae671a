"""The Neo4j store's connection: the driver, statements by name, transactions, faults.

:class:`Neo4jSession` is everything :class:`graph.backends.neo4j.Neo4jStore`
needs from the server that is not a question in domain terms: running a named
statement from ``neo4j_cypher/`` with checked parameters, read and write managed
transactions under the query's time budget, the schema set up once, and the
driver's faults turned into :class:`~graph.errors.StoreUnavailable` with a
cause that never carries a credential.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar
from urllib.parse import urlsplit, urlunsplit

from neo4j import READ_ACCESS, Driver, GraphDatabase, ManagedTransaction, Query, unit_of_work
from neo4j import exceptions as neo4j_errors

from graph.backends import cypher
from graph.budget import remaining
from graph.errors import QueryTimeout, StoreUnavailable
from graph.vocabulary import Vocabulary


class Located(Protocol):
    """What :func:`guarded` names in its errors: where the server is, without credentials."""

    uri: str


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound=Located)

SCHEMA = (
    "constraint_actor_id",
    "constraint_article_id",
    "constraint_claim_id_drop",
    "constraint_claim_article_id",
    "index_actor_names",
    "index_actor_name_keys",
    "index_claim_key",
    "index_claim_date_drop",
    "index_claim_place_drop",
    "index_claim_country_drop",
    "constraint_merge_seq",
    "constraint_revision_key",
    "revision_ensure",
)
INDEX_WAIT_SECONDS = 120
UNAVAILABLE = (
    neo4j_errors.ServiceUnavailable,
    neo4j_errors.SessionExpired,
    neo4j_errors.AuthError,
    neo4j_errors.DatabaseUnavailable,
)
NO_DATABASE = "Neo.ClientError.Database.DatabaseNotFound"
READ_RETRIED = (
    neo4j_errors.ServiceUnavailable,
    neo4j_errors.SessionExpired,
    neo4j_errors.TransientError,
)
"""Faults a read is tried again after: it changes nothing, so running it twice is safe."""
READ_ATTEMPTS = 2


def safe_uri(uri: str) -> str:
    """``uri`` without any credentials in it.

    >>> safe_uri("neo4j+s://user:secret@db.example.org:7687")
    'neo4j+s://db.example.org:7687'
    """
    parts = urlsplit(uri)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def cause(exc: BaseException) -> str:
    """Why the server could not be used, in words that never carry a credential.

    The driver's own message is left out on purpose: only the kind of fault
    is named, so no user name, password or token can leak through it.

    >>> cause(neo4j_errors.ServiceUnavailable("Couldn't connect"))
    'server unreachable (ServiceUnavailable)'
    """
    name = type(exc).__name__
    if isinstance(exc, neo4j_errors.AuthError):
        return f"authentication refused, check NEO4J_USER and NEO4J_PASSWORD ({name})"
    if isinstance(exc, neo4j_errors.DatabaseUnavailable):
        return f"database unavailable ({name})"
    if isinstance(exc, neo4j_errors.Neo4jError) and exc.code == NO_DATABASE:
        return "no such database, check NEO4J_DATABASE (DatabaseNotFound)"
    return f"server unreachable ({name})"


def guarded(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Turn an unreachable or refusing server into :class:`StoreUnavailable`.

    Order matters: :class:`neo4j.exceptions.AuthError` is a ``ClientError``.
    """

    @functools.wraps(method)
    def wrapper(store: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(store, *args, **kwargs)
        except UNAVAILABLE as exc:
            raise StoreUnavailable(f"Neo4j at {store.uri} is unavailable: {cause(exc)}") from None
        except neo4j_errors.ClientError as exc:
            if "TransactionTimedOut" in (exc.code or ""):
                raise QueryTimeout(round(remaining() or 0.0, 3)) from None
            if exc.code == NO_DATABASE:
                raise StoreUnavailable(
                    f"Neo4j at {store.uri} is unavailable: {cause(exc)}"
                ) from None
            raise

    return wrapper


class Neo4jSession:
    """A driver bound to one database, running the statements of ``neo4j_cypher/`` by name.

    Parameters
    ----------
    driver : neo4j.Driver
    uri : str
        Where the server is (shown in errors without credentials).
    database : str or None
        The database; None for the server's default.
    vocabulary : Vocabulary
        Fills the relation types of templated statements.
    """

    def __init__(
        self, driver: Driver, uri: str, database: str | None, vocabulary: Vocabulary
    ) -> None:
        self._driver = driver
        self.uri = safe_uri(uri)
        self.database = database
        self.vocabulary = vocabulary
        self._schema_ready = False
        self.on_ready: Callable[[], object] | None = None
        """Run once when the schema is first found set up (the store settles there what a
        bulk load that died left, :mod:`graph.backends.neo4j_bulk`)."""

    @classmethod
    def open(
        cls,
        uri: str,
        user: str,
        password: str,
        database: str | None,
        vocabulary: Vocabulary,
        *,
        verify: bool,
        timeout: float,
    ) -> Neo4jSession:
        """A session on a new driver; with ``verify``, the server reached and the schema set up."""
        where = safe_uri(uri)
        if urlsplit(uri).username or urlsplit(uri).password:
            raise StoreUnavailable(
                f"bad Neo4j URI {where}: put credentials in NEO4J_USER/NEO4J_PASSWORD, not the URI"
            )
        try:
            driver = GraphDatabase.driver(
                uri,
                auth=(user, password),
                connection_timeout=timeout,
                max_transaction_retry_time=timeout,
                notifications_min_severity="OFF",  # no user sees them; each costs a log line
            )
        except (ValueError, neo4j_errors.ConfigurationError) as exc:
            raise StoreUnavailable(f"bad Neo4j URI {where}: {type(exc).__name__}") from None
        session = cls(driver, uri, database, vocabulary)
        if verify:
            try:
                driver.verify_connectivity()
                session.ensure_schema()
            except UNAVAILABLE as exc:
                driver.close()
                raise StoreUnavailable(f"cannot use Neo4j at {where}: {cause(exc)}") from None
            except StoreUnavailable:
                driver.close()
                raise
        return session

    def statement(self, name: str, params: dict[str, Any], fill: dict[str, Any]) -> str:
        """The text of statement ``name``, after checking it takes exactly ``params``."""
        expected = cypher.parameters(name)
        if set(params) != expected:
            raise TypeError(f"statement {name} takes {sorted(expected)}, got {sorted(params)}")
        if "rel_types" in cypher.placeholders(name) and "rel_types" not in fill:
            fill = {**fill, "rel_types": tuple(self.vocabulary.names)}  # every type
        return cypher.statement(name, self.vocabulary, **fill)

    def run(
        self,
        tx: ManagedTransaction,
        /,
        name: str,
        fill: dict[str, Any] | None = None,
        **params: Any,
    ) -> list[dict[str, Any]]:
        """Run statement ``name`` in ``tx``; its records as dicts."""
        return tx.run(self.statement(name, params, fill or {}), params).data()

    def values(
        self,
        tx: ManagedTransaction,
        /,
        name: str,
        fill: dict[str, Any] | None = None,
        **params: Any,
    ) -> list[list[Any]]:
        """Run statement ``name`` in ``tx``; its records as lists of values in column order
        (cheaper to receive than :meth:`run`'s dicts where a write reads back many rows)."""
        return tx.run(self.statement(name, params, fill or {}), params).values()

    @staticmethod
    def _budgeted(work: Callable[[ManagedTransaction], R]) -> Callable[[ManagedTransaction], R]:
        """The rest of the query's time budget as the server-side transaction timeout."""
        left = remaining()
        return work if left is None else unit_of_work(timeout=max(left, 0.001))(work)

    def read(
        self, name: str, fill: dict[str, Any] | None = None, **params: Any
    ) -> list[dict[str, Any]]:
        """Statement ``name`` (its placeholders filled from ``fill``) as one auto-commit read.

        One round trip (no BEGIN and COMMIT around it), under the rest of the
        query's time budget. A managed transaction's retry loop is replaced by
        one more attempt after a dropped connection or a transient fault.
        """
        self.ensure_schema()
        text = self.statement(name, params, fill or {})
        left = remaining()
        query = Query(text, timeout=None if left is None else max(left, 0.001))
        for _ in range(READ_ATTEMPTS - 1):
            try:
                return self._read_once(query, params)
            except READ_RETRIED:
                pass
        return self._read_once(query, params)

    def _read_once(self, query: Query, params: dict[str, Any]) -> list[dict[str, Any]]:
        with self._driver.session(database=self.database, default_access_mode=READ_ACCESS) as s:
            result = s.run(query, params)
            keys = result.keys()
            # Records as they came, not ``Result.data()``: that rebuilds every nested list and
            # map in Python (8 ms for a neighbourhood's 486 relation maps), to turn nodes and
            # relationships into maps, and no read statement returns one.
            return [dict(zip(keys, record, strict=True)) for record in result]

    def write(self, work: Callable[[ManagedTransaction], R]) -> R:
        """``work`` in one write transaction, retried by the driver on transient errors."""
        self.ensure_schema()
        with self._driver.session(database=self.database) as session:
            return session.execute_write(self._budgeted(work))

    def in_transactions(self, name: str, **params: Any) -> None:
        """Run statement ``name``, which commits as it goes (``CALL { ... } IN TRANSACTIONS``),
        in an auto-commit transaction, the only kind such a statement runs in."""
        self.ensure_schema()
        text = self.statement(name, params, {})
        with self._driver.session(database=self.database) as session:
            session.run(text, params).consume()

    @guarded
    def ensure_schema(self) -> None:
        """Constraints and indexes, once per session; idempotent on the server."""
        if self._schema_ready:
            return
        with self._driver.session(database=self.database) as session:
            for name in SCHEMA:
                session.execute_write(self.run, name)
            # A new index is POPULATING for a while; the full-text procedure fails on
            # an index that is not ONLINE yet, so wait (503 meanwhile, retried later).
            try:
                session.execute_read(self.run, "schema_await", seconds=INDEX_WAIT_SECONDS)
            except neo4j_errors.ClientError as exc:
                if isinstance(exc, neo4j_errors.AuthError) or exc.code == NO_DATABASE:
                    raise
                raise StoreUnavailable(
                    f"Neo4j at {self.uri} is unavailable: indexes are still being built"
                ) from None
        self._schema_ready = True
        if self.on_ready is not None:
            self.on_ready()

    def close(self) -> None:
        self._driver.close()
