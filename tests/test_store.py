"""The SQLite store, on real database files."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
import zlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from beritatui.config import FeedSpec
from beritatui.feeds.outcomes import Code, note
from beritatui.models import Block, ExtractedArticle, FeedEntry, FeedStatus
from beritatui.store import SCHEMA_VERSION, Store, StoreError
from tests.site import NOW

FEED_A = "https://berita.example.id/rss/nasional.xml"
FEED_B = "https://kabar.example.id/ekonomi/rss"
FEED_C = "https://warta.example.id/olahraga/rss"
SPECS = [
    FeedSpec(FEED_A, "Nasional", "Berita Contoh"),
    FeedSpec(FEED_B, "Ekonomi", "Kabar Contoh"),
    FeedSpec(FEED_C, "Olahraga"),
]


def entry(n: int, *, hours_ago: float = 1.0, **kwargs: object) -> FeedEntry:
    """A realistic feed entry numbered ``n``."""
    fields: dict[str, object] = {
        "guid": f"https://berita.example.id/read/{n}",
        "url": f"https://berita.example.id/read/{n}/artikel-{n}",
        "title": f"Pemerintah umumkan kebijakan baru nomor {n}",
        "summary": f"Ringkasan berita nomor {n} tentang harga pangan di daerah.",
        "published": NOW - timedelta(hours=hours_ago),
    }
    fields.update(kwargs)
    return FeedEntry(**fields)  # type: ignore[arg-type]


def body(text: str, *, caption: str | None = None) -> ExtractedArticle:
    """An extracted article with a paragraph (and optionally a photo)."""
    blocks = [Block("paragraph", text), Block("heading", "Latar belakang", level=2)]
    if caption:
        blocks.append(Block("figure", src="https://img.example.id/a.jpg", caption=caption))
    return ExtractedArticle(
        url="https://berita.example.id/read/1",
        title="Judul halaman",
        byline="Redaksi",
        published=NOW,
        site="Berita Contoh",
        blocks=blocks,
    )


@pytest.fixture
def db_path(isolated_dirs: dict[str, Path]) -> Path:
    return isolated_dirs["data"] / "beritatui" / "beritatui.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = Store.open(db_path)  # on NOW: conftest sets BERITATUI_NOW
    assert opened.clock() == NOW
    yield opened
    opened.close()


@pytest.fixture
def feeds(store: Store) -> dict[str, int]:
    return store.sync_feeds(SPECS)


def raw_connection(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(str(path), isolation_level=None)


def fts_consistent(path: Path) -> bool:
    """FTS5's own check of the index against the content it was built from."""
    conn = raw_connection(path)
    try:
        conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
        return True
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


# -- opening ----------------------------------------------------------------


def test_open_creates_folder_wal_and_schema_version(db_path: Path) -> None:
    assert not db_path.parent.exists()
    store = Store.open(db_path)
    store.close()
    conn = raw_connection(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    again = Store.open(db_path)
    assert again.moved_aside is None
    assert again.integrity_ok()
    again.close()


def test_empty_file_is_accepted_not_moved(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")
    store = Store.open(db_path)
    assert store.moved_aside is None
    store.close()


def test_corrupt_file_is_moved_aside_and_fresh_store_works(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    junk = os.urandom(8192)
    db_path.write_bytes(junk)
    store = Store.open(db_path)
    try:
        assert store.moved_aside is not None
        assert store.moved_aside.name.startswith("beritatui.sqlite3.corrupt-")
        assert store.moved_aside.read_bytes() == junk
        ids = store.sync_feeds(SPECS)
        assert store.upsert_entries(ids[FEED_A], [entry(1)]) != []
    finally:
        store.close()


def test_foreign_sqlite_database_is_moved_aside(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    other = raw_connection(db_path)
    other.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    other.execute("INSERT INTO contacts VALUES ('Budi', '0812')")
    other.close()
    store = Store.open(db_path)
    try:
        assert store.moved_aside is not None
        moved = raw_connection(store.moved_aside)
        assert moved.execute("SELECT name FROM contacts").fetchall() == [("Budi",)]
        moved.close()
        assert store.restored_bookmarks == 0
        assert store.categories() == []
    finally:
        store.close()


def test_damaged_pages_fail_the_check_and_are_moved(db_path: Path) -> None:
    store = Store.open(db_path)
    ids = store.sync_feeds(SPECS)
    store.upsert_entries(ids[FEED_A], [entry(n) for n in range(300)])
    store.close()
    conn = raw_connection(db_path)
    pages = conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf'"
    ).fetchall()
    conn.close()
    with db_path.open("r+b") as handle:
        handle.seek((pages[len(pages) // 2][0] - 1) * 4096)
        handle.write(os.urandom(4096))
    reopened = Store.open(db_path)
    try:
        assert reopened.moved_aside is not None
        assert reopened.integrity_ok()
    finally:
        reopened.close()


def test_newer_schema_version_is_refused_and_left_alone(db_path: Path) -> None:
    Store.open(db_path).close()
    conn = raw_connection(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer beritatui"):
        Store.open(db_path)
    assert db_path.exists()
    assert list(db_path.parent.glob("*.corrupt-*")) == []


def test_data_folder_that_cannot_exist_gives_plain_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("ini berkas biasa")
    with pytest.raises(StoreError, match="Cannot create the data folder") as info:
        Store.open(blocker / "beritatui" / "beritatui.sqlite3")
    assert "Traceback" not in str(info.value)
    assert blocker.read_text() == "ini berkas biasa"


def test_database_path_that_is_a_folder_gives_plain_error(tmp_path: Path) -> None:
    folder = tmp_path / "beritatui.sqlite3"
    folder.mkdir()
    with pytest.raises(StoreError, match="it is a folder"):
        Store.open(folder)


def test_disk_full_becomes_plain_store_error(store: Store, feeds: dict[str, int]) -> None:
    conn = store._conn
    assert conn is not None
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    big = "kata " * 20_000
    with pytest.raises(StoreError, match="is full"):
        store.upsert_entries(feeds[FEED_A], [entry(n, summary=big) for n in range(50)])
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert store.count_articles() == 0  # the failed transaction left nothing behind
    assert store.upsert_entries(feeds[FEED_A], [entry(1)]) != []


def test_lock_held_by_another_program_becomes_store_error(db_path: Path) -> None:
    store = Store.open(db_path, busy_timeout=0.2)
    ids = store.sync_feeds(SPECS)
    (article_id,) = store.upsert_entries(ids[FEED_A], [entry(1)])
    other = raw_connection(db_path)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="busy"):
            store.set_read(article_id, True)
        assert store.get_article(article_id) is not None  # reading still works (WAL)
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.set_read(article_id, True)
    store.close()


def test_closed_store_raises_store_error(db_path: Path) -> None:
    store = Store.open(db_path)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.categories()


# -- feeds --------------------------------------------------------------------


def test_sync_feeds_keeps_ids_and_deactivates_removed(store: Store) -> None:
    first = store.sync_feeds(SPECS)
    again = store.sync_feeds([SPECS[1], FeedSpec(FEED_A, "Politik", "Nama Baru")])
    assert again == {FEED_B: first[FEED_B], FEED_A: first[FEED_A]}
    active = store.feeds()
    assert [(f.url, f.category, f.title) for f in active] == [
        (FEED_B, "Ekonomi", "Kabar Contoh"),
        (FEED_A, "Politik", "Nama Baru"),
    ]
    everything = {f.url for f in store.feeds(active_only=False)}
    assert FEED_C in everything


def test_record_fetch_keeps_cache_headers_unless_given(store: Store, feeds: dict[str, int]) -> None:
    feed_id = feeds[FEED_C]
    assert store.feed_cache_headers(feed_id) == (None, None)
    items, timeout = note(Code.ITEMS, count=12), note(Code.READ_TIMEOUT, host="a.id", seconds=15)
    store.record_fetch(feed_id, FeedStatus.OK, items, etag='"abc"', title="Warta Olahraga")
    store.record_fetch(feed_id, FeedStatus.TIMEOUT, timeout)
    assert store.feed_cache_headers(feed_id) == ('"abc"', None)
    info = next(f for f in store.feeds() if f.id == feed_id)
    assert info.status is FeedStatus.TIMEOUT
    assert info.detail == timeout
    assert info.title == "Warta Olahraga"
    assert info.last_checked == NOW
    assert info.last_ok == NOW


# -- upserts ------------------------------------------------------------------


def test_upsert_twice_gives_no_duplicates(store: Store, feeds: dict[str, int]) -> None:
    entries = [entry(n) for n in range(5)]
    first = store.upsert_entries(feeds[FEED_A], entries)
    assert len(first) == 5
    assert store.upsert_entries(feeds[FEED_A], entries) == []
    assert store.count_articles() == 5


def test_same_canonical_url_with_new_guid_is_not_duplicated(
    store: Store, feeds: dict[str, int]
) -> None:
    store.upsert_entries(feeds[FEED_A], [entry(1)])
    moved = entry(
        1,
        guid="urn:uuid:1234",
        url="http://www.berita.example.id/read/1/artikel-1/?utm_source=rss&utm_medium=feed",
    )
    assert store.upsert_entries(feeds[FEED_A], [moved]) == []
    assert store.count_articles() == 1
    # The same article in another feed is that feed's own row.
    assert len(store.upsert_entries(feeds[FEED_B], [entry(1)])) == 1


def test_read_bookmark_and_body_survive_reupsert(store: Store, feeds: dict[str, int]) -> None:
    (article_id,) = store.upsert_entries(feeds[FEED_A], [entry(7)])
    store.set_read(article_id, True)
    store.set_bookmark(article_id, True)
    store.save_body(article_id, body("Isi lengkap artikel."), b"<html>isi</html>", 1)
    store.upsert_entries(feeds[FEED_A], [entry(7, title="Judul diperbarui redaksi")])
    detail = store.get_article(article_id)
    assert detail is not None
    assert detail.row.title == "Judul diperbarui redaksi"
    assert detail.row.is_read
    assert detail.row.is_bookmarked
    assert detail.row.has_body
    assert detail.body is not None
    assert "Isi lengkap artikel." in detail.body.text
    assert store.search("diperbarui")[0].id == article_id
    assert store.search("kebijakan") == []  # the old title left the index
    assert fts_consistent(store.path)


def test_untrusted_entry_text_is_sanitised(store: Store, feeds: dict[str, int]) -> None:
    evil = entry(
        1,
        title="Banjir\x1b[31m merah\x1b]0;judul\x07 \u202eterbalik",
        url="javascript:alert(1)",
        guid="g-1",
        image_url="file:///etc/passwd",
    )
    (article_id,) = store.upsert_entries(feeds[FEED_A], [evil])
    detail = store.get_article(article_id)
    assert detail is not None
    assert detail.row.title == "Banjir merah terbalik"
    assert detail.row.url == ""
    assert detail.image_url is None


def test_articles_sort_newest_first_and_future_dates_are_clamped(
    store: Store, feeds: dict[str, int]
) -> None:
    store.upsert_entries(
        feeds[FEED_A],
        [
            entry(1, hours_ago=5),
            entry(2, hours_ago=-48),  # a feed with a clock in the future
            entry(3, hours_ago=1),
            entry(4, published=None),  # no date: first seen (now)
        ],
    )
    rows = store.list_articles()
    assert [r.title[-1] for r in rows] == ["4", "2", "3", "1"]
    assert rows[0].published == NOW
    assert all(r.published is not None and r.published.tzinfo is not None for r in rows)


# -- browsing and state ------------------------------------------------------


def test_unread_counts_and_mark_all_read_per_category(store: Store, feeds: dict[str, int]) -> None:
    a_ids = store.upsert_entries(feeds[FEED_A], [entry(n) for n in range(4)])
    b_ids = store.upsert_entries(feeds[FEED_B], [entry(n + 10) for n in range(3)])
    store.set_read(a_ids[0], True)
    assert store.categories() == [("Nasional", 4, 3), ("Ekonomi", 3, 3), ("Olahraga", 0, 0)]
    assert store.totals() == (7, 6)
    assert store.mark_all_read("Ekonomi") == 3
    assert store.mark_all_read("Ekonomi") == 0
    assert store.categories()[:2] == [("Nasional", 4, 3), ("Ekonomi", 3, 0)]
    store.set_read(b_ids[1], False)
    assert store.list_articles(category="Ekonomi", unread_only=True)[0].id == b_ids[1]
    assert store.count_articles(category="Nasional") == 4
    assert store.mark_all_read() == 4
    assert store.totals() == (7, 0)


def test_removed_feed_hides_articles_but_keeps_bookmarks(
    store: Store, feeds: dict[str, int]
) -> None:
    kept, plain = store.upsert_entries(feeds[FEED_B], [entry(1), entry(2)])
    store.set_bookmark(kept, True)
    store.sync_feeds([SPECS[0], SPECS[2]])
    assert [c[0] for c in store.categories()] == ["Nasional", "Olahraga"]
    assert store.list_articles() == []
    assert [r.id for r in store.list_articles(bookmarked=True)] == [kept]
    assert [r.id for r in store.list_articles(bookmarked=True, category="Ekonomi")] == [kept]
    assert [r.id for r in store.search("pangan")] == [kept]
    assert store.get_article(plain) is not None  # still there until retention prunes it


def test_list_articles_by_ids_and_paging(store: Store, feeds: dict[str, int]) -> None:
    ids = store.upsert_entries(feeds[FEED_A], [entry(n, hours_ago=n) for n in range(1, 11)])
    assert [r.id for r in store.list_articles(limit=3, offset=2)] == ids[2:5]
    chosen = [ids[7], ids[1], ids[4]]
    assert [r.id for r in store.list_articles(ids=chosen)] == [ids[1], ids[4], ids[7]]
    store.set_bookmark(ids[4], True)
    assert store.is_bookmarked(ids[4])
    assert not store.is_bookmarked(ids[1])
    assert [r.id for r in store.list_articles(ids=chosen, bookmarked=True)] == [ids[4]]


def test_one_feeds_articles_count_and_name(store: Store) -> None:
    second = "https://lain.example.id/nasional/rss"
    feeds = store.sync_feeds([*SPECS, FeedSpec(second, "Nasional")])
    a_ids = store.upsert_entries(feeds[FEED_A], [entry(n, hours_ago=n) for n in range(1, 4)])
    other = store.upsert_entries(feeds[second], [entry(n + 20, hours_ago=0.5) for n in range(2)])
    store.set_read(a_ids[0], True)
    mine = store.list_articles(feed_id=feeds[FEED_A])
    assert [r.id for r in mine] == a_ids  # newest first, the other Nasional feed left out
    assert {r.id for r in store.list_articles(category="Nasional")} == {*a_ids, *other}
    unread = store.list_articles(feed_id=feeds[FEED_A], unread_only=True, limit=1, offset=1)
    assert [r.id for r in unread] == [a_ids[2]]
    assert store.count_articles(feed_id=feeds[FEED_A]) == 3
    assert store.count_articles(feed_id=feeds[second]) == 2
    assert store.count_articles(category="Nasional") == 5
    assert store.feed_label(feeds[FEED_A]) == "Berita Contoh"
    assert store.feed_label(feeds[second]) == "lain.example.id"  # no title yet: the host
    assert store.feed_label(9999) is None
    assert store.count_articles(feed_id=feeds[FEED_A], unread=True) == 2
    assert store.count_articles(category="Nasional", unread=True) == 4
    assert store.mark_all_read(feed_id=feeds[FEED_A]) == 2
    assert store.count_articles(feed_id=feeds[FEED_A], unread=True) == 0
    assert store.count_articles(feed_id=feeds[second], unread=True) == 2  # the other feed


def test_find_by_url_ignores_tracking_and_scheme(store: Store, feeds: dict[str, int]) -> None:
    (article_id,) = store.upsert_entries(feeds[FEED_A], [entry(3)])
    found = store.find_by_url("http://www.berita.example.id/read/3/artikel-3?utm_campaign=x#top")
    assert found is not None
    assert found.row.id == article_id
    assert store.find_by_url("https://berita.example.id/read/99") is None


def test_recent_articles_for_trending(store: Store, feeds: dict[str, int]) -> None:
    store.upsert_entries(feeds[FEED_A], [entry(1, hours_ago=2), entry(2, hours_ago=30)])
    recent = store.recent_articles(NOW - timedelta(hours=24))
    assert [(row.title[-1], summary) for row, summary in recent] == [
        ("1", "Ringkasan berita nomor 1 tentang harga pangan di daerah.")
    ]


# -- bodies -------------------------------------------------------------------


def test_body_round_trip_and_compressed_raw_html(store: Store, feeds: dict[str, int]) -> None:
    (article_id,) = store.upsert_entries(feeds[FEED_A], [entry(1)])
    raw = (
        "<html><body>" + "<p>Paragraf berita yang panjang.</p>" * 400 + "</body></html>"
    ).encode()
    article = body("Warga antre minyak goreng sejak pagi.", caption="Antrean di pasar (ANTARA)")
    store.save_body(article_id, article, raw, 3)
    detail = store.get_article(article_id)
    assert detail is not None
    assert detail.body is not None
    assert detail.body.to_dict() == article.to_dict()
    assert store.raw_html(article_id) == raw
    conn = raw_connection(store.path)
    blob = conn.execute("SELECT raw_html FROM bodies").fetchone()[0]
    conn.close()
    assert len(blob) < len(raw) // 10
    assert zlib.decompress(blob) == raw


def test_articles_needing_body_and_failure_backoff(store: Store, feeds: dict[str, int]) -> None:
    first, second, no_url, done = store.upsert_entries(
        feeds[FEED_A],
        [
            entry(1, hours_ago=1),
            entry(2, hours_ago=2),
            entry(3, hours_ago=3, url="", guid="tanpa-tautan"),
            entry(4, hours_ago=4),
        ],
    )
    store.save_body(done, body("Sudah tersimpan."), None, 1)
    assert [i for i, _ in store.articles_needing_body()] == [first, second]
    unavailable = note(Code.HTTP_STATUS, code=503, phrase="Service Unavailable")
    store.save_body_error(first, unavailable)
    assert [i for i, _ in store.articles_needing_body()] == [second]
    detail = store.get_article(first)
    assert detail is not None
    assert detail.body_error == unavailable
    # Asked for explicitly (the user opened it): failures do not hold it back.
    assert store.articles_needing_body(ids=[first, no_url, done]) == [
        (first, "https://berita.example.id/read/1/artikel-1")
    ]
    store.clock = lambda: NOW + timedelta(hours=2)
    assert [i for i, _ in store.articles_needing_body()] == [first, second]
    timeout = note(Code.READ_TIMEOUT, host="berita.example.id", seconds=15)
    store.save_body_error(first, timeout)
    store.save_body_error(first, timeout)
    store.clock = lambda: NOW + timedelta(days=3)
    assert [i for i, _ in store.articles_needing_body()] == [second]


def test_stale_bodies_for_reextraction(store: Store, feeds: dict[str, int]) -> None:
    old, new, no_raw = store.upsert_entries(feeds[FEED_A], [entry(1), entry(2), entry(3)])
    store.save_body(old, body("Versi lama."), b"<p>lama</p>", 1)
    store.save_body(new, body("Versi baru."), b"<p>baru</p>", 2)
    store.save_body(no_raw, body("Dari feed."), None, 1)
    assert store.stale_bodies(2) == [
        (old, "https://berita.example.id/read/1/artikel-1", b"<p>lama</p>")
    ]
    store.save_body(old, body("Diekstrak ulang."), None, 2)  # raw html kept
    assert store.stale_bodies(2) == []
    assert store.raw_html(old) == b"<p>lama</p>"
    assert [r.id for r in store.search("diekstrak")] == [old]


# -- search -------------------------------------------------------------------


def test_search_finds_body_words_with_diacritics_folded(
    store: Store, feeds: dict[str, int]
) -> None:
    cafe, other = store.upsert_entries(feeds[FEED_A], [entry(1), entry(2)])
    store.save_body(cafe, body("Kafé baru di Bandung ramai dikunjungi mahasiswa."), None, 1)
    store.save_body(other, body("Sidang kabinet membahas anggaran."), None, 1)
    assert [r.id for r in store.search("kafe")] == [cafe]
    assert [r.id for r in store.search("KAFÉ bandung")] == [cafe]
    assert [r.id for r in store.search("mahasis")] == [cafe]  # prefix on the last word
    assert [r.id for r in store.search("anggaran")] == [other]
    assert store.search("kafe anggaran") == []


def test_search_ranks_title_matches_first(store: Store, feeds: dict[str, int]) -> None:
    in_body, in_title = store.upsert_entries(
        feeds[FEED_A], [entry(1, hours_ago=1), entry(2, hours_ago=5, title="Gempa guncang Cianjur")]
    )
    store.save_body(in_body, body("Warga Cianjur bercerita tentang gempa tahun lalu."), None, 1)
    assert [r.id for r in store.search("gempa")] == [in_title, in_body]


@pytest.mark.parametrize(
    "query",
    ['"', "*", "AND(", 'kafe" OR "x', "NEAR(a b", "title:kafe", "-", "^", "()", "a AND", "   ", ""],
)
def test_search_with_fts_syntax_never_raises(
    store: Store, feeds: dict[str, int], query: str
) -> None:
    store.upsert_entries(feeds[FEED_A], [entry(1, title="Kafe AND title kopi")])
    results = store.search(query)
    assert isinstance(results, list)


def test_search_syntax_words_are_plain_text(store: Store, feeds: dict[str, int]) -> None:
    (article_id,) = store.upsert_entries(feeds[FEED_A], [entry(1, title="Kafe AND title kopi")])
    assert [r.id for r in store.search("AND(")] == [article_id]
    assert [r.id for r in store.search('title:kafe"')] == [article_id]


# -- retention and maintenance ------------------------------------------------


def test_prune_by_age_keeps_bookmarks_and_their_bodies(store: Store, feeds: dict[str, int]) -> None:
    fresh, old, saved = store.upsert_entries(
        feeds[FEED_A],
        [entry(1, hours_ago=24), entry(2, hours_ago=24 * 40), entry(3, hours_ago=24 * 50)],
    )
    for article_id in (old, saved):
        store.save_body(article_id, body(f"Isi artikel lama {article_id} soal irigasi."), b"x", 1)
    store.set_bookmark(saved, True)
    version = store.data_version()
    assert store.prune(retention_days=30, per_feed=0, now=NOW) == 1
    assert store.get_article(old) is None
    kept = store.get_article(saved)
    assert kept is not None
    assert kept.body is not None
    assert store.raw_html(saved) == b"x"
    assert store.get_article(fresh) is not None
    assert [r.id for r in store.search("irigasi")] == [saved]
    assert store.data_version() != version
    assert store.stats()["bodies"] == 1
    assert fts_consistent(store.path)


def test_prune_per_feed_cap_and_removed_feed(store: Store, feeds: dict[str, int]) -> None:
    a_ids = store.upsert_entries(feeds[FEED_A], [entry(n, hours_ago=n) for n in range(1, 7)])
    b_ids = store.upsert_entries(
        feeds[FEED_B], [entry(n + 20, hours_ago=24 * 60) for n in range(3)]
    )
    store.set_bookmark(a_ids[5], True)  # the oldest of feed A
    store.set_bookmark(b_ids[0], True)
    store.sync_feeds([SPECS[0]])  # feed B removed from the config
    assert store.prune(retention_days=0, per_feed=3, now=NOW) == 2
    assert [r.id for r in store.list_articles()] == [*a_ids[:3], a_ids[5]]
    assert store.prune(retention_days=30, per_feed=0, now=NOW) == 2
    assert [r.id for r in store.list_articles(bookmarked=True)] == [a_ids[5], b_ids[0]]
    assert store.prune(retention_days=0, per_feed=0, now=NOW) == 0


def test_maybe_vacuum_runs_only_after_the_interval(store: Store, feeds: dict[str, int]) -> None:
    assert store.maybe_vacuum(min_interval_days=7) is False  # created at NOW
    store.clock = lambda: NOW + timedelta(days=6)
    assert store.maybe_vacuum(min_interval_days=7) is False
    store.clock = lambda: NOW + timedelta(days=8)
    assert store.maybe_vacuum(min_interval_days=7) is True
    assert store.maybe_vacuum(min_interval_days=7) is False
    assert store.integrity_ok()


def test_data_version_and_stats(store: Store, feeds: dict[str, int]) -> None:
    start = store.data_version()
    (article_id,) = store.upsert_entries(feeds[FEED_A], [entry(1)])
    after_add = store.data_version()
    assert after_add != start
    store.set_read(article_id, True)
    assert store.data_version() == after_add
    store.set_bookmark(article_id, True)
    stats = store.stats()
    assert {k: stats[k] for k in ("articles", "bodies", "bookmarks", "feeds")} == {
        "articles": 1,
        "bodies": 0,
        "bookmarks": 1,
        "feeds": 3,
    }
    assert stats["db_bytes"] > 0


# -- concurrency and crashes ----------------------------------------------------


def test_two_stores_on_one_file_write_and_read(db_path: Path) -> None:
    one = Store.open(db_path)
    two = Store.open(db_path)
    try:
        ids = one.sync_feeds(SPECS)
        assert two.sync_feeds(SPECS) == ids

        def writer(store: Store, feed: str, start: int) -> None:
            for n in range(start, start + 40):
                store.upsert_entries(ids[feed], [entry(n)])
                store.list_articles(limit=50)

        threads = [
            threading.Thread(target=writer, args=(one, FEED_A, 0)),
            threading.Thread(target=writer, args=(two, FEED_B, 100)),
            threading.Thread(target=writer, args=(one, FEED_C, 200)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert one.count_articles() == two.count_articles() == 120
        article_id = two.list_articles(category="Ekonomi", limit=1)[0].id
        one.set_bookmark(article_id, True)
        assert two.is_bookmarked(article_id)
        assert one.integrity_ok()
        assert fts_consistent(db_path)
    finally:
        one.close()
        two.close()


_BOOKMARK_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from beritatui.config import FeedSpec
    from beritatui.models import Block, ExtractedArticle, FeedEntry
    from beritatui.store import Store

    store = Store.open(Path(sys.argv[1]))
    feed = store.sync_feeds([FeedSpec("https://berita.example.id/rss", "Nasional")])
    feed_id = feed["https://berita.example.id/rss"]
    n = 0
    while True:
        n += 1
        url = f"https://berita.example.id/read/{n}"
        entry = FeedEntry(guid=url, url=url, title=f"Berita {n}", published=store.clock())
        ids = store.upsert_entries(feed_id, [entry])
        article = ExtractedArticle(url=url, blocks=[Block("paragraph", "Isi " * 500)])
        store.save_body(ids[0], article, b"<p>" * 2000, 1)
        store.set_bookmark(ids[0], True)
        print(ids[0], flush=True)
    """
)


def test_kill_during_bookmark_saves_keeps_every_committed_bookmark(db_path: Path) -> None:
    Store.open(db_path).close()
    proc = subprocess.Popen(
        [sys.executable, "-c", _BOOKMARK_WRITER, str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    committed: list[int] = []
    deadline = time.monotonic() + 30
    while len(committed) < 40 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        committed.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert len(committed) >= 40
    store = Store.open(db_path)
    try:
        assert store.moved_aside is None
        assert store.integrity_ok()
        saved = {r.id for r in store.list_articles(bookmarked=True, limit=100_000)}
        assert set(committed) <= saved
        detail = store.get_article(committed[-1])
        assert detail is not None
        assert detail.body is not None
    finally:
        store.close()


# -- a large store ----------------------------------------------------------------


def build_large_store(path: Path, count: int) -> Store:
    """A store of ``count`` articles with bodies, written in bulk (for size tests)."""
    store = Store.open(path)
    feed_ids = list(store.sync_feeds(SPECS).values())
    base = int(NOW.timestamp())
    words = ["harga", "beras", "banjir", "pemilu", "sepak", "bola", "saham", "gempa", "kopi"]
    articles = []
    bodies = []
    for n in range(1, count + 1):
        topic = " ".join(words[(n * k) % len(words)] for k in range(1, 6))
        url = f"https://berita.example.id/read/{n}"
        articles.append(
            (
                n,
                feed_ids[n % 3],
                url,
                url,
                url.split("://")[1],
                f"Berita {n}: {topic}",
                f"Ringkasan {topic}",
                base - n * 60,
                base - n * 60,
                base - n * 60,
            )
        )
        article = ExtractedArticle(
            url=url,
            title=f"Berita {n}",
            blocks=[Block("paragraph", f"Paragraf {topic} penanda{n} " + "isi " * 300)],
        )
        data = article.to_dict()
        text = data.pop("text")
        del data["captions"]
        bodies.append((n, 1, base, text, json.dumps(data), zlib.compress(b"<p>x</p>" * 200)))
    conn = raw_connection(path)
    conn.execute("BEGIN")
    conn.executemany(
        """INSERT INTO articles (id, feed_id, guid, url, url_key, title, summary,
               published, first_seen, sort_time) VALUES (?,?,?,?,?,?,?,?,?,?)""",
        articles,
    )
    conn.executemany(
        """INSERT INTO bodies (article_id, extractor_version, saved_at, body_text, body_json,
               raw_html) VALUES (?,?,?,?,?,?)""",
        bodies,
    )
    conn.execute("COMMIT")
    conn.close()
    store.rebuild_search_index()
    return store


def test_large_store_search_and_get_article_are_correct(tmp_path: Path) -> None:
    store = build_large_store(tmp_path / "besar.sqlite3", 20_000)
    try:
        assert store.count_articles() == 20_000
        hits = store.search("penanda12345")
        assert [r.id for r in hits] == [12345]
        detail = store.get_article(12345)
        assert detail is not None
        assert detail.body is not None
        assert "penanda12345" in detail.body.text
        assert detail.row.has_body
        assert detail.row.title.startswith("Berita 12345:")
        rows = store.list_articles(limit=1000)
        assert len(rows) == 1000
        assert rows[0].id == 1
        assert rows[-1].id == 1000
        assert len(store.search("beras banjir", limit=100)) == 100
        assert fts_consistent(store.path)
    finally:
        store.close()


_FILE_SIZE_LIMITED_WRITER = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from beritatui.config import FeedSpec
    from beritatui.models import FeedEntry
    from beritatui.store import Store, StoreError

    store = Store.open(Path(sys.argv[1]))
    feed_id = store.sync_feeds([FeedSpec("https://berita.example.id/rss", "Nasional")])
    feed_id = feed_id["https://berita.example.id/rss"]
    # Writes past the limit fail with EFBIG, as on a full disk (root included).
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))
    try:
        for n in range(200):
            entries = [
                FeedEntry(guid=f"g-{n}-{i}", url="", title=f"Berita {n}", summary="kata " * 2000)
                for i in range(10)
            ]
            store.upsert_entries(feed_id, entries)
    except StoreError as exc:
        print(exc)
    """
)


def test_file_size_limit_gives_plain_message_and_clean_database(db_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _FILE_SIZE_LIMITED_WRITER, str(db_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert "Traceback" not in result.stderr
    assert f"Could not write the database {db_path}: the disk may be full" in result.stdout
    with Store.open(db_path) as store:
        assert store.moved_aside is None
        assert store.integrity_ok()
        assert store.count_articles() % 10 == 0  # whole batches only


def test_store_and_backup_do_not_load_textual() -> None:
    code = "import sys, beritatui.store, beritatui.backup; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
