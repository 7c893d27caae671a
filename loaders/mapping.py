"""Mapping tables from a source's labels to actor kinds and vocabulary types.

Each format's table is a YAML data file in ``loaders/`` (``<format>.mapping.yaml``),
documented in place; users pass their own with ``--mapping``. A table is
checked when it is read: every ``type`` must be in the vocabulary and every
``kind`` an actor kind, so a typo fails before any record is read.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from graph.errors import LoadError
from graph.model import ActorKind
from graph.vocabulary import Vocabulary

KINDS = tuple(k.value for k in ActorKind)


class Mapping(dict):
    """A checked mapping table (a plain dict with where it came from)."""

    source: str = "<none>"

    def section(self, name: str) -> dict[str, Any]:
        value = self.get(name) or {}
        if not isinstance(value, dict):
            raise LoadError(self.source, "expected a mapping", record=name)
        return value


def longest_prefix(code: str, table: dict[str, Any]) -> Any:
    """The entry of ``table`` for the longest prefix of ``code`` it lists (CAMEO codes).

    >>> longest_prefix("0312", {"03": "a", "031": "b"}), longest_prefix("19", {"03": "a"})
    ('b', None)
    """
    for size in range(len(code), 1, -1):
        if code[:size] in table:
            return table[code[:size]]
    return None


def event_rule(events: dict[str, Any], kind: str, detail: str, field: str) -> Any:
    """The rule of ``events`` for an event type and its detail (sub-type, mode).

    ``default`` stands for details not listed; an event type not listed is a bad record.
    """
    from loaders.source import BadRecord

    if kind not in events:
        known = ", ".join(events)
        raise BadRecord(f"event type {kind!r} is not in the mapping; known: {known}", field)
    table = events[kind] or {}
    return table.get(detail, table.get("default")) if detail else table.get("default")


def default_mapping_path(format_name: str) -> Path:
    return Path(str(resources.files("loaders") / f"{format_name}.mapping.yaml"))


def read_mapping(format_name: str, vocabulary: Vocabulary, path: Path | None = None) -> Mapping:
    """The mapping table for ``format_name``: ``path`` if given, else the shipped one.

    >>> m = read_mapping("gdelt", Vocabulary.default())
    >>> m.section("cameo")["19"]["type"]
    'FIGHTS'
    """
    path = Path(path) if path else default_mapping_path(format_name)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LoadError(str(path), f"cannot read mapping: {exc}") from None
    if not isinstance(data, dict):
        raise LoadError(str(path), "expected a YAML mapping of sections")
    mapping = Mapping(data)
    mapping.source = str(path)
    _check(mapping, vocabulary, str(path), "")
    return mapping


def _check(node: Any, vocabulary: Vocabulary, source: str, where: str) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{where}.{key}" if where else str(key)
            if key in {"type", "civilian_target"} and value is not None:
                if value not in vocabulary:
                    names = ", ".join(vocabulary.names)
                    raise LoadError(
                        source,
                        f"{value!r} is not in the vocabulary; expected one of {names}",
                        record=where or None,
                        field=str(key),
                    )
            elif key == "kind" and value not in KINDS:
                raise LoadError(
                    source,
                    f"{value!r} is not an actor kind; expected one of {', '.join(KINDS)}",
                    record=where or None,
                    field="kind",
                )
            else:
                _check(value, vocabulary, source, here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _check(value, vocabulary, source, f"{where}[{i}]")
