"""``python -m bench [--size 1k|10k|100k] [--quick] [--profile] [--no-http|--no-peer|--no-neo4j]``.

Runs every phase in its own process (``bench.phase``), prints ONE JSON
document and writes it to ``bench/results/<size>.json`` (``quick.json`` with
``--quick``). ``--write-corpus DIR`` only writes the corpus as native-format
files (for ``actorgraph load``) and exits.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import corpus, report

QUICK_ARTICLES = 300
PER_KIND = {"quick": 20, "1k": 200, "10k": 200, "100k": 100}


def run_phase(name: str, folder: Path, articles: int, actors: int, per_kind: int,
              profile: bool) -> dict[str, Any]:  # fmt: skip
    """Run ``bench.phase NAME`` in a fresh interpreter; its JSON output."""
    cmd = [sys.executable, "-m", "bench.phase", name, "--dir", str(folder)]
    cmd += ["--articles", str(articles), "--actors", str(actors), "--per-kind", str(per_kind)]
    if profile:
        cmd.append("--profile")
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"phase {name} failed ({done.returncode}):\n{done.stderr[-4000:]}")
    out = json.loads(done.stdout)
    out["phase_wall_s"] = round(time.perf_counter() - t0, 2)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--size", default="1k", choices=[s for s in corpus.SIZES if s != "quick"])
    parser.add_argument("--quick", action="store_true", help="tiny corpus, few queries (<60 s)")
    parser.add_argument("--profile", action="store_true", help="pyinstrument the store phases")
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--no-neo4j", action="store_true", help="skip the live-server leg")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the files")
    parser.add_argument("--write-corpus", metavar="DIR", help="write native files and exit")
    args = parser.parse_args(argv)

    name = "quick" if args.quick else args.size
    articles, actors = corpus.size_of(args.size)
    if args.quick:
        articles, actors = corpus.size_of("quick")
    if args.write_corpus:
        n = corpus.write_native(Path(args.write_corpus), articles, actors)
        print(json.dumps({"written": n, "folder": args.write_corpus}))
        return 0
    per_kind = PER_KIND[name]

    with tempfile.TemporaryDirectory(prefix="actorgraph-bench-") as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)

        def phase(n: str) -> dict[str, Any]:
            return run_phase(n, folder, articles, actors, per_kind, args.profile)

        result: dict[str, Any] = {
            "size": name,
            "corpus": {"articles": articles, "actors": actors, "seed": corpus.SEED,
                       "queries_per_kind": per_kind},
            "machine": report.machine(),
            "command": "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        }  # fmt: skip
        result["load"] = phase("load")
        result["load_files"] = phase("load_files")
        result["direct"] = phase("serve")
        result["analyses"] = phase("analyses")
        if args.no_http:
            result["http"] = {"skipped": "--no-http"}
            result["concurrency"] = {"skipped": "--no-http"}
        else:
            result["http"] = phase("http")
            result["concurrency"] = phase("concurrency")
        result["floor"] = phase("floor")
        if args.no_peer:
            result["peer"] = {"available": False, "reason": "--no-peer"}
        else:
            result["peer"] = phase("peer")
        if args.no_neo4j:
            result["neo4j"] = {"available": False, "reason": "--no-neo4j"}
        else:
            result["neo4j"] = phase("neo4j")
        result["ratios"] = report.ratios(result)
        result["targets"] = report.verdicts(result)
        if args.profile:
            result["profiles"] = {
                p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("profile-*.txt"))
            }
    path = report.write(result, name)
    result["written"] = str(path)
    print(json.dumps({k: v for k, v in result.items() if k != "profiles"}, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
