"""Fetch feeds and pages over HTTP with hard limits, and never raise for network trouble.

One :class:`Fetcher` owns one ``httpx.AsyncClient`` and bounds the work it does:

- at most ``max_concurrency`` requests in flight, at most ``per_host_limit`` per host;
- connect/read/write/pool timeouts, plus an overall deadline per request
  (``deadline``, default three times ``timeout``) so a server that drips one byte
  at a time or never closes still ends in bounded time;
- at most ``max_redirects`` redirects;
- at most ``max_bytes`` of body, counted *after* decompression. The body is read
  raw and inflated with a bounded output size (:mod:`beritatui.feeds.inflate`),
  so a gzip bomb never expands in memory beyond the cap;
- conditional GET (``If-None-Match`` / ``If-Modified-Since``); a 304 becomes
  :attr:`FeedStatus.NOT_MODIFIED`.

Every outcome is a :class:`FetchResult` whose ``note`` says what happened as a
code and parameters (:mod:`beritatui.feeds.errors`; the edges word it with
:mod:`beritatui.wording`). Proxy variables (``HTTP_PROXY``, ``HTTPS_PROXY``,
``NO_PROXY``) are honoured because the client keeps httpx's
default ``trust_env=True``.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING

import httpx

from beritatui import __version__
from beritatui.feeds.errors import describe_error, http_error_note
from beritatui.feeds.inflate import ACCEPTED, BadEncoding, BoundedInflater, TooLarge
from beritatui.feeds.outcomes import Code, Note, note
from beritatui.models import FeedStatus
from beritatui.sanitize import safe_url

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
ACCEPT_ENCODING = ACCEPTED
"""Only what we can inflate with a bounded output size (see :class:`BoundedInflater`)."""

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
    note: Note
    """What happened (a code and parameters; :func:`beritatui.wording.say` words it)."""
    elapsed: float
    """Seconds spent on the request, not counting the wait for a free slot."""

    @property
    def ok(self) -> bool:
        """True when a body arrived."""
        return self.status is FeedStatus.OK


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
    def from_settings(cls, settings: Settings, *, max_bytes: int | None = None) -> Fetcher:
        """A fetcher with the configured limits, timeout and User-Agent (``[settings]``).

        ``max_bytes`` overrides ``max_response_bytes`` (the pictures' smaller cap).
        """
        return cls(
            max_concurrency=settings.max_concurrency,
            per_host_limit=settings.per_host_limit,
            timeout=settings.timeout_seconds,
            max_bytes=settings.max_response_bytes if max_bytes is None else max_bytes,
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
            return _failure(url, FeedStatus.NETWORK_ERROR, note(Code.NOT_WEB_ADDRESS))
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
                said = note(Code.DEADLINE, seconds=self.deadline)
                return _failure(url, FeedStatus.TIMEOUT, said, started)
            except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, OSError) as exc:
                status, said = describe_error(exc, checked, self.timeout, self.max_redirects)
                return _failure(url, status, said, started)

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
                said = note(Code.NOT_MODIFIED)
                return _from_response(url, response, FeedStatus.NOT_MODIFIED, said, started)
            if not 200 <= code < 300:
                await _drain(response)
                said = http_error_note(response)
                return _from_response(url, response, FeedStatus.HTTP_ERROR, said, started)
            body, problem = await self._read_body(response)
            if body is None:
                status, said = problem
                return _from_response(url, response, status, said, started)
            said = note(Code.FETCHED, code=code, bytes=len(body))
            return _from_response(url, response, FeedStatus.OK, said, started, body)

    async def _read_body(
        self, response: httpx.Response
    ) -> tuple[bytes | None, tuple[FeedStatus, Note]]:
        """Stream the raw body through the bounded inflater; ``(None, problem)`` on failure."""
        too_large = (FeedStatus.TOO_LARGE, note(Code.TOO_LARGE, bytes=self.max_bytes))
        announced = _content_length(response)
        if announced is not None and announced > self.max_bytes:
            # Even a compressed length over the cap means a bigger inflated body.
            return None, too_large
        try:
            inflater = BoundedInflater(response.headers.get("content-encoding"), self.max_bytes)
            parts: list[bytes] = []
            async for chunk in response.aiter_raw(_READ_CHUNK):
                parts.append(inflater.feed(chunk))
            parts.append(inflater.flush())
        except TooLarge:
            return None, too_large
        except BadEncoding as exc:
            return None, (FeedStatus.NETWORK_ERROR, exc.note)
        return b"".join(parts), (FeedStatus.OK, note(Code.FETCHED))


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
    said: Note,
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
        note=said,
        elapsed=time.perf_counter() - started,
    )


def _failure(url: str, status: FeedStatus, said: Note, started: float | None = None) -> FetchResult:
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
        note=said,
        elapsed=elapsed,
    )


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
