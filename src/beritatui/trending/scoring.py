"""Window selection, story scores, rank order and the public entry points."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from beritatui.sanitize import clean_line, clean_text, safe_url

from .acronyms import link_acronyms
from .agglomerate import agglomerate
from .centroids import merge_by_centroid
from .coverage import score_group
from .gcpause import collector_paused
from .types import ALL_CATEGORIES, Cluster, ScoreParts, StoryInput, as_utc
from .vectors import Doc, find_edges, make_doc, source_name, tokens_of, weigh

MIN_TRENDING = 10
"""Single-source stories fill the list only up to this many entries."""
FUTURE_TOLERANCE = timedelta(hours=12)
"""Articles dated up to this far in the future (bad feed time zones) still count."""


def _category_key(category: str | None) -> str | None:
    """The casefolded category a tab keeps; None for every category."""
    return None if category in (None, "", ALL_CATEGORIES) else category.casefold()


def select_window(
    items: Iterable[StoryInput], now: datetime, hours: float, category: str | None
) -> list[StoryInput]:
    """Articles in the window and category, one per URL, sorted by id."""
    if not hours > 0 or math.isinf(hours):
        raise ValueError(f"hours must be a positive number, not {hours!r}")
    oldest = now - timedelta(hours=hours)
    latest = now + FUTURE_TOLERANCE
    wanted = _category_key(category)
    chosen: list[StoryInput] = []
    for item in items:
        if item.published is None or (wanted and item.category.casefold() != wanted):
            continue
        if oldest <= as_utc(item.published) <= latest:
            chosen.append(item)
    chosen.sort(key=lambda a: (a.id, a.url, a.title))
    seen_urls: set[str] = set()
    unique: list[StoryInput] = []
    for item in chosen:
        if item.url and item.url in seen_urls:
            continue
        seen_urls.add(item.url)
        unique.append(item)
    return unique


def _centrality(group: list[int], edges: dict[tuple[int, int], float]) -> dict[int, float]:
    """Sum of similarities of each member to the other members."""
    total = dict.fromkeys(group, 0.0)
    for pos, i in enumerate(group):
        for j in group[pos + 1 :]:
            similarity = edges.get((i, j), 0.0)
            total[i] += similarity
            total[j] += similarity
    return total


def is_plain(text: str) -> bool:
    """True for text the sanitiser would return unchanged: printable ASCII on
    one line, no doubled or edge spaces (no control, escape or bidi byte)."""
    return text.isascii() and text.isprintable() and "  " not in text and text == text.strip()


def _clean_item(item: StoryInput) -> StoryInput:
    """A copy of ``item`` with every string sanitised and an http(s)-only URL."""
    title, lead = item.title, item.lead
    return StoryInput(
        id=item.id,
        title=title if is_plain(title) else clean_line(title),
        lead=lead if is_plain(lead) else clean_text(lead),
        source=source_name(item.source),
        category=clean_line(item.category),
        published=as_utc(item.published) if item.published else None,
        url=safe_url(item.url) or "",
    )


def _newest_key(item: StoryInput) -> tuple[float, int]:
    """Sort key: newest first, then smaller id."""
    stamp = item.published.timestamp() if item.published else float("-inf")
    return (-stamp, item.id)


def _build_cluster(
    group: list[int], docs: list[Doc], edges: dict[tuple[int, int], float], parts: ScoreParts
) -> Cluster:
    """A :class:`Cluster` for one group, sanitised, best article first."""
    central = _centrality(group, edges) if len(group) > 2 else dict.fromkeys(group, 0.0)
    best = min(group, key=lambda i: (-central[i], *_newest_key(docs[i].item)))
    rest = sorted((docs[i].item for i in group if i != best), key=_newest_key)
    articles = tuple(_clean_item(a) for a in [docs[best].item, *rest])
    sources: dict[str, str] = {}
    for article in articles:
        sources.setdefault(article.source.casefold(), article.source)
    dated = [a.published for a in articles if a.published is not None]
    return Cluster(
        key=str(min(a.id for a in articles)),
        title=articles[0].title,
        score=parts.total,
        articles=articles,
        sources=tuple(sources.values()),
        newest=max(dated) if dated else None,
        parts=parts,
    )


@dataclass(frozen=True, slots=True)
class _Ranked:
    """A scored group before it becomes a Cluster."""

    parts: ScoreParts
    newest: float
    first_id: int
    group: list[int]

    @property
    def multi_source(self) -> bool:
        """Two or more independent sources."""
        return self.parts.independent_sources >= 2

    @property
    def sort_key(self) -> tuple[float, int, float, int]:
        """Rank order: score, then independent sources, recency, smaller id."""
        return (-self.parts.total, -self.parts.independent_sources, -self.newest, self.first_id)


def _rank(
    items: Sequence[StoryInput], now: datetime, hours: float, category: str | None
) -> tuple[list[_Ranked], list[Doc], dict[tuple[int, int], float]]:
    """Cluster the window and score every group, best first (call with the collector paused)."""
    now = as_utc(now)
    window = select_window(items, now, hours, None)
    wanted = _category_key(category)
    docs = [make_doc(item) for item in window if not wanted or item.category.casefold() == wanted]
    if not docs:
        return [], docs, {}
    # A category's tab judges how common a word is on the whole window (a category of
    # fifty articles says little), so its stories are cut as in the All tab.
    others = [tokens_of(i) for i in window if wanted and i.category.casefold() != wanted]
    link_acronyms(docs)
    df = weigh(docs, others)
    edges = find_edges(docs, df)
    ranked: list[_Ranked] = []
    stamp = now.timestamp()
    for group in merge_by_centroid(agglomerate(len(docs), edges), docs, df):
        parts = score_group(group, docs, edges, stamp, hours)
        newest = max(docs[i].stamp for i in group)
        ranked.append(_Ranked(parts, newest, docs[group[0]].item.id, group))
    ranked.sort(key=lambda r: r.sort_key)
    return ranked, docs, edges


def find_clusters(
    items: Sequence[StoryInput], *, now: datetime, hours: float = 24, category: str | None = None
) -> list[Cluster]:
    """Every story of the window, singletons included, best score first."""
    with collector_paused():
        return _all_clusters(items, now, hours, category)


def _all_clusters(
    items: Sequence[StoryInput], now: datetime, hours: float, category: str | None
) -> list[Cluster]:
    """:func:`find_clusters` with the collector paused (see :func:`cluster_stories`)."""
    ranked, docs, edges = _rank(items, now, hours, category)
    return [_build_cluster(r.group, docs, edges, r.parts) for r in ranked]


def cluster_stories(
    items: Sequence[StoryInput],
    *,
    now: datetime,
    hours: float = 24,
    category: str | None = None,
    min_trending: int = MIN_TRENDING,
    limit: int | None = None,
) -> list[Cluster]:
    """Trending stories of the last ``hours`` before ``now``, in rank order.

    ``category`` None (or ``"Semua"``) means every category. Stories reported by
    two or more independent sources come first (wire copies count once, see
    :mod:`.coverage`); single-source stories (``Cluster.single_source``) follow
    only while fewer than ``min_trending`` stories have been listed. ``limit`` caps the list.
    Raises ValueError when ``hours`` is not a positive number.
    """
    # The pass's temporaries (vectors, index, edges) are freed when the inner
    # call returns, before the collector resumes: it then finds little to count
    # and no full collection walks the heap right after a pass.
    with collector_paused():
        return _trending(items, now, hours, category, min_trending, limit)


def _trending(
    items: Sequence[StoryInput],
    now: datetime,
    hours: float,
    category: str | None,
    min_trending: int,
    limit: int | None,
) -> list[Cluster]:
    """:func:`cluster_stories` with the collector paused."""
    ranked, docs, edges = _rank(items, now, hours, category)
    multi = [r for r in ranked if r.multi_source]
    single = [r for r in ranked if not r.multi_source]
    chosen = multi + single[: max(0, min_trending - len(multi))]
    if limit is not None:
        chosen = chosen[: max(0, limit)]
    return [_build_cluster(r.group, docs, edges, r.parts) for r in chosen]
