"""Shared pieces of the reference gazetteer's build: roles, name forms, the entry list.

Used by ``tools/reference_sources.py`` and ``tools/build_reference.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

from graph.names import normalise

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
