"""The endpoint's side facing clients: HTTP requests read whole, within limits and deadlines.

Requests are read on an event loop, so a client that sends its request a byte
at a time (or never finishes it) costs a few kilobytes, not a thread, and is
dropped at a deadline; only a complete, well-formed request is handed to the
bounded pool of workers that talk to the SPARQL server. Anything malformed (a
``Content-Length`` that is not a byte count, a body over the limit, a chunked
body, headers past 64 KB) gets one clean 4xx with a JSON error.

>>> from concurrent.futures import ThreadPoolExecutor   # a loop of its own, wherever this runs
>>> def read(raw): return ThreadPoolExecutor(1).submit(asyncio.run, read_request(reader_of(raw))).result()
>>> read(b"GET /query?query=ASK%7B%7D HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n").target
'/query?query=ASK%7B%7D'
>>> read(b"POST /query HTTP/1.1\\r\\nContent-Length: -1\\r\\n\\r\\n")
Traceback (most recent call last):
kg.serve_requests.Malformed: (400, 'the Content-Length header is not a byte count')
"""

from __future__ import annotations

import asyncio
import http.client
import io
import json
import re
from dataclasses import dataclass
from email.message import Message
from http import HTTPStatus

MAX_HEAD_BYTES = 65_536  # a GET query travels in the request line
MAX_BODY_BYTES = 262_144  # a query is at most 16 KB; form-encoded, three times that
HEAD_SECONDS = 10.0  # to send the request line and headers, counted from the first byte awaited
BODY_SECONDS = 20.0
BYTE_COUNT = re.compile(r"[0-9]{1,15}")
METHOD = re.compile(r"[A-Z]{1,16}")


class Malformed(Exception):
    """A request refused before it is read to its end: the status and the reason for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(status, message)
        self.status, self.message = status, message


@dataclass
class Request:
    """One complete HTTP request as a client sent it."""

    method: str
    target: str
    version: str
    headers: Message
    body: bytes = b""

    @property
    def keep_alive(self) -> bool:
        """Whether the client expects the connection to stay open for another request."""
        tokens = (self.headers.get("Connection") or "").lower()
        return "close" not in tokens and (self.version == "HTTP/1.1" or "keep-alive" in tokens)

    @property
    def content_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()


def reader_of(data: bytes) -> asyncio.StreamReader:
    """A stream that holds ``data`` then ends (for examples and tests)."""
    reader = asyncio.StreamReader(limit=MAX_HEAD_BYTES, loop=asyncio.new_event_loop())
    reader.feed_data(data)
    reader.feed_eof()
    return reader


async def read_head(reader: asyncio.StreamReader) -> Request | None:
    """The request line and headers of the next request; None when the client closed or went
    quiet."""
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), HEAD_SECONDS)
    except asyncio.IncompleteReadError as e:
        if e.partial.strip():
            raise Malformed(400, "the request ended before its headers did") from None
        return None
    except asyncio.LimitOverrunError:
        raise Malformed(
            431, f"the request line and headers are longer than {MAX_HEAD_BYTES:,} bytes"
        ) from None
    except TimeoutError:
        return None  # an idle or slow client: dropped without a word
    return parsed_head(head)


def parsed_head(head: bytes) -> Request:
    """The request a head (request line, headers, blank line) describes.

    >>> parsed_head(b"GET / HTTP/1.0\\r\\nConnection: keep-alive\\r\\n\\r\\n").keep_alive
    True
    """
    line, _, rest = head.partition(b"\r\n")
    parts = line.decode("latin-1").split(" ")
    if (
        len(parts) != 3
        or not METHOD.fullmatch(parts[0])
        or not parts[1].startswith("/")
        or parts[2] not in ("HTTP/1.0", "HTTP/1.1")
    ):
        raise Malformed(400, "the request line is not 'METHOD /path HTTP/1.1'")
    try:
        headers = http.client.parse_headers(io.BytesIO(rest))
    except http.client.HTTPException:
        raise Malformed(431, "the request has too many headers") from None
    return Request(parts[0], parts[1], parts[2], headers)


def body_length(request: Request) -> int:
    """The length of the request's body, as its ``Content-Length`` says; refused when it
    cannot be read safely.

    >>> body_length(parsed_head(b"POST / HTTP/1.1\\r\\nContent-Length: 12\\r\\n\\r\\n"))
    12
    """
    if request.headers.get("Transfer-Encoding"):
        raise Malformed(
            411, "send the body with a Content-Length header (chunked bodies are not accepted)"
        )
    values = {v.strip() for v in request.headers.get_all("Content-Length") or []}
    if len(values) > 1 or not all(BYTE_COUNT.fullmatch(v) for v in values):
        raise Malformed(400, "the Content-Length header is not a byte count")
    length = int(values.pop()) if values else 0
    if length > MAX_BODY_BYTES:
        raise Malformed(413, f"the request body is longer than {MAX_BODY_BYTES:,} bytes")
    return length


async def read_body(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter | None, request: Request, length: int
) -> bool:
    """Read the request's body into it; False when the client went away before sending it all."""
    if (request.headers.get("Expect") or "").lower() == "100-continue" and writer is not None:
        writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
    try:
        request.body = (
            await asyncio.wait_for(reader.readexactly(length), BODY_SECONDS) if length else b""
        )
    except asyncio.IncompleteReadError:
        return False
    except TimeoutError:
        raise Malformed(
            408, f"the request body did not arrive within {BODY_SECONDS:.0f} s"
        ) from None
    return True


async def read_request(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter | None = None
) -> Request | None:
    """The next whole request on a connection; None when the client closed it or went quiet."""
    request = await read_head(reader)
    if request is None or not await read_body(reader, writer, request, body_length(request)):
        return None
    return request


def response_head(status: int, headers: list[tuple[str, str]], close: bool = False) -> bytes:
    """The status line and headers of a response, ready to send.

    >>> response_head(404, [("Content-Length", "0")])
    b'HTTP/1.1 404 Not Found\\r\\nContent-Length: 0\\r\\n\\r\\n'
    """
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Status"
    lines = [f"HTTP/1.1 {status} {reason}"] + [f"{k}: {v}" for k, v in headers]
    lines += ["Connection: close"] if close else []
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace")


def error_response(status: int, message: str, close: bool = False) -> bytes:
    """A whole response carrying ``{"error": message}``.

    >>> error_response(400, "bad").endswith(b'{"error": "bad"}')
    True
    """
    payload = json.dumps({"error": message}).encode("utf-8")
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))]
    return response_head(status, headers, close) + payload
