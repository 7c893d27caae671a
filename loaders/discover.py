"""Find the gazetteer and article files among the paths a user names."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from graph.errors import LoadError

ARTICLE_SUFFIXES = {".json", ".yaml", ".yml"}
GAZETTEER_NAMES = {"actors.yaml", "actors.yml", "actors.json"}


def discover(paths: Iterable[Path | str]) -> tuple[list[Path], list[Path]]:
    """``(gazetteer files, article files)`` among files and folders, sorted.

    Folders are searched recursively for ``*.json``, ``*.yaml`` and ``*.yml``;
    files named ``actors.yaml`` are gazetteers.

    >>> discover([])
    ([], [])
    """
    gazetteers: set[Path] = set()
    articles: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            candidates = [p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES]
        elif path.is_file():
            candidates = [path]
        else:
            raise LoadError(str(path), "no such file or folder")
        for candidate in candidates:
            if candidate.name.lower() in GAZETTEER_NAMES:
                gazetteers.add(candidate)
            elif candidate.suffix.lower() in ARTICLE_SUFFIXES or candidate == path:
                articles.add(candidate)
    return sorted(gazetteers), sorted(articles)
