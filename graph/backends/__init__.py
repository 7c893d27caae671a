"""Store selection: a file path means the embedded store, a Bolt URI means Neo4j."""

from __future__ import annotations

from graph.errors import ConfigurationError, StoreUnavailable
from graph.settings import Settings
from graph.store import GraphStore
from graph.vocabulary import load_vocabulary

NEO4J_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")


NO_NEO4J_SERVER = (
    "NEO4J_URI not set: the Neo4j leg needs a live server "
    "(docker compose up neo4j, then NEO4J_URI=bolt://localhost:7687)"
)
"""Why a Neo4j leg (of the contract tests, or of the benchmark) does not run."""


def is_neo4j_uri(store: str) -> bool:
    return store.startswith(NEO4J_SCHEMES)


def open_neo4j(uri: str) -> GraphStore:
    """The Neo4j store at ``uri`` under the default vocabulary, as an embedded store opened
    without settings has it; the user, password and database from the settings
    (``NEO4J_USER``...). A ``uri`` that is no Neo4j URI is refused before anything is opened."""
    if not is_neo4j_uri(uri):
        raise StoreUnavailable(f"NEO4J_URI={uri!r} is not a Neo4j URI")
    return open_store(Settings(store=uri, vocabulary=None))


def open_store(settings: Settings, *, lazy: bool = False) -> GraphStore:
    """The store ``settings.store`` names, opened.

    ``lazy`` (the API) does not wait for a Neo4j server to answer: requests made
    while it is down fail with :class:`~graph.errors.StoreUnavailable` (503).
    """
    vocabulary = load_vocabulary(settings.vocabulary)
    target = settings.store.strip()
    if is_neo4j_uri(target):
        from graph.backends.neo4j import Neo4jStore

        return Neo4jStore.connect(
            target,
            settings.neo4j_user,
            settings.neo4j_password.get_secret_value(),
            settings.neo4j_database,
            vocabulary=vocabulary,
            verify=not lazy,
            timeout=settings.neo4j_timeout,
        )
    if "://" in target:
        raise ConfigurationError(
            f"unsupported store {target.split('://')[0]}://; expected a file path or one of "
            + ", ".join(NEO4J_SCHEMES)
        )
    from graph.backends.embedded import EmbeddedStore

    return EmbeddedStore(target, vocabulary, settings.sqlite_busy_seconds)
