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
(:data:`MEMBER_NOUNS`), marked as such.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.model import slugify  # noqa: E402
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
        "title": "actorgraph's own member-noun list (tools/build_reference.py)",
        "repository": "this repository",
        "commit": "",
        "path": "tools/build_reference.py",
        "licence": "Apache-2.0",
    },
}

LEVELS = {  # CAMEO role -> (level id suffix, kind, ACLED/UCDP-style name)
    "GOV": ("government", "government", "Government of {}"),
    "MIL": ("military-forces", "armed_forces", "Military Forces of {}"),
    "COP": ("police-forces", "armed_forces", "Police Forces of {}"),
}
GROUP_ROLES = {
    "REB": "armed_group",
    "INS": "armed_group",
    "SEP": "armed_group",
    "UAF": "armed_group",
    "OPP": "political_party",
    "PTY": "political_party",
}
ORG_WORDS = re.compile(
    r"\b(ARMY|FRONT|BRIGADES?|BATTALIONS?|STATE|MOVEMENT|COUNCIL|COALITION|PARTY|FORCES?|GROUP|"
    r"ORGANI[SZ]ATION|UNION|LEAGUE|ALLIANCE|COMMITTEE|NATIONS|COMMUNITY|ASSOCIATION|"
    r"AGENCY|FUND|BANK|COURT|CONGRESS|UNITS?|MILITIA|TALIBAN|QAEDA|JIHAD|HAMAS|HEZBOLLAH|"
    r"HIZBOLLAH|JABHAT|JAYSH|JAISH|KATAIB|LIWA|ANSAR|HARAKAT|TANZIM|CORPS|GUARDS?|"
    r"ORGANIZATION|SECURITY_COUNCIL|NATO|OPEC|ASEAN|AFRICAN_UNION|EUROPEAN_UNION)\b"
)
RANK = {  # which entry keeps a name several kinds of entry share: a state keeps "Indian"
    "state": 0,
    "government": 1,
    "armed_forces": 1,
    "international_org": 2,
    "armed_group": 3,
    "political_party": 3,
    "community": 4,
}
MEMBER_NOUNS = {  # the product's own: plural member nouns the agent file has only singular
    "forces": "MIL",
    "force": "MIL",
    "troops": "MIL",
    "fighters": "UAF",
    "militants": "UAF",
    "militiamen": "UAF",
    "regime": "GOV",
    "government": "GOV",
    "administration": "GOV",
    "authorities": "GOV",
    "leadership": "GOV",
    "cabinet": "GOV",
    "army": "MIL",
    "military": "MIL",
    "armed forces": "MIL",
    "soldiers": "MIL",
    "police": "COP",
    "members": "UAF",
    "supporters": "UAF",
    "loyalists": "UAF",
    "elements": "UAF",
    "aircraft": "MIL",
    "warplanes": "MIL",
    "jets": "MIL",
    "advisers": "MIL",
    "advisors": "MIL",
    "partners": "UAF",
    "nations": "GOV",
}


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def words(phrase: str) -> str:
    """A dictionary phrase (``THE_ISLAMIC_STATE_``) as words (``THE ISLAMIC STATE``)."""
    return " ".join(phrase.replace("_", " ").split())


SMALL = {"of", "and", "the", "for", "in", "al", "wa", "fi", "de", "la", "le", "du"}


def display(phrase: str) -> str:
    out = []
    for i, word in enumerate(words(phrase).split(" ")):
        lower = word.lower()
        if i and lower in SMALL:
            out.append(lower)
        elif len(word) <= 4 and word.isupper() and not re.search(r"[AEIOU]", word[1:]):
            out.append(word)
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def without_article(name: str) -> str:
    return re.sub(r"^(THE|The)[ _]+", "", name)


class Entries:
    def __init__(self) -> None:
        self.by_id: dict[str, dict] = {}

    def add(self, entry: dict) -> dict:
        base, n = entry["id"], 2
        while entry["id"] in self.by_id:
            entry["id"], n = f"{base}-{n}", n + 1
        self.by_id[entry["id"]] = entry
        return entry


def alias(entry: dict, name: str) -> None:
    name = " ".join(name.split()).strip(" ,;")
    if name and name != entry["name"] and name not in entry["aliases"] and normalise(name):
        entry["aliases"].append(name)


# --- CountryInfo and the CAMEO country name table -----------------------------------------


def countries(root: Path, entries: Entries) -> tuple[dict[str, dict], dict[str, str], dict]:
    text = read_text(root / "countryinfo" / "CountryInfo.120116.txt")
    short: dict[str, list[str]] = defaultdict(list)
    for line in read_text(root / "cameo_tables_text_to_CAMEO" / "countrynames.txt").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2].strip() != "000":
            short[parts[1].strip()].append(parts[0].strip())
    by_code: dict[str, dict] = {}
    by_cow: dict[str, str] = {}
    leaders: dict[str, set[str]] = defaultdict(set)
    for code, block in re.findall(
        r"^<CountryCode>([A-Z]+)</CountryCode>(.*?)^</Country>", text, re.S | re.M
    ):
        if not re.fullmatch(r"[A-Z]{3}", code) or code in by_code:
            continue  # territories (USAGUM, or a second FRA record) are not the state
        name = tag(block, "CountryName")
        names = sorted(short.get(code, []), key=lambda n: (len(n), n))
        canonical = names[0] if names else display(name)
        cow = tag(block, "COW-Numeric")
        entry = entries.add(
            {
                "id": slugify(canonical),
                "name": canonical,
                "kind": "state",
                "country": code,
                "aliases": [],
                "codes": {"cameo": code, "iso3": tag(block, "ISO3166-alpha3") or code},
                "member_of": [],
                "sources": ["countryinfo"] + (["cameo-countrynames"] if names else []),
            }
        )
        if cow and cow.isdigit() and int(cow):
            entry["codes"]["cow"] = str(int(cow))
            by_cow[str(int(cow))] = code
        for n in [display(name), *names[1:]]:
            alias(entry, n)
        for line in section(block, "Nationality"):
            alias(entry, display(line))
        for line in section(block, "Leaders"):
            found = re.match(r"([A-Z][A-Z_.'-]+?)_*\s+\[(>?\d{8})(?:\s*-\s*(\d{8}))?", line)
            if found and (found[2].startswith(">") or (found[3] or "0") >= "19900101"):
                surname = re.split(r"[_-]", found[1].strip("_"))[-1]
                if len(surname) > 3:
                    leaders[surname.lower()].add(code)
        by_code[code] = entry
    unique = {s: next(iter(c)) for s, c in sorted(leaders.items()) if len(c) == 1}
    return by_code, by_cow, unique


def tag(block: str, name: str) -> str:
    found = re.search(rf"<{name}>(.*?)</{name}>", block)
    return found[1].strip().strip("_") if found else ""


def section(block: str, name: str) -> list[str]:
    found = re.search(rf"<{name}>(.*?)</{name}>", block, re.S)
    if not found:
        return []
    lines = []
    for line in found[1].splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("<"):
            lines.append(line)
    return lines


def levels(entries: Entries, by_code: dict[str, dict]) -> dict[tuple[str, str], dict]:
    made = {}
    for code, country in sorted(by_code.items()):
        for role, (suffix, kind, pattern) in LEVELS.items():
            made[(code, role)] = entries.add(
                {
                    "id": f"{country['id']}-{suffix}",
                    "name": pattern.format(country["name"]),
                    "kind": kind,
                    "country": code,
                    "aliases": [],
                    "codes": {"cameo": code + role},
                    "member_of": [country["id"]],
                    "sources": ["countryinfo"],
                    "rule": f"level {role} of {code}",
                }
            )
    return made


# --- Phoenix/PETRARCH2 ---------------------------------------------------------------------


def phoenix_blocks(path: Path) -> list[tuple[str, list[str], list[str], str]]:
    """``(headword, aliases, codes, comment)`` per block of a TABARI actor file."""
    blocks: list[tuple[str, list[str], list[str], str]] = []
    for raw in read_text(path).splitlines():
        comment = raw.split("#", 1)[1].strip() if "#" in raw else ""
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = re.findall(r"\[([A-Z~]{3,}[A-Z]*)[^\]]*\]", line)
        head = re.sub(r"\[[^\]]*\]", "", line).strip()
        if line[0] not in "+[< \t":
            blocks.append((head, [], list(codes), comment))
        elif blocks:
            _, aliases, block_codes, _ = blocks[-1]
            for part in re.findall(r"\+([^+]+)", head):
                if part.strip():
                    aliases.append(part.strip())
            undated = re.findall(r"\[([A-Z]{3,})\]", line)
            block_codes.extend(undated or codes)
    return blocks


def code_of(codes: list[str]) -> str:
    return codes[-1] if codes else ""


def phoenix(root: Path, entries: Entries, by_code: dict[str, dict]) -> list[dict]:
    folder = root / "phoenix_petrarch2"
    groups: list[dict] = []
    merged: dict[str, dict] = {}
    files = (
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
    )
    for file in files:
        for head, aliases, codes, comment in phoenix_blocks(folder / file):
            code = code_of(codes)
            if not code or "CountryInfo" in comment or re.fullmatch(r"[A-Z]{3}", code):
                continue  # persons from CountryInfo; countries come from CountryInfo itself
            if file.startswith("Phoenix.International") and not code.startswith("IGO"):
                continue  # multinationals and NGOs are no conflict parties here
            country = code[:3] if code[:3] in by_code else None
            role = code[3:6] if country else code[:3]
            if file != "Phoenix.MilNonState.actors.txt" and not ORG_WORDS.search(words(head)):
                continue  # a person or a role, not an organisation
            if code.startswith("IGO"):
                kind = "international_org"
            elif code.startswith("IMG") or role in GROUP_ROLES:
                kind = GROUP_ROLES.get(role, "armed_group")
            elif file == "Phoenix.MilNonState.actors.txt":
                kind = "armed_group"
            else:
                continue  # a ministry, a party in government...: a level, not a group
            shared = code.startswith("IGO") or (code.startswith("IMG") and len(code) >= 9)
            if shared and code in merged:
                entry = merged[code]
                add_phoenix_name(entry, head, head=True)
                for n in aliases:
                    add_phoenix_name(entry, n)
                continue
            bare = words(without_article(head.strip("_")))
            name = bare if re.fullmatch(r"[A-Z]{2,4}", bare) else display(bare)  # NATO, OPEC
            entry = entries.add(
                {
                    "id": slugify(name),
                    "name": name,
                    "kind": kind,
                    "country": country,
                    "aliases": [],
                    "codes": {"cameo": code},
                    "member_of": [],
                    "sources": ["phoenix"],
                }
            )
            add_phoenix_name(entry, head, head=True)
            for n in aliases:
                add_phoenix_name(entry, n)
            if shared:
                merged[code] = entry
            groups.append(entry)
    return groups


PERSON_MARKS = re.compile(r"^(AL-|EL-)|\b(ABU|ABD|ABDUL|SHEIKH?|MOHAMM?[AE]D|MUHAMMAD|MULLAH)\b")


def add_phoenix_name(entry: dict, phrase: str, head: bool = False) -> None:
    """A block's name; an alias that looks like a person's (dictionaries code some
    leaders as their group) is left out, so a person never answers as a group."""
    text = words(phrase).strip()
    if not head and (PERSON_MARKS.search(text) or (" " in text and not ORG_WORDS.search(text))):
        return
    acronym = re.search(r"\(([A-Z][A-Z0-9-]{1,9})\)", text)
    bare = re.sub(r"\s*\([^)]*\)\s*", " ", text).strip()
    for n in (bare, without_article(bare)):
        alias(entry, display(n))
    initials = "".join(w[0] for w in re.split(r"[\s-]+", bare.upper()) if w)
    if acronym and is_subsequence(acronym[1].replace("-", ""), initials):
        alias(entry, acronym[1])


def is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)


def agents(root: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    for raw in read_text(root / "phoenix_petrarch2" / "Phoenix.agents.txt").splitlines():
        line = raw.split("#", 1)[0]
        found = re.match(r"^([A-Z][A-Z_'. -]*?)\s*(\{\})?\s*\[~([A-Z]{3})", line)
        if found and "!" not in found[1]:
            key = normalise(words(found[1]))
            if key:
                table.setdefault(key, found[3])
    for noun, role in MEMBER_NOUNS.items():
        table.setdefault(normalise(noun), role)
    return dict(sorted(table.items()))


# --- UCDP ----------------------------------------------------------------------------------


def ucdp(root: Path, entries: Entries, levels_of: dict, by_cow: dict[str, str]) -> list[dict]:
    """UCDP actors: a state government joins its country's level; any other is an entry."""
    path = root / "ucdp_actor" / "ucdp-actor-221.csv"
    governments = {normalise(level["name"]): level for level in levels_of.values()}
    made = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            actor_id = row["ActorId"].strip()
            names = [row["NameData"], row["NameOrig"], row["NameOrigFull"], row["NameOrigFullEng"]]
            if row["NameChange"].strip() == "1":
                for column in ("NewName", "NewNameFullMotherTongue", "NewNameFullEng"):
                    names += row[column].split(", ")
            names = [n.strip() for n in names if n.strip() and n.strip().lower() != "n/a"]
            if row["Org"].strip() == "4":
                level = governments.get(normalise(row["NameData"]))
                if level is not None:
                    level["codes"]["ucdp"] = actor_id
                    level["sources"].append("ucdp")
                    for n in names:
                        alias(level, n)
                continue
            places = [g.strip() for g in row["GWNOLoc"].split(",")]
            home = places[0] if len(places) == 1 else ""  # several: where it fought, not home
            country = by_cow.get(str(int(home))) if home.isdigit() else None
            english = row["NewNameFullEng"].split(", ")[-1] if row["NameChange"] == "1" else ""
            english = english.strip() or row["NameOrigFullEng"].strip()
            short = row["NameData"].strip()
            canonical = english if re.fullmatch(r"[A-Z0-9-]{1,8}", short) and english else short
            canonical = canonical if canonical.lower() != "n/a" else short
            kind = "community" if row["Org"].strip() in {"2", "3"} else "armed_group"
            entry = entries.add(
                {
                    "id": slugify(canonical),
                    "name": canonical,
                    "kind": kind,
                    "country": country,
                    "aliases": [],
                    "codes": {"ucdp": actor_id},
                    "member_of": [],
                    "sources": ["ucdp"],
                }
            )
            for n in names:
                alias(entry, n)
            made.append(entry)
    return made


def join_groups(entries: Entries, groups: list[dict]) -> None:
    """Entries of non-state groups sharing a full name (two words or more) become one.

    Not when they are placed in two different countries. The UCDP entry names
    the group (UCDP follows renamings: "Islamic State"), else the first
    Phoenix one; the others' names, codes and sources join it, and
    ``linked_by`` says which names linked them.
    """
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    why: dict[int, set[str]] = defaultdict(set)
    for i, entry in enumerate(groups):
        for n in (entry["name"], *entry["aliases"]):
            key = normalise(n)
            if len(key.split()) < 2:
                continue
            if key in first and root(first[key]) != root(i):
                a, b = sorted((root(first[key]), root(i)))
                countries = {groups[a].get("country"), groups[b].get("country")} - {None}
                if len(countries) <= 1:  # one name in two countries is two groups
                    parent[b] = a
                    groups[a]["country"] = groups[a].get("country") or groups[b].get("country")
                    why[a].add(key)
            first.setdefault(key, i)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(groups)):
        members[root(i)].append(i)
    for top, group in members.items():
        if len(group) == 1:
            continue
        named = next((groups[i] for i in group if "ucdp" in groups[i]["sources"]), groups[top])
        keep = groups[top]
        for i in group:
            if i != top:
                absorb(entries, keep, groups[i])
        if named is not keep:
            alias(keep, keep["name"])
            keep["name"] = named["name"]
            keep["aliases"] = [a for a in keep["aliases"] if a != keep["name"]]
            del entries.by_id[keep["id"]]
            keep["id"] = slugify(keep["name"])
            entries.add(keep)
        keep["linked_by"] = "shared full names: " + ", ".join(sorted(why[top])[:5])


def absorb(entries: Entries, keep: dict, entry: dict) -> None:
    for n in (entry["name"], *entry["aliases"]):
        alias(keep, n)
    for scheme, code in entry["codes"].items():
        if len(code) > len(keep["codes"].get(scheme, "")):  # IMGMUSISI says more than IRQREB
            keep["codes"][scheme] = code
    keep["sources"] = keep["sources"] + entry["sources"]
    del entries.by_id[entry["id"]]


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
