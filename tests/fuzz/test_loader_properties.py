"""Loaders on random and corrupted input: a whole article or a clear LoadError, nothing else."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.backends.embedded import EmbeddedStore
from graph.errors import LoadError
from graph.model import AnnotatedArticle
from loaders.gazetteer import Gazetteer, read_gazetteer
from loaders.native import parse_native, read_native
from tests.conftest import SEEDS

SEED_DOC = yaml.safe_load((SEEDS / "000_dbaca485cba48593.yaml").read_text(encoding="utf-8"))
SEED_DOC["article"]["text"] = (SEEDS / SEED_DOC["article"].pop("text_file")).read_text()
GAZETTEER = Gazetteer.from_file(SEEDS / "actors.yaml")
FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=True)
    | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def paths(doc: object, prefix: tuple = ()) -> list[tuple]:
    """Every key path inside a JSON-like document."""
    found = [prefix] if prefix else []
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found += paths(value, (*prefix, index))
    return found


SEED_PATHS = paths(SEED_DOC)


def outcome(call, *args, **kwargs) -> object:
    """The result of the call, or the exception it raised (any kind)."""
    try:
        return call(*args, **kwargs)
    except Exception as exc:
        return exc


@st.composite
def corrupted(draw) -> dict:
    doc = copy.deepcopy(SEED_DOC)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(SEED_PATHS))
        parent = doc
        try:
            for key in where[:-1]:
                parent = parent[key]
            if draw(st.booleans()):
                parent[where[-1]] = draw(json_values)
            elif isinstance(parent, dict):
                del parent[where[-1]]
            else:
                parent.pop(where[-1])
        except (KeyError, IndexError, TypeError, AttributeError):
            continue  # an earlier mutation removed this path
    return doc


@FUZZ
@given(corrupted())
def test_corrupted_documents_load_whole_or_fail_clearly(doc: dict) -> None:
    result = outcome(parse_native, doc, GAZETTEER, source="fuzz.json")
    assert isinstance(result, AnnotatedArticle | LoadError), repr(result)
    if isinstance(result, LoadError):
        assert str(result).startswith("fuzz.json")
        return
    for claim in result.claims:
        if claim.evidence and claim.evidence.start is not None:
            assert (
                result.article.text[claim.evidence.start : claim.evidence.end]
                == claim.evidence.quote
            )


@FUZZ
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_on_disk_fail_clearly(tmp_path: Path, data: bytes) -> None:
    for suffix in (".json", ".yaml"):
        path = tmp_path / f"doc{suffix}"
        path.write_bytes(data)
        for result in (outcome(read_native, path, GAZETTEER), outcome(read_gazetteer, path)):
            assert isinstance(result, AnnotatedArticle | list | LoadError), repr(result)
            if isinstance(result, LoadError):
                assert str(result).startswith(str(path))


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(corrupted())
def test_a_failed_load_changes_nothing_in_the_store(tmp_path_factory, doc: dict) -> None:
    store = EmbeddedStore(tmp_path_factory.mktemp("fuzz") / "s.sqlite")
    store.upsert_actors(GAZETTEER.actors)
    before = (store.stats(), store.relations())
    parsed = outcome(parse_native, doc, GAZETTEER, source="fuzz.json")
    if isinstance(parsed, LoadError):
        assert (store.stats(), store.relations()) == before
    else:
        store.upsert_article(parsed)
        assert store.stats().articles == 1
    store.close()
