"""Articles: ingest an annotated article, read it, retract it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Response, status

from api.deps import StoreDep
from api.errors import UPLOAD_ERRORS
from api.routing import OffloadedRoute
from api.security import require_reader, require_writer
from graph.model import Article
from graph.store import UpsertResult, UpsertStatus
from loaders.gazetteer import StoredActors
from loaders.native import parse_native
from loaders.native_format import NativeDocument

router = APIRouter(prefix="/articles", tags=["articles"], route_class=OffloadedRoute)

_NATIVE = "NativeDocument."
NATIVE_SCHEMA = NativeDocument.model_json_schema(
    ref_template=f"#/components/schemas/{_NATIVE}{{model}}"
)
NATIVE_COMPONENTS = {_NATIVE + name: d for name, d in NATIVE_SCHEMA.pop("$defs", {}).items()}
"""The native format's sub-schemas, published as components: a ``$defs`` nested in a request
body is not where its ``#/$defs/...`` references point, and ReDoc refuses such a document."""


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_writer)],
    responses={
        200: {"description": "Already stored (unchanged) or replaced (updated)"},
        **UPLOAD_ERRORS,
    },
    openapi_extra={"requestBody": {"content": {"application/json": {"schema": NATIVE_SCHEMA}}}},
)
def post_article(
    store: StoreDep, response: Response, document: Annotated[dict[str, Any], Body()]
) -> UpsertResult:
    """Store an annotated article (the native format); loading it again changes nothing."""
    doc = parse_native(document, StoredActors(store), store.vocabulary)
    result = store.upsert_article(doc)
    if result.status != UpsertStatus.NEW:
        response.status_code = status.HTTP_200_OK
    return result


@router.get("/{article_id}", dependencies=[Depends(require_reader)])
def get_article(store: StoreDep, article_id: str) -> Article:
    """One stored article, with its text."""
    return store.article(article_id)


@router.delete(
    "/{article_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[Depends(require_writer)],
)
def delete_article(store: StoreDep, article_id: str) -> Response:
    """Retract an article: its claims go and the relations they touched recompute."""
    store.delete_article(article_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
