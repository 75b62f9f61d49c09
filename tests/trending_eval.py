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

from beritatui.trending import Cluster, StoryInput, cluster_stories, find_clusters
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
    )


def _rank_of(label: str, trending: list[Cluster], labels: dict[int, str]) -> int | None:
    """1-based rank of the first listed cluster holding most of the story's articles."""
    total = sum(1 for v in labels.values() if v == label)
    for rank, cluster in enumerate(trending, start=1):
        held = sum(1 for i in cluster.article_ids if labels[i] == label)
        if held * 2 > total or (held and held == total):
            return rank
    return None
