"""Strong ETags on GET answers, and 304 Not Modified when the client already has the body.

A polling dashboard sends back the ``ETag`` it got as ``If-None-Match``; when
the answer is the same it gets a 304 with no body instead of the whole answer.
The tag is a digest of the body, so it changes exactly when the answer does
(the query still runs: this saves the transfer, not the work); a file keeps
the tag Starlette gives it, from its size and time, and is not read to digest it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def strong_etag(body: bytes) -> str:
    """The quoted strong entity tag of ``body``.

    >>> strong_etag(b"[]")
    '"4f53cda18c2baa0c0354bb5f9a3ecbe5"'
    """
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_none_match: str, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weak comparison, as RFC 9110 says).

    >>> matches('W/"a", "b"', '"a"'), matches("*", '"a"'), matches('"b"', '"a"')
    (True, True, False)
    """
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


class ETags:
    """Tag every 200 answer to a GET; answer 304 when ``If-None-Match`` matches.

    An answer that already carries a tag (a file: Starlette tags it from its
    size and time) keeps it and streams through; only untagged answers are
    buffered to be digested.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        asked = _first(scope["headers"], b"if-none-match")
        start: Message | None = None
        chunks: list[bytes] = []
        answered = False

        async def buffered(message: Message) -> None:
            nonlocal start, answered
            if answered:  # a 304 went out for a tagged answer: its body is not sent
                return
            if message["type"] == "http.response.start":
                if message["status"] != 200:
                    await send(message)
                    return
                own = _first(message["headers"], b"etag")
                if own is None:
                    start = message  # tagged once its whole body is here
                    return
                if asked is not None and matches(asked, own):
                    answered = True
                    await _not_modified(message, send)
                    return
                await send(message)
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            etag = strong_etag(body)
            start["headers"] = [*start["headers"], (b"etag", etag.encode("latin-1"))]
            if asked is not None and matches(asked, etag):
                await _not_modified(start, send)
                return
            await send(start)
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, buffered)


def _first(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> str | None:
    """The first value of header ``name`` (lower case) in an ASGI header list, as
    Starlette's ``Headers.get`` gives it, without building a ``Headers``.

    >>> _first([(b"content-type", b"text/plain"), (b"ETag", b'"a"'), (b"etag", b'"b"')], b"etag")
    '"a"'
    """
    return next((v.decode("latin-1") for k, v in headers if k.lower() == name), None)


async def _not_modified(start: Message, send: Send) -> None:
    """``start``, a 200 with its ``ETag``, sent as a 304 with no body."""
    kept = {"etag", "cache-control", "content-location", "date", "expires", "vary"}
    start["status"] = 304
    start["headers"] = [
        (k, v) for k, v in start["headers"] if k.decode().lower() in kept
        or k.decode().lower().startswith("x-")
    ]  # fmt: skip
    await send(start)
    await send({"type": "http.response.body", "body": b""})
