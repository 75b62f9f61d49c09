"""A fast path for well-formed RSS 2.0 / RDF (RSS 1.0) / Atom 1.0: lxml instead of feedparser's SAX.

:func:`fast_raw` builds the same raw entry dicts feedparser would (only the
keys :mod:`beritatui.feeds.parse` reads), so both paths share one
normalisation. It applies feedparser's own text steps in feedparser's order
(URI resolution, HTML sanitising, the UTF-8/Latin-1 repair, cp1252 mapping,
date parsing), calling feedparser's functions for each, so the results match.
One exception: a summary whose HTML passes :func:`plain_html` is kept as sent,
because parse.py only takes its text and first image, which those passes
cannot change for such HTML (they cost more than the rest of the parse).

It refuses (returns ``None``, and feedparser parses instead) whatever it is not
sure about: XML errors, encodings other than UTF-8, DOCTYPEs, ``xml:base``,
upper-case or unknown element names, namespaces outside a short list, mixed
content, repeated single-valued elements, XHTML or base64 content, e-mail
addresses in authors (feedparser rewrites those). The parity test in
``tests/test_fastparse.py`` runs both paths on every fixture and hostile feed.

A new lxml parser is made per call: lxml parsers are never shared between threads.
"""

from __future__ import annotations

from typing import Any

from feedparser.urls import make_safe_absolute_uri
from lxml import etree

from beritatui.feeds.fastelements import Elements
from beritatui.feeds.fastxml import (
    _ATOM_IGNORED,
    _DECLARED_ENCODING,
    _RSS_IGNORED,
    _XML_TYPES,
    ATOM,
    CONTENT,
    DC,
    IGNORED_NAMESPACES,
    MEDIA,
    RDF,
    RSS10,
    Raw,
    Refused,
    _attributes,
    _check_document,
    _children,
    _enforce_href,
    _Entry,
    _leaf,
    _local,
    _no_attributes,
    _q,
    _refuse_namespace,
    _split,
    entry_like,
)
from beritatui.feeds.plainhtml import plain_html

__all__ = ["Raw", "Refused", "fast_raw", "plain_html"]


def fast_raw(content: bytes, url: str, content_type: str | None) -> tuple[Raw, list[Raw]] | None:
    """(feed dict, entry dicts) as feedparser would give them, or None to use feedparser."""
    try:
        _check_encoding(content, content_type)
        root = etree.fromstring(content, _parser())
        tree = root.getroottree()
        if tree.docinfo.doctype or root.nsmap.get(None) not in (None, ATOM, RSS10):
            raise Refused("doctype or default namespace")
        base = make_safe_absolute_uri(url) if url else ""
        return _Walker(base or "").walk(root)
    except (Refused, etree.XMLSyntaxError, ValueError, TypeError):
        return None


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )


def _check_encoding(content: bytes, content_type: str | None) -> None:
    """UTF-8 only, as feedparser would see it (HTTP charset first, then the declaration)."""
    head = content[:4]
    if head.startswith((b"\xfe\xff", b"\xff\xfe")) or b"\x00" in head:
        raise Refused("UTF-16/32")
    mime, _, params = (content_type or "application/xml").partition(";")
    mime = mime.strip().lower()
    if not _XML_TYPES.match(mime):
        raise Refused("not an XML media type")
    charset = ""
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    declared = _DECLARED_ENCODING.match(content.removeprefix(b"\xef\xbb\xbf"))
    if declared and declared.group(1).decode("ascii", "replace").lower() not in ("utf-8", "utf8"):
        raise Refused("declared encoding")
    if charset not in ("", "utf-8", "utf8"):
        raise Refused("HTTP charset")
    if mime.startswith("text/") and not charset and not content.isascii():
        raise Refused("text/* without charset means US-ASCII to feedparser")
    content.decode("utf-8")  # UnicodeDecodeError is a ValueError


class _Walker(Elements):
    """One document; mirrors the state feedparser keeps while it parses."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.atom = False
        self.title_depth = -1

    # -- document --------------------------------------------------------------------

    def walk(self, root: Any) -> tuple[Raw, list[Raw]]:
        _check_document(root)
        feed: Raw = {}
        entries: list[Raw] = []
        if root.tag == "rss" and root.get("version", "").startswith("2."):
            channels = _children(root)
            if len(channels) != 1 or channels[0].tag != "channel" or channels[0].attrib:
                raise Refused("rss without one plain channel")
            self._feed_level(channels[0], feed, 2, "")
            items = [c for c in _children(channels[0]) if c.tag == "item"]
            self._only_these(root, "item", items)
            entries = [self._rss_item(item, 3, "") for item in items]
        elif root.tag == f"{{{RDF}}}RDF":
            _refuse_namespace(root, ATOM)
            children = _children(root)
            items = [c for c in children if c.tag == f"{{{RSS10}}}item"]
            channels = [c for c in children if c.tag == f"{{{RSS10}}}channel"]
            first_item = children.index(items[0]) if items else len(children)
            if len(channels) != 1 or children.index(channels[0]) > first_item:
                raise Refused("rdf without one channel before the items")
            self._feed_level(channels[0], feed, 2, RSS10)
            self._only_these(root, f"{{{RSS10}}}item", items)
            entries = [self._rss_item(item, 2, RSS10) for item in items]
        elif root.tag == f"{{{ATOM}}}feed":
            _refuse_namespace(root, RSS10)
            self.atom = True
            items = [c for c in _children(root) if c.tag == f"{{{ATOM}}}entry"]
            self._feed_level(root, feed, 1, ATOM)
            self._only_these(root, f"{{{ATOM}}}entry", items)
            entries = [self._atom_entry(item, 2) for item in items]
        else:
            raise Refused("root")
        return feed, entries

    def _only_these(self, root: Any, tag: str, items: list[Any]) -> None:
        """Entries anywhere else (in an image, a source, …) would confuse feedparser's state."""
        found = sum(1 for element in root.iter(etree.Element) if entry_like(element.tag))
        if found != len(items):
            raise Refused("entries elsewhere, or in other spellings")

    def _feed_level(self, channel: Any, feed: Raw, depth: int, ns: str) -> None:
        titles = [c for c in _children(channel) if _local(c.tag).lower() == "title"]
        if len(titles) > 1 or (titles and titles[0].tag != _q(ns, "title")):
            raise Refused("several feed titles, or another kind")
        for child in _children(channel):
            if ns != ATOM and _split(child.tag)[0] == ATOM and _local(child.tag) != "link":
                raise Refused("atom elements in an RSS channel")
        if titles:
            value, kind = self._content(titles[0], "title", "text/plain", depth + 1)
            feed["title"], feed["title_detail"] = value, {"type": kind}

    # -- entries ---------------------------------------------------------------------

    def _rss_item(self, item: Any, depth: int, ns: str) -> Raw:
        allowed = {"about"} if ns else set()
        if {_local(name) for name in item.attrib} - allowed:
            raise Refused("item attributes")
        entry: Raw = {}
        state = _Entry(entry)
        self.title_depth = -1
        about = item.get(f"{{{RDF}}}about")
        if about:
            entry["id"] = about
        for child in _children(item):
            space, name = _split(child.tag)
            if space == ns and name == "title":
                state.once(child)
                self._title(child, state, depth + 1, "text/plain")
            elif space == ns and name == "link":
                state.once(child)
                _no_attributes(child)
                self._rss_link(child, state, depth + 1)
            elif space == ns and name == "description":
                state.once(child)
                _no_attributes(child)
                value, kind = self._content(child, "description", "text/html", depth + 1)
                state.store("summary", value, depth + 1)
                entry["summary_detail"] = {"type": kind}
            elif space == ns and name == "guid" and not ns:
                state.once(child)
                if set(child.attrib) - {"isPermaLink"}:
                    raise Refused("guid attributes")
                self._id(child, state, depth + 1, child.get("isPermaLink", "true") == "true")
            elif (space, name) in (("", "pubDate"), (DC, "date")):
                state.once(child)
                self._date(child, state, "published" if name == "pubDate" else "updated", depth)
            elif (space, name) in (("", "author"), (DC, "creator")):
                state.once("author")
                _no_attributes(child)
                value = self._text(child, "author")
                if "@" in value:
                    raise Refused("feedparser rewrites authors with e-mail addresses")
                state.store("author", value, depth + 1)
            elif space == ns and name == "enclosure" and not ns:
                _leaf(child)
                links = entry.setdefault("links", [])
                links.append({**_enforce_href(_attributes(child)), "rel": "enclosure"})
            elif space == CONTENT and name == "encoded":
                state.once(child)
                _no_attributes(child)
                self._body(child, state, "text/html", depth + 1)
            elif space in MEDIA:
                self._media(child, state, depth + 1)
            elif (space == ns and name in _RSS_IGNORED) or space in IGNORED_NAMESPACES:
                if name == "source":
                    self.title_depth = -1
                _leaf(child)
            elif space == DC and name in ("subject", "language", "rights"):
                _leaf(child)
            else:
                raise Refused(f"item element {child.tag}")
        return entry

    def _atom_entry(self, item: Any, depth: int) -> Raw:
        if item.attrib:
            raise Refused("entry attributes")
        entry: Raw = {}
        state = _Entry(entry)
        self.title_depth = -1
        for child in _children(item):
            space, name = _split(child.tag)
            if space == ATOM and name == "title":
                state.once(child)
                self._title(child, state, depth + 1, "text/plain")
            elif space == ATOM and name == "link":
                self._atom_link(child, entry)
            elif space == ATOM and name == "id":
                state.once(child)
                _no_attributes(child)
                self._id(child, state, depth + 1, True)
            elif space == ATOM and name in ("published", "updated"):
                state.once(child)
                self._date(child, state, name, depth)
            elif space == ATOM and name == "author":
                state.once(child)
                self._atom_author(child, entry)
            elif space == ATOM and name == "summary":
                state.once(child)
                value, kind = self._content(child, "summary", "text/plain", depth + 1)
                state.store("summary", value, depth + 1)
                entry["summary_detail"] = {"type": kind}
            elif space == ATOM and name == "content":
                state.once(child)
                if set(child.attrib) - {"type"}:
                    raise Refused("content attributes")
                self._body(child, state, "text/plain", depth + 1)
            elif space in MEDIA:
                self._media(child, state, depth + 1)
            elif space == ATOM and name in _ATOM_IGNORED:
                if name != "contributor":
                    _leaf(child)
            else:
                raise Refused(f"entry element {child.tag}")
        return entry
