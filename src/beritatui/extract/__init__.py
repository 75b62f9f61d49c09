"""Article extraction: a page (HTML + URL) → a clean, structured :class:`ExtractedArticle`.

trafilatura finds the main content of unknown pages; our own layer adds site rules
for the big Indonesian sites (:mod:`.sites`), inline junk removal (:mod:`.junk`),
caption and credit capture (:mod:`.captions`), multi-page stitching (:mod:`.pages`)
and charset repair (:mod:`.charset`). No UI code here.
"""

from __future__ import annotations

from .article import (
    article_from_html_fragment,
    extract_article,
    extract_with_pages,
)
from .pages import merge_pages

EXTRACTOR_VERSION: int = 4
"""Bumped whenever the output for the same HTML changes; stored beside cached bodies."""

__all__ = [
    "EXTRACTOR_VERSION",
    "article_from_html_fragment",
    "extract_article",
    "extract_with_pages",
    "merge_pages",
]
