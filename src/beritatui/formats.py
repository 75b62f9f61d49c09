"""Plain-text and Markdown renderings of an article (CLI output, exports)."""

from __future__ import annotations

from beritatui.models import Block, ExtractedArticle


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


def _md_escape(text: str) -> str:
    """Keep text literal in Markdown (no accidental emphasis, links or HTML)."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def article_to_markdown(article: ExtractedArticle) -> str:
    """Markdown document of the article; captions as italic lines under an image marker."""
    out: list[str] = []
    if article.title:
        out.append(f"# {_md_escape(article.title)}")
    meta = _meta_line(article)
    if meta:
        out.append(f"*{_md_escape(meta)}*")
    if article.url:
        out.append(f"<{article.url}>")
    for block in article.blocks:
        if block.type == "figure":
            caption = _md_escape(_figure_line(block))
            image = f"![{caption}]({block.src})" if block.src else "🖼"
            out.append(f"{image}\n*{caption}*" if caption else image)
        elif block.type == "heading":
            level = min(max(block.level or 2, 2), 6)
            out.append(f"{'#' * level} {_md_escape(block.text)}")
        elif block.type == "list":
            out.append("\n".join(f"- {_md_escape(item)}" for item in block.items or []))
        elif block.type == "quote":
            out.append("\n".join(f"> {_md_escape(line)}" for line in block.text.splitlines()))
        elif block.type == "code":
            out.append(f"```\n{block.text.replace('```', '` ` `')}\n```")
        else:
            out.append(_md_escape(block.text))
    return "\n\n".join(out) + "\n"
