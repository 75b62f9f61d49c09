"""Inline links of body paragraphs, carried through junk removal as marks in the text.

While a paragraph is collected (our walker, trafilatura's ``<ref>``), a link's
text is put between two private-use characters: :data:`OPEN` before it and a
close mark after it that names the link (``CLOSE_BASE + k`` for the ``k``-th of
the block's pending :class:`~beritatui.models.Link` s, whose offsets are still 0).
The marks survive every text clean-up of :func:`~.blocks.finish_blocks` unchanged,
so a link keeps its place whatever is cut around it; :func:`resolve_links` then
removes them and records each link's offsets in the clean text. A link whose
mark was cut with junk (or that spans paragraphs) is simply not kept.

Only http(s) targets are kept (:func:`~beritatui.sanitize.safe_url`, relative
ones resolved against the page), never one back to the page itself. The page's
own text never carries marks: :func:`strip_marks` removes them on the way in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urldefrag

from lxml import etree

from beritatui.models import Link
from beritatui.sanitize import safe_url

OPEN = "\ue000"
CLOSE_BASE = 0xF0000
"""Close marks are the plane-15 private-use characters from here (65 534 of them)."""
MAX_LINKS = 0xFFFFD - CLOSE_BASE
_MARKS = re.compile("[\ue000\U000f0000-\U000ffffd]")


def strip_marks(text: str) -> str:
    """``text`` without any link mark (page text on its way in, junk tests)."""
    return _MARKS.sub("", text) if text else text


def has_marks(text: str) -> bool:
    """True when ``text`` holds a link mark."""
    return _MARKS.search(text) is not None


def close_mark(index: int) -> str:
    """The mark that ends the link at ``index`` of the block's pending links."""
    return chr(CLOSE_BASE + index)


def link_url(href: str | None, page_url: str) -> str | None:
    """The http(s) URL an ``href`` of the page points at; ``None`` for any other
    scheme, a malformed or control-laden URL, or a link to the page itself."""
    url = safe_url(href, page_url or None)
    if url is None:
        return None
    if page_url and urldefrag(url).url == urldefrag(page_url).url:
        return None  # "#top", "#komentar": the page itself
    return url


def absolute_hrefs(tree: etree._Element, page_url: str) -> None:
    """Resolve every ``a`` element's http(s) ``href`` against the page, in place.

    trafilatura joins a relative link to the site's root, not to the page
    (``berita.php?id=2`` on ``/berita/baca.php`` would lose ``/berita``); given
    absolute hrefs it keeps them as they are. Other hrefs are left alone (and
    refused later by :func:`link_url`).
    """
    for anchor in tree.iter("a"):
        href = anchor.get("href")
        url = safe_url(href, page_url or None) if href else None
        if url is not None and url != href:
            anchor.set("href", url)


def pending_links(urls: Sequence[str]) -> list[Link]:
    """The links a marked text refers to, before :func:`resolve_links` places them."""
    return [Link(0, 0, url) for url in urls]


def resolve_links(marked: str, pending: Sequence[Link]) -> tuple[str, list[Link] | None]:
    """The text without marks and its links with their offsets in it.

    Removing a mark may leave a space doubled or at a line's edge, or an empty
    line; those go too, as :func:`~beritatui.sanitize.clean_text` would have
    removed them. A link's span never starts or ends with a space.
    """
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    opened: int | None = None
    for char in marked:
        code = ord(char)
        if char == OPEN:
            opened = len(out)  # an unclosed earlier mark is forgotten
        elif CLOSE_BASE <= code <= CLOSE_BASE + MAX_LINKS:
            index = code - CLOSE_BASE
            if opened is not None and index < len(pending):
                spans.append((opened, len(out), pending[index].url))
            opened = None
        elif char == " " and (not out or out[-1] in " \n"):
            continue
        elif char == "\n":
            while out and out[-1] == " ":
                out.pop()
            if out and out[-1] != "\n":
                out.append(char)
        else:
            out.append(char)
    while out and out[-1] in " \n":
        out.pop()
    text = "".join(out)
    links: list[Link] = []
    for start, end, url in spans:
        end = min(end, len(text))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end and (not links or links[-1].end <= start):
            links.append(Link(start, end, url))
    return text, links or None
