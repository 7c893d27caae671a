"""Fixtures for loader tests: an embedded store with the seed gazetteer; a GDELT row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.backends.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
GAZETTEER = ROOT / "seeds" / "actors.yaml"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    made = EmbeddedStore(tmp_path / "loaders.sqlite")
    yield made
    made.close()


def gdelt2_row(event_id: str, code: str, root: str, quad: str) -> str:
    """A GDELT 2.0 export row (61 columns): Arland's military acts on the Red Hand Front."""
    cells = [event_id, "20170105", "201701", "2017", "2017.0137"]
    cells += ["ARLMIL", "ARLAND", "ARL", "", "", "", "", "MIL", "", ""]
    cells += ["RHF", "RED HAND FRONT", "", "", "", "", "", "REB", "", ""]
    cells += ["1", code, code, root, quad, "-10.0", "4", "2", "4", "-5.2"]
    geo = ["1", "Arland", "AR", "AR01", "AR011", "1.0", "2.0", "123"]
    cells += geo * 3
    cells += ["20170105120000", "https://example.org/gdelt"]
    assert len(cells) == 61
    return "\t".join(cells)
