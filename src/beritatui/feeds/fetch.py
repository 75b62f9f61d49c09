"""Fetch feeds and pages over HTTP with hard limits, and never raise for network trouble.

One :class:`Fetcher` owns one ``httpx.AsyncClient`` and bounds the work it does:

- at most ``max_concurrency`` requests in flight, at most ``per_host_limit`` per host;
- connect/read/write/pool timeouts, plus an overall deadline per request
  (``deadline``, default three times ``timeout``) so a server that drips one byte
  at a time or never closes still ends in bounded time;
- at most ``max_redirects`` redirects;
- at most ``max_bytes`` of body, counted *after* decompression. The body is read
  raw and inflated here with a bounded output size, so a gzip bomb never expands
  in memory beyond the cap;
- conditional GET (``If-None-Match`` / ``If-Modified-Since``); a 304 becomes
  :attr:`FeedStatus.NOT_MODIFIED`.

Every outcome is a :class:`FetchResult` whose ``detail`` says what happened in
plain words. Proxy variables (``HTTP_PROXY``, ``HTTPS_PROXY``, ``NO_PROXY``) are
honoured because the client keeps httpx's default ``trust_env=True``.
"""

from __future__ import annotations

import asyncio
import contextlib
import http
import socket
import ssl
import time
import zlib
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING

import httpx

from beritatui import __version__
from beritatui.models import FeedStatus
from beritatui.sanitize import clean_line, safe_url

if TYPE_CHECKING:
    from beritatui.config import Settings

DEFAULT_USER_AGENT = (
    f"Mozilla/5.0 (compatible; beritatui/{__version__}; +https://github.com/beritatui/beritatui)"
)
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.8"
ACCEPT_LANGUAGE = "id-ID, id;q=0.9, en;q=0.8"
# Only what we can inflate with a bounded output size (see _BoundedInflater).
ACCEPT_ENCODING = "gzip, deflate"

_READ_CHUNK = 64 * 1024
_MAX_HEADER_VALUE = 512
_DRAIN_LIMIT = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The outcome of one GET, successful or not."""

    url: str
    """The address that was requested."""
    final_url: str
    """The address that answered, after redirects."""
    status: FeedStatus
    http_status: int | None
    content: bytes | None
    """The (decompressed) body when ``status`` is OK, else ``None``."""
    content_type: str | None
    etag: str | None
    last_modified: str | None
    detail: str
    """What happened, in plain words for the user."""
    elapsed: float
    """Seconds spent on the request, not counting the wait for a free slot."""

    @property
    def ok(self) -> bool:
        """True when a body arrived."""
        return self.status is FeedStatus.OK


class _TooLarge(Exception):
    """The body grew past the cap."""


class _BadEncoding(Exception):
    """The body used a content coding we do not accept, or was corrupt."""


class _BoundedInflater:
    """Undo ``Content-Encoding`` (gzip/deflate, possibly chained) with a hard output cap.

    ``zlib``'s ``max_length`` keeps each step's output at most ``limit + 1``
    bytes, so a tiny compressed body cannot balloon in memory.
    """

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        self._limit = limit
        self._total = 0
        codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
        codings = [c for c in codings if c and c != "identity"]
        for coding in codings:
            if coding not in ("gzip", "x-gzip", "deflate"):
                raise _BadEncoding(f"the server used an unsupported compression ({coding[:20]})")
        # Decoding happens in the reverse order of the codings' application.
        self._stages: list[_Stage] = [_Stage(c) for c in reversed(codings)]

    def feed(self, data: bytes) -> bytes:
        """Decode one raw chunk; raise :class:`_TooLarge` past the cap."""
        for stage in self._stages:
            data = stage.inflate(data, self._limit)
        return self._count(data)

    def flush(self) -> bytes:
        """Decode whatever the decompressors still hold."""
        data = b""
        for stage in self._stages:
            data = stage.inflate(data, self._limit) + stage.flush()
        return self._count(data)

    def _count(self, data: bytes) -> bytes:
        self._total += len(data)
        if self._total > self._limit:
            raise _TooLarge
        return data


class _Stage:
    """One zlib decompressor; deflate falls back to raw deflate like browsers do."""

    def __init__(self, coding: str) -> None:
        self._raw_fallback = coding == "deflate"
        self._started = False
        wbits = zlib.MAX_WBITS | 16 if coding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._decompressor = zlib.decompressobj(wbits)
        self._produced = 0

    def inflate(self, data: bytes, limit: int) -> bytes:
        if not data or self._decompressor.eof:
            return b""
        try:
            return self._inflate(data, limit)
        except zlib.error:
            if self._raw_fallback and not self._started:
                self._raw_fallback = False
                self._decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
                try:
                    return self._inflate(data, limit)
                except zlib.error as exc:
                    raise _BadEncoding("the compressed response was corrupt") from exc
            raise _BadEncoding("the compressed response was corrupt") from None

    def _inflate(self, data: bytes, limit: int) -> bytes:
        parts: list[bytes] = []
        while data:
            # max_length is at least 1 here: 0 would mean "unlimited" to zlib.
            part = self._decompressor.decompress(data, limit - self._produced + 1)
            self._started = True
            self._produced += len(part)
            if self._produced > limit:
                raise _TooLarge
            parts.append(part)
            data = self._decompressor.unconsumed_tail
        return b"".join(parts)

    def flush(self) -> bytes:
        try:
            return self._decompressor.flush()
        except zlib.error as exc:
            raise _BadEncoding("the compressed response was corrupt") from exc


class Fetcher:
    """Bounded, polite HTTP GETs for feeds and article pages (an async context manager)."""

    def __init__(
        self,
        *,
        max_concurrency: int = 8,
        per_host_limit: int = 2,
        timeout: float = 15.0,
        max_bytes: int = 10 * 1024 * 1024,
        max_redirects: int = 5,
        user_agent: str = DEFAULT_USER_AGENT,
        transport: httpx.AsyncBaseTransport | None = None,
        deadline: float | None = None,
    ) -> None:
        self.timeout = timeout
        self.deadline = deadline if deadline is not None else 3 * timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.user_agent = user_agent
        self._per_host_limit = max(1, per_host_limit)
        self._slots = asyncio.Semaphore(max(1, max_concurrency))
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout, connect=timeout, read=timeout, write=timeout),
            follow_redirects=True,
            max_redirects=max_redirects,
            limits=httpx.Limits(
                max_connections=max(1, max_concurrency), max_keepalive_connections=max_concurrency
            ),
            headers={
                "User-Agent": user_agent,
                "Accept-Language": ACCEPT_LANGUAGE,
                "Accept-Encoding": ACCEPT_ENCODING,
            },
            transport=transport,
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> Fetcher:
        """A fetcher with the configured limits, timeout and User-Agent (``[settings]``)."""
        return cls(
            max_concurrency=settings.max_concurrency,
            per_host_limit=settings.per_host_limit,
            timeout=settings.timeout_seconds,
            max_bytes=settings.max_response_bytes,
            user_agent=settings.user_agent or DEFAULT_USER_AGENT,
        )

    async def __aenter__(self) -> Fetcher:
        await self._client.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._client.__aexit__(exc_type, exc, tb)

    async def aclose(self) -> None:
        """Close the connection pool (``__aexit__`` does this too)."""
        await self._client.aclose()

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        user_agent: str | None = None,
        accept: str | None = None,
    ) -> FetchResult:
        """GET ``url``; every network or HTTP problem comes back as a result, never raised."""
        checked = safe_url(url)
        host_slot = self._host_slot(checked) if checked else None
        if checked is None or host_slot is None:
            return _failure(
                url, FeedStatus.NETWORK_ERROR, "not a web address (only http and https)"
            )
        headers = {"Accept": _header_value(accept) or FEED_ACCEPT}
        if user_agent := _header_value(user_agent):
            headers["User-Agent"] = user_agent
        if etag := _header_value(etag):
            headers["If-None-Match"] = etag
        if last_modified := _header_value(last_modified):
            headers["If-Modified-Since"] = last_modified
        async with host_slot, self._slots:
            started = time.perf_counter()
            try:
                async with asyncio.timeout(self.deadline):
                    return await self._get(url, checked, headers, started)
            except TimeoutError:
                detail = (
                    f"no complete answer within {_seconds(self.deadline)} (the server is too slow)"
                )
                return _failure(url, FeedStatus.TIMEOUT, detail, started)
            except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, OSError) as exc:
                status, detail = _describe_error(exc, checked, self.timeout, self.max_redirects)
                return _failure(url, status, detail, started)

    def _host_slot(self, url: str) -> asyncio.Semaphore | None:
        """The per-host semaphore (keyed by host and port), or None for a bad URL."""
        try:
            key = httpx.URL(url).netloc.decode("ascii", "replace").lower()
        except (httpx.InvalidURL, ValueError):
            return None
        slot = self._host_slots.get(key)
        if slot is None:
            slot = self._host_slots[key] = asyncio.Semaphore(self._per_host_limit)
        return slot

    async def _get(
        self, url: str, checked: str, headers: dict[str, str], started: float
    ) -> FetchResult:
        async with self._client.stream("GET", checked, headers=headers) as response:
            code = response.status_code
            if code == 304:
                detail = "not modified since the last fetch"
                return _from_response(url, response, FeedStatus.NOT_MODIFIED, detail, started)
            if not 200 <= code < 300:
                await _drain(response)
                detail = _http_error_detail(response)
                return _from_response(url, response, FeedStatus.HTTP_ERROR, detail, started)
            body, problem = await self._read_body(response)
            if body is None:
                status, detail = problem
                return _from_response(url, response, status, detail, started)
            detail = f"HTTP {code}, {_size(len(body))}"
            return _from_response(url, response, FeedStatus.OK, detail, started, body)

    async def _read_body(
        self, response: httpx.Response
    ) -> tuple[bytes | None, tuple[FeedStatus, str]]:
        """Stream the raw body through the bounded inflater; ``(None, problem)`` on failure."""
        too_large = (FeedStatus.TOO_LARGE, f"response larger than {_size(self.max_bytes)}")
        announced = _content_length(response)
        if announced is not None and announced > self.max_bytes:
            # Even a compressed length over the cap means a bigger inflated body.
            return None, too_large
        try:
            inflater = _BoundedInflater(response.headers.get("content-encoding"), self.max_bytes)
            parts: list[bytes] = []
            async for chunk in response.aiter_raw(_READ_CHUNK):
                parts.append(inflater.feed(chunk))
            parts.append(inflater.flush())
        except _TooLarge:
            return None, too_large
        except _BadEncoding as exc:
            return None, (FeedStatus.NETWORK_ERROR, str(exc))
        return b"".join(parts), (FeedStatus.OK, "")


async def _drain(response: httpx.Response, limit: int = _DRAIN_LIMIT) -> None:
    """Read and drop a small error body, so the connection closes cleanly or is reused."""
    announced = _content_length(response)
    if announced is not None and announced > limit:
        return
    received = 0
    async for chunk in response.aiter_raw(_READ_CHUNK):
        received += len(chunk)
        if received > limit:
            return


def _from_response(
    url: str,
    response: httpx.Response,
    status: FeedStatus,
    detail: str,
    started: float,
    content: bytes | None = None,
) -> FetchResult:
    headers = response.headers
    return FetchResult(
        url=url,
        final_url=str(response.url),
        status=status,
        http_status=response.status_code,
        content=content,
        content_type=_header_value(headers.get("content-type"), 200),
        etag=_header_value(headers.get("etag")),
        last_modified=_header_value(headers.get("last-modified")),
        detail=clean_line(detail, 300),
        elapsed=time.perf_counter() - started,
    )


def _failure(
    url: str, status: FeedStatus, detail: str, started: float | None = None
) -> FetchResult:
    elapsed = time.perf_counter() - started if started is not None else 0.0
    return FetchResult(
        url=url,
        final_url=url,
        status=status,
        http_status=None,
        content=None,
        content_type=None,
        etag=None,
        last_modified=None,
        detail=clean_line(detail, 300),
        elapsed=elapsed,
    )


_HTTP_EXPLANATIONS = {
    401: "the site requires a login",
    402: "the site requires a subscription",
    403: "the site refused the request (it may block non-browser clients)",
    404: "nothing at this address (the feed may have moved)",
    410: "the site removed this address for good",
    429: "the site is limiting requests; try again later",
    451: "the site blocks this content for legal reasons",
    500: "the site had an internal error; try again later",
    502: "the site's gateway failed; try again later",
    503: "the site is unavailable or overloaded; try again later",
    504: "the site's gateway timed out; try again later",
}


def _http_error_detail(response: httpx.Response) -> str:
    """``HTTP 403 Forbidden: the site refused ...`` without trusting the server's words."""
    code = response.status_code
    try:
        phrase = http.HTTPStatus(code).phrase
    except ValueError:
        phrase = clean_line(response.reason_phrase, 40)
    if code in _HTTP_EXPLANATIONS:
        explanation = _HTTP_EXPLANATIONS[code]
    elif 300 <= code < 400:
        explanation = "a redirect the client could not follow"
    elif code < 500:
        explanation = "the site rejected the request"
    else:
        explanation = "the site had a server error; try again later"
    return clean_line(f"HTTP {code} {phrase}".strip() + f": {explanation}", 300)


def _describe_error(
    exc: BaseException, url: str, timeout: float, max_redirects: int
) -> tuple[FeedStatus, str]:
    """Turn an httpx/socket exception into a status and plain words."""
    host = _host_of(exc, url)
    limit = _seconds(timeout)
    if isinstance(exc, httpx.ConnectTimeout):
        return FeedStatus.TIMEOUT, f"could not connect to {host} within {limit}"
    if isinstance(exc, httpx.ReadTimeout):
        return FeedStatus.TIMEOUT, f"timed out after {limit} waiting for {host}"
    if isinstance(exc, httpx.WriteTimeout):
        return FeedStatus.TIMEOUT, f"timed out after {limit} sending the request to {host}"
    if isinstance(exc, httpx.PoolTimeout):
        return FeedStatus.TIMEOUT, f"timed out after {limit} waiting for a free connection"
    if isinstance(exc, httpx.TooManyRedirects):
        return FeedStatus.HTTP_ERROR, f"too many redirects (more than {max_redirects})"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return FeedStatus.NETWORK_ERROR, "redirected to an address that is not http or https"
    if isinstance(exc, httpx.InvalidURL):
        return FeedStatus.NETWORK_ERROR, "not a valid web address"
    if isinstance(exc, httpx.DecodingError):
        return FeedStatus.NETWORK_ERROR, "the compressed response was corrupt"
    if isinstance(exc, httpx.ProxyError):
        return FeedStatus.NETWORK_ERROR, "the proxy could not reach the site"
    if isinstance(exc, httpx.RemoteProtocolError):
        return FeedStatus.NETWORK_ERROR, _protocol_error_detail(exc, host)
    return FeedStatus.NETWORK_ERROR, _socket_error_detail(exc, host)


def _protocol_error_detail(exc: httpx.RemoteProtocolError, host: str) -> str:
    message = str(exc).lower()
    if "incomplete" in message or "complete message body" in message:
        return f"{host} closed the connection before the whole response arrived"
    if "without sending a response" in message or "disconnected" in message:
        return f"{host} closed the connection without answering"
    return f"{host} sent a malformed HTTP response"


def _socket_error_detail(exc: BaseException, host: str) -> str:
    """Connect/read/write errors: look at the underlying OS or TLS error."""
    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror):
            return f"could not resolve host {host}"
        if isinstance(cause, ssl.SSLCertVerificationError):
            reason = clean_line(cause.verify_message or "", 80) or "not trusted"
            return f"secure connection to {host} failed: certificate {reason}"
        if isinstance(cause, ssl.SSLError):
            return f"secure connection (TLS) to {host} failed"
        if isinstance(cause, ConnectionRefusedError):
            return f"{host} refused the connection"
        if isinstance(cause, ConnectionResetError):
            return f"the connection to {host} was reset"
    if isinstance(exc, httpx.ConnectError):
        if "ssl" in str(exc).lower() or "tls" in str(exc).lower():
            return f"secure connection (TLS) to {host} failed"
        return f"could not connect to {host}"
    if isinstance(exc, httpx.ReadError):
        return f"the connection to {host} broke while reading the response"
    if isinstance(exc, httpx.WriteError):
        return f"the connection to {host} broke while sending the request"
    return f"network problem talking to {host}"


def _causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and its chained causes/contexts (bounded, cycle-safe)."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _host_of(exc: BaseException, url: str) -> str:
    """The host the failing request went to (after redirects when known)."""
    target = url
    if isinstance(exc, httpx.RequestError):
        with contextlib.suppress(RuntimeError):  # no request attached
            target = str(exc.request.url)
    try:
        host = httpx.URL(target).host
    except (httpx.InvalidURL, ValueError):
        host = ""
    return clean_line(host, 100) or "the site"


def _content_length(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length")
    if value is None:
        return None
    try:
        return int(value.split(",")[0].strip())
    except ValueError:
        return None


def _header_value(value: str | None, max_length: int = _MAX_HEADER_VALUE) -> str | None:
    """A header value safe to store and echo back: printable ASCII, bounded length."""
    if not value:
        return None
    value = value.strip()
    if not value or len(value) > max_length or not all(" " <= c <= "~" for c in value):
        return None
    return value


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _size(count: int) -> str:
    """Bytes in plain words: ``10 MB``, ``512 KB``, ``300 bytes``."""
    mb = 1024 * 1024
    if count >= mb:
        return f"{count / mb:.3g} MB"
    if count >= 1024:
        return f"{count / 1024:.3g} KB"
    return f"{count} bytes"
