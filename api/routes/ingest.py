"""Ingest: files of any input format, uploaded, loaded all or nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, UploadFile

from api.deps import StoreDep
from api.security import require_writer
from graph.errors import LoadError
from graph.ingest import check, load, plan
from loaders.formats import FORMAT_NAMES

router = APIRouter(prefix="/ingest", tags=["ingest"])


@router.post("", dependencies=[Depends(require_writer)])
def ingest(
    store: StoreDep,
    files: Annotated[list[UploadFile], File(description="One input, or the files of one")],
    format: Annotated[
        str | None,
        Query(description=f"One of {', '.join(FORMAT_NAMES)}; detected from the files if omitted"),
    ] = None,
) -> dict:
    """Load uploaded files like ``actorgraph load``: a re3d folder's three JSON files, a brat
    ``.ann`` with its ``.txt``, or any single file. Every record is checked before anything is
    stored; a bad record answers 422 with file, record and field, and changes nothing."""
    with tempfile.TemporaryDirectory(prefix="actorgraph-ingest-") as tmp:
        folder = Path(tmp)
        for upload in files:
            name = Path(upload.filename or "upload").name or "upload"
            (folder / name).write_bytes(upload.file.read())
        try:
            inputs = plan([folder], format)
            if not inputs.inputs and not inputs.gazetteers:
                raise LoadError("upload", "no input of a known format among the files")
            check(store, inputs)
            summary = load(store, inputs)
        except LoadError as exc:
            where = Path(exc.file)
            shown = where.relative_to(folder) if where.is_relative_to(folder) else where
            raise LoadError(str(shown), exc.message, record=exc.record, field=exc.field) from None
    result = summary.as_dict()
    for item in result["inputs"]:
        given = Path(item["path"])
        item["path"] = str(given.relative_to(folder)) if given.is_relative_to(folder) else "upload"
    return result
