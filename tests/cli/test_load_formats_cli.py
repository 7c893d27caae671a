"""``actorgraph load`` on other formats, and ``actorgraph actors ...``, as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app
from tests.hardening.corpus import write_documents

runner = CliRunner()
SAMPLES = Path(__file__).resolve().parents[1] / "loaders" / "samples"
WIDE = {"COLUMNS": "200"}


def test_detected_format_is_printed_and_summary_counts_skips(tmp_path: Path) -> None:
    store = str(tmp_path / "s.sqlite")
    result = runner.invoke(
        app, ["load", str(SAMPLES / "acled_current.csv"), "--store", store], env=WIDE
    )
    assert result.exit_code == 0, result.output
    assert "acled_current.csv: format acled (detected)" in result.output
    assert (
        "4 records -> 2 new, 0 unchanged, 0 updated; 3 claims; 2 skipped; 0 rejected"
        in result.stdout
    )
    assert "makes no claim in the mapping" in result.stdout


def test_forced_format_that_does_not_fit_is_one_clear_line(tmp_path: Path) -> None:
    store = str(tmp_path / "s.sqlite")
    result = runner.invoke(
        app, ["load", "--format", "ucdp", str(SAMPLES / "acled_current.csv"), "--store", store]
    )
    assert result.exit_code == 1
    assert "not a UCDP GED file: missing columns" in result.output
    assert "Traceback" not in result.output


def test_skip_bad_reports_the_rejects_file(tmp_path: Path) -> None:
    bad = Path(shutil.copy(SAMPLES / "ucdp.csv", tmp_path / "ucdp.csv"))
    bad.write_text(bad.read_text().replace("2016-04-02,2016-04-02", "someday,someday"))
    store = str(tmp_path / "s.sqlite")
    result = runner.invoke(app, ["load", str(bad), "--skip-bad", "--store", store, "--json"])
    assert result.exit_code == 0, result.output
    (done,) = json.loads(result.stdout)["inputs"]
    assert (done["rejected"], done["documents"]["new"]) == (1, 1)
    (reject,) = [json.loads(line) for line in Path(done["rejects_file"]).read_text().splitlines()]
    assert (reject["record"], reject["field"], reject["raw"]["date_start"]) == (
        "line 3",
        "date_start",
        "someday",
    )


def test_unresolved_merge_unmerge(tmp_path: Path) -> None:
    store = str(tmp_path / "s.sqlite")
    assert runner.invoke(app, ["load", str(SAMPLES / "ucdp.csv"), "--store", store]).exit_code == 0
    listed = json.loads(
        runner.invoke(app, ["actors", "unresolved", "--store", store, "--json"]).stdout
    )
    assert {a["actor"]["name"] for a in listed["items"]} == {
        "Government of Arland",
        "Government of Borduria",
        "Red Hand Front",
        "Civilians",
    }
    merged = runner.invoke(
        app,
        [
            "actors",
            "merge",
            "Government of Borduria",
            "Government of Arland",
            "--note",
            "test",
            "--store",
            store,
        ],
    )
    assert merged.exit_code == 0, merged.output
    assert "Merged Government of Borduria" in merged.stdout
    after = json.loads(
        runner.invoke(app, ["actors", "unresolved", "--store", store, "--json"]).stdout
    )
    assert "Government of Borduria" not in {a["actor"]["name"] for a in after["items"]}
    enemies = runner.invoke(app, ["enemies", "Red Hand Front", "--store", store, "--json"])
    found = json.loads(enemies.stdout)["enemies"]
    (government,) = [e for e in found if e["actor"]["id"] == "government-of-arland"]
    assert government["relations"][0]["n_articles"] == 1
    assert government["relations"][0]["n_claims"] == 2
    log = json.loads(runner.invoke(app, ["actors", "merges", "--store", store, "--json"]).stdout)
    assert [(m["source"], m["note"], m["undone_at"]) for m in log] == [
        ("government-of-borduria", "test", None)
    ]
    undone = runner.invoke(app, ["actors", "unmerge", "government-of-borduria", "--store", store])
    assert undone.exit_code == 0
    assert "Unmerged government-of-borduria" in undone.stdout
    again = runner.invoke(app, ["actors", "unmerge", "government-of-borduria", "--store", store])
    assert again.exit_code == 1
    assert "is not merged into another actor" in again.output


def test_a_folder_of_many_inputs_is_reported_by_format(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write_documents(folder, 12)
    shutil.copy(SAMPLES / "ucdp.csv", folder / "ucdp.csv")
    store = str(tmp_path / "s.sqlite")
    result = runner.invoke(app, ["load", str(folder), "--store", store], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "12 inputs: format native (detected)" in result.output
    assert "1 input: format ucdp (detected)" in result.output
    assert "12 inputs (native): 12 records -> 12 new, 0 unchanged, 0 updated" in result.stdout
    assert "wire-0003.json" not in result.output  # no line per file
    again = runner.invoke(app, ["load", str(folder), "--store", store], env=WIDE)
    assert "12 records -> 0 new, 12 unchanged, 0 updated" in again.stdout
