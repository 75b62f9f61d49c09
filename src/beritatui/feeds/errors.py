"""HTTP, socket and TLS failures in plain words (the ``detail`` of a fetch result)."""

from __future__ import annotations

import contextlib
import http
import socket
import ssl

import httpx

from beritatui.models import FeedStatus
from beritatui.sanitize import clean_line

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


def http_error_detail(response: httpx.Response) -> str:
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


def describe_error(
    exc: BaseException, url: str, timeout: float, max_redirects: int
) -> tuple[FeedStatus, str]:
    """Turn an httpx/socket exception into a status and plain words."""
    host = _host_of(exc, url)
    limit = seconds(timeout)
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


def seconds(value: float) -> str:
    return f"{value:g} s"


def size(count: int) -> str:
    """Bytes in plain words: ``10 MB``, ``512 KB``, ``300 bytes``."""
    mb = 1024 * 1024
    if count >= mb:
        return f"{count / mb:.3g} MB"
    if count >= 1024:
        return f"{count / 1024:.3g} KB"
    return f"{count} bytes"
