"""Articles: ingest an annotated article, read it, retract it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status

from api.deps import StoreDep
from api.routing import OffloadedRoute
from api.security import require_reader, require_writer
from graph.model import Article
from graph.store import UpsertResult, UpsertStatus
from loaders.gazetteer import StoredActors
from loaders.native import parse_native
from loaders.native_format import NativeDocument
from loaders.reading import parse_json

router = APIRouter(prefix="/articles", tags=["articles"], route_class=OffloadedRoute)

_NATIVE = "NativeDocument."
NATIVE_SCHEMA = NativeDocument.model_json_schema(
    ref_template=f"#/components/schemas/{_NATIVE}{{model}}"
)
NATIVE_COMPONENTS = {_NATIVE + name: d for name, d in NATIVE_SCHEMA.pop("$defs", {}).items()}
"""The native format's sub-schemas, published as components: a ``$defs`` nested in a request
body is not where its ``#/$defs/...`` references point, and ReDoc refuses such a document."""


async def json_body(request: Request) -> Any:
    """The request body as JSON, bounded in depth and size (422 otherwise, never 400 or 500)."""
    return parse_json(await request.body(), "request body")


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_writer)],
    responses={200: {"description": "Already stored (unchanged) or replaced (updated)"}},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": NATIVE_SCHEMA}},
        }
    },
)
def post_article(
    store: StoreDep, response: Response, document: Annotated[Any, Depends(json_body)]
) -> UpsertResult:
    """Store an annotated article (the native format); loading it again changes nothing.

    The text comes inline (``text``): a ``text_file`` is refused (422), as the
    server's files are not the caller's to read."""
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
