"""A page of the list (ids first, then their rows) equals the one-statement query.

``list_articles`` picks a page's ids from articles and feeds alone, then joins
those rows with their bodies; the reference here is the plain statement that
joins everything, sorts and cuts (what the store ran before). Real SQLite, a
store with categories, ties in time, read and bookmarked articles, bodies, a
feed no longer configured and articles without a date.
"""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from beritatui.config import FeedSpec
from beritatui.extract import EXTRACTOR_VERSION
from beritatui.models import Block, ExtractedArticle, FeedEntry
from beritatui.store import Store
from beritatui.store.rows import NEWEST_FIRST, ROW_FROM, ROW_SELECT, SOURCE_FIRST, article_row
from tests.site import NOW

FEEDS = [
    FeedSpec(f"https://site{n}.example/rss", category, title)
    for n, (category, title) in enumerate(
        [
            ("Nasional", "Antara"),
            ("Nasional", "beta news"),
            ("Ekonomi", "Cepat"),
            ("Ekonomi", ""),
            ("Olahraga", "antara sport"),
        ]
    )
]


@pytest.fixture
def store(tmp_path: Path) -> Any:
    rng = random.Random(15)
    store = Store.open(tmp_path / "db.sqlite3", clock=lambda: NOW)
    ids = store.sync_feeds(FEEDS)
    for spec in FEEDS:
        entries = []
        for n in range(60):
            url = f"{spec.url.removesuffix('/rss')}/a/{n}"
            minutes = rng.choice([5, 5, 30, 90]) + rng.randrange(40)  # ties in time
            published = None if n % 17 == 0 else NOW - timedelta(minutes=minutes)
            entries.append(
                FeedEntry(guid=url, url=url, title=f"{spec.title} {n}", published=published)
            )
        store.upsert_entries(ids[spec.url], entries)
    rows = store.list_articles(limit=-1)
    for row in rng.sample(rows, 40):
        store.set_read(row.id, True)
    for row in rng.sample(rows, 12):
        store.set_bookmark(row.id, True)
    for row in rng.sample(rows, 50):
        body = ExtractedArticle(url=row.url, title=row.title, blocks=[Block("paragraph", "x")])
        store.save_body(row.id, body, None, EXTRACTOR_VERSION)
    store.sync_feeds(FEEDS[:-1])  # the last feed leaves the config: its articles go inactive
    yield store
    store.close()


def reference(
    store: Store, where: list[str], params: list[Any], limit: int, offset: int, by_source: bool
) -> list[Any]:
    order = SOURCE_FIRST if by_source else NEWEST_FIRST
    clause = " AND ".join(where) or "1"
    rows = store._db.execute(
        f"SELECT {ROW_SELECT} FROM {ROW_FROM} WHERE {clause} ORDER BY {order} LIMIT ? OFFSET ?",
        (*params, limit, offset),
    ).fetchall()
    return [article_row(r) for r in rows]


@pytest.mark.parametrize("by_source", [False, True])
@pytest.mark.parametrize("unread_only", [False, True])
@pytest.mark.parametrize("category", [None, "Nasional", "Ekonomi", "Olahraga"])
def test_list_pages_equal_the_plain_query(
    store: Store, category: str | None, unread_only: bool, by_source: bool
) -> None:
    where = ["f.active = 1"]
    params: list[Any] = []
    if category is not None:
        where.append("f.category = ?")
        params.append(category)
    if unread_only:
        where.append("a.is_read = 0")
    whole = reference(store, where, params, -1, 0, by_source)
    if category != "Olahraga":
        assert len(whole) > 40
    for limit, offset in [(-1, 0), (25, 0), (25, 25), (7, 50), (500, 0), (10, 10_000)]:
        page = store.list_articles(
            category=category,
            unread_only=unread_only,
            limit=limit,
            offset=offset,
            by_source=by_source,
        )
        assert page == reference(store, where, params, limit, offset, by_source)
        assert page == (whole[offset:] if limit < 0 else whole[offset : offset + limit])


@pytest.mark.parametrize("category", [None, "Ekonomi", "Olahraga"])
def test_bookmark_pages_equal_the_plain_query(store: Store, category: str | None) -> None:
    where = ["a.bookmarked_at IS NOT NULL"]
    params: list[Any] = []
    if category is not None:
        where.append("COALESCE(a.category, f.category) = ?")
        params.append(category)
    for limit, offset in [(-1, 0), (5, 0), (5, 5)]:
        page = store.list_articles(bookmarked=True, category=category, limit=limit, offset=offset)
        assert page == reference(store, where, params, limit, offset, False)
    assert store.list_articles(bookmarked=True, limit=-1)  # some bookmarks exist
