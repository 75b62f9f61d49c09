"""Row shapes the store hands out beyond :mod:`beritatui.models`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from beritatui.models import ExtractedArticle


@dataclass(frozen=True, slots=True)
class BookmarkRecord:
    """One saved article as backed up and restored (see :mod:`beritatui.backup`)."""

    url: str
    title: str
    source: str = ""
    category: str = ""
    published: datetime | None = None
    bookmarked_at: datetime | None = None
    summary: str = ""
    body: ExtractedArticle | None = None
