"""The native annotated-article format: what loads, and every way it is refused."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml

from graph.errors import LoadError
from graph.model import Actor
from loaders.gazetteer import Gazetteer
from loaders.native import read_native
from loaders.native_format import SCHEMA_FILE, json_schema

TEXT = "Alpha Front said on Monday it fights the Beta Militia near the river."
GOOD = {
    "article": {"id": "a1", "title": "Clashes", "published": "2016-02-25", "text": TEXT},
    "mentions": [{"actor": "Alpha Front", "text": "Alpha Front"}],
    "claims": [
        {
            "source": "Alpha Front",
            "target": "BM",
            "type": "FIGHTS",
            "confidence": 0.8,
            "evidence": {"quote": "it fights the Beta Militia", "start": 27, "end": 53},
            "date": "2016-02-22",
        }
    ],
}


@pytest.fixture
def gazetteer() -> Gazetteer:
    return Gazetteer(
        [
            Actor(id="alpha-front", name="Alpha Front"),
            Actor(id="beta-militia", name="Beta Militia", aliases=("BM",)),
        ]
    )


def write(tmp_path: Path, data: dict, suffix: str = ".json") -> Path:
    path = tmp_path / f"doc{suffix}"
    text = json.dumps(data) if suffix == ".json" else yaml.safe_dump(data)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_json_and_yaml_load_alike(tmp_path: Path, gazetteer: Gazetteer, suffix: str) -> None:
    doc = read_native(write(tmp_path, GOOD, suffix), gazetteer)
    (claim,) = doc.claims
    assert (claim.source, claim.target, claim.type) == ("alpha-front", "beta-militia", "FIGHTS")
    assert claim.evidence.quote == "it fights the Beta Militia"
    assert str(claim.date) == "2016-02-22"
    assert doc.mentions[0].start == 0


def test_claim_ids_are_deterministic(tmp_path: Path, gazetteer: Gazetteer) -> None:
    first = read_native(write(tmp_path, GOOD), gazetteer)
    second = read_native(write(tmp_path, GOOD, ".yaml"), gazetteer)
    assert first.claims[0].id == second.claims[0].id
    assert first.fingerprint() == second.fingerprint()


def test_a_quote_without_span_is_located(tmp_path: Path, gazetteer: Gazetteer) -> None:
    data = copy.deepcopy(GOOD)
    data["claims"][0]["evidence"] = "near the river"
    (claim,) = read_native(write(tmp_path, data), gazetteer).claims
    assert TEXT[claim.evidence.start : claim.evidence.end] == "near the river"
    data["claims"][0].pop("date")
    assert str(read_native(write(tmp_path, data), gazetteer).claims[0].date) == "2016-02-25"


def test_text_file_is_read_relative_to_the_document(tmp_path: Path, gazetteer: Gazetteer) -> None:
    (tmp_path / "body.txt").write_text(TEXT, encoding="utf-8")
    data = copy.deepcopy(GOOD)
    data["article"].pop("text")
    data["article"]["text_file"] = "body.txt"
    assert read_native(write(tmp_path, data), gazetteer).article.text == TEXT


def broken(path: tuple, value: object) -> dict:
    data = copy.deepcopy(GOOD)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


BAD_CASES = {
    "span not matching the text": (
        broken(("claims", 0, "evidence", "start"), 28),
        "claims[0]",
        "evidence",
        "reads",
    ),
    "quote not in the text": (
        broken(("claims", 0, "evidence"), "they fight the Gamma"),
        "claims[0]",
        "evidence",
        "does not occur verbatim",
    ),
    "unknown actor": (
        broken(("claims", 0, "target"), "Beta Militant"),
        "claims[0]",
        "target",
        "did you mean: beta-militia",
    ),
    "type outside the vocabulary": (
        broken(("claims", 0, "type"), "BEFRIENDS"),
        "claims[0]",
        "type",
        "expected one of ALLIED_WITH",
    ),
    "bad date": (broken(("claims", 0, "date"), "2016-02-30"), "claims[0]", "date", "date"),
    "confidence above 1": (
        broken(("claims", 0, "confidence"), 1.5),
        "claims[0]",
        "confidence",
        "less than or equal to 1",
    ),
    "confidence below 0": (
        broken(("claims", 0, "confidence"), -0.1),
        "claims[0]",
        "confidence",
        "greater than or equal",
    ),
    "unknown field": (
        broken(("claims", 0, "certainity"), "confirmed"),
        "claims[0]",
        "certainity",
        "Extra inputs are not permitted",
    ),
    "missing article date": (
        broken(("article", "published"), KeyError),
        "article",
        "published",
        "Field required",
    ),
    "unknown modality": (
        broken(("claims", 0, "modality"), "rumoured"),
        "claims[0]",
        "modality",
        "asserted",
    ),
    "mention of an unknown actor": (
        broken(("mentions", 0, "actor"), "Omega"),
        "mentions[0]",
        "actor",
        "unknown actor",
    ),
    "same actor on both ends": (
        broken(("claims", 0, "target"), "alpha-front"),
        "claims[0]",
        "target",
        "both",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_input_names_file_record_field_and_expectation(
    tmp_path: Path, gazetteer: Gazetteer, case: str
) -> None:
    data, record, field, expected = BAD_CASES[case]
    path = write(tmp_path, data)
    with pytest.raises(LoadError) as caught:
        read_native(path, gazetteer)
    error = caught.value
    assert error.file == str(path)
    assert error.record == record
    assert error.field == field
    assert expected in str(error)
    assert str(error).startswith(f"{path}: record {record}: field {field}: ")


def test_malformed_json_names_the_line(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path = tmp_path / "doc.json"
    path.write_text('{"article": {\n  "id": "a1",\n  oops\n}', encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        read_native(path, gazetteer)
    assert caught.value.record == 3
    assert "invalid JSON" in str(caught.value)


def test_malformed_yaml_names_the_line(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text("article:\n  id: a1\n  title: [unclosed\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        read_native(path, gazetteer)
    assert "invalid YAML" in str(caught.value)
    assert isinstance(caught.value.record, int)


def test_the_committed_json_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema(), (
        "regenerate with: python -m loaders.native_format > loaders/annotated-article.schema.json"
    )


def test_the_seed_validates_against_the_schema_shape() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert set(schema["required"]) == {"article"}
    assert "claims" in schema["properties"]
