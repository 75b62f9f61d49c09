"""Article extraction: a page (HTML + URL) → a clean, structured :class:`ExtractedArticle`.

trafilatura finds the main content of unknown pages; our own layer adds site rules
for the big Indonesian sites (:mod:`.sites`), inline junk removal (:mod:`.junk`),
caption and credit capture (:mod:`.captions`), multi-page stitching (:mod:`.pages`)
and charset repair (:mod:`.charset`). No UI code here.

The functions below are imported on first use (PEP 562 ``__getattr__``), so a
process that only needs :mod:`.pool` (a feeds-only refresh: the parent hands
feeds to worker processes) does not import trafilatura.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .article import (
        article_from_html_fragment,
        extract_article,
        extract_with_pages,
    )
    from .pages import merge_pages

EXTRACTOR_VERSION: int = 5
"""Bumped whenever the output for the same HTML changes; stored beside cached bodies."""

_LAZY = {
    "article_from_html_fragment": "article",
    "extract_article": "article",
    "extract_with_pages": "article",
    "merge_pages": "pages",
}

__all__ = [
    "EXTRACTOR_VERSION",
    "article_from_html_fragment",
    "extract_article",
    "extract_with_pages",
    "merge_pages",
]


def __getattr__(name: str) -> Any:
    """The extraction functions, imported the first time one is asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
