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

import contextlib
import html.entities
import re
from collections.abc import Callable
from typing import Any

from feedparser.datetimes import _parse_date
from feedparser.html import _cp1252
from feedparser.mixin import _FeedParserMixin
from feedparser.sanitizer import _sanitize_html
from feedparser.urls import _urljoin, make_safe_absolute_uri, resolve_relative_uris
from lxml import etree

Raw = dict[str, Any]

ATOM = "http://www.w3.org/2005/Atom"
RSS10 = "http://purl.org/rss/1.0/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
MEDIA = ("http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss")
IGNORED_NAMESPACES = (
    "http://wellformedweb.org/CommentAPI/",
    "http://purl.org/rss/1.0/modules/slash/",
    "http://purl.org/rss/1.0/modules/syndication/",
)
"""Entry elements feedparser files under keys nothing here reads."""
_KNOWN_NAMESPACES = frozenset({ATOM, RSS10, RDF, CONTENT, DC, *MEDIA, *IGNORED_NAMESPACES})
_XML = "http://www.w3.org/XML/1998/namespace"

_HTML_TYPES = _FeedParserMixin.html_types
_RELATIVE_URI = _FeedParserMixin.can_be_relative_uri
_CONTAINS_URIS = _FeedParserMixin.can_contain_relative_uris
_DANGEROUS = _FeedParserMixin.can_contain_dangerous_markup
_looks_like_html: Callable[[str], bool] = _FeedParserMixin.looks_like_html
_map_type: Callable[[str], str] = _FeedParserMixin.map_content_type

_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([^"']+)""")
_XML_TYPES = re.compile(r"^(?:application|text)/(?:[a-z0-9.+-]+\+)?xml$")
_LINK_ENTITY = re.compile(r"&([A-Za-z0-9_]+);")
_RSS_IGNORED = frozenset({"category", "comments", "source"})
_ATOM_IGNORED = frozenset({"category", "rights", "contributor"})
_MEDIA_PASSIVE = frozenset(
    {"credit", "keywords", "category", "rating", "copyright", "text", "hash", "license"}
)
_TEXT_TYPES = frozenset({"text/plain", "text/html"})
_STANDARD_PREFIXES = frozenset(p.lower() for p in _FeedParserMixin.namespaces.values())
"""Prefixes feedparser gives known namespaces; an unknown namespace under one is mistaken for it."""


_PLAIN_OK = frozenset({"description", "summary"})
"""Elements whose HTML only ever becomes text and a first image (in parse.py)."""
_PLAIN_TAGS = frozenset(
    {
        "a", "b", "blockquote", "br", "code", "div", "em", "figcaption", "figure", "h1", "h2",
        "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "small", "span",
        "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
    }
)  # fmt: skip
_ATTRIBUTE = (
    r"""\s+([A-Za-z][A-Za-z0-9_:.-]*)"""
    r"""(?:\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'<>=`]+)))?"""
)
_PLAIN_TAG = re.compile(rf"<(/?)([A-Za-z][A-Za-z0-9]*)((?:{_ATTRIBUTE})*)\s*/?>")
_ATTRIBUTES = re.compile(_ATTRIBUTE)
_REFERENCE = re.compile(r"&(?:([A-Za-z][A-Za-z0-9]{1,31})|#([0-9]{1,6})|#[xX]([0-9a-fA-F]{1,5}));")
_PLAIN_SRC = re.compile(r"(?:https?://[^\s\"'<>]+|(?!//)[A-Za-z0-9_.~%/-][^\s:\"'<>]*)")
_LATIN1_HIGH = re.compile("[\x80-\xff]")
_ENTITIES = frozenset(html.entities.name2codepoint) | {"apos"}


def plain_html(markup: str) -> bool:
    """HTML that feedparser's URI resolution and sanitiser leave the same as text and images.

    Only common inline and block tags, quoted attributes, the five XML entities and
    printable numeric references, ``<img src>`` plain http(s) or scheme-less paths.
    No characters U+0080-U+00FF, so feedparser's Latin-1/cp1252 repair cannot
    apply to the sanitised form when it does not apply to this one. For such
    HTML, :func:`beritatui.feeds.parse.html_to_text` and the first image come
    out the same with or without feedparser's passes, so they are skipped.
    """
    if _LATIN1_HIGH.search(markup):
        return False
    end = 0
    for tag in _PLAIN_TAG.finditer(markup):
        if not _plain_text(markup[end : tag.start()]) or tag.group(2).lower() not in _PLAIN_TAGS:
            return False
        if tag.group(2).lower() == "img" and not _plain_image(tag.group(3)):
            return False
        end = tag.end()
    return _plain_text(markup[end:])


def _plain_text(text: str) -> bool:
    if "<" in text or ">" in text:
        return False
    for amp in re.finditer("&", text):
        reference = _REFERENCE.match(text, amp.start())
        if reference is None:
            return False
        if reference.group(1) is not None and reference.group(1) not in _ENTITIES:
            return False  # feedparser's sanitiser rewrites unknown names
        number = reference.group(2) or reference.group(3)
        if number is not None:
            value = int(number, 16 if reference.group(3) else 10)
            if value < 32 or 127 <= value < 160 or value > 0x10FFFF:
                return False
    return True


def _plain_image(attributes: str) -> bool:
    names: set[str] = set()
    for match in _ATTRIBUTES.finditer(attributes):
        name = match.group(1).lower()
        value = match.group(2) or match.group(3) or match.group(4) or ""
        if name in names or not _plain_text(value):
            return False
        names.add(name)
        if name == "src" and not _PLAIN_SRC.fullmatch(value):
            return False
    return True


class Refused(Exception):
    """The fast path is not sure; feedparser should read this document."""


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


class _Walker:
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
        found = sum(
            1
            for element in root.iter()
            if isinstance(element.tag, str) and _local(element.tag).lower() in ("item", "entry")
        )
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

    # -- elements --------------------------------------------------------------------

    def _title(self, child: Any, state: _Entry, depth: int, default: str) -> None:
        value, kind = self._content(child, "title", default, depth)
        if -1 < self.title_depth <= depth:
            return
        state.store("title", value, depth)
        state.entry["title_detail"] = {"type": kind}
        if value:
            self.title_depth = depth

    def _rss_link(self, child: Any, state: _Entry, depth: int) -> None:
        entry = state.entry
        entry.setdefault("links", []).append({"rel": "alternate", "type": "text/html"})
        value = self._text(child, "link")
        value = _LINK_ENTITY.sub(r"&\g<1>", value.replace("&amp;", "&"))
        entry["link"] = value
        if value:
            entry["links"][-1]["href"] = value

    def _atom_link(self, child: Any, entry: Raw) -> None:
        _leaf(child)
        attrs = _attributes(child)
        if "href" not in attrs or "url" in attrs or "uri" in attrs:
            raise Refused("atom link without href")
        attrs.setdefault("rel", "alternate")
        attrs.setdefault("type", "application/atom+xml" if attrs["rel"] == "self" else "text/html")
        attrs["href"] = _urljoin(self.base, attrs["href"])
        entry.setdefault("links", []).append(attrs)
        if attrs["rel"] == "alternate" and _map_type(attrs["type"]) in _HTML_TYPES:
            entry["link"] = attrs["href"]

    def _id(self, child: Any, state: _Entry, depth: int, is_link: bool) -> None:
        value = self._text(child, "id", resolve=is_link)
        state.store("id", value, depth)
        if is_link:
            state.entry.setdefault("link", value)

    def _date(self, child: Any, state: _Entry, key: str, depth: int) -> None:
        _no_attributes(child)
        value = self._text(child, key)
        state.store(key, value, depth + 1)
        state.entry[f"{key}_parsed"] = _parse_date(value)

    def _atom_author(self, child: Any, entry: Raw) -> None:
        _no_attributes(child)
        detail: dict[str, str] = {}
        for part in _children(child):
            space, name = _split(part.tag)
            if space != ATOM or name not in ("name", "email", "uri") or name in detail:
                raise Refused("author parts")
            _leaf(part)
            detail[name] = _plain(part).strip()  # feedparser pops these without its text steps
        if child.text and child.text.strip():
            raise Refused("author text")
        name, email = detail.get("name", ""), detail.get("email", "")
        entry["author"] = f"{name} ({email})" if name and email else name or email

    def _body(self, child: Any, state: _Entry, default: str, depth: int) -> None:
        value, kind = self._content(child, "content", default, depth)
        state.entry.setdefault("content", []).append({"type": kind, "value": value})
        if _map_type(kind) in _TEXT_TYPES | _HTML_TYPES:
            state.entry.setdefault("summary", value)

    def _media(self, child: Any, state: _Entry, depth: int) -> None:
        """media:* as feedparser (with parse.py's caption handlers) files them."""
        name = _split(child.tag)[1]
        entry = state.entry
        if name == "content":
            entry.setdefault("media_content", []).append(_attributes(child))
            for part in _children(child):
                self._media_part(part, state, depth + 1)
        elif name == "group":
            if child.attrib:
                raise Refused("media:group attributes")
            for part in _children(child):
                self._media_part(part, state, depth + 1)
        else:
            self._media_part(child, state, depth)

    def _media_part(self, child: Any, state: _Entry, depth: int) -> None:
        space, name = _split(child.tag)
        entry = state.entry
        if space not in MEDIA:
            raise Refused("non-media element inside media")
        if name == "thumbnail":
            attrs = _attributes(child)
            url = self._text(child, "url")
            state.store("url", url, depth)
            if url and "url" not in attrs:
                attrs["url"] = url
            entry.setdefault("media_thumbnail", []).append(attrs)
        elif name == "description":
            state.store("media_description", self._text(child, "media_description"), depth)
        elif name == "title":
            if set(child.attrib) - {"type"}:
                raise Refused("media:title attributes")
            saved = self.title_depth
            value, kind = self._content(child, "title", "text/plain", depth)
            if not -1 < self.title_depth <= depth:
                state.store("title", value, depth)
                entry["title_detail"] = {"type": kind}
            self.title_depth = saved
            if value:
                entry["media_title"], entry["media_title_detail"] = value, {"type": kind}
        elif name in ("content", "group"):
            self._media(child, state, depth)
        elif name in _MEDIA_PASSIVE:
            _leaf(child)
        else:
            raise Refused(f"media element {name}")

    # -- text ------------------------------------------------------------------------

    def _content(self, child: Any, element: str, default: str, depth: int) -> tuple[str, str]:
        """feedparser's push_content/pop for ``element``: (value, content type)."""
        if set(child.attrib) - {"type", f"{{{_XML}}}lang"}:
            raise Refused("content attributes")
        _leaf(child)
        kind = _map_type(child.get("type", default))
        if kind not in _TEXT_TYPES:
            raise Refused("content type")
        output = _plain(child).strip()
        if not self.atom and kind == "text/plain" and _looks_like_html(output):
            kind = "text/html"
        if kind in _HTML_TYPES and not (element in _PLAIN_OK and plain_html(output)):
            if element in _CONTAINS_URIS:
                output = resolve_relative_uris(output, self.base, "utf-8", kind)
            if element in _DANGEROUS:
                output = _sanitize_html(output, "utf-8", kind)
        return _repair(output), kind

    def _text(self, child: Any, element: str, *, resolve: bool = True) -> str:
        """feedparser's pop for a plain element outside content (callers check attributes)."""
        _leaf(child)
        output = _plain(child).strip()
        if element in _RELATIVE_URI and output and resolve:
            output = _urljoin(self.base, output)
        return _repair(output)


class _Entry:
    """One entry dict plus feedparser's "shallowest element wins" bookkeeping."""

    def __init__(self, entry: Raw) -> None:
        self.entry = entry
        self._depths: dict[str, int] = {}
        self._seen: set[object] = set()

    def once(self, key: object) -> None:
        """Refuse a repeated single-valued element (feedparser's choice depends on order)."""
        marker = key.tag if isinstance(key, etree._Element) else key
        if marker in self._seen:
            raise Refused(f"repeated {marker}")
        self._seen.add(marker)

    def store(self, key: str, value: str, depth: int) -> None:
        old = self._depths.get(key)
        if old is None or depth <= old:
            self._depths[key] = depth
            self.entry[key] = value


def _repair(output: str) -> str:
    """feedparser's last steps: UTF-8 read as Latin-1 repaired, cp1252 code points mapped."""
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        output = output.encode("iso-8859-1").decode("utf-8")
    return output.translate(_cp1252)


def _enforce_href(attrs: dict[str, str]) -> dict[str, str]:
    href = attrs.get("url", attrs.get("uri", attrs.get("href")))
    if href:
        attrs.pop("url", None)
        attrs.pop("uri", None)
        attrs["href"] = href
    return attrs


def _attributes(element: Any) -> dict[str, str]:
    """Attributes as feedparser hands them to handlers: lower-case names, rel/type lowered."""
    found: dict[str, str] = {}
    for name, value in element.attrib.items():
        space, local = _split(name)
        if space:
            raise Refused("namespaced attribute")
        key = local.lower()
        if key in found:
            raise Refused("attribute names differing in case")
        found[key] = value.lower() if key in ("rel", "type") else value
    return found


def _children(element: Any) -> list[Any]:
    return [child for child in element if isinstance(child.tag, str)]


def _leaf(element: Any) -> None:
    """Text only: no child elements, comments or processing instructions."""
    if len(element):
        raise Refused(f"mixed content in {element.tag}")


def _no_attributes(element: Any) -> None:
    if element.attrib:
        raise Refused(f"attributes on {element.tag}")


def _plain(element: Any) -> str:
    return element.text or ""


def _check_document(root: Any) -> None:
    """No xml:base; unknown namespaces only under prefixes feedparser cannot mistake."""
    main = _split(root.tag)[0]
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if any(_local(name).lower() == "base" for name in element.attrib):
            raise Refused("xml:base")
        space = _split(element.tag)[0]
        if space in _KNOWN_NAMESPACES or space == main:
            continue
        if not space or element.prefix is None or element.prefix.lower() in _STANDARD_PREFIXES:
            raise Refused(f"namespace {space!r} as {element.prefix!r}")


def _refuse_namespace(root: Any, namespace: str) -> None:
    for element in root.iter():
        if namespace in (element.nsmap or {}).values():
            raise Refused(f"{namespace} declared")


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}" if ns else name


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        space, _, local = tag[1:].partition("}")
        return space, local
    return "", tag


def _local(name: str) -> str:
    return _split(name)[1]
