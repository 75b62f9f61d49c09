"""A story's score: independent coverage and momentum, in named parts.

``score = coverage + volume + growth``, where

- **coverage**: every *independent* source adds the freshness of its newest
  article in the story (1 now, halving every ``half_life`` hours). Wire copies
  (the same text on several sites, e.g. ANTARA syndication: near-duplicates)
  are one source with the site that ran them; so are several articles of one site.
- **volume**: ``VOLUME_WEIGHT * log2(articles)``, at most VOLUME_CAP (less than
  one source), times the freshness of the newest article.
- **growth**: ``GROWTH_WEIGHT * log2(1 + s)`` for the ``s`` independent sources
  that reported in the last GROWTH_HOURS: a story still spreading moves up.

``half_life`` is HALF_LIFE_SHARE (1.5) times the window, at least HALF_LIFE_HOURS
(18 h): 36 h for a day, 72 h for two. A source at the window's far end still
counts 0.63, so the stories most sources covered in the window rank first and
freshness orders stories of like coverage: with three quarters of the window
(the old share) yesterday's story of seven sources fell behind today's of four.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

from .types import GROWTH_HOURS, ScoreParts
from .vectors import NEAR_DUP_SIMILARITY, Doc

__all__ = ["HALF_LIFE_HOURS", "half_life_hours", "score_group"]

HALF_LIFE_HOURS = 18.0
HALF_LIFE_SHARE = 1.5
"""A source's contribution halves every max(HALF_LIFE_HOURS, HALF_LIFE_SHARE * window) hours."""
VOLUME_WEIGHT = 0.25
VOLUME_CAP = 0.9
"""Volume bonus: VOLUME_WEIGHT * log2(articles), at most VOLUME_CAP (< one source)."""
GROWTH_WEIGHT = 0.25
"""Growth bonus: GROWTH_WEIGHT * log2(1 + sources that reported in the last GROWTH_HOURS)
(:data:`.types.GROWTH_HOURS`)."""


def half_life_hours(window_hours: float) -> float:
    """The decay half-life for a window (hours)."""
    return max(HALF_LIFE_HOURS, window_hours * HALF_LIFE_SHARE)


def _independent(
    group: list[int], docs: list[Doc], edges: dict[tuple[int, int], float]
) -> list[list[int]]:
    """The group's articles split into independent sources (index lists).

    One site's articles are one source; wire copies join the source they copy.
    """
    if len(group) == 1:
        return [list(group)]
    parent = {i: i for i in group}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_of_site: dict[str, int] = {}
    for i in group:
        site = first_of_site.setdefault(docs[i].source_key, i)
        parent[find(i)] = find(site)
    if len(first_of_site) > 1:
        for pos, i in enumerate(group):
            for j in group[pos + 1 :]:
                if edges.get((i, j), 0.0) >= NEAR_DUP_SIMILARITY:
                    parent[find(j)] = find(i)
    units: dict[int, list[int]] = {}
    for i in group:
        units.setdefault(find(i), []).append(i)
    return sorted(units.values())


def score_group(
    group: list[int],
    docs: list[Doc],
    edges: dict[tuple[int, int], float],
    now: float,
    window_hours: float,
) -> ScoreParts:
    """The score parts of one story (``now`` as a UTC timestamp)."""
    scale = 1 / (3600 * half_life_hours(window_hours))
    if len(group) == 1:  # most of a window: one article, one source, no volume bonus
        stamp = docs[group[0]].stamp
        recency = 0.5 ** (max(0.0, now - stamp) * scale)
        recent = 1 if now - stamp <= GROWTH_HOURS * 3600 else 0
        return ScoreParts(
            coverage=recency,
            volume=0.0,
            growth=GROWTH_WEIGHT * math.log2(1 + recent),
            recency=recency,
            independent_sources=1,
            wire_copies=0,
            recent_sources=recent,
            first_seen=datetime.fromtimestamp(stamp, UTC),
        )
    units = _independent(group, docs, edges)
    newest_per_unit = [max(docs[i].stamp for i in unit) for unit in units]
    fresh = [0.5 ** (max(0.0, now - stamp) * scale) for stamp in newest_per_unit]
    newest = max(newest_per_unit)
    recency = 0.5 ** (max(0.0, now - newest) * scale)
    volume = min(VOLUME_CAP, VOLUME_WEIGHT * math.log2(len(group))) * recency
    recent = sum(1 for stamp in newest_per_unit if now - stamp <= GROWTH_HOURS * 3600)
    growth = GROWTH_WEIGHT * math.log2(1 + recent)
    sites = len({docs[i].source_key for i in group})
    return ScoreParts(
        coverage=math.fsum(sorted(fresh)),
        volume=volume,
        growth=growth,
        recency=recency,
        independent_sources=len(units),
        wire_copies=sites - len(units),
        recent_sources=recent,
        first_seen=datetime.fromtimestamp(min(docs[i].stamp for i in group), UTC),
    )
