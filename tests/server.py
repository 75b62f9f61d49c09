"""A real HTTP server on 127.0.0.1 for tests: fixture files plus programmable routes.

Routes are registered per test with :meth:`LocalServer.route` (a static response)
or :meth:`LocalServer.handler` (a function that writes the response itself, for
fault injection). Files under ``tests/fixtures/`` are served at ``/fixtures/...``.
Every request is logged in :attr:`LocalServer.requests`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"

_TYPES = {
    ".xml": "application/rss+xml; charset=utf-8",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html",
    ".json": "application/json",
}


@dataclass
class Response:
    """A canned response."""

    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


RawHandler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class RequestRecord:
    """What the server saw."""

    method: str
    path: str
    headers: dict[str, str]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def handle(self) -> None:
        # Clients hanging up mid-response are part of the fault tests.
        with contextlib.suppress(ConnectionResetError, BrokenPipeError):
            super().handle()

    def do_GET(self) -> None:
        owner = self.server.owner
        owner.requests.append(RequestRecord("GET", self.path, dict(self.headers.items())))
        path = self.path
        handler = owner.handlers.get(path) or owner.handlers.get(path.split("?", 1)[0])
        if handler is not None:
            handler(self)
            return
        response = owner.routes.get(path) or owner.routes.get(path.split("?", 1)[0])
        if response is None and path.startswith("/fixtures/"):
            response = _file_response(path.split("?", 1)[0].removeprefix("/fixtures/"))
        if response is None:
            response = Response(b"not found", 404, {"Content-Type": "text/plain"})
        etag = response.headers.get("ETag")
        if etag and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        send(self, response)


def send(request: BaseHTTPRequestHandler, response: Response) -> None:
    """Write ``response`` (status, headers, length, body) to a handler's client."""
    request.send_response(response.status)
    for name, value in response.headers.items():
        request.send_header(name, value)
    request.send_header("Content-Length", str(len(response.body)))
    request.end_headers()
    request.wfile.write(response.body)


def _file_response(relative: str) -> Response | None:
    path = (FIXTURES / relative).resolve()
    if FIXTURES.resolve() not in path.parents or not path.is_file():
        return None
    content_type = _TYPES.get(path.suffix, "application/octet-stream")
    return Response(path.read_bytes(), 200, {"Content-Type": content_type})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: LocalServer


class LocalServer:
    """Start with :meth:`start`, stop with :meth:`stop`; ``url(path)`` builds addresses."""

    def __init__(self) -> None:
        self.routes: dict[str, Response] = {}
        self.handlers: dict[str, RawHandler] = {}
        self.requests: list[RequestRecord] = []
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + (path if path.startswith("/") else "/" + path)

    def route(
        self,
        path: str,
        body: bytes | str,
        status: int = 200,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> str:
        """Serve ``body`` at ``path``; returns the full URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        all_headers = {"Content-Type": content_type, **(headers or {})}
        self.routes[path] = Response(data, status, all_headers)
        return self.url(path)

    def handler(self, path: str, function: RawHandler) -> str:
        """Let ``function`` answer requests for ``path`` itself; returns the full URL."""
        self.handlers[path] = function
        return self.url(path)

    def clear(self) -> None:
        self.routes.clear()
        self.handlers.clear()
        self.requests.clear()

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
