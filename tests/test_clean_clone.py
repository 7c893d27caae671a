"""A clone is the whole product: the README, the Makefile and the tests read nothing
outside the repository, and the tests that read real samples pass in a clone with
nothing beside it. ``make test`` says what it installs outside the project."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUTSIDE = re.compile(r"\.\./shared|/work/shared|parents?(\[\d\])?\s*/\s*[\"']shared[\"']")
"""A path to the team's shared folder beside the checkout, however it is spelt."""
SAMPLE_READERS = ("tests/loaders/test_re3d_and_gdelt.py", "tests/api/test_ingest.py")


def _tracked(*patterns: str) -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", *patterns],
        cwd=ROOT, check=True, capture_output=True,
    ).stdout.decode()  # fmt: skip
    return [ROOT / name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def test_readme_makefile_and_tests_refer_to_nothing_outside_the_repo() -> None:
    files = _tracked("README.md", "Makefile", "pyproject.toml", "docs", "tests")
    me = Path(__file__).resolve()
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in files
        if path != me and path.suffix not in {".json", ".tsv", ".png"}
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert found == []


def test_the_pattern_finds_what_it_is_for() -> None:
    spellings = (
        'ROOT.parent / "shared" / "data"',
        "load ../shared/data/re3d",
        "parents[2] / 'shared'",
    )
    assert all(OUTSIDE.search(s) for s in spellings)
    assert not OUTSIDE.search('tmp_path / "shared.sqlite"')


@pytest.mark.slow
def test_tests_reading_real_samples_pass_in_a_clone_with_nothing_beside_it(tmp_path: Path) -> None:
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    clone = tmp_path / "alone" / "actorgraph"
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(clone)], check=True)
    subprocess.run(["git", "checkout", "--quiet", head], cwd=clone, check=True)
    assert sorted(p.name for p in clone.parent.iterdir()) == ["actorgraph"]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SAMPLE_READERS],
        cwd=clone, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert re.search(r"\d+ passed", done.stdout)
    assert " skipped" not in done.stdout


def test_make_test_without_chromium_and_no_way_to_install_it_says_what_to_run(
    tmp_path: Path,
) -> None:
    bare = tmp_path / "bin"  # a PATH with neither chromium nor apt-get
    bare.mkdir()
    (bare / "id").symlink_to("/usr/bin/id")
    make = subprocess.run(["which", "make"], capture_output=True, text=True).stdout.strip()
    done = subprocess.run(
        [make, "--no-print-directory", "-s", "chromium"],
        cwd=ROOT, env={"PATH": str(bare)}, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode != 0
    said = [line for line in done.stderr.splitlines() if not line.startswith("make:")]
    assert said == [
        "make test needs Debian's chromium for its browser tests: install it (sudo apt-get "
        "install --no-install-recommends chromium) or run make test as root, which installs it"
    ]
    assert done.stdout == ""
