"""Paragraphs written as ``<br><br>`` runs become real ``<p>`` elements, before any extraction.

Old CMS templates (and many government sites) put a whole story in one element
and separate paragraphs with two line breaks; a short bold line alone between
two such runs is a subheading. Rewriting the tree once, right after parsing,
lets trafilatura, our walker and the figure finder all see the same paragraphs.
"""

from __future__ import annotations

from typing import TypeAlias

from lxml import etree

SPLIT_PARENTS = frozenset({"p", "div", "td", "section", "article", "span", "font", "center"})
BLOCK_TAGS = frozenset(
    {
        "p", "div", "table", "ul", "ol", "dl", "figure", "blockquote", "pre", "section",
        "article", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "form", "iframe", "script",
        "style", "aside", "nav", "header", "footer",
    }
)  # fmt: skip
MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 90

_Item: TypeAlias = str | etree._Element


def _is_run(br: etree._Element) -> bool:
    """``br`` is followed (only whitespace between) by another ``br``."""
    following = br.getnext()
    return following is not None and following.tag == "br" and not (br.tail or "").strip()


def split_br_runs(root: etree._Element) -> None:
    """Rewrite every element whose children hold a ``<br><br>`` run into paragraphs."""
    parents: dict[etree._Element, None] = {}
    for br in root.iter("br"):
        parent = br.getparent()
        if parent is not None and parent.tag in SPLIT_PARENTS and _is_run(br):
            parents[parent] = None
    for parent in parents:
        _split(parent)


def _segments(parent: etree._Element) -> list[list[_Item]]:
    """The parent's content cut at each run of two or more ``<br>``."""
    items: list[_Item] = [parent.text or ""]
    for child in parent:
        items.append(child)
        items.append(child.tail or "")
        child.tail = None
    segments: list[list[_Item]] = [[]]
    i = 0
    while i < len(items):
        item = items[i]
        if isinstance(item, etree._Element) and item.tag == "br":
            j = i + 1
            brs = 1
            while j < len(items):
                nxt = items[j]
                if isinstance(nxt, str) and not nxt.strip():
                    j += 1
                elif isinstance(nxt, etree._Element) and nxt.tag == "br":
                    brs, j = brs + 1, j + 1
                else:
                    break
            if brs >= 2:
                segments.append([])
                i = j
                continue
        segments[-1].append(item)
        i += 1
    return [s for s in segments if _has_content(s)]


def _has_content(segment: list[_Item]) -> bool:
    return any(not isinstance(i, str) or i.strip() for i in segment)


def _bold_heading(segment: list[_Item]) -> str:
    """The text of a segment that is one short bold line and nothing else, else ``""``."""
    elements = [i for i in segment if isinstance(i, etree._Element)]
    loose = "".join(i for i in segment if isinstance(i, str)).strip()
    if loose or len(elements) != 1 or elements[0].tag not in ("b", "strong"):
        return ""
    bold = elements[0]
    if any(child.tag != "br" for child in bold.iter() if child is not bold):
        return ""
    text = " ".join("".join(bold.itertext()).split())
    if len(text) > MAX_HEADING_CHARS or len(text.split()) > MAX_HEADING_WORDS:
        return ""
    if bold.find("br") is not None or text.endswith((".", ",", ";")):
        return ""
    return text


def _split(parent: etree._Element) -> None:
    segments = _segments(parent)
    parent.text = None
    for child in list(parent):
        parent.remove(child)
    if parent.tag in ("p", "span", "font"):
        parent.tag = "div"  # it now holds paragraphs
    for n, segment in enumerate(segments):
        heading = _bold_heading(segment) if n < len(segments) - 1 else ""
        if heading:
            h = etree.SubElement(parent, "h3")
            h.text = heading
            continue
        _append_paragraphs(parent, segment)


def _append_paragraphs(parent: etree._Element, segment: list[_Item]) -> None:
    """Inline pieces go into a new ``<p>``; block elements stay as they are."""
    current: etree._Element | None = None
    for item in segment:
        if isinstance(item, etree._Element) and item.tag in BLOCK_TAGS:
            parent.append(item)
            current = None
            continue
        if current is None:
            if isinstance(item, str) and not item.strip():
                continue
            current = etree.SubElement(parent, "p")
        if isinstance(item, str):
            last = current[-1] if len(current) else None
            if last is None:
                current.text = (current.text or "") + item
            else:
                last.tail = (last.tail or "") + item
        else:
            current.append(item)
