"""The HTTP server's own answers, in the API's JSON shape.

A request the HTTP parser cannot take (malformed, or a URL over the 64 KiB
its URL parser handles, such as a 100,000-character ``q``) never reaches the
app; uvicorn answers it with a plain-text 400. This protocol answers it with
the API's JSON error body instead.
"""

from __future__ import annotations

import json

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

DETAIL = "the request could not be read: malformed, or its URL or headers are over 64 KiB"


class JsonErrorsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with its 400 answer as ``{"error", "detail"}`` JSON."""

    def send_400_response(self, msg: str) -> None:
        body = json.dumps({"error": "bad_request", "detail": DETAIL}).encode()
        head = [b"HTTP/1.1 400 Bad Request\r\n"]
        head += [
            name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers
        ]
        head += [
            b"content-type: application/json\r\n",
            b"content-length: " + str(len(body)).encode() + b"\r\n",
            b"connection: close\r\n\r\n",
        ]
        self.transport.write(b"".join(head) + body)
        self.transport.close()
