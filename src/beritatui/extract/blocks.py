"""Body blocks from HTML: our own walker for a known body element, and a converter for
trafilatura's XML body. Both feed :func:`finish_blocks`, which removes junk.

A paragraph's inline links travel as marks in its text until :func:`finish_blocks`
places them (see :mod:`.links`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from beritatui.models import Block, Link
from beritatui.sanitize import clean_line, clean_text, strip_controls

from .captions import CAPTION_CLASSES, figure_block, foto_line_block
from .junk import (
    clean_marked_paragraph,
    clean_paragraph,
    is_leading_meta,
    is_link_label,
    is_list_label,
    is_stop_marker,
    is_trailing_boilerplate,
)
from .links import (
    MAX_LINKS,
    OPEN,
    close_mark,
    has_marks,
    link_url,
    pending_links,
    resolve_links,
    strip_marks,
)
from .loose import loose_figures
from .selectors import select
from .tails import cut_press_tail

SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "iframe", "form", "button", "svg", "nav", "footer",
        "template", "input", "select", "textarea", "object", "embed", "video", "audio",
        "canvas", "map", "head", "title", "meta", "link", "aside", "ins",
    }
)  # fmt: skip
CONTAINER_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "center", "body", "html",
        "dl", "dd", "dt", "details", "summary", "address", "hgroup", "li",
    }
)  # fmt: skip
HEADINGS = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Generic junk containers inside a known body: ads, embeds, share rows, related lists.
GENERIC_DROP = (
    ".ads, .ad, .advertisement, .adsbygoogle, .iklan, .banner, .parallax, .share, "
    ".social-share, .sharedaddy, .share-buttons, .related, .related-posts, .jp-relatedposts, "
    ".baca-juga, .bacajuga, .newsletter, .twitter-tweet, .instagram-media, .tiktok-embed, "
    "[data-ad], [id^='div-gpt-ad'], [class^='ads_'], [class*='-ads'], [class*='ads-']"
)
_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_BR = "\x00"  # marks a <br> while collecting text; never survives to output


@dataclass(slots=True)
class WalkRules:
    """What the walker treats specially inside one body element."""

    base_url: str
    drop: set[etree._Element] = field(default_factory=set)
    figures: set[etree._Element] = field(default_factory=set)
    caption_selector: str = CAPTION_CLASSES
    loose: dict[etree._Element, Block] = field(default_factory=dict)
    """Photos outside figure markup (see :mod:`.loose`), by the element they replace."""


def prepare_rules(
    body: etree._Element,
    base_url: str,
    drop: str = "",
    figures: str = "",
    captions: str = CAPTION_CLASSES,
) -> WalkRules:
    """Resolve a rule's drop and figure selectors against ``body`` once."""
    dropped = set(select(body, GENERIC_DROP + (", " + drop if drop else "")))
    dropped.discard(body)
    figure_sel = "figure, .wp-caption" + (", " + figures if figures else "")
    found = set(select(body, figure_sel))
    found.discard(body)
    loose: dict[etree._Element, Block] = {}
    for figure in loose_figures(body, base_url, found | dropped):
        loose[figure.element] = figure.block
        if figure.caption is not None:
            dropped.add(figure.caption)
    return WalkRules(
        base_url=base_url, drop=dropped, figures=found, caption_selector=captions, loose=loose
    )


class _Walker:
    """Collects blocks in document order from an element tree."""

    def __init__(self, rules: WalkRules) -> None:
        self.rules = rules
        self.blocks: list[Block] = []
        self.pending: list[str] = []
        self.links: list[Link] = []
        """Every link marked so far (shared by the walk's paragraphs; see :mod:`.links`)."""
        self.in_link = False

    def text(self, value: str | None) -> None:
        if value:
            self.pending.append(_WS.sub(" ", strip_marks(value).replace("\n", " ")))

    def flush(self) -> None:
        if not self.pending:
            return
        raw = "".join(self.pending)
        self.pending = []
        for chunk in re.split(rf"\s*{_BR}\s*{_BR}[\s{_BR}]*", raw):
            lines = [line.strip() for line in chunk.split(_BR)]
            text = "\n".join(line for line in lines if line)
            if text:
                links = self.links if has_marks(text) else None
                self.blocks.append(Block(type="paragraph", text=text, links=links))

    def walk(self, element: etree._Element) -> None:
        self.text(element.text)
        for child in element:
            self.node(child)
            self.text(child.tail)

    def node(self, el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in SKIP_TAGS or el in self.rules.drop:
            return
        if el in self.rules.loose:
            self.flush()
            self.blocks.append(self.rules.loose[el])
        elif el in self.rules.figures:
            self.flush()
            block = figure_block(el, self.rules.base_url, self.rules.caption_selector)
            if block:
                self.blocks.append(block)
        elif tag == "br":
            self.pending.append(_BR)
        elif tag in HEADINGS:
            self.flush()
            self.blocks.append(Block(type="heading", text=inline_text(el), level=HEADINGS[tag]))
        elif tag == "blockquote":
            self.flush()
            self.blocks.append(Block(type="quote", text=inline_text(el)))
        elif tag in ("ul", "ol"):
            self.flush()
            self.list_block(el)
        elif tag == "pre":
            self.flush()
            self.blocks.append(Block(type="code", text="".join(el.itertext()).strip("\n")))
        elif tag == "table":
            self.flush()
            self.table(el)
        elif tag == "a":
            self.link(el)
        elif tag in CONTAINER_TAGS:
            self.flush()
            self.walk(el)
            self.flush()
        else:
            self.walk(el)

    def link(self, el: etree._Element) -> None:
        """An inline link: its text between marks, when it leads somewhere http(s)."""
        url = None if self.in_link else link_url(el.get("href"), self.rules.base_url)
        if url is None or len(self.links) >= MAX_LINKS:
            self.walk(el)
            return
        self.in_link = True
        self.pending.append(OPEN)
        self.walk(el)
        self.pending.append(close_mark(len(self.links)))
        self.links.extend(pending_links([url]))
        self.in_link = False

    def list_block(self, el: etree._Element) -> None:
        items = [inline_text(li) for li in el if li.tag == "li" and li not in self.rules.drop]
        if items and all(_all_link(li) for li in el if li.tag == "li"):
            return  # a list of links inside a body is a related-articles list
        items = [item for item in items if item]
        if items:
            self.blocks.append(Block(type="list", items=items))

    def table(self, el: etree._Element) -> None:
        for row in el.iter("tr"):
            cells = [
                marked_text(cell, self.rules.base_url, self.links)
                for cell in row
                if cell.tag in ("td", "th")
            ]
            block = _row_block(cells, self.links)
            if block is not None:
                self.blocks.append(block)


def inline_text(el: etree._Element) -> str:
    """Text of ``el`` with ``<br>`` (trafilatura: ``<lb>``) as newlines, spaces collapsed."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in ("br", "lb"):
                parts.append("\n")
            elif tag and tag not in SKIP_TAGS:
                visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(el)
    lines = (_WS.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def marked_text(el: etree._Element, base_url: str, links: list[Link]) -> str:
    """:func:`inline_text` with the links (``a``, trafilatura's ``ref``) marked; the
    links are appended to ``links``, which the marks index (:mod:`.links`)."""
    parts: list[str] = []

    def visit(node: etree._Element, in_link: bool) -> None:
        if node.text:
            parts.append(strip_marks(node.text))
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in ("br", "lb"):
                parts.append("\n")
            elif tag in ("a", "ref") and not in_link and len(links) < MAX_LINKS:
                url = link_url(child.get("href") or child.get("target"), base_url)
                if url is not None:
                    parts.append(OPEN)
                    visit(child, True)
                    parts.append(close_mark(len(links)))
                    links.extend(pending_links([url]))
                else:
                    visit(child, in_link)
            elif tag and tag not in SKIP_TAGS:
                visit(child, in_link)
            if child.tail:
                parts.append(strip_marks(child.tail))

    visit(el, False)
    lines = (_WS.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _row_block(cells: list[str], links: list[Link]) -> Block | None:
    """One table row as a paragraph (cells joined by ``|``), or ``None`` when empty."""
    text = " | ".join(c for c in cells if c)
    if not text:
        return None
    return Block(type="paragraph", text=text, links=links if has_marks(text) else None)


def _all_link(li: etree._Element) -> bool:
    text = inline_text(li)
    linked = " ".join(" ".join(a.itertext()) for a in li.iter("a"))
    return bool(text) and len(linked.split()) >= len(text.split())


def walk_blocks(body: etree._Element, rules: WalkRules) -> list[Block]:
    """Blocks of a known body element, in order (before junk removal)."""
    walker = _Walker(rules)
    walker.walk(body)
    walker.flush()
    return walker.blocks


def trafilatura_blocks(body: etree._Element, base_url: str = "") -> list[Block]:
    """Convert trafilatura's XML body (p, head, list, quote, code, table) to blocks;
    a paragraph's ``<ref>`` links are kept (resolved against ``base_url``)."""
    blocks: list[Block] = []
    _tail_paragraph(body.text, blocks)
    for el in body:
        _xml_block(el, blocks, base_url)
        _tail_paragraph(el.tail, blocks)
    return blocks


def _tail_paragraph(text: str | None, blocks: list[Block]) -> None:
    """Loose text between trafilatura's elements is a paragraph too."""
    if text and text.strip():
        blocks.append(Block(type="paragraph", text=" ".join(text.split())))


def _xml_block(el: etree._Element, blocks: list[Block], base_url: str) -> None:
    """Append the block(s) of one trafilatura XML element."""
    tag = el.tag
    if tag == "head":
        rend = el.get("rend") or "h2"
        level = int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
        blocks.append(Block(type="heading", text=inline_text(el), level=max(2, level)))
    elif tag == "list":
        items = [inline_text(item) for item in el.iter("item")]
        if any(items):
            blocks.append(Block(type="list", items=[i for i in items if i]))
    elif tag == "quote":
        blocks.append(Block(type="quote", text=inline_text(el)))
    elif tag == "code":
        blocks.append(Block(type="code", text="".join(el.itertext()).strip("\n")))
    elif tag == "table":
        for row in el.iter("row"):
            links: list[Link] = []
            block = _row_block([marked_text(c, base_url, links) for c in row.iter("cell")], links)
            if block is not None:
                blocks.append(block)
    elif tag == "div":
        blocks.extend(trafilatura_blocks(el, base_url))
    elif tag != "graphic":
        pending: list[Link] = []
        text = marked_text(el, base_url, pending)
        blocks.append(Block(type="paragraph", text=text, links=pending or None))


def finish_blocks(blocks: Iterable[Block]) -> list[Block]:
    """Sanitise every string, drop junk, cut at related-list markers, turn "Foto:" lines
    into figures, and drop a paragraph repeated right after itself."""
    out: list[Block] = []
    previous = ""
    has_body = False
    after_label = False
    for block in blocks:
        if block.type == "figure":
            out.append(block)
            continue
        if block.type in ("paragraph", "heading") and is_list_label(block.text):
            after_label = True
            continue
        if block.type == "list" and after_label:
            after_label = False
            continue  # the headlines a "Read more:" label introduces
        after_label = False
        if block.type == "list":
            items = [clean_line(clean_paragraph(i)) for i in block.items or []]
            items = [i for i in items if i]
            if items:
                out.append(Block(type="list", items=items))
            continue
        links: list[Link] | None = None
        if block.type == "code":
            text = strip_controls(block.text).strip("\n")  # keep the indentation
        elif block.type == "paragraph" and block.links:
            marked = clean_text(clean_marked_paragraph(block.text))
            text, links = resolve_links(marked, block.links)
        else:
            text = clean_text(clean_paragraph(block.text))
        if not text:
            continue
        if block.type in ("paragraph", "heading") and is_stop_marker(text):
            if has_body:
                break  # the related/trending lists after the body
            continue
        if block.type == "paragraph" and is_link_label(text):
            continue
        figure = foto_line_block(text) if block.type == "paragraph" else None
        if figure is not None and len(text.split()) <= 60:
            out.append(figure)
            continue
        key = " ".join(text.split()).lower()
        if block.type != "code" and key == previous:
            continue  # the same paragraph twice in a row (lazy-load or print copies)
        previous = key
        has_body = has_body or block.type == "paragraph"
        out.append(Block(type=block.type, text=text, level=block.level, links=links))
    return trim_edges(cut_press_tail(out))


DROP_LEADING_HEADINGS = True
"""A heading before the first paragraph is the title or standfirst, not body."""


def _text_of(block: Block) -> str:
    return block.text or " ".join(block.items or [])


def trim_edges(blocks: list[Block]) -> list[Block]:
    """Drop opening date/standfirst lines and closing boilerplate (follow us, tags, credits)."""
    start = 0
    while start < len(blocks):
        block = blocks[start]
        if block.type == "figure":
            start += 1
            continue
        leading_heading = DROP_LEADING_HEADINGS and block.type == "heading"
        if not (leading_heading or (block.type == "paragraph" and is_leading_meta(block.text))):
            break
        del blocks[start]
    while blocks:
        block = blocks[-1]
        if block.type == "heading" or (
            block.type == "paragraph" and is_trailing_boilerplate(block.text)
        ):
            blocks.pop()
        else:
            break
    return blocks


def text_length(blocks: list[Block]) -> int:
    """Characters of text in ``blocks`` (list items included): how much body there is."""
    return sum(len(b.text) + sum(len(i) for i in b.items or []) for b in blocks)
