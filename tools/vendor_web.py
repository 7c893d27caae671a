"""Copy the browser libraries the pages use from web/node_modules into the package.

The explorer's graph library and the API docs' Swagger UI and ReDoc are package
data (``api/static/vendor/``), committed, so that ``pip install .`` or a built
wheel serves every page with nothing fetched from outside. Each library is
pinned in ``web/package.json``; its ``actorgraphVendor`` list names the files
to copy. This script copies them flat, with each package's licence files
(``<package>.LICENSE``, ``.NOTICE``, and the bundles' own third-party licence
texts), and writes ``VENDORED.json``: file -> package, version, sha256, which
``tests/test_packaging.py`` checks against the pins.

Run it through ``make vendor`` (``npm ci`` in ``web/`` first), then commit
``api/static/vendor/``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "web"
VENDOR = ROOT / "api" / "static" / "vendor"
MANIFEST = "VENDORED.json"
LICENCES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "NOTICE")


def package_of(entry: str) -> str:
    """The npm package an ``actorgraphVendor`` entry belongs to.

    >>> package_of("cytoscape/dist/cytoscape.min.js"), package_of("@scope/pkg/a.js")
    ('cytoscape', '@scope/pkg')
    """
    parts = entry.split("/")
    return "/".join(parts[:2]) if entry.startswith("@") else parts[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def vendor(web: Path = WEB, target: Path = VENDOR) -> dict[str, dict[str, str]]:
    """Copy the listed files and licences from ``web/node_modules`` into ``target``."""
    spec = json.loads((web / "package.json").read_text(encoding="utf-8"))
    modules = web / "node_modules"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    manifest: dict[str, dict[str, str]] = {}
    for entry in spec["actorgraphVendor"]:
        package = package_of(entry)
        installed = json.loads((modules / package / "package.json").read_text(encoding="utf-8"))
        pinned = spec["dependencies"][package]
        if installed["version"] != pinned:
            raise SystemExit(f"{package} {installed['version']} installed, {pinned} pinned")
        source = modules / entry
        copied = target / source.name
        if copied.name in manifest:
            raise SystemExit(f"two vendored files are named {copied.name}")
        shutil.copyfile(source, copied)
        manifest[copied.name] = {"package": package, "version": pinned, "sha256": sha256(copied)}
        flat = package.replace("/", "-")
        for name in LICENCES:
            if (modules / package / name).is_file():
                suffix = "NOTICE" if name == "NOTICE" else "LICENSE"
                shutil.copyfile(modules / package / name, target / f"{flat}.{suffix}")
        bundled = source.with_name(source.name + ".LICENSE.txt")
        if bundled.is_file():
            shutil.copyfile(bundled, target / bundled.name)
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


if __name__ == "__main__":
    for name, row in vendor().items():
        print(f"{name}: {row['package']} {row['version']}")
    sys.exit(0)
