"""The command line as a user meets it: load, ask, errors without tracebacks."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.backends.embedded import EmbeddedStore
from tests.conftest import SEEDS
from tests.contract.world import ACTORS, TRIADS
from tests.stores import cli_loaded

runner = CliRunner()


@pytest.fixture
def store(tmp_path: Path) -> str:
    return cli_loaded(SEEDS, tmp_path / "cli.sqlite")


def test_load_prints_a_summary_and_is_idempotent(store: str) -> None:
    again = runner.invoke(app, ["load", str(SEEDS), "--store", store, "--json"])
    summary = json.loads(again.stdout)
    assert summary["articles"] == {"new": 0, "unchanged": 1, "updated": 0}
    assert summary["changed"] is False
    assert summary["relations_before"] == summary["relations_after"] == 13
    text = runner.invoke(app, ["load", str(SEEDS), "--store", store])
    assert "Nothing changed" in text.stdout


def test_allies_by_alias(store: str) -> None:
    result = runner.invoke(
        app, ["allies", "Hashd al-Shaabi", "--store", store], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0
    assert "Syrian Arab Army" in result.stdout
    assert "COOPERATES_WITH" in result.stdout


def test_allies_json(store: str) -> None:
    result = runner.invoke(app, ["allies", "PMU", "--store", store, "--json"])
    data = json.loads(result.stdout)
    assert data["actor"]["id"] == "popular-mobilisation-forces"
    assert "iran" in [a["actor"]["id"] for a in data["allies"]]


def test_store_from_the_environment(store: str) -> None:
    result = runner.invoke(app, ["enemies", "PMU", "--json"], env={"ACTORGRAPH_STORE": store})
    assert json.loads(result.stdout)["enemies"][0]["actor"]["id"] == "alliance-of-iraqi-forces"


def test_path_prints_the_sign(store: str) -> None:
    result = runner.invoke(app, ["path", "Iran", "Alliance of Iraqi Forces", "--store", store])
    assert result.exit_code == 0
    assert "sign negative" in result.stdout


def test_neighbourhood_and_evidence_json(store: str) -> None:
    sub = json.loads(
        runner.invoke(
            app, ["neighbourhood", "Iran", "--depth", "2", "--store", store, "--json"]
        ).stdout
    )
    assert "alliance-of-iraqi-forces" in [n["id"] for n in sub["nodes"]]
    items = json.loads(
        runner.invoke(
            app, ["evidence", "PMU", "Alliance of Iraqi Forces", "--store", store, "--json"]
        ).stdout
    )
    assert len(items) == 2


def test_evidence_comes_a_page_at_a_time(store: str) -> None:
    pair = ["evidence", "PMU", "Alliance of Iraqi Forces", "--store", store]

    def page(*args: str) -> list[str]:
        result = runner.invoke(app, [*pair, "--json", *args])
        assert result.exit_code == 0, result.output
        return [i["claim"]["id"] for i in json.loads(result.stdout)]

    both = page()
    assert len(both) == 2
    assert page("--limit", "1") + page("--offset", "1", "--limit", "1") == both
    assert page("--offset", "2") == []
    text = runner.invoke(app, [*pair, "--limit", "1"], env={"COLUMNS": "200"}).stdout
    assert "2 claims, 1-1 shown (--offset, --limit for others)" in text
    refused = runner.invoke(app, [*pair, "--limit", "0"])
    assert refused.exit_code == 2
    assert refused.stderr.startswith(
        "error: Invalid value for '--limit': 0 is out of range; allowed 1..1000"
    )


def test_unknown_actor_exits_1_with_a_suggestion_and_no_traceback(store: str) -> None:
    result = runner.invoke(app, ["allies", "Popular Mobilsation", "--store", store])
    assert result.exit_code == 1
    assert "did you mean: popular-mobilisation-forces" in result.stderr
    assert "Traceback" not in result.output


def test_out_of_range_is_one_line(store: str) -> None:
    result = runner.invoke(app, ["neighbourhood", "PMU", "--depth", "9", "--store", store])
    assert result.exit_code == 2
    assert "allowed 1..4" in result.stderr


def test_bad_file_stops_the_load_and_stores_nothing_from_it(tmp_path: Path, store: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"article": {"id": "x", "title": "t", "published": "2016-13-01"}}))
    result = runner.invoke(app, ["load", str(bad), "--store", store])
    assert result.exit_code == 1
    assert "field published" in result.stderr
    stats = json.loads(runner.invoke(app, ["stats", "--store", store, "--json"]).stdout)
    assert stats["articles"] == 1


def test_debug_shows_the_traceback(store: str) -> None:
    result = runner.invoke(app, ["allies", "Nobody At All", "--store", store, "--debug"])
    assert result.exit_code != 0
    assert result.exception is not None


def test_unreachable_neo4j_is_one_line_naming_the_uri() -> None:
    result = runner.invoke(
        app, ["stats", "--store", "bolt://127.0.0.1:9"], env={"NEO4J_PASSWORD": "s3cret-pw"}
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error: cannot use Neo4j at bolt://127.0.0.1:9: server unreachable (ServiceUnavailable)"
    )
    assert "s3cret-pw" not in result.output


def test_analysis_commands(store: str) -> None:
    blocs = json.loads(runner.invoke(app, ["blocs", "--store", store, "--json"]).stdout)
    assert blocs["membership"]["iran"] == blocs["membership"]["popular-mobilisation-forces"]
    inferred = json.loads(runner.invoke(app, ["infer", "AIF", "--store", store, "--json"]).stdout)
    assert inferred[0]["inferred"] is True
    line = json.loads(
        runner.invoke(app, ["timeline", "PMU", "Syrian army", "--store", store, "--json"]).stdout
    )
    assert line["periods"][0]["sign"] == 1
    balance = json.loads(runner.invoke(app, ["balance", "--store", store, "--json"]).stdout)
    assert balance["triangles"] == 0  # the seed's stance graph has no closed triad
    assert balance["balance_index"] is None
    brokers = json.loads(runner.invoke(app, ["brokers", "--store", store, "--json"]).stdout)
    assert brokers[0]["actor"] == "popular-mobilisation-forces"
    backers = runner.invoke(app, ["support", "--min-length", "1", "--store", store, "--json"])
    assert ["iran", "popular-mobilisation-forces"] in [
        c["actors"] for c in json.loads(backers.stdout)
    ]
    assert "iran -> popular-mobilisation-forces" in runner.invoke(
        app, ["support", "--min-length", "1", "--store", store]
    ).stdout.replace("\n", " ")


def test_export_to_stdout_and_file(store: str, tmp_path: Path) -> None:
    out = runner.invoke(app, ["export", "--format", "cytoscape", "--store", store])
    assert len(json.loads(out.stdout)["elements"]["edges"]) == 13
    target = tmp_path / "g.gexf"
    assert (
        runner.invoke(
            app, ["export", "--format", "gexf", "-o", str(target), "--store", store]
        ).exit_code
        == 0
    )
    assert target.read_text().startswith("<gexf")


def test_csv_export_to_a_folder_writes_a_table_each(store: str, tmp_path: Path) -> None:
    folder = tmp_path / "dash"
    result = runner.invoke(app, ["export", "--format", "csv", "-o", str(folder), "--store", store])
    assert result.exit_code == 0
    nodes = list(csv.DictReader((folder / "nodes.csv").open()))
    edges = list(csv.DictReader((folder / "edges.csv").open()))
    assert {"popular-mobilisation-forces", "iran"} <= {n["id"] for n in nodes}
    assert len(edges) == 13
    assert {"weight", "first_seen", "n_articles"} <= set(edges[0])


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["allies", "PMU", "--as-of", "2016-13-01"], "Invalid value for '--as-of'"),
        (["allies", "PMU", "--min-confidence", "3"], "Invalid value for '--min-confidence'"),
        (["allies"], "Missing argument"),
        (["alies", "PMU"], "No such command 'alies'"),
    ],
)
def test_usage_errors_are_one_line_too(store: str, args: list[str], says: str) -> None:
    result = runner.invoke(app, [*args, "--store", store] if len(args) > 1 else args)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: ")
    assert says in line
    assert "--help" in line


def test_a_query_on_a_missing_store_says_so_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "actorgrph.sqlite"
    for args in (
        ["allies", "PMU"],
        ["stats"],
        ["evidence", "PMU", "Iran"],
        ["blocs"],
        ["infer", "PMU"],
    ):
        result = runner.invoke(app, [*args, "--store", str(missing)])
        assert result.exit_code == 1
        assert result.stderr.startswith(f"error: no store at {missing}")
    assert not missing.parent.exists()


@pytest.mark.parametrize(
    "args", [["blocs"], ["infer", "PMU", "--max-length", "3"], ["path", "PMU", "Islamic State"]]
)
def test_a_query_over_its_timeout_stops_with_one_line(store: str, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--store", store, "--timeout", "0"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: the query ran over its time budget of 0.0 s"
    assert runner.invoke(app, [*args, "--store", store, "--timeout", "60"]).exit_code == 0


def test_allies_show_each_relation_with_its_weight_and_direction(store: str) -> None:
    out = runner.invoke(app, ["allies", "PMU", "--store", store], env={"COLUMNS": "200"}).stdout
    iran = next(line for line in out.splitlines() if "Iran" in line)
    assert "<- SUPPORTS 0.90" in iran  # Iran backs the units, not the other way round
    army = next(line for line in out.splitlines() if "Syrian Arab Army" in line)
    assert "COOPERATES_WITH 2.20" in army


def test_path_steps_say_who_acts_on_whom(store: str) -> None:
    result = runner.invoke(app, ["path", "Iran", "AIF", "--store", store], env={"COLUMNS": "200"})
    assert "Iran SUPPORTS Popular Mobilisation Forces (0.90)" in result.stdout
    assert "Alliance of Iraqi Forces OPPOSES Popular Mobilisation Forces (1.75)" in result.stdout
    assert "2 hops" in result.stdout
    none = runner.invoke(
        app, ["path", "Iran", "AIF", "--positive-only", "--max-hops", "1", "--store", store]
    )
    assert none.stdout.strip() == (
        "No cooperative path from Iran to Alliance of Iraqi Forces within 1 hop."
    )


def test_evidence_shows_who_said_it_and_the_whole_quote(store: str) -> None:
    out = runner.invoke(
        app, ["evidence", "PMU", "Syrian army", "--store", store], env={"COLUMNS": "300"}
    ).stdout
    assert "3 claims" in out
    assert "said by Abu Mahdi al-Muhandis" in out
    assert '"collaborating and exchanging information with the Syrian army"' in out
    assert "planned, confidence 0.8" in out
    own = runner.invoke(
        app, ["evidence", "Iran", "PMU", "--store", store], env={"COLUMNS": "300"}
    ).stdout
    assert "in The New Arab's own reporting" in own


def test_balance_shows_the_best_evidenced_unbalanced_triads(tmp_path: Path) -> None:
    path = tmp_path / "triads.sqlite"
    db = EmbeddedStore(path)
    db.upsert_actors(ACTORS)
    db.upsert_article(TRIADS)
    db.close()
    result = runner.invoke(app, ["balance", "--store", str(path), "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "Unbalanced triads (1 of 2)" in result.output
    assert "alpha-front, beta-militia, gamma-state" in result.output
    assert "delta-party" not in result.output
