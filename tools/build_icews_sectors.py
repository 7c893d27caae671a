"""Build loaders/icews.sectors.yaml: ICEWS sector names -> CAMEO agent (role) codes.

The table is Philip Schrodt's text_to_CAMEO ``agentnames.txt`` (MIT), kept in
../shared/data/dictionaries/cameo_tables_text_to_CAMEO/. Deterministic: the
same input gives the same file. Run from the repository root::

    python tools/build_icews_sectors.py > loaders/icews.sectors.yaml
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SOURCE = Path("../shared/data/dictionaries/cameo_tables_text_to_CAMEO/agentnames.txt")

HEADER = """\
# ICEWS sector names -> CAMEO agent (role) codes, from text_to_CAMEO's agentnames.txt
# (github.com/openeventdata/text_to_CAMEO, commit 6d7b3abebe2585bcbe48053987382d2af1865caf),
# Copyright (c) 2014 Philip Schrodt, MIT licence. Built by tools/build_icews_sectors.py;
# do not edit by hand. A sector whose code is "---" has no CAMEO role and is left out.
sectors:
"""


def build(source: Path) -> str:
    sectors: dict[str, str] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) < 2 or not cells[0].strip() or cells[1].strip() in ("", "---"):
            continue
        sectors.setdefault(cells[0].strip(), cells[1].strip())
    rows = (
        f"  {json.dumps(name, ensure_ascii=False)}: {code}"
        for name, code in sorted(sectors.items())
    )
    return HEADER + "\n".join(rows) + "\n"


if __name__ == "__main__":
    sys.stdout.write(build(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE))
