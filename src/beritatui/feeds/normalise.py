"""Feed entries (the raw dicts of feedparser or the fast path) → clean :class:`FeedEntry`.

Per entry:

- ``guid``: the entry id, else the canonical link (lower-case host, no
  fragment, no ``utm_*``-style tracking parameters), else ``hash:`` plus a
  digest of title and date, so entries without ids or links still keep one
  identity across refreshes. Duplicate GUIDs in one feed: the first wins.
- ``url``: the link resolved against the feed URL; only http(s) survives.
- ``title``/``summary``/``author``/caption: plain text through
  :mod:`beritatui.sanitize`; HTML is turned into text, never kept as markup.
  Titles are capped at 300 characters, summaries at 2,000.
- ``published``: aware UTC from the published (else updated) date; a date more
  than one day in the future becomes ``None``.
- lead image and caption from ``media:content`` / ``media:thumbnail`` /
  image enclosures, else the first real ``<img>`` of the summary or content;
  caption from ``media:description``, else ``media:title``.
- ``content_html``: ``content:encoded``, with terminal controls stripped.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from beritatui.feeds.quickhtml import BLOCKS, SKIPPED, quick_scan
from beritatui.models import FeedEntry
from beritatui.sanitize import clean_line, clean_text, safe_url, strip_controls
from beritatui.urls import canonical_url

MAX_TITLE = 300
MAX_SUMMARY = 2_000
MAX_CAPTION = 500
MAX_AUTHOR = 200
MAX_GUID = 512
MAX_URL = 4_096
"""Longer links and image addresses are dropped rather than stored."""
MAX_ENTRIES = 2_000
"""Entries kept per feed; real feeds carry tens, a hostile one may carry millions."""
MAX_CONTENT_HTML = 1_000_000
FUTURE_SLACK = timedelta(days=1)

_HTML_INPUT_LIMIT = 200_000
"""Characters of HTML looked at to build a summary (the result is capped far lower)."""
_WORDPRESS_FOOTER = re.compile(r"^The post .+ (?:first appeared|appeared first) on .+\.$", re.M)
_TAG_START = re.compile(r"</?[A-Za-z]")
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: tags dropped, block breaks kept as newlines."""
    return clean_text(_scan(_head_of(html))[0])


def _head_of(html: str) -> str:
    """The first ``_HTML_INPUT_LIMIT`` characters, without a tag cut in half at the end."""
    head = html[:_HTML_INPUT_LIMIT]
    open_tag = head.rfind("<")
    if open_tag > head.rfind(">") and _TAG_START.match(head, open_tag):
        return head[:open_tag]
    return head


# --- entries ---------------------------------------------------------------------------


def normalise(raw: Mapping[str, Any], feed_url: str, now: datetime) -> FeedEntry | None:
    """One feedparser entry → a clean :class:`FeedEntry`, or None when it has nothing."""
    link = _entry_link(raw, feed_url)
    title = _text_field(raw, "title", MAX_TITLE)
    summary_html, summary = _summary(raw)
    published = _published(raw, now)
    if not title:
        title = clean_line(summary, 120) or link
    if not title:
        return None
    image_url, caption = _lead_image(raw, feed_url, summary_html)
    return FeedEntry(
        guid=_guid(raw, link, title, published),
        url=link,
        title=title,
        summary=summary,
        published=published,
        author=_author(raw),
        image_url=image_url,
        image_caption=caption,
        content_html=_content_html(raw),
    )


def unique(entries: Iterable[FeedEntry | None]) -> list[FeedEntry]:
    """Drop empty entries and repeated GUIDs (the first one wins); cap the count."""
    seen: set[str] = set()
    kept: list[FeedEntry] = []
    for entry in entries:
        if entry is None or entry.guid in seen:
            continue
        seen.add(entry.guid)
        kept.append(entry)
        if len(kept) >= MAX_ENTRIES:
            break
    return kept


def _entry_link(raw: Mapping[str, Any], feed_url: str) -> str:
    candidates = [raw.get("link")]
    candidates += [
        link.get("href")
        for link in raw.get("links") or []
        if isinstance(link, Mapping) and link.get("rel", "alternate") == "alternate"
    ]
    for candidate in candidates:
        if url := _link(candidate, feed_url):
            return url
    return ""


def _link(candidate: object, base: str) -> str | None:
    """An http(s) URL resolved against ``base``, or None if unsafe or absurdly long."""
    if not isinstance(candidate, str) or len(candidate) > MAX_URL:
        return None
    url = safe_url(candidate, base)
    return url if url and len(url) <= MAX_URL else None


def _guid(raw: Mapping[str, Any], link: str, title: str, published: datetime | None) -> str:
    entry_id = clean_line(_str(raw.get("id")))
    if entry_id:
        return entry_id if len(entry_id) <= MAX_GUID else "hash:" + _digest(entry_id)
    if link:
        canonical = canonical_url(link)
        return canonical if len(canonical) <= MAX_GUID else "hash:" + _digest(canonical)
    stamp = published.isoformat() if published else ""
    return "hash:" + _digest(f"{title}\x00{stamp}")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]


def _text_field(raw: Mapping[str, Any], key: str, limit: int) -> str:
    """A one-line plain-text field, HTML turned into text when feedparser says it is HTML."""
    value = _str(raw.get(key))
    detail = raw.get(f"{key}_detail")
    kind = _str(detail.get("type")) if isinstance(detail, Mapping) else ""
    if "html" in kind:
        value = html_to_text(value)
    return clean_line(value, limit)


def _summary(raw: Mapping[str, Any]) -> tuple[str, str]:
    """(summary HTML for image hunting, plain-text summary capped at MAX_SUMMARY)."""
    html = _str(raw.get("summary"))
    detail = raw.get("summary_detail")
    kind = _str(detail.get("type")) if isinstance(detail, Mapping) else "text/html"
    if not html.strip():
        html = _content_html(raw) or ""
        kind = "text/html"
    text = html_to_text(html) if "html" in kind else clean_text(html[:_HTML_INPUT_LIMIT])
    text = _WORDPRESS_FOOTER.sub("", text).strip()
    return html, _cap(text, MAX_SUMMARY)


def _author(raw: Mapping[str, Any]) -> str:
    author = _str(raw.get("author"))
    if "<" in author:
        author = html_to_text(author)
    return clean_line(author, MAX_AUTHOR)


def _content_html(raw: Mapping[str, Any]) -> str | None:
    """The first HTML ``content`` block (``content:encoded``, Atom ``<content>``)."""
    for block in raw.get("content") or []:
        if not isinstance(block, Mapping) or "html" not in _str(block.get("type")):
            continue
        value = strip_controls(_str(block.get("value"))[:MAX_CONTENT_HTML]).strip()
        if value:
            return value
    return None


def _cap(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


# --- dates -----------------------------------------------------------------------------


def _published(raw: Mapping[str, Any], now: datetime) -> datetime | None:
    """Published (else updated) time as aware UTC; None if absent, odd or in the future."""
    for key in ("published", "updated"):
        when = _to_datetime(raw.get(f"{key}_parsed"))
        if when is not None:
            return None if when > now + FUTURE_SLACK else when
    return None


def _to_datetime(value: object) -> datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


# --- images ----------------------------------------------------------------------------


def _lead_image(
    raw: Mapping[str, Any], feed_url: str, summary_html: str
) -> tuple[str | None, str | None]:
    """The lead image URL and its caption (None, None when the entry has no image)."""
    url = _media_image(raw, feed_url)
    for html in (summary_html, _content_html(raw) or ""):
        if url is None and "<img" in html.lower():
            url = _link(_first_image(html), feed_url)
    if url is None:
        return None, None
    caption = _text_field(raw, "media_description", MAX_CAPTION) or _text_field(
        raw, "media_title", MAX_CAPTION
    )
    return url, caption or None


def _media_image(raw: Mapping[str, Any], feed_url: str) -> str | None:
    candidates: list[object] = []
    for media in raw.get("media_content") or []:
        if isinstance(media, Mapping) and _is_image(media):
            candidates.append(media.get("url"))
    for thumb in raw.get("media_thumbnail") or []:
        if isinstance(thumb, Mapping):
            candidates.append(thumb.get("url"))
    for link in raw.get("links") or []:
        if (
            isinstance(link, Mapping)
            and link.get("rel") == "enclosure"
            and _str(link.get("type")).lower().startswith("image/")
        ):
            candidates.append(link.get("href"))
    for candidate in candidates:
        if url := _link(candidate, feed_url):
            return url
    return None


def _is_image(media: Mapping[str, Any]) -> bool:
    """media:content that is an image, or says nothing about itself but looks like one."""
    kind = _str(media.get("type")).lower()
    medium = _str(media.get("medium")).lower()
    if kind or medium:
        return kind.startswith("image/") or medium == "image"
    path = urlsplit(_str(media.get("url"))).path.lower()
    return path.endswith(_IMAGE_EXTENSIONS) or "." not in path.rsplit("/", 1)[-1]


def _first_image(html: str) -> str | None:
    return _scan(_head_of(html))[1]


def _scan(html: str) -> tuple[str, str | None]:
    """(raw text, first real image) of ``html``: :func:`quick_scan`, else html.parser."""
    found = quick_scan(html)
    if found is not None:
        return found
    return _parsed(html)


def _parsed(html: str) -> tuple[str, str | None]:
    """What :class:`_TextExtractor` (``html.parser``) finds in ``html``."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return extractor.text(), extractor.first_image


class _TextExtractor(HTMLParser):
    """Collects text (with newlines at block boundaries) and the first real ``<img>``."""

    _BLOCKS = BLOCKS
    _SKIPPED = SKIPPED

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skip_depth = 0
        self.first_image: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self._skip_depth += 1
        elif tag in self._BLOCKS:
            self._parts.append("\n")
        elif tag == "img" and self.first_image is None:
            values = dict(attrs)
            if values.get("width") != "1" and values.get("height") != "1" and values.get("src"):
                self.first_image = values["src"]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self._SKIPPED:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in self._BLOCKS:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._parts.append(data)

    def text(self) -> str:
        return "".join(self._parts)


# --- feed level ------------------------------------------------------------------------


def feed_title(feed: Mapping[str, Any], url: str) -> str:
    title = _text_field(feed, "title", MAX_TITLE)
    if title:
        return title
    return clean_line(urlsplit(url).hostname or "", MAX_TITLE)
