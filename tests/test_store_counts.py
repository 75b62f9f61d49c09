"""The sidebar's counts come from feed_counts (kept by triggers): always what a scan says."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from beritatui.models import FeedEntry
from beritatui.paths import database_file
from beritatui.store import Store
from beritatui.store.schema import MIGRATIONS
from tests.library import FEEDS, fill_library
from tests.site import NOW


@pytest.fixture
def store(isolated_dirs: dict[str, Path]) -> Iterator[Store]:
    opened = Store.open(database_file(), clock=lambda: NOW)
    yield opened
    opened.close()


def _scanned(path: Path) -> list[tuple[str, int, int]]:
    """The counts as the full scan over articles gives them (what feed_counts replaces)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            """SELECT f.category, count(a.id), coalesce(sum(a.is_read = 0), 0)
               FROM feeds f LEFT JOIN articles a ON a.feed_id = f.id
               WHERE f.active = 1 GROUP BY f.category ORDER BY min(f.position)"""
        ).fetchall()
    finally:
        conn.close()
    return [(r[0], r[1], r[2]) for r in rows]


def _same(store: Store) -> list[tuple[str, int, int]]:
    counts = store.categories()
    assert counts == _scanned(database_file())
    total = sum(c[1] for c in counts), sum(c[2] for c in counts)
    assert store.totals() == total
    assert store.count_articles() == total[0]
    for category, articles, _ in counts:
        assert store.count_articles(category=category) == articles
    return counts


def test_counts_follow_inserts_marks_and_deletes(store: Store) -> None:
    ids = fill_library(store)
    before = _same(store)
    assert sum(c[1] for c in before) == len(ids)
    some = sorted(ids.values())
    store.set_read(some[0], True)
    store.set_read(some[0], True)  # no change: counted once
    store.set_read(some[1], True)
    store.set_read(some[1], False)
    after = _same(store)
    assert sum(c[2] for c in after) == sum(c[2] for c in before) - 1
    feed_id = store.feeds()[0].id
    new = [
        FeedEntry(guid=f"baru-{n}", url=f"https://antara.example/baru/{n}", title=f"Baru {n}")
        for n in range(3)
    ]
    store.upsert_entries(feed_id, new)
    store.upsert_entries(feed_id, new)  # the same entries again: no new articles
    assert sum(c[1] for c in _same(store)) == len(ids) + 3
    assert store.mark_all_read(FEEDS[0].category) > 0
    _same(store)
    assert store.prune(retention_days=1, per_feed=0, now=NOW + timedelta(days=30)) > 0
    pruned = _same(store)
    assert sum(c[1] for c in pruned) < len(ids) + 3
    late = FeedEntry(guid="lagi", url="https://antara.example/lagi", title="Lagi")
    store.upsert_entries(feed_id, [late])
    assert sum(c[2] for c in _same(store)) >= 1
    assert store.mark_all_read() > 0
    assert all(unread == 0 for _, _, unread in _same(store))


def test_an_older_database_gets_its_counts_when_it_is_upgraded(
    isolated_dirs: dict[str, Path],
) -> None:
    path = database_file()
    store = Store.open(path, clock=lambda: NOW)
    ids = fill_library(store)
    store.set_read(min(ids.values()), True)
    expected = store.categories()
    store.close()
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP TRIGGER feed_counts_insert; DROP TRIGGER feed_counts_delete;"
        " DROP TRIGGER feed_counts_update; DROP TABLE feed_counts; PRAGMA user_version = 1;"
    )
    conn.close()
    assert len(MIGRATIONS) >= 2
    again = Store.open(path, clock=lambda: NOW)
    try:
        assert again.categories() == expected == _scanned(path)
        assert sum(c[2] for c in expected) < sum(c[1] for c in expected)  # one was read
    finally:
        again.close()
