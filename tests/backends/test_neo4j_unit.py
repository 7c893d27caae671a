"""The Neo4j backend's own logic that needs no server: statements, validation, faults.

The behaviour against a live server is the contract suite's Neo4j leg.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from neo4j import exceptions as neo4j_errors

from graph.backends import cypher, open_store
from graph.backends.neo4j import Neo4jStore
from graph.backends.neo4j_session import SCHEMA, guarded, safe_uri
from graph.errors import ConfigurationError, OutOfRange, StoreUnavailable, UnknownRelationType
from graph.settings import Settings
from graph.vocabulary import Vocabulary

VOCAB = Vocabulary.default()
SOURCE = (Path(__file__).resolve().parents[2] / "graph" / "backends").glob("neo4j*.py")
CLOSED_PORT = "bolt://127.0.0.1:9"  # discard port: nothing listens on loopback here


@pytest.mark.parametrize(
    "evil",
    ["ALLIED_WITH]->() DETACH DELETE (n", "allied_with", "FRIENDS", "", "ALLIED_WITH`", 3],
)
def test_relation_types_outside_the_vocabulary_never_reach_cypher(evil: object) -> None:
    with pytest.raises(UnknownRelationType):
        cypher.validated("rel_type", evil, VOCAB)


def test_labels_come_from_actor_kinds_only() -> None:
    assert cypher.validated("label", "armed_group", VOCAB) == "ArmedGroup"
    with pytest.raises(ConfigurationError):
        cypher.validated("label", "Actor) DETACH DELETE (a", VOCAB)


@pytest.mark.parametrize("hops", [0, 7, -1, True, "3"])
def test_hop_bounds_are_checked(hops: object) -> None:
    with pytest.raises(OutOfRange):
        cypher.validated("max_hops", hops, VOCAB)


def test_a_filled_statement_has_no_placeholders_left() -> None:
    text = cypher.statement("actors_set_kind_label", VOCAB, label="militia")
    assert "SET a:Militia" in text
    assert "{{" not in text
    with pytest.raises(ConfigurationError):
        cypher.statement("actors_set_kind_label", VOCAB)
    walk = cypher.statement("layer_rel", VOCAB, rel_types=VOCAB.names)
    assert "[r:ALLIED_WITH|COOPERATES_WITH|" in walk
    with pytest.raises(UnknownRelationType):
        cypher.validated("rel_types", ("ALLIED_WITH", "FIGHTS]-() DETACH DELETE (n"), VOCAB)


def test_every_statement_the_backend_names_exists_and_every_file_is_used() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in SOURCE)
    used = set(re.findall(r'"([a-z_]+)"', code)) & set(cypher.names())
    used |= set(SCHEMA)
    assert set(cypher.names()) == used


def test_every_statement_starts_with_a_one_line_header() -> None:
    for name in cypher.names():
        first, second = cypher.template(name).splitlines()[:2]
        assert first.startswith("// "), name
        assert not second.startswith("//"), name


def test_the_uri_is_shown_without_credentials() -> None:
    assert safe_uri("bolt://neo4j:s3cret@db:7687") == "bolt://db:7687"


def test_credentials_in_the_uri_are_refused_without_echoing_them() -> None:
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore.connect("neo4j://admin:s3cret@db.example:7687", "admin", "s3cret")
    assert "s3cret" not in str(caught.value)
    assert "NEO4J_PASSWORD" in str(caught.value)


def test_unreachable_server_is_one_clear_error_without_the_password(caplog) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore.connect(CLOSED_PORT, "neo4j", "s3cret-pw", timeout=1)
    message = str(caught.value)
    assert message == f"cannot use Neo4j at {CLOSED_PORT}: server unreachable (ServiceUnavailable)"
    assert "s3cret-pw" not in caplog.text


def test_store_selection_by_uri_scheme(tmp_path: Path) -> None:
    embedded = open_store(Settings(store=str(tmp_path / "x.sqlite")))
    assert embedded.kind == "embedded"
    embedded.close()
    lazy = open_store(Settings(store=CLOSED_PORT, neo4j_timeout=1), lazy=True)
    assert lazy.kind == "neo4j"
    with pytest.raises(StoreUnavailable):
        lazy.stats()
    lazy.close()
    with pytest.raises(ConfigurationError, match="unsupported store ftp://"):
        open_store(Settings(store="ftp://example/x"))


def test_the_password_setting_is_never_printed() -> None:
    settings = Settings(store=CLOSED_PORT, neo4j_password="s3cret-pw")
    assert "s3cret-pw" not in repr(settings)
    assert "s3cret-pw" not in str(settings.model_dump())


class _Refusing:
    """Not a server: an object whose method raises what the driver raises."""

    uri = "bolt://db.example:7687"

    def __init__(self, error: Exception) -> None:
        self.error = error

    @guarded
    def stats(self) -> None:
        raise self.error


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (neo4j_errors.AuthError("bad credentials for neo4j/s3cret-pw"), "authentication refused"),
        (neo4j_errors.ServiceUnavailable("no route to s3cret-pw"), "server unreachable"),
        (neo4j_errors.SessionExpired("gone"), "server unreachable"),
        (neo4j_errors.DatabaseUnavailable("starting"), "database unavailable"),
    ],
)
def test_driver_faults_become_one_line_store_unavailable(error: Exception, expected: str) -> None:
    # AuthError is a ClientError: it must still be a 503, never a 500
    with pytest.raises(StoreUnavailable) as caught:
        _Refusing(error).stats()
    message = str(caught.value)
    assert message.startswith("Neo4j at bolt://db.example:7687 is unavailable: ")
    assert expected in message
    assert "s3cret" not in message
    assert "\n" not in message


def test_other_client_errors_are_not_hidden() -> None:
    with pytest.raises(neo4j_errors.ClientError):
        _Refusing(neo4j_errors.ClientError("syntax")).stats()
