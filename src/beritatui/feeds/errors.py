"""HTTP, socket and TLS failures as outcome notes (the ``note`` of a fetch result).

No words here: each failure becomes a :class:`~beritatui.feeds.outcomes.Note`
(a code plus the host, the limit, the status...) that the edges word with
:func:`beritatui.wording.say`.
"""

from __future__ import annotations

import contextlib
import http
import socket
import ssl

import httpx

from beritatui.feeds.outcomes import Code, Note, note
from beritatui.models import FeedStatus
from beritatui.sanitize import clean_line


def http_error_note(response: httpx.Response) -> Note:
    """``HTTP_STATUS`` with the code and the standard reason phrase (never the server's)."""
    code = response.status_code
    try:
        phrase = http.HTTPStatus(code).phrase
    except ValueError:
        phrase = clean_line(response.reason_phrase, 40)
    return note(Code.HTTP_STATUS, code=code, phrase=phrase)


def describe_error(
    exc: BaseException, url: str, timeout: float, max_redirects: int
) -> tuple[FeedStatus, Note]:
    """Turn an httpx/socket exception into a status and a note."""
    host = _host_of(exc, url)
    if isinstance(exc, httpx.ConnectTimeout):
        return FeedStatus.TIMEOUT, note(Code.CONNECT_TIMEOUT, host=host, seconds=timeout)
    if isinstance(exc, httpx.ReadTimeout):
        return FeedStatus.TIMEOUT, note(Code.READ_TIMEOUT, host=host, seconds=timeout)
    if isinstance(exc, httpx.WriteTimeout):
        return FeedStatus.TIMEOUT, note(Code.WRITE_TIMEOUT, host=host, seconds=timeout)
    if isinstance(exc, httpx.PoolTimeout):
        return FeedStatus.TIMEOUT, note(Code.POOL_TIMEOUT, seconds=timeout)
    if isinstance(exc, httpx.TooManyRedirects):
        return FeedStatus.HTTP_ERROR, note(Code.TOO_MANY_REDIRECTS, max_redirects=max_redirects)
    simple = {
        httpx.UnsupportedProtocol: Code.REDIRECT_NOT_WEB,
        httpx.InvalidURL: Code.INVALID_URL,
        httpx.DecodingError: Code.CORRUPT_COMPRESSION,
        httpx.ProxyError: Code.PROXY_FAILED,
    }
    for kind, code in simple.items():
        if isinstance(exc, kind):
            return FeedStatus.NETWORK_ERROR, note(code)
    if isinstance(exc, httpx.RemoteProtocolError):
        return FeedStatus.NETWORK_ERROR, note(_protocol_error_code(exc), host=host)
    return FeedStatus.NETWORK_ERROR, _socket_error_note(exc, host)


def _protocol_error_code(exc: httpx.RemoteProtocolError) -> Code:
    message = str(exc).lower()
    if "incomplete" in message or "complete message body" in message:
        return Code.CLOSED_EARLY
    if "without sending a response" in message or "disconnected" in message:
        return Code.CLOSED_SILENT
    return Code.MALFORMED_HTTP


def _socket_error_note(exc: BaseException, host: str) -> Note:
    """Connect/read/write errors: look at the underlying OS or TLS error."""
    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror):
            return note(Code.DNS_FAILED, host=host)
        if isinstance(cause, ssl.SSLCertVerificationError):
            reason = clean_line(cause.verify_message or "", 80)
            return note(Code.CERTIFICATE, host=host, reason=reason)
        if isinstance(cause, ssl.SSLError):
            return note(Code.TLS_FAILED, host=host)
        if isinstance(cause, ConnectionRefusedError):
            return note(Code.REFUSED, host=host)
        if isinstance(cause, ConnectionResetError):
            return note(Code.RESET, host=host)
    if isinstance(exc, httpx.ConnectError):
        if "ssl" in str(exc).lower() or "tls" in str(exc).lower():
            return note(Code.TLS_FAILED, host=host)
        return note(Code.CONNECT_FAILED, host=host)
    if isinstance(exc, httpx.ReadError):
        return note(Code.READ_BROKEN, host=host)
    if isinstance(exc, httpx.WriteError):
        return note(Code.WRITE_BROKEN, host=host)
    return note(Code.NETWORK, host=host)


def _causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and its chained causes/contexts (bounded, cycle-safe)."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _host_of(exc: BaseException, url: str) -> str:
    """The host the failing request went to (after redirects when known; ``""`` if none)."""
    target = url
    if isinstance(exc, httpx.RequestError):
        with contextlib.suppress(RuntimeError):  # no request attached
            target = str(exc.request.url)
    try:
        host = httpx.URL(target).host
    except (httpx.InvalidURL, ValueError):
        host = ""
    return clean_line(host, 100)
