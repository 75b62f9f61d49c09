"""HTML that feedparser's URI resolution and sanitiser would leave unchanged as text and images.

The fast path (:mod:`beritatui.feeds.fastparse`) keeps such summaries as sent:
:func:`plain_html` says when that is safe.
"""

from __future__ import annotations

import html.entities
import re

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
    amp = text.find("&")
    while amp >= 0:
        reference = _REFERENCE.match(text, amp)
        if reference is None:
            return False
        if reference.group(1) is not None and reference.group(1) not in _ENTITIES:
            return False  # feedparser's sanitiser rewrites unknown names
        number = reference.group(2) or reference.group(3)
        if number is not None:
            value = int(number, 16 if reference.group(3) else 10)
            if value < 32 or 127 <= value < 160 or value > 0x10FFFF:
                return False
        amp = text.find("&", amp + 1)
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
