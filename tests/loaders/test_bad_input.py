"""Bad input: refused with file, record, field and expectation; nothing half-loaded."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph.errors import LoadError, UnknownArticle
from ingest.pipeline import load, plan

SAMPLES = Path(__file__).parent / "samples"


def _copy(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copy(SAMPLES / name, tmp_path / name))


def _break_line(path: Path, line: int, old: str, new: str) -> None:
    rows = path.read_text().splitlines(keepends=True)
    assert old in rows[line - 1]
    rows[line - 1] = rows[line - 1].replace(old, new, 1)
    path.write_text("".join(rows))


def test_wrong_columns_spell_out_the_expectation(tmp_path: Path, store) -> None:
    wrong = tmp_path / "events.csv"
    wrong.write_text("event_id_cnty,event_date,event_type,actor1\nX1,2020-01-01,Battles,A\n")
    with pytest.raises(LoadError) as caught:
        load(store, plan([wrong], "acled"))
    message = str(caught.value)
    assert "events.csv" in message
    assert "line 1" in message
    assert "missing columns actor2" in message
    assert "expected a header with" in message


def test_a_malformed_record_stops_the_file_and_stores_nothing(tmp_path: Path, store) -> None:
    good = _copy(tmp_path, "ucdp.csv")
    bad = _copy(tmp_path, "acled_current.csv")
    _break_line(bad, 3, "8-May-20", "the eighth of May")
    with pytest.raises(LoadError) as caught:
        load(store, plan([good, bad]))
    error = caught.value
    assert (Path(error.file).name, error.record, error.field) == (
        "acled_current.csv",
        "line 3",
        "event_date",
    )
    assert "expected a date like 2020-05-07 or 7-May-20" in str(error)
    assert store.stats().articles == 2  # the UCDP file before it loaded, nothing of the bad one
    assert store.article("ucdp-ged-101").kind == "event"
    with pytest.raises(UnknownArticle):
        store.article("acled-fic1")  # the good row before the bad one was not stored either


def test_skip_bad_loads_the_rest_and_writes_the_rejects(tmp_path: Path, store) -> None:
    bad = _copy(tmp_path, "acled_current.csv")
    _break_line(bad, 3, "8-May-20", "the eighth of May")
    summary = load(store, plan([bad]), skip_bad=True)
    (done,) = summary.inputs
    assert (done.rejected, done.documents["new"]) == (1, 1)
    rejects = [json.loads(line) for line in Path(done.rejects_file).read_text().splitlines()]
    assert Path(done.rejects_file) == tmp_path / "acled_current.csv.rejects.jsonl"
    assert [(r["record"], r["field"]) for r in rejects] == [("line 3", "event_date")]
    assert rejects[0]["raw"]["event_date"] == "the eighth of May"


def test_rejects_go_where_asked(tmp_path: Path, store) -> None:
    bad = _copy(tmp_path, "ucdp.csv")
    _break_line(bad, 3, ",3,", ",9,")
    out = tmp_path / "rejects"
    out.mkdir()
    summary = load(store, plan([bad]), skip_bad=True, rejects_dir=out)
    assert summary.inputs[0].rejects_file == str(out / "ucdp.csv.rejects.jsonl")
    assert (
        "expected type_of_violence 1, 2, 3, got '9'" in (out / "ucdp.csv.rejects.jsonl").read_text()
    )


def test_a_row_of_the_wrong_width(tmp_path: Path, store) -> None:
    bad = _copy(tmp_path, "ucdp.csv")
    with bad.open("a") as f:
        f.write("103,too,short\n")
    with pytest.raises(LoadError, match=r"line 4: .*3 fields, expected 17"):
        load(store, plan([bad]))


def test_gdelt_of_the_wrong_width_is_refused(tmp_path: Path, store) -> None:
    bad = tmp_path / "events.tsv"
    bad.write_text("\t".join(["1"] * 40) + "\n")
    with pytest.raises(LoadError, match=r"not a GDELT export: expected .*57, 58 .* or 61"):
        load(store, plan([bad], "gdelt"))


def test_an_unrecognised_file_is_refused_with_every_expectation(tmp_path: Path, store) -> None:
    odd = tmp_path / "notes.csv"
    odd.write_text("a,b\n1,2\n")
    with pytest.raises(LoadError) as caught:
        plan([odd])
    message = str(caught.value)
    for name in ("native", "re3d", "brat", "labelstudio", "acled", "ucdp", "gdelt"):
        assert f"{name}: " in message


def test_unknown_format_name(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="unknown format; expected one of native, re3d"):
        plan([SAMPLES / "ucdp.csv"], "xml")


def test_a_mapping_with_a_type_outside_the_vocabulary(tmp_path: Path, store) -> None:
    mapping = tmp_path / "my-ucdp.yaml"
    mapping.write_text("violence:\n  '1': {type: BATTLES}\n")
    with pytest.raises(LoadError) as caught:
        load(store, plan([SAMPLES / "ucdp.csv"]), mapping=mapping)
    message = str(caught.value)
    assert "my-ucdp.yaml" in message
    assert "violence.1" in message
    assert "'BATTLES' is not in the vocabulary; expected one of ALLIED_WITH" in message
    assert store.stats().articles == 0


def test_a_user_mapping_changes_the_claims(tmp_path: Path, store) -> None:
    mapping = tmp_path / "my-ucdp.yaml"
    text = (Path(__file__).parents[2] / "loaders" / "ucdp.mapping.yaml").read_text()
    mapping.write_text(text.replace('"3": {type: ATTACKS', '"3": {type: THREATENS'))
    load(store, plan([SAMPLES / "ucdp.csv"]), mapping=mapping)
    (item,) = store.evidence(store.actor("Red Hand Front").id, store.actor("Civilians").id)
    assert item.claim.type == "THREATENS"


@pytest.mark.parametrize(
    ("name", "text", "fmt", "says"),
    [
        ("events.tsv", "\t".join(["1"] * 40) + "\n", "gdelt", "not a GDELT export: expected"),
        ("doc.json", "[1, 2]", "native", "expected a mapping with 'article'"),
        ("tasks.json", '{"id": 1}', "labelstudio", "expected a Label Studio JSON export"),
        ("events.csv", "event_id_cnty,actor1\nX1,A\n", "acled", "expected a header with"),
    ],
)
def test_an_input_of_another_shape_says_what_the_format_expects_once(
    tmp_path: Path, store, name: str, text: str, fmt: str, says: str
) -> None:
    wrong = tmp_path / name
    wrong.write_text(text)
    with pytest.raises(LoadError) as caught:
        load(store, plan([wrong], fmt))
    message = str(caught.value)
    assert says in message
    assert f"not {fmt} input" not in message  # the reader's own words are not repeated


def test_an_input_refused_at_its_first_record_is_told_what_the_format_expects(
    tmp_path: Path, store
) -> None:
    broken = tmp_path / "events.csv"
    broken.write_bytes(b"\xff\xfe not text")
    with pytest.raises(LoadError) as caught:
        load(store, plan([broken], "acled"))
    message = str(caught.value)
    assert "not a CSV file" in message
    assert "; not acled input: expected an ACLED CSV export with the columns" in message
