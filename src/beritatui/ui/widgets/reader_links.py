"""An article's inline links in the reader: numbered after their text, listed at the end.

Link ``n`` is ``ExtractedArticle.link_urls[n - 1]`` (each URL once, in reading order);
the ``o`` picker (:mod:`beritatui.ui.screens.link_picker`) uses the same numbers. Every
piece is built as rich ``Text`` from the block's own strings: nothing here is markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from rich.style import Style
from rich.text import Text

from beritatui.i18n import _
from beritatui.models import Block, ExtractedArticle
from beritatui.sanitize import safe_url


@dataclass(frozen=True, slots=True)
class NumberedLink:
    """One of an article's links as the reader and the picker show it."""

    number: int
    url: str
    text: str
    """The first text that links to ``url``, on one line."""

    @property
    def host(self) -> str:
        """Where the link leads, without ``www.``."""
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.")


def numbered_links(article: ExtractedArticle | None) -> list[NumberedLink]:
    """The article's http(s) links, numbered from 1 (none without a body)."""
    if article is None:
        return []
    texts: dict[str, str] = {}
    for block in article.blocks:
        for link in block.links or ():
            if safe_url(link.url) == link.url:
                texts.setdefault(link.url, " ".join(block.text[link.start : link.end].split()))
    return [NumberedLink(n, url, text) for n, (url, text) in enumerate(texts.items(), 1)]


def link_numbers(links: list[NumberedLink]) -> dict[str, int]:
    """Each link's number by its URL."""
    return {link.url: link.number for link in links}


def linked_paragraph(block: Block, numbers: Mapping[str, int], number_style: Style) -> Text:
    """The paragraph's text with `` [n]`` after each link's text."""
    text = Text()
    at = 0
    for link in block.links or ():
        number = numbers.get(link.url)
        if number is None or link.start < at or link.end > len(block.text):
            continue
        text.append(block.text[at : link.end])
        text.append(f" [{number}]", style=number_style)
        at = link.end
    text.append(block.text[at:])
    return text


def links_section(
    links: list[NumberedLink], heading_style: Style, number_style: Style, host_style: Style
) -> list[Text]:
    """The heading and one line per link: ``[n] text · host``."""
    lines = [Text(_("Links"), style=heading_style)]
    for link in links:
        line = Text(f"[{link.number}] ", style=number_style)
        line.append(link.text)
        line.append(f" · {link.host}", style=host_style)
        lines.append(line)
    return lines
