"""Small pure helpers for the store: time stamps, hosts, compression, clean bodies, FTS.

Nothing here touches the database. Times are stored as whole UTC seconds
and come back as aware UTC datetimes.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

from beritatui.models import Block, ExtractedArticle, Link
from beritatui.sanitize import clean_line, safe_url, strip_controls


def to_ts(value: datetime | None) -> int | None:
    """Whole UTC seconds; a naive datetime is taken to be UTC already."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp())


def from_ts(value: int | None) -> datetime | None:
    """Inverse of :func:`to_ts`: an aware UTC datetime, or ``None``."""
    if value is None:
        return None
    return datetime.fromtimestamp(int(value), UTC)


def host_of(url: str) -> str:
    """The host of ``url`` without ``www.``, for a feed that has no title."""
    try:
        host = urlsplit(url).hostname or url
    except ValueError:
        return url
    return host[4:] if host.startswith("www.") else host


def compress(data: bytes | None) -> bytes | None:
    """zlib-compress raw page bytes (``None`` stays ``None``)."""
    return None if data is None else zlib.compress(data, 6)


def decompress(data: bytes | None) -> bytes | None:
    """Inverse of :func:`compress`; damaged data gives ``None``."""
    if data is None:
        return None
    try:
        return zlib.decompress(data)
    except zlib.error:
        return None


def clean_article(article: ExtractedArticle, fallback_url: str = "") -> ExtractedArticle:
    """A copy of ``article`` with every string made terminal-safe and URLs checked."""
    blocks = [_clean_block(block) for block in article.blocks]
    lead = _clean_block(article.lead_image) if article.lead_image else None
    return replace(
        article,
        url=safe_url(article.url) or fallback_url,
        title=clean_line(article.title),
        byline=clean_line(article.byline),
        site=clean_line(article.site),
        category=clean_line(article.category),
        blocks=blocks,
        lead_image=lead,
        next_pages=[u for u in (safe_url(p) for p in article.next_pages) if u],
    )


def _clean_block(block: Block) -> Block:
    text = strip_controls(block.text).strip()
    return Block(
        type=block.type,
        text=text,
        items=[strip_controls(i).strip() for i in block.items] if block.items else block.items,
        src=safe_url(block.src),
        caption=strip_controls(block.caption).strip() if block.caption else block.caption,
        credit=clean_line(block.credit) if block.credit else block.credit,
        level=block.level,
        links=_clean_links(block.links, text) if text == block.text else None,
    )


def _clean_links(links: list[Link] | None, text: str) -> list[Link] | None:
    """The http(s) links that lie inside ``text``, in order (a cleaned text that
    changed would move them: the caller then keeps none)."""
    kept: list[Link] = []
    for link in links or ():
        url = safe_url(link.url)
        inside = 0 <= link.start < link.end <= len(text)
        if url and inside and (not kept or kept[-1].end <= link.start):
            kept.append(Link(link.start, link.end, url))
    return kept or None


def search_text(article: ExtractedArticle) -> str:
    """What full-text search indexes of a body: the text plus photo captions."""
    parts = [article.text, *article.captions]
    return "\n\n".join(part for part in parts if part)


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(query: str) -> str | None:
    """Turn free user input into a safe FTS5 query, or ``None`` when it has no words.

    Each word becomes a quoted string (so ``AND``, ``(``, ``*``, ``"`` and ``:``
    are plain text), all words must match, and the last one matches as a prefix
    so results appear while typing.
    """
    words = _WORD.findall(query)
    if not words:
        return None
    quoted = ['"' + word.replace('"', '""') + '"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)
