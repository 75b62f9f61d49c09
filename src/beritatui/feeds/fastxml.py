"""The fast path's shared parts: feedparser's tables, the refusal, lxml element helpers.

Used by :mod:`beritatui.feeds.fastparse` and :mod:`beritatui.feeds.fastelements`.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from beritatui.feeds.compat import CP1252, FeedParserMixin

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

_HTML_TYPES = FeedParserMixin.html_types
_RELATIVE_URI = FeedParserMixin.can_be_relative_uri
_CONTAINS_URIS = FeedParserMixin.can_contain_relative_uris
_DANGEROUS = FeedParserMixin.can_contain_dangerous_markup
_looks_like_html: Callable[[str], bool] = FeedParserMixin.looks_like_html
_map_type: Callable[[str], str] = FeedParserMixin.map_content_type

_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([^"']+)""")
_XML_TYPES = re.compile(r"^(?:application|text)/(?:[a-z0-9.+-]+\+)?xml$")
_LINK_ENTITY = re.compile(r"&([A-Za-z0-9_]+);")
_RSS_IGNORED = frozenset({"category", "comments", "source"})
_ATOM_IGNORED = frozenset({"category", "rights", "contributor"})
_MEDIA_PASSIVE = frozenset(
    {"credit", "keywords", "category", "rating", "copyright", "text", "hash", "license"}
)
_TEXT_TYPES = frozenset({"text/plain", "text/html"})
_STANDARD_PREFIXES = frozenset(p.lower() for p in FeedParserMixin.namespaces.values())
"""Prefixes feedparser gives known namespaces; an unknown namespace under one is mistaken for it."""


class Refused(Exception):
    """The fast path is not sure; feedparser should read this document."""


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
    if output.isascii():  # both steps leave ASCII as it is (CP1252 maps U+0080-U+009F only)
        return output
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        output = output.encode("iso-8859-1").decode("utf-8")
    return output.translate(CP1252)


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
    passed: set[str] = set()
    """Tags whose namespace is known (or the root's): fine whatever their prefix."""
    for element in root.iter(etree.Element):  # elements only: no comments, no PIs
        if element.attrib and any(_local(name).lower() == "base" for name in element.attrib):
            raise Refused("xml:base")
        tag = element.tag
        if tag in passed:
            continue
        space = _split(tag)[0]
        if space in _KNOWN_NAMESPACES or space == main:
            passed.add(tag)
            continue
        if not space or element.prefix is None or element.prefix.lower() in _STANDARD_PREFIXES:
            raise Refused(f"namespace {space!r} as {element.prefix!r}")


def _refuse_namespace(root: Any, namespace: str) -> None:
    for element in root.iter():
        if namespace in (element.nsmap or {}).values():
            raise Refused(f"{namespace} declared")


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}" if ns else name


@functools.lru_cache(maxsize=4096)  # a feed has a few dozen tag names, read thousands of times
def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        space, _, local = tag[1:].partition("}")
        return space, local
    return "", tag


def _local(name: str) -> str:
    return _split(name)[1]


@functools.lru_cache(maxsize=4096)
def entry_like(tag: str) -> bool:
    """An ``item`` or ``entry`` element, in any namespace and any case."""
    return _local(tag).lower() in ("item", "entry")
