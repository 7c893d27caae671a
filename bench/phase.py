"""One benchmark phase in its own process, so each one's peak RSS and cold start are its own.

``python -m bench.phase PHASE --dir D --articles N --actors M [--per-kind K] [--profile]``
prints one JSON object. Phases: ``load`` (the embedded store; also draws the
workload), ``load_files`` (``actorgraph load`` of native files, end to end),
``serve`` (cold reopen + direct queries), ``analyses``, ``http``, ``floor``,
``peer``, ``neo4j`` (a live server, when ``NEO4J_URI`` names one), ``neo4j_load``
(only the Neo4j leg's load, for measuring it alone:
``python -m bench.phase neo4j_load --dir /tmp/b --articles 10000 --actors 1500``).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from bench import corpus
from bench.loading import load_corpus
from bench.workload import load_workload, make_workload, run_timed, save_workload, store_calls

STORE_FILE = "embedded.sqlite"
WORKLOAD_FILE = "workload.json"
POSTS = 100
"""New articles the ``http`` phase stores through the app one a request (and retracts)."""


def peak_rss() -> int:
    """This process's peak resident set, in bytes."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _profiler(enabled: bool, out: Path) -> AbstractContextManager:
    if not enabled:
        return nullcontext()
    from pyinstrument import Profiler

    class _Profile(AbstractContextManager):
        def __enter__(self) -> None:
            self.p = Profiler(interval=0.005)
            self.p.start()

        def __exit__(self, *exc: object) -> None:
            self.p.stop()
            out.write_text(self.p.output_text(unicode=False, color=False, show_all=False))

    return _Profile()


def _children_cpu() -> float:
    """CPU seconds of this process's finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def load_phase(args: argparse.Namespace) -> dict[str, Any]:
    """Load the corpus into a fresh embedded store (:func:`bench.loading.load_corpus`),
    then draw the workload from it."""
    from graph.backends.embedded import EmbeddedStore

    folder = Path(args.dir)
    path = folder / STORE_FILE
    for leftover in folder.glob(STORE_FILE + "*"):
        leftover.unlink()
    actors = corpus.make_actors(args.actors)
    store = EmbeddedStore(path)
    with _profiler(args.profile, folder / "profile-load.txt"):
        figures, pairs = load_corpus(store, args.articles, actors)
    stats = store.stats()
    store.close()
    names = {a.id: list(a.names) for a in actors}
    workload = make_workload([a.id for a in actors], names, pairs, args.per_kind)
    save_workload(folder / WORKLOAD_FILE, workload)
    return {
        **figures,
        "actors": stats.actors,
        "relations": stats.relations,
        "file_bytes": sum(p.stat().st_size for p in folder.glob(STORE_FILE + "*")),
        "peak_rss_bytes": peak_rss(),
    }


def load_files_phase(args: argparse.Namespace) -> dict[str, Any]:
    """``actorgraph load`` of the corpus written as native files, one per article, end to end:
    reading, checking and resolving every file as well as the store's work."""
    from graph.backends.embedded import EmbeddedStore
    from ingest.pipeline import load, plan

    folder = Path(args.dir)
    files = folder / "native"
    shutil.rmtree(files, ignore_errors=True)  # a kept folder may hold another size's corpus
    corpus.write_native(files, args.articles, args.actors)
    for leftover in folder.glob("files.sqlite*"):
        leftover.unlink()
    store = EmbeddedStore(folder / "files.sqlite")
    with _profiler(args.profile, folder / "profile-load-files.txt"):
        t0, cpu0, workers0 = time.perf_counter(), time.process_time(), _children_cpu()
        summary = load(store, plan([files]))
        seconds = time.perf_counter() - t0
        cpu, workers = time.process_time() - cpu0, _children_cpu() - workers0
    store.close()
    return {
        "files": summary.files,
        "claims": summary.claims,
        "seconds": seconds,
        "claims_per_s": summary.claims / seconds,
        "cpu_s": cpu,  # this process: on an idle machine, the load's wall time is at least this
        "readers_cpu_s": workers,  # the processes that read files ahead (ingest.read_ahead)
        "peak_rss_bytes": peak_rss(),
    }


def serve_phase(args: argparse.Namespace) -> dict[str, Any]:
    """Cold reopen of the store, then the workload called directly."""
    from graph.backends.embedded import EmbeddedStore

    folder = Path(args.dir)
    workload = load_workload(folder / WORKLOAD_FILE)
    rss_before = peak_rss()
    with _profiler(args.profile, folder / "profile-reopen.txt"):
        t0, cpu0 = time.perf_counter(), time.process_time()
        store = EmbeddedStore(folder / STORE_FILE)
        reopen, reopen_cpu = time.perf_counter() - t0, time.process_time() - cpu0
    rss_open = peak_rss()
    with _profiler(args.profile, folder / "profile-queries.txt"):
        latency = run_timed(store_calls(store), workload)
    store.close()
    return {
        "reopen_s": reopen,
        "reopen_cpu_s": reopen_cpu,  # this process's: the reopen's cost on a shared machine
        "latency": latency,
        "blocs": "blocs" in latency,
        "peak_rss_after_open_bytes": rss_open,
        "rss_before_open_bytes": rss_before,
        "peak_rss_bytes": peak_rss(),
    }


ANALYSIS_ACTORS = 5
"""Actors whose stances are inferred (the workload's first allies queries)."""


def analyses_phase(args: argparse.Namespace) -> dict[str, Any]:
    """The signed-network analyses as the API runs them, each under its default query budget.

    Every call draws the stance graph from the store, as the routes do.
    A call that runs over the budget is reported as such (the API answers 504).
    """
    from graph.backends.embedded import EmbeddedStore
    from graph.budget import time_budget
    from graph.errors import QueryTimeout
    from graph.settings import Settings
    from graph.traversal.stance_graph import store_stance_graph
    from queries.balance import balance
    from queries.blocs import blocs
    from queries.brokers import brokers_with_blocs, support_chains
    from queries.inference import infer

    folder = Path(args.dir)
    store = EmbeddedStore(folder / STORE_FILE)
    actors = load_workload(folder / WORKLOAD_FILE)["allies"][:ANALYSIS_ACTORS]

    def graph() -> Any:
        return store_stance_graph(store)

    calls: dict[str, list[Any]] = {
        "stance_graph": [graph],  # the first call: drawn (or, by the embedded store, copied)
        "stance_graph_again": [graph],  # unchanged store: the embedded store's kept copy
        "blocs": [lambda: blocs(graph())],
        "balance_first_page": [lambda: balance(graph(), 0, 100)],
        "brokers": [lambda: brokers_with_blocs(graph(), limit=1000)],  # as GET /brokers
        "inferred_2_steps": [lambda a=a: infer(graph(), a, 2) for a in actors],
        "inferred_3_steps": [lambda a=a: infer(graph(), a, 3) for a in actors],
        "inferred_4_steps": [lambda a=a: infer(graph(), a, 4) for a in actors],
        "support_chains": [lambda: support_chains(graph())],
    }
    budget = Settings().query_seconds
    out: dict[str, Any] = {"budget_s": budget}
    for kind, runs in calls.items():
        times, cpu, over = [], [], 0
        for run in runs:
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                with time_budget(budget):
                    run()
            except QueryTimeout:
                over += 1
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        out[kind] = {"calls": len(runs), "median_s": round(sorted(times)[len(times) // 2], 3)}
        # this process's CPU seconds: on a shared machine, what the call cost without the wait
        out[kind]["median_cpu_s"] = round(sorted(cpu)[len(cpu) // 2], 3)
        out[kind]["over_budget"] = over
    store.close()
    out["peak_rss_bytes"] = peak_rss()
    return out


def http_phase(args: argparse.Namespace) -> dict[str, Any]:
    """Through uvicorn (:func:`bench.http.run_http`), then through the app with no socket."""
    from bench.http import run_http
    from bench.in_process import run_in_process

    folder = Path(args.dir)
    workload = load_workload(folder / WORKLOAD_FILE)
    result = run_http(folder / STORE_FILE, workload)
    posts = corpus.posted_documents(POSTS, args.actors)
    result["latency_in_process"] = run_in_process(folder / STORE_FILE, workload, posts)
    return result


def concurrency_phase(args: argparse.Namespace) -> dict[str, Any]:
    """1, 4 and 16 HTTP clients on the mixed reads, then reads during a load
    (:mod:`bench.concurrency`)."""
    from bench.concurrency import run_concurrency

    folder = Path(args.dir)
    workload = load_workload(folder / WORKLOAD_FILE)
    posts = corpus.posted_documents(POSTS, args.actors)
    return run_concurrency(folder / STORE_FILE, workload, posts)


def floor_phase(args: argparse.Namespace) -> dict[str, Any]:
    """SQLite bulk insert of the same claim rows; bare networkx queries."""
    from bench.floor import build_floor_graph, claim_rows, floor_calls, sqlite_bulk_load
    from graph.vocabulary import Vocabulary

    folder = Path(args.dir)
    actors = corpus.make_actors(args.actors)
    rows = claim_rows(corpus.iter_raw(args.articles, actors))
    target = folder / "floor.sqlite"
    for leftover in folder.glob("floor.sqlite*"):
        leftover.unlink()
    seconds = sqlite_bulk_load(target, rows)
    t0 = time.perf_counter()
    G, evidence = build_floor_graph(rows, Vocabulary.default())
    graph_s = time.perf_counter() - t0
    names = {a.id: list(a.names) for a in actors}
    latency = run_timed(floor_calls(G, evidence, names), load_workload(folder / WORKLOAD_FILE))
    return {
        "load": {"claims": len(rows), "seconds": seconds, "claims_per_s": len(rows) / seconds},
        "graph_build_s": graph_s,
        "latency": latency,
        "peak_rss_bytes": peak_rss(),
    }


def peer_phase(args: argparse.Namespace) -> dict[str, Any]:
    """Kuzu: load, cold reopen, the workload in Cypher."""
    from bench import peer_kuzu
    from graph.vocabulary import Vocabulary

    why = peer_kuzu.available()
    if why:
        return {"available": False, "reason": why}
    folder = Path(args.dir) / "peer"
    actors = corpus.make_actors(args.actors)
    raws = list(corpus.iter_raw(args.articles, actors))
    load = peer_kuzu.load(folder, actors, raws, Vocabulary.default())
    del raws
    db, conn, reopen = peer_kuzu.reopen(folder)
    workload = load_workload(Path(args.dir) / WORKLOAD_FILE)
    latency = run_timed(peer_kuzu.peer_calls(conn), workload)
    conn.close()
    db.close()
    return {
        "available": True,
        "engine": "kuzu " + __import__("kuzu").__version__,
        "load": load,
        "reopen_s": reopen,
        "latency": latency,
        "peak_rss_bytes": peak_rss(),
    }


def neo4j_phase(args: argparse.Namespace) -> dict[str, Any]:
    """The load and the workload on a live Neo4j server, if ``NEO4J_URI`` names one."""
    from bench.neo4j_leg import neo4j_leg

    folder = Path(args.dir)
    return neo4j_leg(
        folder, args.articles, args.actors, folder / WORKLOAD_FILE, folder / STORE_FILE
    )


def neo4j_load_phase(args: argparse.Namespace) -> dict[str, Any]:
    """The Neo4j leg's load (and wipe) alone, without the workload: needs no other phase."""
    from bench.neo4j_leg import neo4j_leg

    return neo4j_leg(Path(args.dir), args.articles, args.actors, None)


PHASES = {
    "load": load_phase,
    "load_files": load_files_phase,
    "serve": serve_phase,
    "http": http_phase,
    "concurrency": concurrency_phase,
    "analyses": analyses_phase,
    "floor": floor_phase,
    "peer": peer_phase,
    "neo4j": neo4j_phase,
    "neo4j_load": neo4j_load_phase,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.phase")
    parser.add_argument("phase", choices=sorted(PHASES))
    parser.add_argument("--dir", required=True)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--actors", type=int, required=True)
    parser.add_argument("--per-kind", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    json.dump(PHASES[args.phase](args), sys.stdout, default=str)


if __name__ == "__main__":
    main()
