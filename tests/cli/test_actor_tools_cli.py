"""``actors list``, ``actors unresolved`` and ``actors accept`` as an analyst meets them."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from loaders.gazetteer import read_gazetteer
from tests.stores import cli_json
from tests.unresolved_world import unresolved_world

runner = CliRunner()
WIDE = {"COLUMNS": "220"}


@pytest.fixture
def store(tmp_path: Path) -> str:
    return str(unresolved_world(tmp_path))


def _run(*args: str) -> object:
    return runner.invoke(app, list(args), env=WIDE)


def test_list_pages_through_every_actor_with_a_total(store: str) -> None:
    first = _run("actors", "list", "--limit", "3", "--store", store)
    assert first.exit_code == 0, first.output
    assert "Actors 1-3 of 9" in first.stdout
    assert "next page: --offset 3" in first.stdout
    page = cli_json("actors", "list", "--offset", "3", "--limit", "3", "--store", store)
    assert (page["total"], page["offset"], page["limit"]) == (9, 3, 3)
    assert [i["actor"]["id"] for i in page["items"]] == [
        "beta-militia-fighters",
        "delta-party",
        "epsilon-person",
    ]


@pytest.mark.parametrize(
    ("options", "ids"),
    [
        (["--unresolved"], ["alpha-frnt", "beta-militia-fighters", "omega-group"]),
        (["--resolved", "--kind", "militia"], ["beta-militia", "zeta-brigade"]),
        (["--source", "UCDP"], ["gamma-state"]),
        (["--min-claims", "5"], ["alpha-front", "beta-militia"]),
        (
            ["--unresolved", "--min-claims", "1", "--sort", "claims"],
            ["alpha-frnt", "beta-militia-fighters"],
        ),
    ],
)
def test_list_filters(store: str, options: list[str], ids: list[str]) -> None:
    page = cli_json("actors", "list", *options, "--store", store)
    assert [i["actor"]["id"] for i in page["items"]] == ids
    assert page["total"] == len(ids)


def test_list_shows_claims_and_datasets(store: str) -> None:
    shown = _run("actors", "list", "--sort", "claims", "--store", store).stdout
    (line,) = [line for line in shown.splitlines() if "gamma-state" in line]
    assert "ucdp" in line
    assert " 2 " in line


def test_list_names_the_datasets_when_a_source_matches_nothing(store: str) -> None:
    shown = _run("actors", "list", "--source", "acled", "--store", store).stdout
    assert "No actor carries an id from 'acled'; datasets in this store: ucdp." in shown


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--limit", "0"], "limit=0 is out of range; allowed 1..1000"),
        (["--limit", "5000"], "limit=5000 is out of range; allowed 1..1000"),
        (["--offset", "-1"], "offset=-1 is out of range; allowed 0..1000000000"),
        (["--min-claims", "-2"], "min_claims=-2 is out of range; allowed 0 or more"),
        (["--kind", "spaceship"], "spaceship"),
    ],
)
def test_list_ranges_are_clear_errors(store: str, options: list[str], message: str) -> None:
    result = _run("actors", "list", *options, "--store", store)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_unresolved_ranked_by_claims_with_suggestions_and_why(store: str) -> None:
    page = cli_json("actors", "unresolved", "--store", store)
    assert page["total"] == 3
    assert [(i["actor"]["id"], i["claims"]) for i in page["items"]] == [
        ("alpha-frnt", 2),
        ("beta-militia-fighters", 1),
        ("omega-group", 0),
    ]
    alpha, beta, omega = page["items"]
    assert [s["actor"]["id"] for s in alpha["suggestions"]] == ["alpha-front"]
    assert (
        alpha["suggestions"][0]["why"] == "'Alpha Frnt' is spelled like 'Alpha Front' (95% similar)"
    )
    assert beta["suggestions"][0]["why"] == (
        "'Beta Militia fighters' contains the name 'Beta Militia'"
    )
    assert omega["suggestions"] == []
    assert "guess" in page["note"]


def test_unresolved_table_says_a_suggestion_is_a_guess(store: str) -> None:
    shown = _run("actors", "unresolved", "--store", store)
    assert shown.exit_code == 0, shown.output
    assert "Unresolved actors 1-3 of 3, most claims first" in shown.stdout
    assert (
        "1. Alpha Front (alpha-front): 'Alpha Frnt' is spelled like 'Alpha Front'" in shown.stdout
    )
    assert "a suggestion is a guess" in shown.stdout
    assert "actorgraph actors accept ID TARGET" in shown.stdout


def test_accepting_a_suggestion_is_a_logged_reversible_merge(store: str) -> None:
    before = cli_json("enemies", "Alpha Front", "--store", store)
    done = _run("actors", "accept", "Alpha Frnt", "alpha-front", "--store", store)
    assert done.exit_code == 0, done.output
    assert "Alpha Frnt (alpha-frnt) is now Alpha Front (alpha-front), as suggested; merge #1" in (
        done.stdout
    )
    assert "actorgraph actors unmerge alpha-frnt" in done.stdout
    enemies = {
        e["actor"]["id"] for e in cli_json("enemies", "Alpha Front", "--store", store)["enemies"]
    }
    assert "gamma-state" in enemies
    assert [
        i["actor"]["id"] for i in cli_json("actors", "unresolved", "--store", store)["items"]
    ] == [
        "beta-militia-fighters",
        "omega-group",
    ]
    (merge,) = cli_json("actors", "merges", "--store", store)
    assert (
        merge["note"]
        == "accepted suggestion: 'Alpha Frnt' is spelled like 'Alpha Front' (95% similar)"
    )
    assert _run("actors", "unmerge", "alpha-frnt", "--store", store).exit_code == 0
    assert cli_json("enemies", "Alpha Front", "--store", store) == before


def test_accepting_an_actor_that_was_not_suggested_says_so(store: str) -> None:
    done = cli_json(
        "actors", "accept", "omega-group", "Gamma", "--note", "same group", "--store", store
    )
    assert done["suggestion"] is None
    assert done["merge"]["note"] == "accepted by hand (not among the suggestions); same group"


def test_only_an_unresolved_actor_takes_a_suggestion(store: str) -> None:
    refused = _run("actors", "accept", "Alpha Front", "gamma-state", "--store", store)
    assert refused.exit_code == 1
    assert "'Alpha Front' (alpha-front) is not an unresolved actor" in refused.output
    assert cli_json("actors", "merges", "--store", store) == []


GAZETTEER = """\
# my own gazetteer
actors:
  - id: alpha-front   # the front
    name: Alpha Front
    kind: armed_group
    aliases:
      - AF
  - {id: beta-militia, name: Beta Militia, aliases: [Beta Mobilisation]}
"""


def test_accepting_into_a_gazetteer_adds_the_alias_where_it_belongs(
    store: str, tmp_path: Path
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(GAZETTEER, encoding="utf-8")
    done = _run(
        "actors", "accept", "alpha-frnt", "alpha-front", "--gazetteer", str(path), "--store", store
    )
    assert done.exit_code == 0, done.output
    assert "Added 1 alias of alpha-front to its entry" in done.output
    assert path.read_text(encoding="utf-8") == GAZETTEER.replace(
        "      - AF\n", '      - AF\n      - "Alpha Frnt"\n'
    )
    (alpha, _) = read_gazetteer(path)
    assert alpha.aliases == ("AF", "Alpha Frnt")
    assert cli_json("actors", "merges", "--store", store)[0]["source"] == "alpha-frnt"


def test_a_gazetteer_it_cannot_edit_safely_changes_nothing(store: str, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    text = GAZETTEER.replace("  - {id: beta-militia", "  - {id: beta-militia-2").replace(
        "[Beta Mobilisation]", "[Beta M]"
    )
    path.write_text(text, encoding="utf-8")
    # zeta-brigade's umbrella (beta-militia) is not in the file: no entry can be copied in
    refused = _run(
        "actors",
        "accept",
        "omega-group",
        "zeta-brigade",
        "--gazetteer",
        str(path),
        "--store",
        store,
    )
    assert refused.exit_code == 1
    assert "its umbrella 'beta-militia' is not either" in refused.output
    assert path.read_text(encoding="utf-8") == text
    assert cli_json("actors", "merges", "--store", store) == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".mine")) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--suggestions", "11"], "suggestions=11 is out of range; allowed 0..10"),
        (["--limit", "0"], "limit=0 is out of range; allowed 1..1000"),
        (["--min-claims", "-1"], "min_claims=-1 is out of range; allowed 0 or more"),
    ],
)
def test_unresolved_ranges_are_clear_errors(store: str, options: list[str], message: str) -> None:
    result = _run("actors", "unresolved", *options, "--store", store)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_lists_for_pipelines_in_csv(store: str) -> None:
    listed = _run("actors", "list", "--unresolved", "--format", "csv", "--store", store)
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.splitlines() == [
        "id,name,kind,claims,unresolved,datasets",
        "alpha-frnt,Alpha Frnt,armed_group,2,yes,",
        "beta-militia-fighters,Beta Militia fighters,other,1,yes,",
        "omega-group,Omega Group,other,0,yes,",
    ]
    suggested = _run("actors", "unresolved", "--format", "tsv", "--store", store).stdout
    header, first, *_ = suggested.splitlines()
    assert header.split("\t") == [
        "id",
        "name",
        "claims",
        "rank",
        "suggested id",
        "suggested name",
        "score",
        "why",
    ]
    assert first.split("\t")[:5] == ["alpha-frnt", "Alpha Frnt", "2", "1", "alpha-front"]
