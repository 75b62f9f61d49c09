"""The generic main-content extractor: trafilatura on our parsed tree, with figures put back.

trafilatura (precision mode, no comments) measured best on the AEB benchmark; when
its result looks too short we retry in its normal mode and keep the longer body.
trafilatura drops every caption, so figures are collected from the page tree and
placed before the body block that follows them on the page.
"""

from __future__ import annotations

import re

from lxml import etree
from trafilatura import bare_extraction

from beritatui.models import Block
from beritatui.sanitize import clean_line

from .blocks import HEADINGS, finish_blocks, text_length, trafilatura_blocks
from .captions import element_text, figure_block
from .junk import is_junk_paragraph, is_list_label, is_stop_marker
from .local import xpath
from .loose import loose_figures
from .selectors import select
from .sites import SiteRule, caption_selector

SHORT_BODY_CHARS = 400
"""Below this many body characters the precision result is retried in normal mode."""
_ANCHOR_CHARS = 40
_ANCHOR_XPATH = (
    "following::*[self::p or self::h2 or self::h3 or self::h4 or self::li or self::blockquote"
    " or self::div[not(*)]][normalize-space()][position() <= 4]"
)
_NON_WORD = re.compile(r"\W+")


def _run(tree: etree._Element, url: str, precision: bool) -> list[Block]:
    try:
        doc = bare_extraction(
            tree,
            url=url or None,
            include_comments=False,
            favor_precision=precision,
            with_metadata=False,
            include_links=True,
        )
    except Exception:  # trafilatura must never take the whole extraction down
        return []
    body = getattr(doc, "body", None) if doc is not None else None
    return finish_blocks(trafilatura_blocks(body, url)) if body is not None else []


def generic_blocks(tree: etree._Element, url: str) -> list[Block]:
    """Body blocks of ``tree`` by trafilatura, with a normal-mode retry for short results."""
    blocks = _run(tree, url, precision=True)
    if text_length(blocks) < SHORT_BODY_CHARS:
        recall = _run(tree, url, precision=False)
        if text_length(recall) > text_length(blocks):
            blocks = recall
    return restore_headings(tree, blocks)


MAX_HEADING_CHARS = 120


def restore_headings(tree: etree._Element, blocks: list[Block]) -> list[Block]:
    """Put back the subheadings trafilatura dropped between two paragraphs it kept."""
    index: dict[str, int] = {}
    for i, block in enumerate(blocks):
        if block.type == "paragraph":
            index.setdefault(anchor_key(block.text), i)
    have = {anchor_key(b.text) for b in blocks if b.type == "heading"}
    inserts: dict[int, Block] = {}
    for heading in tree.xpath("//body//*[self::h2 or self::h3 or self::h4]"):
        text = clean_line(element_text(heading))
        key = anchor_key(text)
        if not key or key in have or len(text) > MAX_HEADING_CHARS or _junk_heading(text):
            continue
        before, after = heading.getprevious(), heading.getnext()
        if before is None or after is None:
            continue
        position = index.get(anchor_key(element_text(after)))
        if position and index.get(anchor_key(element_text(before))) == position - 1:
            inserts[position] = Block(type="heading", text=text, level=HEADINGS[heading.tag])
    if not inserts:
        return blocks
    out: list[Block] = []
    for i, block in enumerate(blocks):
        if i in inserts:
            out.append(inserts[i])
        out.append(block)
    return out


def _junk_heading(text: str) -> bool:
    return is_junk_paragraph(text) or is_stop_marker(text) or is_list_label(text)


def anchor_key(text: str) -> str:
    """A comparable prefix of a block text (case, punctuation and spacing ignored)."""
    return _NON_WORD.sub(" ", text.lower()).strip()[:_ANCHOR_CHARS]


PageFigure = tuple[Block, list[str], str]
"""A figure, the anchor keys of the page text after it, the key of its caption as written."""


def _full_key(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


def page_figures(tree: etree._Element, url: str, rule: SiteRule | None = None) -> list[PageFigure]:
    """Every figure on the page (figure markup and captioned loose photos), page order."""
    selector = "figure, .wp-caption" + (", " + rule.figures if rule and rule.figures else "")
    captions = caption_selector(rule)
    found = select(tree, selector)
    found_set = set(found)
    outermost = [el for el in found if not any(a in found_set for a in el.iterancestors())]
    placed: list[tuple[etree._Element, Block, str]] = []
    for el in outermost:
        block = figure_block(el, url, captions)
        if block is not None:
            placed.append((el, block, ""))
    for loose in loose_figures(tree, url, found_set):
        placed.append((loose.element, loose.block, _full_key(loose.raw)))
    figures: list[PageFigure] = []
    for el, block, raw in placed:
        anchors = [anchor_key(element_text(node)) for node in xpath(_ANCHOR_XPATH)(el)]
        figures.append((block, [a for a in anchors if a and a != raw[:_ANCHOR_CHARS]], raw))
    return figures


def place_figures(blocks: list[Block], figures: list[PageFigure]) -> list[Block]:
    """Insert each figure before the body block its following page text starts;
    body paragraphs that only repeat a loose photo's caption go."""
    copies = {raw for _, _, raw in figures if raw}
    blocks = [b for b in blocks if b.type != "paragraph" or _full_key(b.text) not in copies]
    index: dict[str, int] = {}
    for i, block in enumerate(blocks):
        if block.type != "figure":
            index.setdefault(anchor_key(block.text or " ".join(block.items or [])), i)
    inserts: dict[int, list[Block]] = {}
    for figure, anchors, _ in figures:
        position = next((index[a] for a in anchors if a in index), None)
        if position is not None:
            inserts.setdefault(position, []).append(figure)
    out: list[Block] = []
    for i, block in enumerate(blocks):
        out.extend(inserts.get(i, []))
        out.append(block)
    return out
