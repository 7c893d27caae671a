"""Adding aliases to a user's gazetteer file, leaving the rest of it as the user wrote it.

The file is edited as text where the new names belong (its comments, order
and layout stay), read back through :func:`loaders.gazetteer.read_gazetteer`
and checked to say exactly what it said plus the new aliases, before it
replaces the original (atomically). Anything else is refused with the reason,
and the file is left untouched.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from graph.errors import LoadError
from graph.model import Actor
from graph.names import normalise
from loaders.gazetteer import read_gazetteer


@dataclass
class AliasEdit:
    """A gazetteer file edited beside the original, until :meth:`commit` or :meth:`discard`."""

    path: Path
    added: tuple[str, ...]
    new_entry: bool
    _pending: Path | None
    taken: tuple[str, ...] = ()
    """Names not added: another entry of the file answers to them (they would be ambiguous)."""

    def commit(self) -> None:
        """Replace the file with the edited one (nothing to do when no name was new)."""
        if self._pending is not None:
            os.replace(self._pending, self.path)
            self._pending = None

    def discard(self) -> None:
        if self._pending is not None:
            self._pending.unlink(missing_ok=True)
            self._pending = None


def _quoted(value: object) -> str:
    """A YAML flow value for ``value`` (JSON is YAML's double-quoted flow syntax)."""
    return json.dumps(value, ensure_ascii=False)


def _line_end(text: str, index: int) -> int:
    """The index of the end of the line ``index`` stands on (before its newline)."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _value(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    for k, v in mapping.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def _add_to_entry(text: str, entry: yaml.MappingNode, names: list[str]) -> str:
    """``text`` with ``names`` added to the aliases of the entry at ``entry``."""
    aliases = _value(entry, "aliases")
    if aliases is None:
        if entry.flow_style:  # - {id: x, name: X}
            at = entry.end_mark.index - 1
            return f"{text[:at]}, aliases: [{', '.join(map(_quoted, names))}]{text[at:]}"
        first = entry.value[0][0]
        at = _line_end(text, entry.value[0][1].end_mark.index)
        line = f"\n{' ' * first.start_mark.column}aliases: [{', '.join(map(_quoted, names))}]"
        return text[:at] + line + text[at:]
    if not isinstance(aliases, yaml.SequenceNode):
        raise ValueError("its aliases are not a list")
    if aliases.flow_style:  # aliases: [a, b]
        at = aliases.end_mark.index - 1
        lead = ", " if aliases.value else ""
        return f"{text[:at]}{lead}{', '.join(map(_quoted, names))}{text[at:]}"
    at = _line_end(text, aliases.value[-1].end_mark.index)
    dash = " " * aliases.start_mark.column
    return text[:at] + "".join(f"\n{dash}- {_quoted(n)}" for n in names) + text[at:]


def _append_entry(text: str, root: yaml.MappingNode, entries: yaml.Node, actor: Actor) -> str:
    """``text`` with a new block entry for ``actor`` at the end of the ``actors`` list."""
    last_key = root.value[-1][0]
    if not isinstance(entries, yaml.SequenceNode) or entries.flow_style:
        raise ValueError("its actors list is not a block list")
    if not (isinstance(last_key, yaml.ScalarNode) and last_key.value == "actors"):
        raise ValueError("'actors' is not its last key, so a new entry has no place to go")
    fields = actor.model_dump(mode="json", exclude_defaults=True, exclude={"unresolved"})
    dash = " " * entries.start_mark.column
    lines = [f"{dash}- id: {_quoted(fields.pop('id'))}"]
    lines += [f"{dash}  {key}: {_quoted(value)}" for key, value in fields.items()]
    return text.rstrip("\n") + "\n" + "\n".join(lines) + "\n"


def plan_aliases(path: Path, actor: Actor, names: Iterable[str]) -> AliasEdit:
    """The gazetteer file at ``path`` with ``names`` as aliases of ``actor``, written beside it.

    The names ``actor``'s entry already answers to are not added again, nor
    those another entry answers to (``taken``: they would become ambiguous). When
    the file has no entry for ``actor``, one is appended, copied from
    ``actor`` (the stored actor) with the new aliases.

    Raises
    ------
    LoadError
        The file cannot be read or is no gazetteer, the edit would not read
        back as intended, or a new entry's umbrellas are not in the file.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> path = folder / "gazetteer.yaml"
    >>> _ = path.write_text("actors:\\n  # the army\\n  - id: army\\n    name: Army\\n")
    >>> edit = plan_aliases(path, Actor(id="army", name="Army"), ["The Army", "Armed Forces"])
    >>> edit.added
    ('Armed Forces',)
    >>> edit.commit()
    >>> print(path.read_text(), end="")
    actors:
      # the army
      - id: army
        aliases: ["Armed Forces"]
        name: Army
    """
    before = read_gazetteer(path)
    text = path.read_text(encoding="utf-8")
    known = {a.id: a for a in before}
    entry_actor = known.get(actor.id)
    answers = {normalise(n) for n in (entry_actor or actor).names} | {normalise(actor.id)}
    elsewhere = {
        normalise(n) for a in before if a.id != actor.id for n in (*a.names, a.id.replace("-", " "))
    }
    added: list[str] = []
    taken: list[str] = []
    for name in names:
        key = normalise(name)
        if key and key not in answers:
            answers.add(key)
            (taken if key in elsewhere else added).append(name.strip())
    if not added:
        return AliasEdit(path, (), False, None, tuple(taken))
    root = yaml.compose(text)
    entries = _value(root, "actors") if isinstance(root, yaml.MappingNode) else None
    if not isinstance(root, yaml.MappingNode) or not isinstance(entries, yaml.SequenceNode):
        raise LoadError(str(path), "expected a mapping with an 'actors' list", field="actors")
    try:
        if entry_actor is not None:
            (node,) = [e for e in entries.value if _entry_id(e) == actor.id]
            edited = _add_to_entry(text, node, added)
            expected = entry_actor.model_copy(update={"aliases": (*entry_actor.aliases, *added)})
        else:
            missing = [p for p in actor.member_of if p not in known]
            if missing:
                raise ValueError(
                    f"{actor.id!r} is not in it and its umbrella {missing[0]!r} is not either"
                )
            expected = actor.model_copy(
                update={"aliases": (*actor.aliases, *added), "unresolved": False}
            )
            edited = _append_entry(text, root, entries, expected)
    except ValueError as exc:
        raise LoadError(str(path), f"cannot add the alias: {exc}; add it by hand") from None
    pending = _written_beside(path, edited)
    try:
        after: list[Actor] | None = read_gazetteer(pending)
    except LoadError:
        after = None
    wanted = [expected if a.id == actor.id else a for a in before]
    if entry_actor is None:
        wanted.append(expected)
    if after != wanted:
        pending.unlink(missing_ok=True)
        raise LoadError(str(path), "cannot add the alias without changing more; add it by hand")
    return AliasEdit(path, tuple(added), entry_actor is None, pending, tuple(taken))


def _entry_id(node: yaml.Node) -> str | None:
    value = _value(node, "id") if isinstance(node, yaml.MappingNode) else None
    return value.value if isinstance(value, yaml.ScalarNode) else None


def _written_beside(path: Path, text: str) -> Path:
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        raise LoadError(str(path), f"cannot write beside it: {exc.strerror}") from None
    return Path(name)
