"""Feed lists in and out: OPML 1.0/2.0 and newsboat's ``urls`` file.

Import rules (documented in the README):

- OPML: an ``<outline>`` with ``xmlUrl`` is a feed, titled by its ``title``
  (else ``text``) attribute. An outline without ``xmlUrl`` is a folder; a feed
  takes the name of its *innermost* folder as category. Feeds outside any
  folder go to the ``default_category`` (``Lainnya`` unless given).
- newsboat ``urls``: one feed per line, the URL then tags; the first plain tag
  is the category, a ``"~Title"`` tag the title, ``"!"`` tags (hidden in
  newsboat) are ignored. ``query:``, ``exec:`` and ``filter:`` lines are
  skipped with a note; ``#`` lines are comments.

Duplicates and non-http(s) URLs are skipped with a note; every title and
category goes through :func:`~beritatui.sanitize.clean_line`. Export writes one
folder level per category, so import → export → import keeps the same feeds,
categories and titles.
"""

from __future__ import annotations

import shlex
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from xml.sax.saxutils import quoteattr

from beritatui.config import RESERVED_CATEGORY, FeedSpec
from beritatui.i18n import _
from beritatui.models import DEFAULT_CATEGORY
from beritatui.sanitize import clean_line, safe_url

_NEWSBOAT_SKIPPED = ("query:", "exec:", "filter:")


@dataclass(slots=True)
class FeedList:
    """Feeds read from a file, with notes about what was skipped."""

    specs: list[FeedSpec] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    kind: str = "OPML"
    """``OPML`` or ``newsboat urls``: which format the file turned out to be."""


class _Collector:
    """De-duplicates and cleans feeds as they are found."""

    def __init__(self, result: FeedList) -> None:
        self.result = result
        self.seen: set[str] = set()

    def add(self, url: str, category: str, title: str, where: str) -> None:
        clean = safe_url(url.strip())
        if clean is None:
            shown = clean_line(url, 100)
            self.result.notes.append(
                _("{where}: skipped {url!r}: not an http(s) URL").format(where=where, url=shown)
            )
            return
        if clean in self.seen:
            self.result.notes.append(
                _("{where}: skipped a duplicate of {url}").format(where=where, url=clean)
            )
            return
        self.seen.add(clean)
        title = clean_line(title, 80)
        if title == clean or title == url.strip():
            title = ""  # an exporter that wrote the URL as the title
        self.result.specs.append(FeedSpec(clean, _category(category), title))


def read_feed_list(data: bytes, default_category: str = "") -> FeedList:
    """OPML or a newsboat ``urls`` file, told apart by their first character."""
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"<":
        return parse_opml(data, default_category)
    return parse_newsboat(data.decode("utf-8", errors="replace"), default_category)


def parse_opml(data: bytes, default_category: str = "") -> FeedList:
    """Feeds of an OPML document; raises ``ValueError`` (plain words) when it is not OPML."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ValueError(_("not valid OPML/XML ({reason})").format(reason=exc)) from None
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise ValueError(_("not OPML: no <opml> document with a <body>"))
    result = FeedList(kind="OPML")
    collector = _Collector(result)
    fallback = default_category or DEFAULT_CATEGORY

    def walk(node: ET.Element, category: str) -> None:
        for outline in node.findall("outline"):
            url = outline.get("xmlUrl") or ""
            label = outline.get("title") or outline.get("text") or ""
            if url:
                where = _("feed {title!r}").format(title=clean_line(label, 60))
                collector.add(url, category or fallback, label, where)
            elif outline.find("outline") is not None:
                walk(outline, clean_line(label, 40) or category)
            else:
                name = clean_line(label, 60) or _("(untitled)")
                result.notes.append(
                    _("skipped outline {name!r}: it has no xmlUrl").format(name=name)
                )

    walk(body, "")
    return result


def parse_newsboat(text: str, default_category: str = "") -> FeedList:
    """Feeds of a newsboat ``urls`` file."""
    result = FeedList(kind="newsboat urls")
    collector = _Collector(result)
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        where = _("line {number}").format(number=number)
        try:
            parts = shlex.split(line)
        except ValueError:
            result.notes.append(_("{where}: skipped: unbalanced quotes").format(where=where))
            continue
        if not parts:
            continue
        url, tags = parts[0], parts[1:]
        if url.startswith(_NEWSBOAT_SKIPPED):
            kind = url.split(":", 1)[0]
            result.notes.append(
                _(
                    "{where}: skipped a newsboat '{kind}:' feed"
                    " (beritatui reads http(s) feeds only)"
                ).format(where=where, kind=kind)
            )
            continue
        title = next((t[1:] for t in tags if t.startswith("~")), "")
        plain = [t for t in tags if t and not t.startswith(("~", "!"))]
        category = plain[0] if plain else default_category or DEFAULT_CATEGORY
        collector.add(url, category, title, where)
    return result


def to_opml(feeds: Iterable[FeedSpec], feed_titles: Mapping[str, str] | None = None) -> str:
    """OPML 2.0 of ``feeds``, one folder per category.

    Each feed is titled by its configured title, else by the title the feed
    gives itself (``feed_titles``, from the store), else by its URL.
    """
    by_category: dict[str, list[FeedSpec]] = {}
    for feed in feeds:
        by_category.setdefault(feed.category, []).append(feed)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head><title>beritatui feeds</title></head>",
        "  <body>",
    ]
    for category, items in by_category.items():
        lines.append(f"    <outline text={quoteattr(category)} title={quoteattr(category)}>")
        for feed in items:
            title = feed.title or clean_line((feed_titles or {}).get(feed.url, ""), 80) or feed.url
            lines.append(
                f'      <outline type="rss" text={quoteattr(title)} title={quoteattr(title)}'
                f" xmlUrl={quoteattr(feed.url)}/>"
            )
        lines.append("    </outline>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _category(name: str) -> str:
    category = clean_line(name, 40) or DEFAULT_CATEGORY
    if category.casefold() == RESERVED_CATEGORY.casefold():
        return f"{RESERVED_CATEGORY} (feed)"  # as config.py does for the reserved name
    return category
