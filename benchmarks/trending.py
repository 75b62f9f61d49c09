"""Benchmark story clustering on a synthetic 24-hour window.

Usage: python benchmarks/trending.py [N ...] [--repeats R] [--smoke]   (default: 5000)

The synthetic set is deterministic (fixed seed). Stories recombine the fixture
articles in tests/fixtures/trending: each synthetic story borrows a few words of
one fixture story, adds its own invented names and topic words, and writes every
article as a paraphrase (a different subset of the story words, background news
vocabulary, stop words and a dateline). About 60 % of the articles are distinct
singleton stories written the same way. Prints the median wall time of a few
runs, the tracemalloc peak, and pairwise precision/recall against the known
story labels.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from beritatui.trending import StoryInput, cluster_stories, find_clusters  # noqa: E402

NOW = datetime(2025, 7, 10, 12, 0, tzinfo=UTC)
FIXTURES = ROOT / "tests" / "fixtures" / "trending"
_SOURCE_NAMES = (
    "Antara|CNN Indonesia|Kompas|detik|Tempo|Liputan6|CNBC Indonesia|Tribunnews|Kumparan|Suara|"
    "Republika|Okezone|Sindonews|BBC Indonesia"
)
SOURCES = tuple(_SOURCE_NAMES.split("|"))
CATEGORIES = ("Nasional", "Ekonomi", "Olahraga", "Internasional", "Teknologi", "Hiburan")
_FILLER_WORDS = "yang di dan ini itu dari untuk pada dengan akan telah juga ke oleh dalam"
FILLER = tuple(_FILLER_WORDS.split())
_SYLLABLE_TEXT = "ba be bi bo bu ka ke ki ko ku la li lu ma me mi mo na ni nu ra ri ro"
_SYLLABLE_TEXT += " sa si so ta ti tu wa ya"
SYLLABLES = tuple(_SYLLABLE_TEXT.split())
MULTI_SHARE = 0.4
"""Share of articles that belong to stories with two or more articles."""


def _fixture_words() -> tuple[list[list[str]], list[str]]:
    """Per-story content words of the fixtures, and the whole fixture vocabulary."""
    stories: dict[str, set[str]] = {}
    vocabulary: set[str] = set()
    for path in sorted(FIXTURES.glob("*.json")):
        for row in json.loads(path.read_text(encoding="utf-8")):
            words = {
                w.strip(".,:;!?()\"'").lower() for w in (row["title"] + " " + row["lead"]).split()
            }
            words = {w for w in words if len(w) > 3 and w.isalpha()}
            stories.setdefault(row["story"], set()).update(words)
            vocabulary |= words
    return [sorted(words) for _, words in sorted(stories.items())], sorted(vocabulary)


def _pseudo_word(rng: random.Random) -> str:
    """An invented name-like word, e.g. ``Kamilaru``."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _story_sizes(rng: random.Random, n: int) -> list[int]:
    """Article counts per story: multi-article stories, then singletons, summing to n."""
    sizes: list[int] = []
    multi_total = int(n * MULTI_SHARE)
    while sum(sizes) < multi_total:
        sizes.append(min(2 + int(rng.expovariate(1 / 4)), 40))
    sizes[-1] -= sum(sizes) - multi_total
    if sizes[-1] < 2:
        sizes.pop()
    sizes.extend([1] * (n - sum(sizes)))
    return sizes


def _article(rng: random.Random, story_words: list[str], background: list[str]) -> tuple[str, str]:
    """One paraphrase: title and lead from a random subset of the story's words."""
    key = rng.sample(story_words, k=min(len(story_words), rng.randint(3, 4)))
    extra = rng.sample(story_words, k=min(len(story_words), rng.randint(4, 6)))
    title_words = key + rng.choices(background, k=rng.randint(1, 2))
    rng.shuffle(title_words)
    lead_words = extra + rng.choices(background, k=rng.randint(10, 16))
    lead_words += rng.choices(FILLER, k=rng.randint(4, 8))
    rng.shuffle(lead_words)
    dateline = f"{rng.choice(['Jakarta', 'Surabaya', 'Medan'])}, {rng.choice(SOURCES)} -- "
    return " ".join(title_words).capitalize(), dateline + " ".join(lead_words) + "."


def synthetic_items(n: int = 5000, seed: int = 7) -> tuple[list[StoryInput], dict[int, int]]:
    """``n`` articles of the last 24 hours and their true story label by id."""
    rng = random.Random(seed)
    templates, vocabulary = _fixture_words()
    # Background news words: Zipf-like, the fixture vocabulary first.
    background = vocabulary + [_pseudo_word(rng).lower() for _ in range(3000)]
    rng.shuffle(background)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(background))]
    items: list[StoryInput] = []
    labels: dict[int, int] = {}
    for story, size in enumerate(_story_sizes(rng, n)):
        template = rng.choice(templates)
        names = [_pseudo_word(rng) for _ in range(rng.randint(1, 3))]
        topic = [_pseudo_word(rng).lower() for _ in range(rng.randint(3, 5))]
        story_words = names + topic + rng.sample(template, k=min(len(template), 3))
        start = rng.uniform(0, 23.5)
        category = rng.choice(CATEGORIES)
        for _ in range(size):
            background_words = rng.choices(background, weights=weights, k=24)
            title, lead = _article(rng, story_words, background_words)
            article_id = len(items) + 1
            published = NOW - timedelta(hours=max(0.0, start - rng.uniform(0, 6)))
            items.append(
                StoryInput(
                    id=article_id,
                    title=title,
                    lead=lead,
                    source=rng.choice(SOURCES),
                    category=category,
                    published=published,
                    url=f"https://example.com/{article_id}",
                )
            )
            labels[article_id] = story
    rng.shuffle(items)
    return items, labels


def pairwise_pr(groups: list[frozenset[int]], labels: dict[int, int]) -> tuple[float, float]:
    """Pairwise precision and recall of predicted groups against true labels."""
    predicted = {i: k for k, group in enumerate(groups) for i in group}
    true_groups: dict[int, list[int]] = {}
    for article_id, label in labels.items():
        true_groups.setdefault(label, []).append(article_id)
    true_pairs = sum(len(g) * (len(g) - 1) // 2 for g in true_groups.values())
    predicted_pairs = sum(len(g) * (len(g) - 1) // 2 for g in groups)
    hits = sum(
        1
        for group in groups
        for a, b in itertools.combinations(sorted(group), 2)
        if labels[a] == labels[b]
    )
    del predicted
    precision = hits / predicted_pairs if predicted_pairs else 1.0
    recall = hits / true_pairs if true_pairs else 1.0
    return precision, recall


def run(n: int, repeats: int = 5) -> None:
    """Time ``cluster_stories`` on ``n`` synthetic articles and print the results."""
    items, labels = synthetic_items(n)
    times, cpu_times = [], []
    for _ in range(repeats):
        started, cpu_started = time.perf_counter(), time.process_time()
        trending = cluster_stories(items, now=NOW)
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
    tracemalloc.start()
    cluster_stories(items, now=NOW)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    started = time.perf_counter()
    clusters = find_clusters(items, now=NOW)
    all_time = time.perf_counter() - started
    precision, recall = pairwise_pr([c.article_ids for c in clusters], labels)
    multi = sum(1 for c in clusters if len(c.sources) >= 2)
    print(
        f"n={n}: cluster_stories median {statistics.median(times) * 1000:.0f} ms "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}, {repeats} runs; "
        f"CPU median {statistics.median(cpu_times) * 1000:.0f} ms, first run "
        f"{cpu_times[0] * 1000:.0f} ms with the token memo cold); "
        f"find_clusters {all_time * 1000:.0f} ms; tracemalloc peak {peak / 1e6:.1f} MB"
    )
    print(
        f"  {len(clusters)} clusters, {multi} multi-source, largest "
        f"{max(len(c.articles) for c in clusters)} articles, {len(trending)} trending; "
        f"pairwise P={precision:.3f} R={recall:.3f} vs {len(set(labels.values()))} true stories"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, metavar="N", help="articles (default 5000)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per size")
    parser.add_argument("--smoke", action="store_true", help="200 articles, one run")
    args = parser.parse_args(argv)
    sizes = [200] if args.smoke else args.sizes or [5000]
    for n in sizes:
        run(n, repeats=1 if args.smoke else args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
