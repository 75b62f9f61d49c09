"""The clusterer's input and output types."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from beritatui.models import ALL_CATEGORIES as ALL_CATEGORIES  # re-exported: "every category"

GROWTH_HOURS = 6.0
"""Hours that count as recent coverage: the growth bonus of :mod:`.coverage`; the Trending
tab says how many sources reported in that time."""


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
class ScoreParts:
    """Why a story ranks where it does (see :mod:`beritatui.trending.coverage`)."""

    coverage: float = 0.0
    """Sum over independent sources of the freshness of their newest article."""
    volume: float = 0.0
    """Bonus for many articles, scaled by the freshness of the newest."""
    growth: float = 0.0
    """Bonus for independent sources that reported in the last hours."""
    recency: float = 0.0
    """Freshness of the newest article: 1 now, 0.5 one half-life ago."""
    independent_sources: int = 0
    """Distinct sources with wire copies counted once."""
    wire_copies: int = 0
    """Sites that only republished another source's text."""
    recent_sources: int = 0
    """Independent sources that reported in the last hours (growth)."""
    first_seen: datetime | None = None
    """When the story's first article was published."""

    @property
    def total(self) -> float:
        """The score: coverage + volume + growth."""
        return self.coverage + self.volume + self.growth

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready parts for ``beritatui trending --json``."""
        return {
            "coverage": round(self.coverage, 4),
            "volume": round(self.volume, 4),
            "growth": round(self.growth, 4),
            "recency": round(self.recency, 4),
            "independent_sources": self.independent_sources,
            "wire_copies": self.wire_copies,
            "recent_sources": self.recent_sources,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
        }


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
    parts: ScoreParts = ScoreParts()
    """The score's parts: coverage, volume, growth and what they count."""

    @property
    def single_source(self) -> bool:
        """True when fewer than two independent sources report the story."""
        return self.parts.independent_sources < 2

    @property
    def article_ids(self) -> frozenset[int]:
        """Ids of every article in the story."""
        return frozenset(a.id for a in self.articles)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready object for ``beritatui trending --json``."""
        return {
            "title": self.title,
            "score": round(self.score, 4),
            "score_parts": self.parts.to_dict(),
            "single_source": self.single_source,
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
