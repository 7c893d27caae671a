"""``python -m bench.stream [--rows N ...]``: do loaders stream? One JSON document.

Writes a generated GDELT 2.0 export of each size (fictional actors drawn from a
fixed pool, fixed seed), reads it through the real reader and resolver (every
record parsed, resolved and validated into claims, nothing stored) in a fresh
process, and reports rows/s and the peak resident memory. If the reader
streams, the peak does not grow with the file.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POOL = 200


def write_export(path: Path, rows: int, seed: int = 7) -> None:
    """``rows`` GDELT 2.0 rows (61 columns) between ``POOL`` fictional actors."""
    rng = random.Random(seed)
    codes = ["190", "183", "112", "0312", "043", "070", "010"]
    with path.open("w") as out:
        for i in range(rows):
            a, b = rng.sample(range(POOL), 2)
            code = rng.choice(codes)
            cells = [str(10_000_000 + i), "20170105", "201701", "2017", "2017.0137"]
            cells += [f"A{a:03d}", f"FICTIONAL ACTOR {a}", "", "", "", "", "", "REB", "", ""]
            cells += [f"A{b:03d}", f"FICTIONAL ACTOR {b}", "", "", "", "", "", "GOV", "", ""]
            cells += ["1", code, code, code[:2], "4", "-10.0", "4", "2", "4", "-5.2"]
            cells += ["1", "Somewhere", "XX", "XX01", "XX011", "1.0", "2.0", "123"] * 3
            cells += ["20170105120000", f"https://example.org/{i}"]
            out.write("\t".join(cells) + "\n")


def measure(path: Path) -> dict:
    """Read ``path`` through the GDELT reader (this process): rows/s and peak RSS."""
    from graph.vocabulary import Vocabulary
    from loaders import gdelt
    from loaders.gazetteer import Gazetteer
    from loaders.mapping import read_mapping
    from loaders.source import Resolver

    vocabulary = Vocabulary.default()
    resolver = Resolver(Gazetteer(), vocabulary)
    mapping = read_mapping("gdelt", vocabulary)
    start = time.perf_counter()
    rows = sum(1 for _ in gdelt.read(path, resolver, mapping))
    seconds = time.perf_counter() - start
    return {
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "file_mib": round(path.stat().st_size / 2**20, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            path = Path(tmp) / f"{rows}.export.CSV"
            write_export(path, rows)
            cmd = [sys.executable, "-m", "bench.stream", "--measure", str(path)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            results.append(json.loads(out))
    print(
        json.dumps({"benchmark": "loader streaming (GDELT check pass)", "runs": results}, indent=2)
    )


if __name__ == "__main__":
    main()
