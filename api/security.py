"""Access control: a bearer token for writes (and, optionally, reads).

The checks are ``async def`` (no I/O) so that they run on the event loop, not in the threadpool.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from graph.settings import Settings

bearer = HTTPBearer(auto_error=False, description="The API token (setting api_token).")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def _check(settings: Settings, credentials: HTTPAuthorizationCredentials | None) -> None:
    if settings.api_token is None:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "writes are disabled: this service has no API token (set ACTORGRAPH_API_TOKEN)",
        )
    expected = settings.api_token.get_secret_value().encode()
    given = credentials.credentials.encode() if credentials else b""
    if not hmac.compare_digest(given, expected):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "missing or wrong API token",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def require_writer(
    settings: Annotated[Settings, Depends(get_settings)], credentials: Credentials
) -> None:
    """Writes always need the token; with no token configured they are refused."""
    _check(settings, credentials)


async def require_reader(request: Request) -> None:
    """Reads are open unless ``protect_reads`` is set (then they need the token too).

    It reads the header itself rather than through ``HTTPBearer`` so that the
    published schema does not claim reads need a token when they do not; and
    the settings from the app itself, one dependency fewer for FastAPI to solve
    on every read.
    """
    settings: Settings = request.app.state.settings
    if settings.protect_reads:
        _check(settings, _bearer(request))


def _bearer(request: Request) -> HTTPAuthorizationCredentials | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if not token or scheme.lower() != "bearer":
        return None
    return HTTPAuthorizationCredentials(scheme=scheme, credentials=token)


def may_read(request: Request, settings: Settings) -> bool:
    """Whether this request may see the store's contents (counts included)."""
    try:
        if settings.protect_reads:
            _check(settings, _bearer(request))
    except HTTPException:
        return False
    return True
