"""HTTP, socket and TLS failures in plain words (the ``detail`` of a fetch result)."""

from __future__ import annotations

import contextlib
import http
import socket
import ssl

import httpx

from beritatui.i18n import N_, _
from beritatui.models import FeedStatus
from beritatui.sanitize import clean_line

_HTTP_EXPLANATIONS = {
    401: N_("the site requires a login"),
    402: N_("the site requires a subscription"),
    403: N_("the site refused the request (it may block non-browser clients)"),
    404: N_("nothing at this address (it may have moved)"),
    410: N_("the site removed this address for good"),
    429: N_("the site is limiting requests; try again later"),
    451: N_("the site blocks this content for legal reasons"),
    500: N_("the site had an internal error; try again later"),
    502: N_("the site's gateway failed; try again later"),
    503: N_("the site is unavailable or overloaded; try again later"),
    504: N_("the site's gateway timed out; try again later"),
}


def http_error_detail(response: httpx.Response) -> str:
    """``HTTP 403 Forbidden: the site refused ...`` without trusting the server's words."""
    code = response.status_code
    try:
        phrase = http.HTTPStatus(code).phrase
    except ValueError:
        phrase = clean_line(response.reason_phrase, 40)
    if code in _HTTP_EXPLANATIONS:
        explanation = _(_HTTP_EXPLANATIONS[code])
    elif 300 <= code < 400:
        explanation = _("a redirect the client could not follow")
    elif code < 500:
        explanation = _("the site rejected the request")
    else:
        explanation = _("the site had a server error; try again later")
    # The Indonesian catalog leaves out the (English) reason phrase.
    text = _("HTTP {code} {phrase}: {explanation}").format(
        code=code, phrase=phrase, explanation=explanation
    )
    return clean_line(text.replace("  ", " "), 300)


def describe_error(
    exc: BaseException, url: str, timeout: float, max_redirects: int
) -> tuple[FeedStatus, str]:
    """Turn an httpx/socket exception into a status and plain words."""
    host = _host_of(exc, url)
    limit = seconds(timeout)
    if isinstance(exc, httpx.ConnectTimeout):
        return FeedStatus.TIMEOUT, _("could not connect to {host} within {limit}").format(
            host=host, limit=limit
        )
    if isinstance(exc, httpx.ReadTimeout):
        return FeedStatus.TIMEOUT, _("timed out after {limit} waiting for {host}").format(
            limit=limit, host=host
        )
    if isinstance(exc, httpx.WriteTimeout):
        return FeedStatus.TIMEOUT, _(
            "timed out after {limit} sending the request to {host}"
        ).format(limit=limit, host=host)
    if isinstance(exc, httpx.PoolTimeout):
        return FeedStatus.TIMEOUT, _(
            "timed out after {limit} waiting for a free connection"
        ).format(limit=limit)
    if isinstance(exc, httpx.TooManyRedirects):
        return FeedStatus.HTTP_ERROR, _("too many redirects (more than {max_redirects})").format(
            max_redirects=max_redirects
        )
    if isinstance(exc, httpx.UnsupportedProtocol):
        return FeedStatus.NETWORK_ERROR, _("redirected to an address that is not http or https")
    if isinstance(exc, httpx.InvalidURL):
        return FeedStatus.NETWORK_ERROR, _("not a valid web address")
    if isinstance(exc, httpx.DecodingError):
        return FeedStatus.NETWORK_ERROR, _("the compressed response was corrupt")
    if isinstance(exc, httpx.ProxyError):
        return FeedStatus.NETWORK_ERROR, _("the proxy could not reach the site")
    if isinstance(exc, httpx.RemoteProtocolError):
        return FeedStatus.NETWORK_ERROR, _protocol_error_detail(exc, host)
    return FeedStatus.NETWORK_ERROR, _socket_error_detail(exc, host)


def _protocol_error_detail(exc: httpx.RemoteProtocolError, host: str) -> str:
    message = str(exc).lower()
    if "incomplete" in message or "complete message body" in message:
        return _("{host} closed the connection before the whole response arrived").format(host=host)
    if "without sending a response" in message or "disconnected" in message:
        return _("{host} closed the connection without answering").format(host=host)
    return _("{host} sent a malformed HTTP response").format(host=host)


def _socket_error_detail(exc: BaseException, host: str) -> str:
    """Connect/read/write errors: look at the underlying OS or TLS error."""
    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror):
            return _("could not resolve host {host}").format(host=host)
        if isinstance(cause, ssl.SSLCertVerificationError):
            reason = clean_line(cause.verify_message or "", 80) or _("not trusted")
            return _("secure connection to {host} failed: certificate {reason}").format(
                host=host, reason=reason
            )
        if isinstance(cause, ssl.SSLError):
            return _("secure connection (TLS) to {host} failed").format(host=host)
        if isinstance(cause, ConnectionRefusedError):
            return _("{host} refused the connection").format(host=host)
        if isinstance(cause, ConnectionResetError):
            return _("the connection to {host} was reset").format(host=host)
    if isinstance(exc, httpx.ConnectError):
        if "ssl" in str(exc).lower() or "tls" in str(exc).lower():
            return _("secure connection (TLS) to {host} failed").format(host=host)
        return _("could not connect to {host}").format(host=host)
    if isinstance(exc, httpx.ReadError):
        return _("the connection to {host} broke while reading the response").format(host=host)
    if isinstance(exc, httpx.WriteError):
        return _("the connection to {host} broke while sending the request").format(host=host)
    return _("network problem talking to {host}").format(host=host)


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
    return clean_line(host, 100) or _("the site")


def seconds(value: float) -> str:
    return f"{value:g} s"


def size(count: int) -> str:
    """Bytes in plain words: ``10 MB``, ``512 KB``, ``300 bytes``."""
    mb = 1024 * 1024
    if count >= mb:
        return f"{count / mb:.3g} MB"
    if count >= 1024:
        return f"{count / 1024:.3g} KB"
    return _("{count} bytes").format(count=count)
