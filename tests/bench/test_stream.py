"""The streaming benchmark keeps working: it reads every generated row."""

from __future__ import annotations

from pathlib import Path

from bench.stream import measure, write_export


def test_the_generated_export_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "rows.export.CSV"
    write_export(path, 300)
    result = measure(path)
    assert result["rows"] == 300
    assert result["peak_rss_mib"] > 0
