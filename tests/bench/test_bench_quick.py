"""The benchmark: a deterministic corpus, and ``python -m bench --quick`` prints sane JSON.

No timing thresholds here: only that every documented figure is present and
positive and every ratio is computed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import corpus
from bench.workload import KINDS
from graph.backends.embedded import EmbeddedStore
from graph.store import UpsertStatus
from graph.vocabulary import Vocabulary
from ingest.pipeline import load, plan

ROOT = Path(__file__).resolve().parents[2]
PEER_KINDS = set(KINDS) - {"blocs"}  # Kuzu has no signed partitioning


def test_the_written_corpus_loads_with_actorgraph_load(tmp_path: Path) -> None:
    """Each file carries every actor it names, an attributed source among them."""
    folder = tmp_path / "corpus"
    assert corpus.write_native(folder, 80, 120) == 80
    store = EmbeddedStore(tmp_path / "s.sqlite")
    summary = load(store, plan([folder]))
    actors = corpus.make_actors(120)
    docs = [corpus.to_annotated(r) for r in corpus.iter_raw(80, actors)]
    assert summary.articles[UpsertStatus.NEW] == 80
    assert store.stats().claims == sum(len(d.claims) for d in docs)
    store.close()


def test_corpus_is_deterministic_and_spans_match() -> None:
    actors = corpus.make_actors(60)
    first = [corpus.to_annotated(r) for r in corpus.iter_raw(40, actors)]
    again = [corpus.to_annotated(r) for r in corpus.iter_raw(40, corpus.make_actors(60))]
    assert [d.fingerprint() for d in first] == [d.fingerprint() for d in again]
    types = set()
    for doc in first:
        text = doc.article.text
        assert 2012 <= doc.article.published.year <= 2020
        assert 8 <= len(doc.claims) <= 12
        for claim in doc.claims:
            assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.quote
            types.add(claim.type)
        for mention in doc.mentions:
            assert text[mention.start : mention.end] == mention.text
    assert len({a.id for a in actors}) == len(actors)
    assert len(types) >= len(Vocabulary.default().names) - 2


def test_every_vocabulary_type_occurs_in_a_larger_corpus() -> None:
    actors = corpus.make_actors(200)
    seen = {c[3] for r in corpus.iter_raw(300, actors) for c in r.claims}
    assert seen == set(Vocabulary.default().names)


@pytest.mark.slow
def test_quick_run_prints_the_documented_json() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    for key in ("size", "corpus", "machine", "load", "direct", "http", "floor", "peer"):
        assert key in result, key
    assert result["size"] == "quick"
    assert result["load"]["claims"] > 0
    assert result["load"]["claims_per_s"] > 0
    assert result["load"]["peak_rss_bytes"] > 0
    assert result["load_files"]["claims"] == result["load"]["claims"]  # the same corpus, as files
    assert result["load_files"]["files"] == result["corpus"]["articles"]
    assert result["load_files"]["claims_per_s"] > 0
    assert result["direct"]["reopen_s"] > 0
    analyses = ("blocs", "balance_first_page", "brokers", "inferred_4_steps", "support_chains")
    for kind in analyses:
        assert result["analyses"][kind]["calls"] >= 1
        assert result["analyses"][kind]["over_budget"] == 0  # a tiny corpus fits any budget
    assert result["floor"]["load"]["claims_per_s"] > 0
    for kind in KINDS:
        for section in ("direct", "floor"):
            figures = result[section]["latency"][kind]
            assert figures["p50_ms"] > 0
            assert figures["p99_ms"] >= figures["p50_ms"]
            assert figures["first_ms"] > 0  # the first call, reported apart from the kept ones
        assert result["http"]["latency"][kind]["p50_ms"] > 0
        if kind != "blocs":
            assert result["http"]["latency_bare_client"][kind]["p50_ms"] > 0
            assert result["ratios"]["latency"][kind]["bare_client_http_p50_over_direct"] > 0
            in_process = result["http"]["latency_in_process"][kind]  # the app, no socket
            assert in_process["p50_ms"] > 0
            assert in_process["errors"] == 0, kind  # every request answered, as over HTTP
            assert result["ratios"]["latency"][kind]["in_process_p50_over_direct"] > 0
        ratios = result["ratios"]["latency"][kind]
        assert ratios["p50_ms_over_floor"] > 0
        assert ratios["http_p50_over_direct"] > 0
        if result["peer"]["available"] and kind in PEER_KINDS:
            assert ratios["p50_ms_over_peer"] > 0
    for write in ("post_article", "delete_article"):  # new articles stored, then retracted
        figures = result["http"]["latency_in_process"][write]
        assert (figures["n"], figures["errors"]) == (100, 0), write
    # every read answered at every level, and during a load, by one server process and by two
    for concurrency in (result["concurrency"], result["concurrency"]["workers_2"]):
        for level in ("clients_1", "clients_4", "clients_16"):
            assert concurrency[level]["req_per_s"] > 0, level
            assert concurrency[level]["errors"] == 0, level
            assert concurrency[level]["requests"] == concurrency["clients_1"]["requests"] > 0
        assert concurrency["during_load"]["readers"]["errors"] == 0
        assert concurrency["during_load"]["writer"]["errors"] == 0
        assert concurrency["speedup_4_over_1"] > 0
    assert result["concurrency"]["workers_2"]["speedup_4_over_1_process_1_client"] > 0
    assert result["ratios"]["load_slowdown_vs_floor"] > 0
    if result["peer"]["available"]:
        assert result["ratios"]["load_slowdown_vs_peer"] > 0
    else:
        assert result["peer"]["reason"]
    neo4j = result["neo4j"]
    if not os.environ.get("NEO4J_URI"):
        assert neo4j["available"] is False
        assert neo4j["reason"].startswith("NEO4J_URI not set")
    elif neo4j["available"]:  # a live server with an empty database: measured like the store
        assert neo4j["load"]["claims"] == result["load"]["claims"]
        for kind in PEER_KINDS:
            assert result["ratios"]["latency"][kind]["p50_ms_over_neo4j"] > 0
            assert neo4j["latency_second_pass"][kind]["n"] == neo4j["latency"][kind]["n"]
        assert "blocs" not in neo4j["latency_second_pass"]
        assert neo4j["latency"]["blocs"]["first_ms"] > 0  # drawing the stance graph, apart
        # both stores answer every query of the workload alike
        answers = neo4j["answers"]
        assert set(answers) == set(KINDS)
        for kind, compared in answers.items():
            assert compared["n"] > 0, kind
            assert (compared["same"], compared["differ"]) == (compared["n"], []), kind
    else:  # a live server whose database holds data: left alone
        assert "loads only into an empty one" in neo4j["reason"]
    targets = result["targets"]  # the open issues' targets, each judged from this run
    assert targets["reopen_s"]["measured"] == round(result["direct"]["reopen_s"], 3)
    assert targets["reopen_s"]["met"] is (result["direct"]["reopen_s"] <= 0.5)
    on_neo4j = targets["neo4j_path_p99_ms"]
    if neo4j["available"]:
        assert on_neo4j["measured"] == neo4j["latency"]["path"]["p99_ms"]
        assert on_neo4j["met"] is (on_neo4j["measured"] <= 25)
    else:
        assert on_neo4j == {"target": "<= 25", "measured": None, "met": None}
    assert Path(result["written"]).is_file()
