"""The rejects file of an input loaded with ``skip_bad``: each bad record as a JSON line."""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

from graph.errors import LoadError
from loaders.source import Rejected


class RejectsFile:
    """The rejects file of one input, opened at its first reject and closed by ``closing``."""

    def __init__(self, target: Path, closing: ExitStack) -> None:
        self.target, self._closing = target, closing
        self._out: TextIO | None = None

    def write(self, item: Rejected) -> None:
        """Add ``item`` as one JSON line."""
        if self._out is None:
            try:
                self.target.parent.mkdir(parents=True, exist_ok=True)
                self._out = self._closing.enter_context(self.target.open("w", encoding="utf-8"))
            except OSError as exc:
                raise LoadError(
                    str(self.target), f"cannot write rejects ({exc}); choose --rejects DIR"
                ) from None
        row = {"record": item.record, "field": item.field, "reason": item.reason}
        raw = item.raw if isinstance(item.raw, dict | list | str | None) else str(item.raw)
        self._out.write(json.dumps({**row, "raw": raw}, ensure_ascii=False) + "\n")
