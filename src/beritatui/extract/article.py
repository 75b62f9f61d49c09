"""The extraction pipeline: bytes → text → one lxml tree → metadata, body blocks, figures."""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable

import lxml.html
from lxml import etree

from beritatui.models import Block, ExtractedArticle

from .blocks import finish_blocks, prepare_rules, text_length, walk_blocks
from .captions import figure_block
from .charset import decode_html
from .choose import choose_body
from .generic import anchor_key, generic_blocks, page_figures, place_figures
from .links import absolute_hrefs
from .local import html_parser
from .meta import Meta, extract_meta
from .pages import find_next_pages, merge_pages
from .paragraphs import split_br_runs
from .selectors import select_first
from .sites import SiteRule, caption_selector, rule_for
from .slots import Urgency

MIN_RULE_BODY_CHARS = 200
"""A site rule's body shorter than this is not trusted; the generic extractor runs."""
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def parse_html(text: str) -> etree._Element | None:
    """Parse a whole page; None when there is nothing to parse."""
    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text, parser=html_parser())
    except (etree.ParserError, ValueError):
        return None


def rule_blocks(tree: etree._Element, url: str, rule: SiteRule) -> list[Block] | None:
    """Blocks from the site rule's body element, or None when it is missing or too short."""
    if not rule.body or not rule.domains:
        return None
    body = select_first(tree, rule.body)
    if body is None:
        return None
    blocks = finish_blocks(
        walk_blocks(body, prepare_rules(body, url, rule.drop, rule.figures, caption_selector(rule)))
    )
    return blocks if text_length(blocks) >= MIN_RULE_BODY_CHARS else None


def _walk_page(tree: etree._Element, url: str) -> list[Block]:
    """Last resort when the generic extractor finds nothing: walk the article or body."""
    found = tree.xpath("(//article | //main | //body)[1]")
    if not found:
        return []
    root = found[0]
    return [
        b for b in finish_blocks(walk_blocks(root, prepare_rules(root, url))) if b.type != "figure"
    ]


def _drop_title(blocks: list[Block], title: str) -> list[Block]:
    """Drop a leading heading or paragraph that repeats the article title."""
    key = anchor_key(title)
    for i, block in enumerate(blocks[:3]):
        same = key and anchor_key(block.text) == key and len(block.text) <= len(title) + 20
        if block.type in ("heading", "paragraph") and same:
            return blocks[:i] + blocks[i + 1 :]
    return blocks


def _lead_image(
    tree: etree._Element, url: str, rule: SiteRule | None, blocks: list[Block], meta: Meta
) -> tuple[Block | None, list[Block]]:
    """The lead photo (also put first in ``blocks`` when it sat outside the body)."""
    figures = [b for b in blocks if b.type == "figure"]
    if meta.image:
        for figure in figures:
            if figure.src == meta.image:
                return figure, blocks
    first_text = next((i for i, b in enumerate(blocks) if b.type != "figure"), len(blocks))
    if figures and blocks.index(figures[0]) < max(first_text, 1):
        return figures[0], blocks
    lead: Block | None = None
    if rule and rule.lead:
        wrapper = select_first(tree, rule.lead)
        lead = figure_block(wrapper, url, caption_selector(rule)) if wrapper is not None else None
    if lead is None and meta.image:
        lead = Block(type="figure", src=meta.image)
    if lead is None or any(f.src and f.src == lead.src for f in figures):
        return (figures[0] if figures else None), blocks
    return lead, [lead, *blocks]


def _body(tree: etree._Element, url: str, rule: SiteRule | None) -> list[Block]:
    blocks = rule_blocks(tree, url, rule) if rule else None
    if blocks is not None:
        return blocks
    blocks = choose_body(tree, url, generic_blocks(tree, url)) or _walk_page(tree, url)
    figures = page_figures(tree, url, rule)
    return place_figures(blocks, figures) if figures else blocks


def extract_article(
    html: bytes | str, url: str, *, content_type: str | None = None
) -> ExtractedArticle:
    """Turn a page into the structured article; never raises on bad HTML."""
    try:
        return _extract(html, url, content_type)
    except Exception:  # a page that breaks a helper still yields an (empty) article
        return ExtractedArticle(url=url)


def _extract(html: bytes | str, url: str, content_type: str | None) -> ExtractedArticle:
    text = decode_html(html, content_type) if isinstance(html, bytes) else html
    tree = parse_html(text)
    if tree is None:
        return ExtractedArticle(url=url)
    split_br_runs(tree)
    absolute_hrefs(tree, url)
    rule = rule_for(url, tree)
    meta = extract_meta(tree, url, rule)
    next_pages = find_next_pages(tree, url, rule)
    blocks = _drop_title(_body(tree, url, rule), meta.title)
    lead, blocks = _lead_image(tree, url, rule, blocks, meta)
    return ExtractedArticle(
        url=url,
        title=meta.title,
        byline=meta.byline,
        published=meta.published,
        site=meta.site,
        category=meta.category,
        blocks=blocks,
        lead_image=lead,
        next_pages=next_pages,
    )


def article_from_html_fragment(fragment: str, url: str) -> ExtractedArticle:
    """Blocks from feed-provided article HTML (RSS ``content:encoded``), junk removed."""
    if not fragment or not fragment.strip():
        return ExtractedArticle(url=url)
    try:
        root = lxml.html.fragment_fromstring(
            _XML_DECLARATION.sub("", fragment), create_parent="div", parser=html_parser()
        )
    except (etree.ParserError, ValueError):
        return ExtractedArticle(url=url)
    split_br_runs(root)
    blocks = finish_blocks(walk_blocks(root, prepare_rules(root, url)))
    lead = next((b for b in blocks[:1] if b.type == "figure"), None)
    return ExtractedArticle(url=url, blocks=blocks, lead_image=lead)


PageExtractor = Callable[[bytes, str, str | None], Awaitable[ExtractedArticle]]
"""``(html, url, content_type) -> article``; the default runs in the worker pool."""


async def extract_with_pages(
    html: bytes,
    url: str,
    fetch: Callable[[str], Awaitable[bytes | None]],
    *,
    content_type: str | None = None,
    max_pages: int = 10,
    extract: PageExtractor | None = None,
    urgent: Urgency = False,
) -> ExtractedArticle:
    """Extract, fetch the further pages with ``fetch`` (None = failed page), stitch in order.

    Each page is extracted by ``extract`` (default: a worker process of
    :func:`~beritatui.extract.pool.get_pool`); a further page the extractor fails
    on is left out like a page that could not be fetched, while the first page's
    failure raises :class:`~beritatui.extract.pool.ExtractionFailed`. ``urgent``: the
    user waits (the pool serves it first).
    """
    from .pool import ExtractionFailed, get_pool

    run = extract or functools.partial(get_pool().extract, urgent=urgent)
    first = await run(html, url, content_type)
    rest: list[ExtractedArticle] = []
    for page_url in first.next_pages[: max(0, max_pages - 1)]:
        try:
            data = await fetch(page_url)
        except Exception:  # the caller's network function failing counts as a failed page
            data = None
        if data is None:
            continue
        try:
            # Same site, same server: the first page's Content-Type charset is the best hint.
            rest.append(await run(data, page_url, content_type))
        except ExtractionFailed:
            continue
    return merge_pages(first, rest)
