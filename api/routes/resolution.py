"""Unresolved actors with suggested matches, and accepting one (a logged, reversible merge)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from api.deps import MinClaims, StoreDep, bounded
from api.errors import UPLOAD_ERRORS, WRITE_ERRORS
from api.routing import OffloadedRoute
from api.security import require_writer
from queries.accept import Acceptance, accept
from queries.suggestions import MAX_SUGGESTIONS, UnresolvedPage, unresolved_actors

router = APIRouter(prefix="/unresolved", tags=["resolution"], route_class=OffloadedRoute)


class AcceptRequest(BaseModel):
    """Which actor the unresolved one is, and why (kept in the merge log)."""

    model_config = ConfigDict(extra="forbid")

    target: Annotated[str, Field(min_length=1, description="Actor id, name or alias")]
    note: str = ""


@router.get("")
def unresolved(
    store: StoreDep,
    response: Response,
    offset: Annotated[int, bounded("offset", "Actors to skip")] = 0,
    limit: Annotated[int, bounded("limit", "Most actors")] = 20,
    suggestions: Annotated[
        int, Query(ge=0, le=MAX_SUGGESTIONS, description="Most suggestions per actor")
    ] = 3,
    min_claims: MinClaims = 0,
) -> UnresolvedPage:
    """Actors no gazetteer matched, most claims first, each with suggested matches and why.

    A suggestion is a guess by name similarity (``note`` says so); nothing is
    merged until one is accepted. ``X-Total-Count`` counts the unresolved actors.
    """
    page = unresolved_actors(
        store, offset=offset, limit=limit, suggestions=suggestions, min_claims=min_claims
    )
    response.headers["X-Total-Count"] = str(page.total)
    return page


@router.post(
    "/{ref}/accept",
    dependencies=[Depends(require_writer)],
    responses={**WRITE_ERRORS, **UPLOAD_ERRORS},
)
def accept_suggestion(store: StoreDep, ref: str, request: AcceptRequest) -> Acceptance:
    """Accept that the unresolved actor ``ref`` is ``target``: a logged merge (undo: unmerge).

    The merge log notes the suggestion accepted and why it was suggested, or
    that the target was not among the suggestions.
    """
    return accept(store, ref, request.target, request.note)
