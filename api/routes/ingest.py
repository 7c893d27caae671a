"""Ingest: files of any input format, uploaded, loaded all or nothing."""

from __future__ import annotations

import itertools
import json
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Query, UploadFile
from pydantic import BaseModel

from api.deps import StoreDep
from api.errors import UPLOAD_ERRORS
from api.routing import OffloadedRoute
from api.security import SettingsDep, require_writer
from graph.errors import LoadError
from ingest.pipeline import check, load, plan
from loaders.formats import FORMAT_NAMES

router = APIRouter(prefix="/ingest", tags=["ingest"], route_class=OffloadedRoute)

REJECTS_SHOWN = 100


class Reject(BaseModel):
    """A bad record of an input: where it is, the field at fault, why, and the record as read."""

    record: str
    field: str | None
    reason: str
    raw: Any = None


class InputLoaded(BaseModel):
    """What loading one uploaded input did."""

    path: str
    format: str
    records: int
    documents: dict[str, int]
    """Its documents by what storing them did: ``new``, ``unchanged``, ``updated``."""
    claims: int
    skipped: dict[str, int]
    """Records that make no claim, by reason."""
    rejected: int
    rejects: list[Reject]
    """The first bad records (with ``skip_bad``)."""
    resolution: dict[str, int] = {}
    """How its actor names were decided: ``gazetteer``, ``alias``, ``code``, ``rule``,
    ``unresolved``, ``dropped`` (named no actor)."""


class Ingested(BaseModel):
    """What an upload did to the store."""

    files: int
    articles: dict[str, int]
    """Articles by what storing them did: ``new``, ``unchanged``, ``updated``."""
    actors_new: int
    actors_total: int
    claims: int
    relations_before: int
    relations_after: int
    skipped: int
    rejected: int
    changed: bool
    resolution: dict[str, int] = {}
    """How the actor names of every input were decided (as each input's)."""
    inputs: list[InputLoaded]


@router.post("", dependencies=[Depends(require_writer)], responses=UPLOAD_ERRORS)
def ingest(
    store: StoreDep,
    settings: SettingsDep,
    files: Annotated[list[UploadFile], File(description="One input, or the files of one")],
    format: Annotated[
        str | None,
        Query(description=f"One of {', '.join(FORMAT_NAMES)}; detected from the files if omitted"),
    ] = None,
    skip_bad: Annotated[
        bool,
        Query(
            description="Load the good records and answer the bad ones (first "
            f"{REJECTS_SHOWN} per input) with their reasons, instead of refusing the upload"
        ),
    ] = False,
) -> Ingested:
    """Load uploaded files like ``actorgraph load``: a re3d folder's three JSON files, a brat
    ``.ann`` with its ``.txt``, or any single file. Every record is checked before anything is
    stored; a bad record answers 422 with file, record and field, and changes nothing (unless
    ``skip_bad``: then each input's bad records are listed under ``rejects``)."""
    with tempfile.TemporaryDirectory(prefix="actorgraph-ingest-") as tmp:
        folder, rejects = Path(tmp) / "upload", Path(tmp) / "rejects"
        folder.mkdir()
        rejects.mkdir()
        for upload in files:
            name = Path(upload.filename or "upload").name or "upload"
            (folder / name).write_bytes(upload.file.read())
        try:
            inputs = plan([folder], format)
            if not inputs.inputs and not inputs.gazetteers:
                raise LoadError("upload", "no input of a known format among the files")
            cap = settings.max_text_file_bytes
            if not skip_bad:
                check(store, inputs, max_text_bytes=cap)
            summary = load(
                store, inputs, skip_bad=skip_bad, rejects_dir=rejects, max_text_bytes=cap
            )
        except LoadError as exc:
            where = Path(exc.file)
            shown = where.relative_to(folder) if where.is_relative_to(folder) else where
            raise type(exc)(str(shown), exc.message, record=exc.record, field=exc.field) from None
        result = summary.as_dict()
        for item in result["inputs"]:
            written = item.pop("rejects_file")
            item["rejects"] = _first_rejects(Path(written)) if written else []
            given = Path(item["path"])
            inside = given.is_relative_to(folder)
            item["path"] = str(given.relative_to(folder)) if inside else "upload"
    return Ingested.model_validate(result)


def _first_rejects(path: Path) -> list[dict[str, Any]]:
    """The first rejects written for one input: record, field, reason, raw."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in itertools.islice(lines, REJECTS_SHOWN)]
