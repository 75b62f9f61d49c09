"""Labelled trending sets and the ranking metrics reported on them.

The sets in ``tests/fixtures/trending/labelled/`` are two days of hand-written
headlines; ``age_min`` counts back from the app clock of the tests
(:data:`tests.site.NOW`), never the wall clock. Shared by ``tests/test_trending_eval.py``
and ``benchmarks/trending_quality.py``.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from beritatui.trending import (
    ALL_CATEGORIES,
    Cluster,
    StoryInput,
    cluster_stories,
    find_clusters,
    is_near_duplicate,
)
from tests.site import NOW

LABELLED = Path(__file__).parent / "fixtures" / "trending" / "labelled"
TUNING = "twodays.json"
HELD_OUT = "heldout.json"
HOURS = 48.0


def load_labelled(name: str) -> tuple[list[StoryInput], dict[int, str]]:
    """Articles of one labelled set (ids by position, dates from NOW) and their labels."""
    return load_story_file(LABELLED / name)


def load_story_file(path: Path) -> tuple[list[StoryInput], dict[int, str]]:
    """Articles of a story file (ids by position, dates from NOW) and their story labels."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    items, labels = [], {}
    for number, row in enumerate(rows, start=1):
        slug = row["source"].lower().replace(" ", "")
        items.append(
            StoryInput(
                id=number,
                title=row["title"],
                lead=row["lead"],
                source=row["source"],
                category=row["category"],
                published=NOW - timedelta(minutes=row["age_min"]),
                url=f"https://{slug}.example/berita/{number}",
            )
        )
        labels[number] = row["story"]
    return items, labels


TOP = 10
"""The "done when" of issue 14: the most-covered stories of a tab are in its top TOP."""


@dataclass(frozen=True)
class TabReport:
    """One tab (a category, or All): do its most-covered labelled stories make its top 10?"""

    tab: str
    expected: dict[str, int | None]
    """The labelled stories that belong in the top 10, most covered first: their rank."""
    boundary: dict[str, int | None]
    """Stories tied (sources and articles) across the 10th place: their rank."""
    boundary_slots: int
    """How many of the boundary stories fit in the top 10."""

    @property
    def misses(self) -> dict[str, int | None]:
        """Expected stories outside the top 10, and boundary ones when too few made it."""
        missed = {k: r for k, r in self.expected.items() if r is None or r > TOP}
        inside = sum(1 for r in self.boundary.values() if r is not None and r <= TOP)
        if inside < self.boundary_slots:
            missed |= {k: r for k, r in self.boundary.items() if r is None or r > TOP}
        return missed

    @property
    def wanted(self) -> int:
        """How many labelled stories must be in this tab's top 10."""
        return len(self.expected) + self.boundary_slots

    @property
    def found(self) -> int:
        """How many of them are."""
        inside = sum(1 for r in self.boundary.values() if r is not None and r <= TOP)
        expected = sum(1 for r in self.expected.values() if r is not None and r <= TOP)
        return expected + min(inside, self.boundary_slots)

    def line(self) -> str:
        """One line: found/wanted and the misses with their ranks."""
        misses = ", ".join(f"{k}={r}" for k, r in self.misses.items())
        return f"{self.tab}: {self.found}/{self.wanted}" + (f" (missed {misses})" if misses else "")


@dataclass(frozen=True)
class Report:
    """Clustering and ranking quality of one labelled set."""

    precision: float
    recall: float
    split: list[str]
    """Labelled stories whose articles landed in more than one cluster."""
    merged: list[tuple[str, ...]]
    """Clusters holding articles of two or more labelled stories."""
    top5_ranks: dict[str, int | None]
    """The five stories with most sources: their rank in the trending list (1-based)."""
    multi_ranks: dict[str, int | None]
    """Every labelled multi-source story: its rank (None when not listed)."""
    single_above_multi: int
    """Single-source clusters listed above a multi-source one."""
    tabs: list[TabReport]
    """All, then every category: the most-covered labelled stories in that tab's top 10."""

    @property
    def tab_misses(self) -> int:
        """Labelled stories missing from the top 10 of a tab they belong in."""
        return sum(len(tab.misses) for tab in self.tabs)

    @property
    def top5_in_top10(self) -> int:
        """How many of the five most-covered stories are in the top 10."""
        return sum(1 for rank in self.top5_ranks.values() if rank is not None and rank <= 10)

    def lines(self) -> list[str]:
        """Human-readable summary."""
        ranks = ", ".join(f"{k}={v}" for k, v in self.top5_ranks.items())
        return [
            f"pairwise P={self.precision:.3f} R={self.recall:.3f}; "
            f"split {len(self.split)} {self.split}; merged {len(self.merged)} {self.merged}",
            f"top-5 most covered in top 10: {self.top5_in_top10}/5 ({ranks}); "
            f"single-source above multi-source: {self.single_above_multi}",
            f"most covered in top 10 per tab: "
            f"{sum(t.found for t in self.tabs)}/{sum(t.wanted for t in self.tabs)}; "
            + "; ".join(tab.line() for tab in self.tabs),
        ]


def pairwise(clusters: list[Cluster], labels: dict[int, str]) -> tuple[float, float]:
    """Pairwise precision and recall over every pair of labelled articles."""
    predicted = {i: n for n, cluster in enumerate(clusters) for i in cluster.article_ids}
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(labels), 2):
        same_true, same_predicted = labels[a] == labels[b], predicted.get(a) == predicted.get(b)
        tp += same_true and same_predicted
        fp += same_predicted and not same_true
        fn += same_true and not same_predicted
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def story_sources(items: list[StoryInput], labels: dict[int, str]) -> dict[str, set[str]]:
    """Distinct sources of every labelled story."""
    sources: dict[str, set[str]] = {}
    for item in items:
        sources.setdefault(labels[item.id], set()).add(item.source)
    return sources


def evaluate(name: str) -> Report:
    """Cluster and rank one labelled set over two days and measure the result."""
    items, labels = load_labelled(name)
    clusters = find_clusters(items, now=NOW, hours=HOURS)
    precision, recall = pairwise(clusters, labels)
    homes: dict[str, set[int]] = {}
    for n, cluster in enumerate(clusters):
        for i in cluster.article_ids:
            homes.setdefault(labels[i], set()).add(n)
    split = sorted(label for label, found in homes.items() if len(found) > 1)
    merged = [
        tuple(sorted({labels[i] for i in c.article_ids}))
        for c in clusters
        if len({labels[i] for i in c.article_ids}) > 1
    ]
    trending = cluster_stories(items, now=NOW, hours=HOURS)
    sources = story_sources(items, labels)
    size = {label: sum(1 for v in labels.values() if v == label) for label in sources}
    multi = sorted(
        (label for label, found in sources.items() if len(found) >= 2),
        key=lambda label: (-len(sources[label]), -size[label], label),
    )
    ranks = {label: _rank_of(label, trending, labels) for label in multi}
    seen_single = 0
    single_above = 0
    for cluster in trending:
        if len(cluster.sources) < 2:
            seen_single += 1
        else:
            single_above += seen_single
            seen_single = 0
    return Report(
        precision=precision,
        recall=recall,
        split=split,
        merged=merged,
        top5_ranks={label: ranks[label] for label in multi[:5]},
        multi_ranks=ranks,
        single_above_multi=single_above,
        tabs=[tab_report(items, labels, tab) for tab in tabs_of(items)],
    )


def tabs_of(items: list[StoryInput]) -> list[str]:
    """The tabs a user sees: All, then every category of the set (the feeds' categories)."""
    return [ALL_CATEGORIES, *sorted({item.category for item in items})]


def independent_sources(members: list[StoryInput]) -> int:
    """Distinct sources of one labelled story, a site that ran another's text (a
    near-duplicate, as the app finds wire copies) counted with that site."""
    parent = {item.source: item.source for item in members}

    def find(site: str) -> str:
        while parent[site] != site:
            site = parent[site]
        return site

    for a, b in itertools.combinations(members, 2):
        if find(a.source) != find(b.source) and is_near_duplicate(a, b):
            parent[find(b.source)] = find(a.source)
    return len({find(site) for site in parent})


def tab_report(items: list[StoryInput], labels: dict[int, str], tab: str) -> TabReport:
    """Where the most-covered labelled stories of one tab rank in it (``trending --category``)."""
    shown = [i for i in items if tab == ALL_CATEGORIES or i.category == tab]
    members: dict[str, list[StoryInput]] = {}
    for item in shown:
        members.setdefault(labels[item.id], []).append(item)
    cover = {label: (independent_sources(m), len(m)) for label, m in members.items()}
    multi = sorted(
        (k for k, v in cover.items() if v[0] >= 2), key=lambda k: (-cover[k][0], -cover[k][1], k)
    )
    trending = cluster_stories(items, now=NOW, hours=HOURS, category=tab)  # as the app
    expected: dict[str, int | None] = {}
    boundary: dict[str, int | None] = {}
    slots = 0
    for label in multi:
        better = sum(1 for k in multi if cover[k] > cover[label])
        if better >= TOP:
            continue
        tied = sum(1 for k in multi if cover[k] == cover[label])
        rank = _rank_of(label, trending, labels)
        if better + tied <= TOP:
            expected[label] = rank
        else:
            boundary[label] = rank
            slots = TOP - better
    return TabReport(tab=tab, expected=expected, boundary=boundary, boundary_slots=slots)


def _rank_of(label: str, trending: list[Cluster], labels: dict[int, str]) -> int | None:
    """1-based rank of the first listed cluster holding most of the story's articles."""
    total = sum(1 for v in labels.values() if v == label)
    for rank, cluster in enumerate(trending, start=1):
        held = sum(1 for i in cluster.article_ids if labels[i] == label)
        if held * 2 > total or (held and held == total):
            return rank
    return None
