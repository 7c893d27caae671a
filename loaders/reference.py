"""The reference gazetteer: actors the shared dictionaries name, shipped with the product.

Built by ``tools/build_reference.py`` from CountryInfo, the CAMEO country
table, the Phoenix/PETRARCH2 actor and agent dictionaries and the UCDP actor
list (``loaders/reference/NOTICE.md`` gives each source and licence). It sits
beneath the user's gazetteer and the store: it is asked only about names they
do not know, and an entry becomes a node only when a source claims something
about it. Its name index holds :func:`graph.names.normalise` keys computed
when it was built, so opening it costs one JSON read.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from graph.model import Actor
from graph.names import normalise

STATE_ROLES = {"GOV": "government", "MIL": "armed_forces", "COP": "armed_forces"}
"""CAMEO roles that name a level of a state the reference holds (its government, its forces)."""


class Reference:
    """The shipped reference: entries by id, their names, agent nouns and codes.

    Examples
    --------
    >>> ref = Reference.default()
    >>> ref.find("Daesh"), ref.find("American"), ref.find("U.S.")
    (['islamic-state'], ['united-states'], ['united-states'])
    >>> ref.level("SYR", "GOV")
    'syria-government'
    >>> ref.role("soldiers"), ref.role("government forces"), ref.role("Kurdish")
    ('MIL', 'MIL', None)
    """

    def __init__(self, data: dict[str, Any] | Callable[[], dict[str, Any]]) -> None:
        self._read = data if callable(data) else lambda: data
        self._actors: dict[str, Actor] = {}
        self._ready = False

    def __getattr__(self, name: str) -> Any:
        """The tables, read on first use: a load that names only known actors never reads them."""
        if name.startswith("__") or self.__dict__.get("_ready", True):
            raise AttributeError(name)
        data = self._read()
        self.version: str = data["version"]
        self.sources: dict[str, dict] = data["sources"]
        self._entries = {e["id"]: e for e in data["actors"]}
        self._index: dict[str, list[str]] = data["index"]
        self._agents: dict[str, str] = data["agents"]
        self._leaders: dict[str, str] = data["leaders"]
        self._known_groups: dict[str, str] = data["known_groups"]
        self._countries: dict[str, str] = data["country_codes"]
        self._ready = True
        return getattr(self, name)

    @classmethod
    def default(cls) -> Reference:
        """The reference shipped in ``loaders/reference/actors.json`` (read once, when needed)."""
        return _shipped()

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def entry(self, entry_id: str) -> dict[str, Any]:
        return self._entries[entry_id]

    def find(self, name: str) -> list[str]:
        """Ids of the entries answering exactly to ``name`` (several: ambiguous)."""
        return list(self._index.get(normalise(name), ()))

    def country(self, code: str) -> str | None:
        """The state entry of a CAMEO/ISO country code (``SYR``)."""
        return self._countries.get(code)

    def level(self, code: str, role: str) -> str | None:
        """The entry of a state's level (``SYR`` + ``GOV`` -> its government), if kept."""
        entry_id = self._countries.get(code)
        if entry_id is None or role not in STATE_ROLES:
            return None
        suffix = {"GOV": "government", "MIL": "military-forces", "COP": "police-forces"}[role]
        found = f"{entry_id}-{suffix}"
        return found if found in self._entries else None

    def known_group(self, code: str) -> str | None:
        """The entry of a GDELT/CAMEO known-group code (``NAT`` -> NATO)."""
        return self._known_groups.get(code)

    def role(self, noun: str) -> str | None:
        """The CAMEO role an agent noun names (``soldiers`` -> ``MIL``), plural or not."""
        key = normalise(noun)
        found = self._agents.get(key)
        if found is None and key.endswith("s"):
            found = self._agents.get(key[:-1]) or (
                self._agents.get(key[:-2]) if key.endswith("es") else None
            )
        return found

    def leader_country(self, surname: str) -> str | None:
        """The country whose leader (in CountryInfo, since 1990) bears ``surname``, if one."""
        return self._leaders.get(normalise(surname).replace(" ", ""))

    def cited(self, entry_id: str) -> str:
        """Where an entry comes from: the reference version and its sources with licences."""
        entry = self._entries[entry_id]
        parts = [f"{s} ({self.sources[s]['licence']})" for s in entry["sources"]]
        how = f"; {entry['linked_by']}" if entry.get("linked_by") else ""
        return f"reference {self.version}: {', '.join(parts)}{how}"

    def actor(self, entry_id: str) -> Actor:
        """The actor an entry makes (its ids kept as external ids)."""
        actor = self._actors.get(entry_id)
        if actor is None:
            e = self._entries[entry_id]
            actor = Actor(
                id=e["id"],
                name=e["name"],
                kind=e["kind"],
                aliases=tuple(e["aliases"]),
                country=e["country"] if e.get("country") and len(e["country"]) == 3 else None,
                external_ids=dict(e["codes"]),
                member_of=tuple(e["member_of"]),
                provenance=self.cited(entry_id),
            )
            self._actors[entry_id] = actor
        return actor


def _read_shipped() -> dict[str, Any]:
    text = (resources.files("loaders") / "reference" / "actors.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _shipped() -> Reference:
    return Reference(_read_shipped)
