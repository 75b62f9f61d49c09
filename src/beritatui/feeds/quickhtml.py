"""Text and first image of simple HTML by regular expressions, as ``html.parser`` reads them.

Feed summaries are short HTML with a handful of ordinary tags; reading them with
:class:`html.parser.HTMLParser` (pure Python, a method call per tag) was the
largest single cost of normalising an entry. :func:`quick_scan` handles the HTML
where ``HTMLParser`` has no choices to make: every ``<`` opens a well-formed tag
(a letter-first name, whitespace-separated attributes with quoted or plain
values), and no tag switches the parser into raw-text mode or starts a skipped
element. For that HTML it returns what :mod:`beritatui.feeds.normalise`'s
``html.parser`` handler collects; for anything else ``None``, and the caller
uses ``html.parser``. ``tests/test_parse.py`` checks both agree.
"""

from __future__ import annotations

import re
from html import unescape

BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
"""Tags whose start and end become a line break."""
SKIPPED = frozenset({"script", "style", "noscript", "template"})
"""Elements whose text is dropped."""
_REFUSED = SKIPPED | {"textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"}
"""Skipped elements and those some Python versions read as raw text: left to html.parser."""

_ATTRIBUTE = (
    r"""\s+([A-Za-z][A-Za-z0-9_:.-]*)"""
    r"""(\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'<>=`]+)))?"""
)
_TAG = re.compile(rf"<(/?)([A-Za-z][A-Za-z0-9]*)((?:{_ATTRIBUTE})*)\s*/?>")
_ATTRIBUTES = re.compile(_ATTRIBUTE)


def quick_scan(html: str) -> tuple[str, str | None] | None:
    """(text with a newline at each block tag, first real ``<img src>``), or None if unsure."""
    parts: list[str] = []
    first_image: str | None = None
    end = 0
    for tag in _TAG.finditer(html):
        text = html[end : tag.start()]
        if "<" in text:
            return None
        parts.append(unescape(text) if "&" in text else text)
        name = tag.group(2).lower()
        if name in _REFUSED:
            return None
        if name in BLOCKS:
            parts.append("\n")
        elif name == "img" and first_image is None and not tag.group(1):
            first_image = _image(tag.group(3))
        end = tag.end()
    tail = html[end:]
    if "<" in tail:
        return None
    parts.append(unescape(tail) if "&" in tail else tail)
    return "".join(parts), first_image


def _image(attributes: str) -> str | None:
    """The ``src`` of an ``<img>`` unless it says it is 1 pixel wide or high."""
    values: dict[str, str | None] = {}
    for match in _ATTRIBUTES.finditer(attributes):
        if match.group(2) is None:
            value = None
        else:
            value = next(v for v in match.group(3, 4, 5) if v is not None)
            value = unescape(value) if value else value
        values[match.group(1).lower()] = value
    if values.get("width") != "1" and values.get("height") != "1" and values.get("src"):
        return values["src"]
    return None
