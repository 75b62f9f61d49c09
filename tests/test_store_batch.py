"""Storing a feed's entries in one batch gives the same database as storing them one by one.

``Store.upsert_entries`` looks up the feed's articles once and inserts the new
ones together; the reference is the same entries passed one call each, which
takes the per-entry path through every lookup. Generated batches mix repeated
guids, the same article under a new guid or with tracking parameters, empty
fields that must not erase stored ones, imported bookmarks that move into the
feed, and articles stored by an earlier refresh.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beritatui.clock import fixed_clock
from beritatui.config import FeedSpec
from beritatui.models import FeedEntry
from beritatui.store import Store
from beritatui.store.records import BookmarkRecord

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
FEEDS = [
    FeedSpec("https://berita.example.id/rss", "Nasional"),
    FeedSpec("https://kabar.example.id/rss", "Ekonomi"),
]
_URLS = [
    "https://berita.example.id/read/1",
    "https://berita.example.id/read/1?utm_source=rss",
    "https://BERITA.example.id/read/1#komentar",
    "https://berita.example.id/read/2",
    "https://berita.example.id/read/3",
    "",
]

entries = st.builds(
    FeedEntry,
    guid=st.sampled_from(["g1", "g2", "g3", "https://berita.example.id/read/2", ""]),
    url=st.sampled_from(_URLS),
    title=st.sampled_from(["Harga beras naik", "Harga beras turun", ""]),
    summary=st.sampled_from(["Ringkasan pertama tentang pasar.", "Ringkasan kedua.", ""]),
    published=st.sampled_from([None, NOW - timedelta(hours=3), NOW + timedelta(days=2)]),
    author=st.sampled_from(["", "Rina"]),
    image_url=st.sampled_from([None, "https://img.example.id/a.jpg"]),
    content_html=st.sampled_from([None, "<p>Isi lengkap</p>"]),
)


def _open(path: Path) -> tuple[Store, list[int]]:
    store = Store.open(path, clock=fixed_clock(NOW))
    ids = store.sync_feeds(FEEDS)
    return store, [ids[spec.url] for spec in FEEDS]


def _dump(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        articles = conn.execute("SELECT * FROM articles ORDER BY id").fetchall()
        conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
        indexed = conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'harga OR ringkasan'"
            " ORDER BY rowid"
        ).fetchall()
        return articles, indexed
    finally:
        conn.close()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    earlier=st.lists(entries, max_size=4),
    batch=st.lists(entries, max_size=8),
    bookmark=st.sampled_from([None, *_URLS[:4]]),
    other_feed=st.booleans(),
)
def test_a_batch_stores_what_single_upserts_store(
    tmp_path_factory: object,
    earlier: list[FeedEntry],
    batch: list[FeedEntry],
    bookmark: str | None,
    other_feed: bool,
) -> None:
    folder = Path(tmp_path_factory.mktemp("batch"))  # type: ignore[attr-defined]
    results = []
    for name, one_by_one in (("batch", False), ("single", True)):
        path = folder / f"{name}.sqlite3"
        store, (feed_id, other_id) = _open(path)
        try:
            if bookmark is not None:
                store.restore_bookmarks([BookmarkRecord(url=bookmark, title="Disimpan")])
            store.upsert_entries(feed_id, earlier)
            if other_feed:
                store.upsert_entries(other_id, batch[:2])
            if one_by_one:
                new_ids = [i for entry in batch for i in store.upsert_entries(feed_id, [entry])]
            else:
                new_ids = store.upsert_entries(feed_id, batch)
        finally:
            store.close()
        results.append((new_ids, _dump(path)))
    assert results[0] == results[1]


def test_a_batch_with_the_same_article_twice_stores_it_once(tmp_path: Path) -> None:
    store, (feed_id, _) = _open(tmp_path / "db.sqlite3")
    try:
        first = FeedEntry(guid="a", url="https://berita.example.id/read/9", title="Judul lama")
        again = FeedEntry(
            guid="b", url="https://berita.example.id/read/9?utm_medium=feed", title="Judul baru"
        )
        new_ids = store.upsert_entries(feed_id, [first, again])
        assert len(new_ids) == 1
        detail = store.get_article(new_ids[0])
        assert detail is not None
        assert detail.row.title == "Judul baru"
        assert [row.id for row in store.search("baru")] == new_ids
    finally:
        store.close()
