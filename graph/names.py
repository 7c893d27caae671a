"""Name normalisation and a name index shared by the gazetteer and the stores.

Matching is tolerant of case, accents, transliteration, punctuation, the
Arabic article ("al-", "Al ", "el-") and British/American spelling; it is
never fuzzy: fuzzy matching only ever produces *suggestions*.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz, process

SEARCH_FLOOR = 70.0
"""A search shows no match scoring below this (0..100) ..."""
SEARCH_SPREAD = 15.0
"""... nor one more than this below the best match: "Iran" finds Iran, not every Iraqi actor."""

_ARTICLE = re.compile(r"\b(?:al|el|ul|ad|ar|as|ash|at|az|an)[-\s']+(?=\w)")
_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bc\u02bf\u02be]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_SPELLING = (
    (re.compile(r"is(ation|ations|e|es|ed|ing)\b"), r"iz\1"),
    (re.compile(r"our\b"), "or"),
    (re.compile(r"tre\b"), "ter"),
    (re.compile(r"ence\b"), "ense"),
)
_STOP = {"the", "of", "and"}


@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """The matching key of a name (remembered: the same names come back at every load).

    Examples
    --------
    >>> normalise("Hashd al-Shaabi") == normalise("hashd Al Sha'abi".replace("'", ""))
    True
    >>> normalise("Popular Mobilisation Units") == normalise("popular mobilization units")
    True
    >>> normalise("Abu Mahdi al-Muhandis")
    'abu mahdi muhandis'
    >>> normalise("  The Islamic State ")
    'islamic state'
    >>> normalise("Défense")
    'defense'
    """
    text = anyascii(name).lower()
    text = _APOSTROPHES.sub("", text)
    text = _ARTICLE.sub("", text)
    words = [w for w in _NON_WORD.split(text) if w and w not in _STOP]
    out = []
    for word in words:
        for pattern, repl in _SPELLING:
            word = pattern.sub(repl, word)
        out.append(word)
    return " ".join(out)


class NameIndex:
    """Names and aliases of actors, by normalised key.

    Examples
    --------
    >>> index = NameIndex()
    >>> index.add("pmf", ["Popular Mobilisation Forces", "Hashd al-Shaabi", "PMU"])
    >>> index.lookup("hashd al shaabi")
    {'pmf'}
    >>> index.lookup("Popular Mobilization Forces")
    {'pmf'}
    >>> index.suggest("Popular Mobilisation", limit=1)
    ['pmf']
    """

    def __init__(self) -> None:
        self._ids_by_key: dict[str, set[str]] = defaultdict(set)
        self._keys_by_id: dict[str, set[str]] = defaultdict(set)
        self._display: dict[str, str] = {}

    def add(self, actor_id: str, names: Iterable[str]) -> None:
        for name in (*names, actor_id.replace("-", " ")):  # a name shows before its id
            key = normalise(name)
            if not key:
                continue
            self._ids_by_key[key].add(actor_id)
            self._keys_by_id[actor_id].add(key)
            self._display.setdefault(key, name)

    def remove(self, actor_id: str) -> None:
        for key in self._keys_by_id.pop(actor_id, ()):
            ids = self._ids_by_key.get(key)
            if ids is not None:
                ids.discard(actor_id)
                if not ids:
                    del self._ids_by_key[key]
                    self._display.pop(key, None)

    def lookup(self, name: str) -> set[str]:
        """Ids of the actors that answer exactly to ``name`` (after normalisation)."""
        return set(self._ids_by_key.get(normalise(name), ()))

    def keys(self, actor_id: str) -> set[str]:
        return set(self._keys_by_id.get(actor_id, ()))

    def suggest(self, name: str, limit: int = 5, cutoff: float = 75.0) -> list[str]:
        """Ids of the actors whose names are closest to ``name``, best first."""
        query = normalise(name)
        if not query:
            return []
        seen: list[str] = []
        for key, _score in self._closest(query, limit * 4, cutoff):
            for actor_id in sorted(self._ids_by_key[key]):
                if actor_id not in seen:
                    seen.append(actor_id)
        return seen[:limit]

    def _closest(self, key: str, count: int, cutoff: float) -> list[tuple[str, float]]:
        """The ``count`` name keys closest to ``key`` (scoring at least ``cutoff``), and every
        key scoring as the last of them: best first, then by key. Which keys answer never
        depends on the order the names were added in (a store filled in another order, or
        reopened, ranks alike)."""
        scored = process.extract(
            key, list(self._ids_by_key), scorer=fuzz.WRatio, limit=None, score_cutoff=cutoff
        )
        if len(scored) > count:
            last = scored[count - 1][1]
            scored = [item for item in scored if item[1] >= last]
        return sorted(((other, float(score)) for other, score, _ in scored), key=_best_first)

    def search(self, query: str, limit: int = 10) -> list[tuple[str, float, str]]:
        """``(actor id, score 0..100, matched name)`` for a free-text query, best first."""
        key = normalise(query)
        if not key:
            return []
        best: dict[str, tuple[float, str]] = {}
        for actor_id in self._ids_by_key.get(key, ()):
            best[actor_id] = (100.0, self._display[key])
        for other, score in self._closest(key, limit * 4, 55):
            bonus = 5.0 if other.startswith(key) else 0.0
            for actor_id in self._ids_by_key[other]:
                value = min(100.0, float(score) + bonus) if other != key else 100.0
                if actor_id not in best or best[actor_id][0] < value:
                    best[actor_id] = (value, self._display[other])
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
        if ranked:  # only matches worth showing: near the best one, and close in any case
            floor = max(SEARCH_FLOOR, ranked[0][1][0] - SEARCH_SPREAD)
            ranked = [item for item in ranked if item[1][0] >= floor]
        return [(actor_id, score, shown) for actor_id, (score, shown) in ranked[:limit]]


def _best_first(item: tuple[str, float]) -> tuple[float, str]:
    return (-item[1], item[0])
