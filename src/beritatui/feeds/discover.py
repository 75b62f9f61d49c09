"""Feed discovery: from a site's homepage (or any page) to the feeds it offers.

Given a URL, :func:`discover` fetches it with the caller's :class:`Fetcher`
(so the configured timeouts, size caps, User-Agent and proxies apply):

1. when the answer parses as a feed, that is the feed;
2. else, when it is an HTML page, its ``<link rel="alternate">`` tags of type
   RSS or Atom are the candidates (resolved against the page, or its
   ``<base href>``);
3. when no linked candidate turns out to be a feed, the common paths
   (:data:`COMMON_PATHS`) are tried under the page's folder (``/blog/feed``),
   then under the site root, and the first that is a feed is the answer.

Every candidate is *validated*: fetched and parsed; a link that claims to be
RSS but serves HTML is dropped. Nothing is trusted from the page but URLs,
which must be http(s). Parsing runs in a thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from beritatui.feeds.fetch import FEED_ACCEPT
from beritatui.feeds.outcomes import NO_NOTE, Note
from beritatui.sanitize import clean_line, safe_url

if TYPE_CHECKING:
    from beritatui.clock import Clock
    from beritatui.feeds.fetch import Fetcher

FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"}
)
COMMON_PATHS = ("/feed", "/rss", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml")
MAX_LINKS = 20
"""Linked candidates looked at; a page listing hundreds is not asking to be followed."""
_SCAN_CHARS = 512 * 1024
"""Characters of the page searched for ``<link>`` tags (they live in ``<head>``)."""


@dataclass(frozen=True, slots=True)
class FoundFeed:
    """A URL that answered with a parseable feed."""

    url: str
    title: str
    items: int


class DiscoveryError(Exception):
    """No feed could be found (worded at the edge: :func:`beritatui.wording.discovery`).

    ``reason`` is ``"not_url"`` (not an http(s) address), ``"unreachable"`` (the
    page itself could not be fetched; ``detail`` is the fetcher's note) or
    ``"none"`` (it was fetched but offers no feed); ``url`` is the address tried.
    """

    def __init__(self, reason: str, url: str, detail: Note = NO_NOTE) -> None:
        super().__init__(reason, url, detail)
        self.reason = reason
        self.url = url
        self.detail = detail


async def discover(fetcher: Fetcher, url: str, clock: Clock) -> list[FoundFeed]:
    """The feeds ``url`` is or offers, best first; raises :class:`DiscoveryError`.

    ``clock`` is the process clock (feed parsing bounds future dates with it).
    """
    start = safe_url(url.strip())
    if start is None:
        raise DiscoveryError("not_url", clean_line(url, 100))
    result = await fetcher.fetch(start, accept=FEED_ACCEPT)
    if not result.ok or result.content is None:
        raise DiscoveryError("unreachable", start, result.note)
    own = await _as_feed(start, result.content, result.final_url, result.content_type, clock)
    if own is not None:
        return [own]
    base = result.final_url
    linked = await asyncio.to_thread(find_feed_links, result.content, base)
    found = await _validate_all(fetcher, linked, clock)
    if found:
        return found
    for candidate in common_candidates(base, exclude=linked):
        feed = await _validate(fetcher, candidate, clock)
        if feed is not None:
            return [feed]
    raise DiscoveryError("none", start)


def common_candidates(page_url: str, exclude: Sequence[str] = ()) -> list[str]:
    """The common feed paths under the page's folder (``/blog/feed``), then the site root."""
    folder = urljoin(page_url, ".")
    roots = [folder, urljoin(page_url, "/")] if urlsplit(folder).path not in ("", "/") else [folder]
    candidates: list[str] = []
    for root in roots:
        for path in COMMON_PATHS:
            url = safe_url(urljoin(root, path.lstrip("/")))
            if url is not None and url not in candidates and url not in exclude:
                candidates.append(url)
    return candidates


def find_feed_links(content: bytes, base_url: str) -> list[str]:
    """Absolute http(s) URLs of the page's RSS/Atom ``<link rel="alternate">`` tags."""
    parser = _LinkParser()
    text = content[: _SCAN_CHARS * 4].decode("utf-8", errors="replace")[:_SCAN_CHARS]
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError):  # html.parser is lenient; belt and braces
        pass
    base = safe_url(urljoin(base_url, parser.base.strip())) if parser.base else None
    links: list[str] = []
    for href in parser.links:
        url = safe_url(urljoin(base or base_url, href.strip()))
        if url is not None and url not in links:
            links.append(url)
        if len(links) >= MAX_LINKS:
            break
    return links


class _LinkParser(HTMLParser):
    """Collects ``<link rel=alternate type=feed href>`` and the first ``<base href>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.base = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "base" and not self.base:
            self.base = values.get("href", "")
        if tag != "link":
            return
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in FEED_TYPES and values.get("href"):
            self.links.append(values["href"])


async def _validate_all(fetcher: Fetcher, urls: list[str], clock: Clock) -> list[FoundFeed]:
    results = await asyncio.gather(*(_validate(fetcher, url, clock) for url in urls))
    return [feed for feed in results if feed is not None]


async def _validate(fetcher: Fetcher, url: str, clock: Clock) -> FoundFeed | None:
    result = await fetcher.fetch(url, accept=FEED_ACCEPT)
    if not result.ok or result.content is None:
        return None
    return await _as_feed(url, result.content, result.final_url, result.content_type, clock)


async def _as_feed(
    url: str, content: bytes, final_url: str, content_type: str | None, clock: Clock
) -> FoundFeed | None:
    from beritatui.feeds.parse import FeedParseError, parse_feed

    try:
        parsed = await asyncio.to_thread(
            parse_feed, content, final_url, now=clock(), content_type=content_type
        )
    except FeedParseError:
        return None
    return FoundFeed(url, clean_line(parsed.title, 80), len(parsed.entries))
