"""Readers of the shared actor dictionaries for the reference gazetteer's build.

CountryInfo and the CAMEO country table (countries, levels, leaders), the
Phoenix/PETRARCH2 actor and agent files (groups, IGOs, member nouns) and the
UCDP actor list; groups that share a full name are joined. Used by
``tools/build_reference.py``.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

from reference_common import (
    GROUP_ROLES,
    LEVELS,
    MEMBER_NOUNS,
    ORG_WORDS,
    Entries,
    alias,
    display,
    read_text,
    without_article,
    words,
)

from graph.model import slugify
from graph.names import normalise

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
