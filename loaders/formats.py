"""The input formats, how each is recognised, and the inputs a load will read.

An *input* is what a format reads as one unit: a file, or for re3d a folder
holding ``documents.json``, ``entities.json`` and ``relations.json``. A file
loads wholly or not at all, so the input is also the unit of all-or-nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.errors import LoadError
from loaders import acled, brat, gdelt, icews, labelstudio, native, polecat, re3d, ucdp
from loaders.mapping import Mapping
from loaders.source import Item, Resolver

GAZETTEER_NAMES = {"actors.yaml", "actors.yml", "actors.json"}
RE3D_FILES = ("documents.json", "entities.json", "relations.json")

Reader = Callable[[Path, Resolver, Mapping], Iterator[Item]]


@dataclass(frozen=True)
class Format:
    """One input format: its name, what it expects, and its reader."""

    name: str
    expects: str
    reader: Reader
    has_mapping: bool = True

    def read(self, path: Path, resolver: Resolver, mapping: Mapping) -> Iterator[Item]:
        return self.reader(path, resolver, mapping)


def _tab_header(required: Iterable[str]) -> str:
    return "tab-separated, a header with " + ", ".join(c.title() for c in required)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "native",
            "an annotated-article JSON or YAML file (loaders/annotated-article.schema.json)",
            native.read,
            has_mapping=False,
        ),
        Format("re3d", "a folder with documents.json, entities.json, relations.json", re3d.read),
        Format("brat", "a brat standoff .ann file beside its .txt", brat.read),
        Format("labelstudio", "a Label Studio JSON export (a list of tasks)", labelstudio.read),
        Format("acled", f"an ACLED CSV export with the columns {acled.expects()}", acled.read),
        Format("ucdp", f"a UCDP GED CSV with the columns {ucdp.expects()}", ucdp.read),
        Format("gdelt", gdelt.EXPECTS, gdelt.read),
        Format("icews", f"an ICEWS event file: {_tab_header(icews.REQUIRED)}", icews.read),
        Format(
            "polecat",
            f"a POLECAT (PLOVER) event file: {_tab_header(polecat.REQUIRED)}",
            polecat.read,
        ),
    )
}
FORMAT_NAMES = tuple(FORMATS)


def get_format(name: str) -> Format:
    if name not in FORMATS:
        raise LoadError(name, f"unknown format; expected one of {', '.join(FORMAT_NAMES)}")
    return FORMATS[name]


def _head(path: Path, size: int = 65536) -> str:
    try:
        with path.open("r", encoding="utf-8-sig", errors="replace") as f:
            return f.read(size)
    except OSError as exc:
        raise LoadError(str(path), f"cannot read file: {exc}") from None


def _header(head: str, delimiter: str = ",") -> set[str]:
    """The lower-cased column names of the first line of ``head`` (tab-separated: unquoted)."""
    first = head.splitlines()[0] if head else ""
    cells = first.split("\t") if delimiter == "\t" else next(csv.reader([first]), [])
    return {c.strip().lower() for c in cells}


def detect(path: Path) -> str | None:
    """The format ``path`` looks like, or None.

    >>> detect(Path("no-such-thing.txt")) is None
    True
    """
    if path.is_dir():
        return "re3d" if all((path / f).is_file() for f in RE3D_FILES) else None
    if not path.is_file():
        return None
    suffix = path.suffix.lower()
    if suffix == ".ann":
        return "brat"
    if suffix in {".yaml", ".yml"}:
        return "native"
    head = _head(path)
    if suffix == ".json":
        stripped = head.lstrip()
        if stripped.startswith("["):
            return "labelstudio"
        return "native" if stripped.startswith("{") else None
    if suffix in {".csv", ".tsv", ".txt"}:
        columns = _header(head)
        if {"event_id_cnty", "event_type", "actor1"} <= columns:
            return "acled"
        if {"side_a", "side_b", "type_of_violence"} <= columns:
            return "ucdp"
        if gdelt.looks_like(head):
            return "gdelt"
    if suffix in {".tab", ".tsv", ".txt", ".csv"}:
        columns = _header(head, "\t")
        if columns >= icews.SIGNATURE:
            return "icews"
        if columns >= polecat.SIGNATURE:
            return "polecat"
    return None


def _walk(folder: Path, format_name: str | None = None) -> Iterator[Path]:
    """Inputs under ``folder``: re3d folders whole, other files one by one."""
    if format_name in (None, "re3d") and detect(folder) == "re3d":
        yield folder
        return
    for child in sorted(folder.iterdir(), key=lambda child: child.name):  # siblings: as paths
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child, format_name)
        elif format_name == "re3d":
            continue  # a re3d input is a folder; files beside it are notes and licences
        elif child.suffix.lower() != ".txt" or not child.with_suffix(".ann").exists():
            yield child


@dataclass(frozen=True)
class Plan:
    """What a load will read: gazetteers first, then inputs with their formats."""

    gazetteers: tuple[Path, ...]
    inputs: tuple[tuple[Path, str], ...]
    detected: bool


def plan(paths: Iterable[Path | str], format_name: str | None = None) -> Plan:
    """The gazetteers and the inputs among ``paths``, each with its format.

    With ``format_name``, every input is read as that format; without, each
    input's format is detected, and an input of no known format is refused
    with what each format expects. In folders, files of no known format are
    passed over (a folder may hold licences and notes).
    """
    if format_name is not None:
        get_format(format_name)
    gazetteers: list[Path] = []
    inputs: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise LoadError(str(path), "no such file or folder")
        if format_name is not None:
            _check_shape(path, get_format(format_name))
        named = path.is_file() or (format_name in (None, "re3d") and detect(path) == "re3d")
        for candidate in [path] if named else _walk(path, format_name):
            if candidate.name.lower() in GAZETTEER_NAMES:
                gazetteers.append(candidate)
                continue
            found = format_name or detect(candidate)
            if found is None:
                if named:
                    raise LoadError(str(candidate), f"unrecognised input; expected {_menu()}")
                continue
            inputs.append((candidate, found))
    return Plan(tuple(dict.fromkeys(gazetteers)), tuple(dict.fromkeys(inputs)), format_name is None)


def _check_shape(path: Path, fmt: Format) -> None:
    """A forced format given the wrong kind of path is refused with what the format reads."""
    if fmt.name == "re3d":
        if path.is_file():
            raise LoadError(str(path), f"not a re3d input: expected {fmt.expects}")
        if not any(detect(p) == "re3d" for p in (path, *path.rglob("*")) if p.is_dir()):
            missing = ", ".join(f for f in RE3D_FILES if not (path / f).is_file())
            raise LoadError(
                str(path), f"not a re3d input: missing {missing}; expected {fmt.expects}"
            )


def _menu() -> str:
    return "; or ".join(f"{f.name}: {f.expects}" for f in FORMATS.values())
