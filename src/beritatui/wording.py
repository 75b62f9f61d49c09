"""Outcome notes in words of the interface language, for the TUI and the CLI.

The domain reports outcomes as :class:`~beritatui.feeds.outcomes.Note` (a code and
parameters); only the edges call :func:`say`, at the moment they show one, so every
message is in the current language whatever the language of the session that
stored it. ``about`` tells a feed from an article page: a page's HTTP 404 is
"the page may have been removed", a feed's "the feed may have moved".
"""

from __future__ import annotations

import contextlib
import http
from typing import Literal

from beritatui.feeds.outcomes import Code, Note
from beritatui.i18n import N_, _, ngettext

About = Literal["feed", "page"]

_SIMPLE = {
    Code.NOT_MODIFIED: N_("not modified since the last fetch"),
    Code.NOT_WEB_ADDRESS: N_("not a web address (only http and https)"),
    Code.DEADLINE: N_("no complete answer within {seconds} (the server is too slow)"),
    Code.TOO_LARGE: N_("response larger than {bytes}"),
    Code.UNSUPPORTED_COMPRESSION: N_("the server used an unsupported compression ({coding})"),
    Code.CORRUPT_COMPRESSION: N_("the compressed response was corrupt"),
    Code.CONNECT_TIMEOUT: N_("could not connect to {host} within {seconds}"),
    Code.READ_TIMEOUT: N_("timed out after {seconds} waiting for {host}"),
    Code.WRITE_TIMEOUT: N_("timed out after {seconds} sending the request to {host}"),
    Code.POOL_TIMEOUT: N_("timed out after {seconds} waiting for a free connection"),
    Code.TOO_MANY_REDIRECTS: N_("too many redirects (more than {max_redirects})"),
    Code.REDIRECT_NOT_WEB: N_("redirected to an address that is not http or https"),
    Code.INVALID_URL: N_("not a valid web address"),
    Code.PROXY_FAILED: N_("the proxy could not reach the site"),
    Code.CLOSED_EARLY: N_("{host} closed the connection before the whole response arrived"),
    Code.CLOSED_SILENT: N_("{host} closed the connection without answering"),
    Code.MALFORMED_HTTP: N_("{host} sent a malformed HTTP response"),
    Code.DNS_FAILED: N_("could not resolve host {host}"),
    Code.TLS_FAILED: N_("secure connection (TLS) to {host} failed"),
    Code.REFUSED: N_("{host} refused the connection"),
    Code.RESET: N_("the connection to {host} was reset"),
    Code.CONNECT_FAILED: N_("could not connect to {host}"),
    Code.READ_BROKEN: N_("the connection to {host} broke while reading the response"),
    Code.WRITE_BROKEN: N_("the connection to {host} broke while sending the request"),
    Code.NETWORK: N_("network problem talking to {host}"),
    Code.EMPTY_RESPONSE: N_("empty response: the server sent no feed"),
    Code.NOT_A_FEED_HTML: N_(
        "not a feed: the server sent an HTML page (perhaps an error page or a bot check)"
    ),
    Code.NOT_A_FEED_JSON: N_("not a feed: the server sent JSON, not RSS or Atom"),
    Code.NOT_XML: N_("not a feed: the response is not XML"),
    Code.TOO_COMPLEX: N_("feed too complex to read (more than {tags} tags)"),
    Code.PARSER_FAILED: N_("could not read the feed: the parser failed on it"),
    Code.PARSER_TIMEOUT: N_("the feed could not be read: the parser took too long"),
    Code.PARSER_CRASHED: N_("the feed could not be read: the parser crashed"),
    Code.EMPTY_FEED: N_("the feed is empty"),
    Code.ABANDONED: N_("newest item is from {date}: the feed looks abandoned"),
    Code.NO_ARTICLE_TEXT: N_("no article text found on the page"),
    Code.EXTRACTOR_CRASHED: N_("the page could not be read: the extractor crashed"),
    Code.EXTRACTOR_TIMEOUT: N_(
        "the page could not be read: the extractor took longer than {seconds}"
    ),
    Code.NOT_CACHED_OFFLINE: N_(
        "not cached for offline reading; the full article needs the network"
    ),
}

_HTTP_EXPLANATIONS = {
    401: N_("the site requires a login"),
    402: N_("the site requires a subscription"),
    403: N_("the site refused the request (it may block non-browser clients)"),
    410: N_("the site removed this address for good"),
    429: N_("the site is limiting requests; try again later"),
    451: N_("the site blocks this content for legal reasons"),
    500: N_("the site had an internal error; try again later"),
    502: N_("the site's gateway failed; try again later"),
    503: N_("the site is unavailable or overloaded; try again later"),
    504: N_("the site's gateway timed out; try again later"),
}
_NOT_FOUND = {
    "feed": N_("nothing at this address (the feed may have moved)"),
    "page": N_("nothing at this address (the page may have been removed)"),
}


def say(said: Note, about: About = "feed") -> str:
    """``said`` in the interface language (``about`` a feed or an article page)."""
    code = said.code
    if code is Code.TEXT:
        return str(said.get("text"))
    if code is Code.HTTP_STATUS:
        return _http_status(int(said.get("code", 0)), str(said.get("phrase")), about)
    if code is Code.FETCHED:
        return _("HTTP {code}, {size}").format(
            code=said.get("code"), size=size(int(said.get("bytes", 0)))
        )
    if code is Code.ITEMS:
        count = int(said.get("count", 0))
        return ngettext("{count} item", "{count} items", count).format(count=count)
    if code is Code.CERTIFICATE:
        reason = str(said.get("reason")) or _("not trusted")
        return _("secure connection to {host} failed: certificate {reason}").format(
            host=_host(said), reason=reason
        )
    if code is Code.NOT_RSS_OR_ATOM:
        reason = str(said.get("reason"))
        if reason:
            return _("not a feed: the XML is not RSS or Atom ({reason})").format(reason=reason)
        return _("not a feed: the XML is not RSS or Atom")
    if code is Code.UNEXPECTED:
        words = _("unexpected error: {kind}: {error}")
        if about == "page":
            words = _("could not read the page: {kind}: {error}")
        return words.format(kind=said.get("kind"), error=said.get("error"))
    fields = dict(said.params)
    fields["host"] = _host(said)
    if "seconds" in fields:
        fields["seconds"] = seconds(float(fields["seconds"]))
    if "bytes" in fields:
        fields["bytes"] = size(int(fields["bytes"]))
    if "tags" in fields:
        fields["tags"] = f"{int(fields['tags']):,}"
    return _(_SIMPLE[code]).format(**fields)


def _http_status(code: int, phrase: str, about: About) -> str:
    """``HTTP 403 Forbidden: the site refused ...`` (the reason phrase is the standard's)."""
    with contextlib.suppress(ValueError):
        phrase = http.HTTPStatus(code).phrase
    if code == 404:
        explanation = _(_NOT_FOUND[about])
    elif code in _HTTP_EXPLANATIONS:
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
    return text.replace("  ", " ")


def _host(said: Note) -> str:
    return str(said.get("host")) or _("the site")


def seconds(value: float) -> str:
    """``15 s`` (the same in both languages)."""
    return f"{value:g} s"


def size(count: int) -> str:
    """Bytes in plain words: ``10 MB``, ``512 KB``, ``300 bytes``."""
    mb = 1024 * 1024
    if count >= mb:
        return f"{count / mb:.3g} MB"
    if count >= 1024:
        return f"{count / 1024:.3g} KB"
    return ngettext("{count} byte", "{count} bytes", count).format(count=count)


def discovery(reason: str, url: str, detail: Note) -> str:
    """Why feed discovery found nothing at ``url`` (a ``DiscoveryError``), in words."""
    if reason == "not_url":
        return _("{url!r} is not an http(s) URL").format(url=url)
    if reason == "unreachable":
        return _("could not fetch {url}: {words}").format(url=url, words=say(detail, "page"))
    return _(
        "no feed found at {url}: the page links no working RSS/Atom feed,"
        " and none of /feed, /rss, /rss.xml, /atom.xml, /feed.xml, /index.xml is one"
    ).format(url=url)
