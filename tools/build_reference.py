"""Build the reference gazetteer (``loaders/reference/``) from the shared actor dictionaries.

Run by a developer when the dictionaries change::

    .venv/bin/python tools/build_reference.py [../shared/data/dictionaries]

Deterministic: the same dictionaries give byte-identical output. Reads
CountryInfo (countries, nationality adjectives, leaders), the CAMEO country
name table, the Phoenix/PETRARCH2 actor and agent dictionaries and the UCDP
actor list; writes ``actors.json`` (entries, name index, agent nouns, leader
surnames, GDELT known-group codes) beside ``NOTICE.md`` (sources, licences).
Every entry names the dictionaries it comes from; nothing is added that a
dictionary does not say, except the product's own member nouns
(``MEMBER_NOUNS`` in ``tools/reference_common.py``), marked as such.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reference_common import RANK, Entries, read_text  # noqa: E402
from reference_sources import agents, countries, join_groups, levels, phoenix, ucdp  # noqa: E402

from graph.names import normalise  # noqa: E402

VERSION = "2026.12-1"
OUT = ROOT / "loaders" / "reference"

SOURCES = {
    "countryinfo": {
        "title": "CountryInfo.txt 120116 (Philip A. Schrodt)",
        "repository": "github.com/openeventdata/CountryInfo",
        "commit": "07c9c54888ba1cf8e9bfc2c8fe5cb57887659522",
        "path": "CountryInfo.120116.txt",
        "licence": "CC BY-SA 3.0",
    },
    "cameo-countrynames": {
        "title": "text_to_CAMEO countrynames.txt (Philip Schrodt)",
        "repository": "github.com/openeventdata/text_to_CAMEO",
        "commit": "6d7b3abebe2585bcbe48053987382d2af1865caf",
        "path": "countrynames.txt",
        "licence": "MIT",
    },
    "phoenix": {
        "title": "Phoenix/PETRARCH2 actor and agent dictionaries (Open Event Data Alliance)",
        "repository": "github.com/openeventdata/petrarch2",
        "commit": "676801cd9cb2924bbbad09f86d15c9323e7097bf",
        "path": "petrarch2/data/dictionaries/",
        "licence": "MIT",
    },
    "ucdp": {
        "title": "UCDP Actor Dataset v22.1 (Uppsala Conflict Data Program)",
        "repository": "ucdp.uu.se (copy: github.com/skytheacademic/who_keeps_the_peace)",
        "commit": "5369d2f955d3396072c612a84588654941212a19",
        "path": "data/ucdp_ged/ucdp-actor-221.csv",
        "licence": (
            "no licence stated; cite Davies, Pettersson & Oberg (2022) and the v22.1 codebook"
        ),
    },
    "actorgraph": {
        "title": "actorgraph's own member-noun list (tools/reference_common.py)",
        "repository": "this repository",
        "commit": "",
        "path": "tools/reference_common.py",
        "licence": "Apache-2.0",
    },
}

# --- output --------------------------------------------------------------------------------


def build(root: Path) -> dict:
    entries = Entries()
    by_code, by_cow, leaders = countries(root, entries)
    levels_of = levels(entries, by_code)
    groups = phoenix(root, entries, by_code)
    join_groups(entries, groups + ucdp(root, entries, levels_of, by_cow))
    actors = sorted(entries.by_id.values(), key=lambda e: e["id"])
    named: dict[str, list[dict]] = defaultdict(list)
    for entry in actors:
        entry["country"] = entry.get("country") or None
        entry["sources"] = sorted(set(entry["sources"]))
        for n in (entry["name"], *entry["aliases"]):
            key = normalise(n)
            if key and entry not in named[key]:
                named[key].append(entry)
    index = {}
    for key, found in named.items():
        # a name several entries share goes to the highest rank, then to the one it names
        top = min(RANK[e["kind"]] for e in found)
        found = [e for e in found if RANK[e["kind"]] == top]
        own = [e for e in found if normalise(e["name"]) == key]
        index[key] = [e["id"] for e in (own if len(own) == 1 else found)]
    known: dict[str, list[str]] = {}
    for entry in actors:
        code = entry["codes"].get("cameo", "")
        if code.startswith("IGO") and len(code) >= 6:
            known.setdefault(code[-3:], []).append(entry["id"])
    return {
        "version": VERSION,
        "sources": SOURCES,
        "actors": actors,
        "index": dict(sorted(index.items())),
        "agents": agents(root),
        "leaders": leaders,
        "known_groups": {k: v[0] for k, v in sorted(known.items()) if len(v) == 1},
        "country_codes": {e["codes"]["cameo"]: e["id"] for e in actors if e["kind"] == "state"},
    }


NOTICE = """# Reference gazetteer: sources and licences

`actors.json` is built by `tools/build_reference.py` (reference version {version})
from the dictionaries below; every entry lists the sources it comes from
(`sources`), and links made between entries say why (`linked_by`). Rebuild it
with `.venv/bin/python tools/build_reference.py DICTIONARIES`, DICTIONARIES
being the folder that holds the dictionaries listed below, as they were fetched.

Because it contains entries derived from CountryInfo, **`actors.json` as a whole
is distributed under the Creative Commons Attribution-ShareAlike 3.0 Unported
licence** (https://creativecommons.org/licenses/by-sa/3.0/), as CountryInfo
requires of derived works; the entries from the other sources remain available
under their own licences below.

## Sources

{sources}

## CountryInfo (CC BY-SA 3.0), notice as given in the file

> {countryinfo}

## Phoenix/PETRARCH2 dictionaries (MIT)

```
{phoenix}
```

## text_to_CAMEO country names (MIT)

```
{cameo}
```

## UCDP Actor Dataset v22.1

No licence is stated in the copy used or in its codebook; UCDP asks users to
cite: Davies, Shawn, Therese Pettersson & Magnus Öberg (2022), "Organized
violence 1989-2021 and drone warfare", Journal of Peace Research 59(4); and
Pettersson, Therese (2022), "UCDP Actor Dataset Codebook v 22.1". Whoever
redistributes the product should confirm UCDP's current terms.
"""


def notice(root: Path) -> str:
    info = read_text(root / "countryinfo" / "CountryInfo.120116.txt")
    start = info.index("Copyright (c) 2012")
    end = info.index("by-sa/3.0/", start) + len("by-sa/3.0/")
    quoted = "\n> ".join(" ".join(line.split()) for line in info[start:end].splitlines())
    listed = "\n".join(
        f"- `{key}`: {s['title']}; {s['repository']} {s['commit'][:12]} `{s['path']}`; "
        f"licence: {s['licence']}"
        for key, s in SOURCES.items()
    )
    return NOTICE.format(
        version=VERSION,
        sources=listed,
        countryinfo=quoted,
        phoenix=read_text(root / "phoenix_petrarch2" / "LICENSE").strip(),
        cameo=read_text(root / "cameo_tables_text_to_CAMEO" / "LICENSE").strip(),
    )


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/dictionaries"
    data = build(root)
    OUT.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    (OUT / "actors.json").write_text(text + "\n", encoding="utf-8")
    (OUT / "NOTICE.md").write_text(notice(root), encoding="utf-8")
    print(f"{len(data['actors'])} actors, {len(data['index'])} names -> {OUT / 'actors.json'}")


if __name__ == "__main__":
    main()
