"""Fault-injecting handlers for :meth:`tests.server.LocalServer.handler`, plus a silent listener.

Each factory returns a function that answers one request on the real socket in
a way real servers misbehave: stalls, slow drips, lying lengths, resets,
redirect loops, gzip bombs, oversized bodies, a connection that never closes.
Every wait is bounded (and ends early once the client hangs up), so a test
that finishes first leaves no thread blocked for long.
"""

from __future__ import annotations

import gzip
import select
import socket
import struct
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler

from tests.server import RawHandler

MAX_WAIT = 5.0
"""Upper bound for any deliberate stall, in seconds."""


def _client_gone(handler: BaseHTTPRequestHandler, seconds: float) -> bool:
    """Wait up to ``seconds``; True as soon as the client closed its side."""
    readable, _, _ = select.select([handler.connection], [], [], seconds)
    if not readable:
        return False
    try:
        return handler.connection.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


def _hold(handler: BaseHTTPRequestHandler, seconds: float = MAX_WAIT) -> None:
    """Keep the connection open, silent, until the client leaves or time runs out."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        if _client_gone(handler, min(left, 0.1)):
            return


def _head(
    handler: BaseHTTPRequestHandler, status: int = 200, headers: dict[str, str] | None = None
) -> None:
    handler.send_response(status)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()


def _send(handler: BaseHTTPRequestHandler, data: bytes) -> bool:
    """Write ``data``; False when the client already hung up."""
    try:
        handler.wfile.write(data)
        return True
    except OSError:
        return False


def _reset(handler: BaseHTTPRequestHandler) -> None:
    """Abort the TCP connection with an RST instead of a clean FIN."""
    handler.close_connection = True
    sock = handler.connection
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.rfile.close()  # drop the makefile reference so close() really closes
    sock.close()


def stall(seconds: float = MAX_WAIT) -> RawHandler:
    """Read the request, then say nothing at all (a read timeout for the client)."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        _hold(handler, seconds)

    return handle


def slow_drip(interval: float = 0.05, seconds: float = MAX_WAIT) -> RawHandler:
    """Send headers, then one body byte every ``interval``: never a read timeout."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        _head(handler, 200, {"Content-Type": "application/rss+xml", "Content-Length": "100000"})
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not _send(handler, b" ") or _client_gone(handler, interval):
                return

    return handle


def never_close(body: bytes) -> RawHandler:
    """Send a body without Content-Length (ends at close), then never close."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        _head(handler, 200, {"Content-Type": "application/rss+xml"})
        _send(handler, body)
        _hold(handler)

    return handle


def short_body(body: bytes, announced: int) -> RawHandler:
    """Announce ``announced`` bytes, send only ``body``, close cleanly (a length lie)."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        _head(
            handler, 200, {"Content-Type": "application/rss+xml", "Content-Length": str(announced)}
        )
        _send(handler, body)

    return handle


def reset_before_response() -> RawHandler:
    """Read the request, then reset the connection."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        _reset(handler)

    return handle


def reset_mid_body(prefix: bytes, announced: int = 50_000) -> RawHandler:
    """Send headers and part of the body, then reset the connection."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        _head(
            handler, 200, {"Content-Type": "application/rss+xml", "Content-Length": str(announced)}
        )
        _send(handler, prefix)
        time.sleep(0.05)  # let the client read what was sent first
        _reset(handler)

    return handle


def close_without_response() -> RawHandler:
    """Read the request and close cleanly without a single byte of answer."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True

    return handle


def garbage_response() -> RawHandler:
    """Answer with bytes that are not HTTP at all."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        _send(handler, b"\x00\x13GARBAGE \xff\xfe not http\r\n\r\n")

    return handle


def redirect(location: str, status: int = 302) -> RawHandler:
    """Redirect to ``location`` (point two at each other, or one at itself, for a loop)."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        _head(handler, status, {"Location": location, "Content-Length": "0"})

    return handle


def gzip_bomb(inflated_size: int, content_type: str = "application/rss+xml") -> RawHandler:
    """A small gzip body that inflates to ``inflated_size`` bytes."""
    xml_start = b'<?xml version="1.0"?><rss version="2.0"><channel><title>'
    compressed = gzip.compress(xml_start + b" " * (inflated_size - len(xml_start)), 9)

    def handle(handler: BaseHTTPRequestHandler) -> None:
        headers = {
            "Content-Type": content_type,
            "Content-Encoding": "gzip",
            "Content-Length": str(len(compressed)),
        }
        _head(handler, 200, headers)
        _send(handler, compressed)

    return handle


def gzipped(body: bytes, content_type: str = "application/rss+xml") -> RawHandler:
    """An honest gzip-encoded response."""
    compressed = gzip.compress(body)

    def handle(handler: BaseHTTPRequestHandler) -> None:
        headers = {
            "Content-Type": content_type,
            "Content-Encoding": "gzip",
            "Content-Length": str(len(compressed)),
        }
        _head(handler, 200, headers)
        _send(handler, compressed)

    return handle


def huge_body(size: int, announce: bool = False, chunk: int = 64 * 1024) -> RawHandler:
    """Stream ``size`` bytes; without ``announce`` there is no Content-Length to check."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        headers = {"Content-Type": "application/rss+xml"}
        if announce:
            headers["Content-Length"] = str(size)
        _head(handler, 200, headers)
        sent = 0
        block = b"<item>" + b"x" * (chunk - 6)
        while sent < size:
            if not _send(handler, block[: size - sent]):
                return
            sent += len(block)

    return handle


def last_modified(body: bytes, stamp: str, content_type: str = "application/rss+xml") -> RawHandler:
    """Serve ``body`` with a Last-Modified date and honour If-Modified-Since (exact match)."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-Modified-Since") == stamp:
            _head(handler, 304, {"Last-Modified": stamp, "Content-Length": "0"})
            return
        headers = {
            "Content-Type": content_type,
            "Last-Modified": stamp,
            "Content-Length": str(len(body)),
        }
        _head(handler, 200, headers)
        _send(handler, body)

    return handle


@contextmanager
def silent_listener() -> Iterator[str]:
    """A TCP port that accepts connections in the kernel but never answers: ``host:port``.

    Plain HTTP to it ends in a read timeout; HTTPS ends in a connect timeout,
    because the TLS handshake never gets a reply.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    try:
        yield f"127.0.0.1:{sock.getsockname()[1]}"
    finally:
        sock.close()


@contextmanager
def full_backlog() -> Iterator[str]:
    """A port whose accept queue is full, so a new TCP connect hangs (connect timeout)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    address = listener.getsockname()
    fillers: list[socket.socket] = []
    try:
        for _ in range(4):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            with suppress(BlockingIOError):
                filler.connect(address)
            fillers.append(filler)
        time.sleep(0.05)
        yield f"127.0.0.1:{address[1]}"
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


@contextmanager
def closed_port() -> Iterator[str]:
    """A port nothing listens on (connection refused)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    address = f"127.0.0.1:{sock.getsockname()[1]}"
    sock.close()
    yield address
