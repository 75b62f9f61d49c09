"""Turn feed bytes into a :class:`~beritatui.models.ParsedFeed` of clean entries.

feedparser always gets the bytes wrapped in a stream, never a string: a string
body such as ``/etc/passwd`` or ``http://...`` would make feedparser open that
file or URL. The HTTP ``Content-Type`` is passed along so feedparser can pick
the charset (with its own fallbacks for wrong or missing declarations).

Each raw entry is normalised by :mod:`beritatui.feeds.normalise` (identity,
plain text, UTC dates, lead image and caption, ``content:encoded``); the
limits it applies are re-exported here.

Bounds, because feedparser costs 25-50 µs per tag (seconds per megabyte): an
HTML page or XML without an RSS/Atom root is refused before feedparser sees it;
a feed is cut after its first 2,000 entries; a document with more than 100,000
tags is refused. The worst accepted input takes a few seconds on one core.

Parsing is CPU work; the service runs :func:`parse_feed` in a worker process
(:meth:`beritatui.extract.pool.ExtractorPool.parse_feed`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import feedparser

from beritatui.feeds import compat
from beritatui.feeds.fastparse import fast_raw
from beritatui.feeds.normalise import (
    FUTURE_SLACK,
    MAX_AUTHOR,
    MAX_CAPTION,
    MAX_CONTENT_HTML,
    MAX_ENTRIES,
    MAX_GUID,
    MAX_SUMMARY,
    MAX_TITLE,
    MAX_URL,
    feed_title,
    html_to_text,
    normalise,
    unique,
)
from beritatui.feeds.outcomes import Code, FeedParseError, Note, note
from beritatui.models import ParsedFeed
from beritatui.sanitize import clean_line, safe_url
from beritatui.urls import canonical_url

MAX_TAGS = 100_000
"""feedparser spends 25-50 µs per tag; real feeds have a few thousand, hostile ones millions."""
_FIRST_TAG = re.compile(rb"<([a-z][a-z0-9:._-]*)")
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9_.-]+:)?(rss|feed|rdf|channel)[\s>/]", re.IGNORECASE)
_ENTRY_START = re.compile(rb"<(?:[A-Za-z0-9_.-]+:)?(?:item|entry)[\s>/]", re.IGNORECASE)
_SNIFF_BYTES = 64 * 1024

__all__ = [
    "FUTURE_SLACK",
    "MAX_AUTHOR",
    "MAX_CAPTION",
    "MAX_CONTENT_HTML",
    "MAX_ENTRIES",
    "MAX_GUID",
    "MAX_SUMMARY",
    "MAX_TAGS",
    "MAX_TITLE",
    "MAX_URL",
    "FeedParseError",
    "canonical_url",
    "html_to_text",
    "parse_feed",
]

compat.install()  # Indonesian dates, media captions kept apart (see feeds/compat.py)


def parse_feed(
    content: bytes,
    url: str,
    *,
    now: datetime,
    content_type: str | None = None,
    fast: bool = True,
) -> ParsedFeed:
    """Parse feed ``content`` fetched from ``url`` into clean entries.

    Raises :class:`FeedParseError` (and nothing else) when the bytes are empty,
    an HTML page, or not RSS/Atom at all. A feed with XML errors but usable
    entries still parses. ``now`` (the store's clock) bounds future dates.
    Well-formed feeds go through :mod:`beritatui.feeds.fastparse` (lxml) unless
    ``fast`` is false; anything it refuses, and everything else, through feedparser.
    """
    if not content or not content.strip():
        raise FeedParseError(note(Code.EMPTY_RESPONSE))
    if _clearly_not_a_feed(content):
        # feedparser would spend seconds per megabyte to reach the same verdict.
        raise FeedParseError(_not_a_feed(content, content_type, None))
    content = _first_entries_only(content)
    tags = content.count(b"<")
    # Counting "&lt;" too only when it could matter (there are at most len / 4 of them).
    if tags + len(content) // 4 > MAX_TAGS and tags + content.count(b"&lt;") > MAX_TAGS:
        raise FeedParseError(note(Code.TOO_COMPLEX, tags=MAX_TAGS))
    location = safe_url(url) or ""
    found = fast_raw(content, location, content_type) if fast else None
    feed, raw_entries = found or _feedparser(content, location, content_type)
    entries = unique(normalise(e, url, now) for e in raw_entries)
    dates = [e.published for e in entries if e.published is not None]
    return ParsedFeed(
        title=feed_title(feed, url),
        entries=entries,
        newest=max(dates) if dates else None,
    )


def _feedparser(
    content: bytes, location: str, content_type: str | None
) -> tuple[Mapping[str, Any], list[Mapping[str, Any]]]:
    """The feed and entry dicts of feedparser (the slow, lenient path)."""
    headers = {"content-location": location}
    if content_type:
        headers["content-type"] = content_type
    try:
        raw = feedparser.parse(
            io.BytesIO(content),
            response_headers=headers,
            sanitize_html=True,
            resolve_relative_uris=True,
        )
    except Exception as exc:  # feedparser is lenient; this guards against its own bugs
        raise FeedParseError(note(Code.PARSER_FAILED)) from exc
    if not raw.get("version") and not raw.get("entries"):
        raise FeedParseError(_not_a_feed(content, content_type, raw.get("bozo_exception")))
    return raw.get("feed") or {}, raw.get("entries") or []


def _clearly_not_a_feed(content: bytes) -> bool:
    """An HTML page, or a document with no RSS/Atom root near its start."""
    head = content[:_SNIFF_BYTES]
    if b"\x00" in head[:4]:
        return False  # UTF-16/32: leave it to feedparser
    first_tag = _FIRST_TAG.search(head.lstrip(b"\xef\xbb\xbf \t\r\n").lower())
    if first_tag is not None and first_tag.group(1) in (b"html", b"head", b"body"):
        return True
    return _FEED_ROOT.search(head) is None


def _first_entries_only(content: bytes) -> bytes:
    """Cut a feed after MAX_ENTRIES items and close it, bounding feedparser's work."""
    for count, match in enumerate(_ENTRY_START.finditer(content), start=1):
        if count > MAX_ENTRIES:
            root = _FEED_ROOT.search(content[:_SNIFF_BYTES])
            name = root.group(1).lower() if root else b"rss"
            closing = {b"feed": b"</feed>", b"rdf": b"</rdf:RDF>"}.get(name, b"</channel></rss>")
            return content[: match.start()] + closing
    return content


def _not_a_feed(content: bytes, content_type: str | None, error: object) -> Note:
    """Why feedparser could not read the bytes as RSS or Atom."""
    head = content[:2048].lstrip(b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n").lower()
    first_tag = _FIRST_TAG.search(head)
    if (
        (content_type or "").lower().startswith("text/html")
        or head.startswith(b"<!doctype html")
        or (first_tag is not None and first_tag.group(1) in (b"html", b"head", b"body"))
    ):
        return note(Code.NOT_A_FEED_HTML)
    if head.startswith((b"{", b"[")):
        return note(Code.NOT_A_FEED_JSON)
    if not head.startswith(b"<"):
        return note(Code.NOT_XML)
    reason = clean_line(str(error), 120) if error else ""
    return note(Code.NOT_RSS_OR_ATOM, reason=reason)
