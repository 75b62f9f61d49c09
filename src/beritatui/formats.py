"""Plain-text and Markdown renderings of an article (CLI output, exports)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from beritatui.models import Block, ExtractedArticle


def count(n: int, noun: str, plural: str = "") -> str:
    """``1 page``, ``3 pages``: a number with its noun in the right form."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _figure_line(block: Block) -> str:
    caption = block.caption or block.text or ""
    if block.credit:
        caption = f"{caption} ({block.credit})" if caption else block.credit
    return caption


def _meta_line(article: ExtractedArticle) -> str:
    parts = [p for p in (article.site, article.byline) if p]
    if article.published:
        parts.append(article.published.strftime("%Y-%m-%d %H:%M UTC"))
    return " · ".join(parts)


def article_to_text(article: ExtractedArticle) -> str:
    """Readable plain text: title, meta line, body blocks, captions marked ``[Foto: ...]``."""
    lines: list[str] = []
    if article.title:
        lines += [article.title, "=" * min(len(article.title), 72)]
    meta = _meta_line(article)
    if meta:
        lines.append(meta)
    if lines:
        lines.append("")
    for block in article.blocks:
        if block.type == "figure":
            caption = _figure_line(block)
            if caption:
                lines.append(f"[Foto: {caption}]")
        elif block.type == "list":
            lines.extend(f"  • {item}" for item in block.items or [])
        elif block.type == "quote":
            lines.extend(f"  > {line}" for line in block.text.splitlines())
        elif block.type == "heading":
            lines.append(block.text.upper() if len(block.text) < 80 else block.text)
        elif block.type == "code":
            lines.extend(f"    {line}" for line in block.text.splitlines())
        else:
            lines.append(block.text)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_LINE_MARKERS = tuple("#>-+*=|")
_NUMBERED = re.compile(r"^(\d+)[.)]\s")
_INLINE_MARKUP = re.compile(r"([\\`\[\]<>])")


def md_line(text: str) -> str:
    """One line of text, literal in Markdown: line-start markers, links, code and HTML escaped."""
    text = _INLINE_MARKUP.sub(r"\\\1", " ".join(text.split()))
    numbered = _NUMBERED.match(text)
    if numbered:
        return numbered.group(1) + "\\" + text[numbered.end(1) :]
    if text[:1] in _LINE_MARKERS:
        return "\\" + text
    return text


def md_text(text: str) -> str:
    """Multi-line text, each line made literal."""
    return "\n".join(md_line(line) for line in text.splitlines())


def blocks_to_markdown(blocks: Sequence[Block], *, heading: str = "##") -> str:
    """Body blocks as Markdown; ``heading`` is the marker for the body's headings."""
    out: list[str] = []
    for block in blocks:
        if block.type == "heading":
            out.append(f"{heading} {md_line(block.text)}")
        elif block.type == "quote":
            out.append("\n".join("> " + md_line(line) for line in block.text.splitlines()))
        elif block.type == "list":
            out.append("\n".join("- " + md_line(item) for item in block.items or []))
        elif block.type == "code":
            out.append("```\n" + block.text.replace("```", "ʼʼʼ") + "\n```")
        elif block.type == "figure":
            caption = " — ".join(p for p in (block.caption, block.credit) if p)
            if caption:
                out.append("*Foto: " + md_line(caption) + "*")
        elif block.text:
            out.append(md_text(block.text))
    return "\n\n".join(out)


def article_to_markdown(article: ExtractedArticle) -> str:
    """Markdown document of the article: title, meta line, link, body."""
    out: list[str] = []
    if article.title:
        out.append(f"# {md_line(article.title)}")
    meta = _meta_line(article)
    if meta:
        out.append(f"*{md_line(meta)}*")
    if article.url:
        out.append(f"<{article.url}>")
    body = blocks_to_markdown(article.blocks)
    if body:
        out.append(body)
    return "\n\n".join(out) + "\n"
