"""Multi-page articles: find the further pages, stitch extracted pages in order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml import etree

from beritatui.models import Block, ExtractedArticle
from beritatui.sanitize import safe_url

from .selectors import select
from .sites import Paging, SiteRule

MAX_NEXT_PAGES = 20
"""Cap on the further page URLs one page may announce."""


def with_page_all(url: str) -> str:
    """``url`` with its ``page`` query parameter set to ``all``."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "page"]
    query.append(("page", "all"))
    return urlunsplit(parts._replace(query=urlencode(query), fragment=""))


def _same_page(a: str, b: str) -> bool:
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.netloc, pa.path.rstrip("/"), pa.query) == (pb.netloc, pb.path.rstrip("/"), pb.query)


def find_next_pages(tree: etree._Element, url: str, rule: SiteRule | None) -> list[str]:
    """URLs of the further pages this page announces, in page order, capped."""
    if rule is None or rule.paging is Paging.NONE or not rule.paging_links:
        return []
    containers = select(tree, rule.paging_links)
    if not containers:
        return []
    if rule.paging is Paging.PAGE_ALL:
        if dict(parse_qsl(urlsplit(url).query)).get("page") == "all":
            return []
        has_more = any(el.tag == "a" or el.find(".//a") is not None for el in containers)
        return [with_page_all(url)] if has_more else []
    host = urlsplit(url).netloc
    found: list[str] = []
    for container in containers:
        anchors = [container] if container.tag == "a" else container.iter("a")
        for anchor in anchors:
            link = safe_url(anchor.get("href"), url)
            if not link or urlsplit(link).netloc != host:
                continue
            link = urlunsplit(urlsplit(link)._replace(fragment=""))
            if _same_page(link, url) or link in found:
                continue
            found.append(link)
    return found[:MAX_NEXT_PAGES]


def block_key(block: Block) -> str:
    """Identity of a block for de-duplication across pages."""
    if block.type == "figure":  # one photo once, whichever page captions it
        return f"figure:{block.src}" if block.src else f"figure::{block.caption or ''}"
    if block.type == "list":
        return "list:" + "\n".join(block.items or [])
    return " ".join(block.text.split()).lower()


def merge_pages(first: ExtractedArticle, rest: Sequence[ExtractedArticle]) -> ExtractedArticle:
    """Stitch pages in order without repeating paragraphs or figures."""
    blocks = list(first.blocks)
    seen = {block_key(b) for b in blocks}
    for page in rest:
        for block in page.blocks:
            key = block_key(block)
            if key in seen:
                continue
            seen.add(key)
            blocks.append(block)
    lead = first.lead_image
    if lead is None:
        lead = next((p.lead_image for p in rest if p.lead_image is not None), None)
    return replace(first, blocks=blocks, lead_image=lead, pages=1 + len(rest), next_pages=[])
