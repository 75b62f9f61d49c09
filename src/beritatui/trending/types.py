"""The clusterer's input and output types."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

ALL_CATEGORIES = "Semua"
"""The sidebar entry meaning "every category"; same as ``category=None``."""


@dataclass(frozen=True, slots=True)
class StoryInput:
    """One article as the clusterer sees it (built by the store/service layer)."""

    id: int
    """Article id in the store."""
    title: str
    lead: str
    """Summary or first paragraph; may be empty."""
    source: str
    """Source display name, e.g. ``CNN Indonesia``."""
    category: str
    published: datetime | None
    """Timezone-aware UTC; undated articles are left out of Trending."""
    url: str


@dataclass(frozen=True, slots=True)
class Cluster:
    """One story: its articles across sources, best headline and score."""

    key: str
    """Stable id: the smallest article id in the cluster, as text."""
    title: str
    """The most representative headline (closest to the others)."""
    score: float
    articles: tuple[StoryInput, ...]
    """The best article first, then newest first."""
    sources: tuple[str, ...]
    """Distinct sources, in the order of ``articles``."""
    newest: datetime | None

    @property
    def article_ids(self) -> frozenset[int]:
        """Ids of every article in the story."""
        return frozenset(a.id for a in self.articles)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready object for ``beritatui trending --json``."""
        return {
            "title": self.title,
            "score": round(self.score, 4),
            "sources": list(self.sources),
            "articles": [
                {
                    "title": a.title,
                    "url": a.url,
                    "source": a.source,
                    "published": a.published.isoformat() if a.published else None,
                }
                for a in self.articles
            ],
        }


def as_utc(moment: datetime) -> datetime:
    """Aware UTC datetime; a naive one is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
