"""Bookmark export and import, and export from a moved-aside database."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from beritatui.backup import export_bookmarks, export_from_file, import_bookmarks
from beritatui.config import FeedSpec
from beritatui.models import Block, ExtractedArticle, FeedEntry
from beritatui.store import Store, StoreError

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
FEED = "https://berita.example.id/rss/nasional.xml"


def make_entry(n: int, title: str) -> FeedEntry:
    url = f"https://berita.example.id/read/{n}"
    return FeedEntry(
        guid=url,
        url=url,
        title=title,
        summary=f"Ringkasan singkat artikel {n}.",
        published=NOW - timedelta(hours=n),
    )


def make_body(n: int) -> ExtractedArticle:
    return ExtractedArticle(
        url=f"https://berita.example.id/read/{n}",
        title=f"Judul halaman {n}",
        byline="Redaksi Daerah",
        published=NOW - timedelta(hours=n),
        site="Berita Contoh",
        blocks=[
            Block("paragraph", f"Petani di Karawang memulai panen raya ke-{n} pekan ini."),
            Block(
                "figure",
                src="https://img.example.id/panen.jpg",
                caption="Panen padi",
                credit="ANTARA",
            ),
            Block("heading", "Harga gabah", level=2),
            Block("list", items=["Gabah kering panen naik", "Beras medium stabil"]),
            Block("quote", "Kami berharap harga tetap baik."),
        ],
    )


@pytest.fixture
def store(isolated_dirs: dict[str, Path]) -> Iterator[Store]:
    opened = Store.open(isolated_dirs["data"] / "beritatui" / "beritatui.sqlite3")
    yield opened
    opened.close()


def fill(store: Store) -> list[int]:
    """Three articles: two bookmarked (one with a body), one not."""
    feed_id = store.sync_feeds([FeedSpec(FEED, "Ekonomi", "Berita Contoh")])[FEED]
    ids = store.upsert_entries(
        feed_id,
        [
            make_entry(1, "Panen raya di Karawang"),
            make_entry(2, "# Bukan judul Markdown [tautan](x)"),
            make_entry(3, "Artikel biasa tidak disimpan"),
        ],
    )
    store.save_body(ids[0], make_body(1), b"<html>panen</html>", 2)
    store.set_bookmark(ids[0], True)
    store.set_bookmark(ids[1], True)
    return ids


def test_json_round_trip_into_a_fresh_store(store: Store, tmp_path: Path) -> None:
    fill(store)
    exported = export_bookmarks(store, "json")
    items = json.loads(exported)
    assert {i["title"] for i in items} == {
        "Panen raya di Karawang",
        "# Bukan judul Markdown [tautan](x)",
    }
    with_body = next(i for i in items if i["body"])
    assert with_body["source"] == "Berita Contoh"
    assert with_body["category"] == "Ekonomi"
    assert with_body["body"]["captions"] == ["Panen padi"]

    fresh = Store.open(tmp_path / "baru.sqlite3")
    try:
        assert import_bookmarks(fresh, exported) == 2
        rows = fresh.list_articles(bookmarked=True)
        assert {(r.title, r.source, r.category) for r in rows} == {
            ("Panen raya di Karawang", "Berita Contoh", "Ekonomi"),
            ("# Bukan judul Markdown [tautan](x)", "Berita Contoh", "Ekonomi"),
        }
        detail = fresh.find_by_url("https://berita.example.id/read/1")
        assert detail is not None
        assert detail.body is not None
        assert detail.body.to_dict() == make_body(1).to_dict()
        assert detail.row.published == NOW - timedelta(hours=1)
        assert [r.title for r in fresh.search("karawang")] == ["Panen raya di Karawang"]
        assert fresh.list_articles() == []  # imported articles do not show up as news
        assert json.loads(export_bookmarks(fresh, "json")) == items
        assert import_bookmarks(fresh, exported) == 2  # a second import adds nothing
        assert fresh.stats()["articles"] == 2
    finally:
        fresh.close()


def test_import_bookmarks_an_existing_article_and_restores_its_body(store: Store) -> None:
    ids = fill(store)
    backup = [
        {
            "url": "https://berita.example.id/read/3?utm_source=wa",
            "title": "Artikel biasa tidak disimpan",
            "body": make_body(3).to_dict(),
        }
    ]
    assert import_bookmarks(store, json.dumps(backup)) == 1
    assert store.is_bookmarked(ids[2])
    detail = store.get_article(ids[2])
    assert detail is not None
    assert detail.body is not None
    assert "panen raya ke-3" in detail.body.text
    assert store.stats()["articles"] == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("bukan json", "not a JSON backup"),
        ('{"url": "https://x.id"}', "must be a JSON list"),
        ("[1]", "article 1: expected an object"),
        ('[{"url": "javascript:alert(1)", "title": "x"}]', "article 1: 'url' must be"),
        ('[{"url": "https://x.id/a", "title": 5}]', "'title' must be text"),
        ('[{"url": "https://x.id/a", "published": "kemarin"}]', "not an ISO 8601 date"),
        ('[{"url": "https://x.id/a", "body": "teks"}]', "'body' must be an article"),
        ('[{"url": "https://x.id/a"}, {"title": "tanpa url"}]', "article 2"),
    ],
)
def test_invalid_import_raises_plain_value_error_and_stores_nothing(
    store: Store, text: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        import_bookmarks(store, text)
    assert store.list_articles(bookmarked=True) == []


def test_import_sanitises_untrusted_text(store: Store) -> None:
    evil = [
        {
            "url": "https://x.id/a",
            "title": "Judul\x1b[2J\x1b]8;;http://evil\x07 bersih",
            "source": "Sumber\x07",
            "body": {"blocks": [{"type": "paragraph", "text": "Isi\x1b[31m merah"}]},
        }
    ]
    import_bookmarks(store, json.dumps(evil))
    detail = store.find_by_url("https://x.id/a")
    assert detail is not None
    assert detail.row.title == "Judul bersih"
    assert detail.row.source == "Sumber"
    assert detail.body is not None
    assert detail.body.text == "Isi merah"


def test_markdown_export_is_readable(store: Store) -> None:
    fill(store)
    text = export_bookmarks(store, "markdown")
    assert text.startswith("# Saved articles")
    assert "## Panen raya di Karawang" in text
    assert "## \\# Bukan judul Markdown" in text
    assert "<https://berita.example.id/read/1>" in text
    assert "Petani di Karawang memulai panen raya ke-1 pekan ini." in text
    assert "*Foto: Panen padi — ANTARA*" in text
    assert "- Gabah kering panen naik" in text
    assert "> Kami berharap harga tetap baik." in text
    assert "Berita Contoh · Ekonomi · 10 Mar 2026 08:00 UTC" in text
    assert "Artikel biasa tidak disimpan" not in text


def test_export_from_moved_aside_damaged_file(isolated_dirs: dict[str, Path]) -> None:
    path = isolated_dirs["data"] / "beritatui" / "beritatui.sqlite3"
    store = Store.open(path)
    fill(store)
    store.close()
    # Damage the search index pages: the file fails its check, articles survive.
    conn = sqlite3.connect(str(path))
    pages = [
        row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name LIKE 'articles_fts%'")
    ]
    conn.close()
    with path.open("r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * 4096)
            handle.write(os.urandom(4096))
    reopened = Store.open(path)
    moved = reopened.moved_aside
    reopened.close()
    assert moved is not None
    items = json.loads(export_from_file(moved))
    assert sorted(i["url"] for i in items) == [
        "https://berita.example.id/read/1",
        "https://berita.example.id/read/2",
    ]
    assert next(i for i in items if i["body"])["body"]["blocks"][0]["text"].startswith("Petani")
    assert "## Panen raya di Karawang" in export_from_file(moved, "markdown")


def test_export_from_file_reads_committed_wal_data(store: Store, tmp_path: Path) -> None:
    fill(store)  # the store is still open: its writes sit in the -wal file
    wal = store.path.with_name(store.path.name + "-wal")
    assert wal.stat().st_size > 0
    copy = tmp_path / "beritatui.sqlite3.corrupt-20260310T090000Z"
    shutil.copyfile(store.path, copy)
    shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    assert len(json.loads(export_from_file(copy))) == 2


def test_export_from_file_that_is_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "beritatui.sqlite3.corrupt-x"
    junk.write_bytes(os.urandom(5000))
    with pytest.raises(StoreError, match="cannot be read"):
        export_from_file(junk)
    other = tmp_path / "lain.sqlite3"
    conn = sqlite3.connect(str(other))
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="no beritatui articles"):
        export_from_file(other)


def test_imported_bookmark_joins_its_feed_when_the_feed_carries_it(store: Store) -> None:
    backup = [{"url": "https://berita.example.id/read/1", "title": "Panen raya di Karawang"}]
    import_bookmarks(store, json.dumps(backup))
    feed_id = store.sync_feeds([FeedSpec(FEED, "Ekonomi", "Berita Contoh")])[FEED]
    assert store.upsert_entries(feed_id, [make_entry(1, "Panen raya di Karawang")]) == []
    (row,) = store.list_articles(category="Ekonomi")
    assert row.is_bookmarked
    assert row.source == "Berita Contoh"
    assert store.stats()["articles"] == 1


def test_open_restores_bookmarks_from_a_damaged_file(isolated_dirs: dict[str, Path]) -> None:
    path = isolated_dirs["data"] / "beritatui" / "beritatui.sqlite3"
    store = Store.open(path)
    fill(store)
    store.close()
    conn = sqlite3.connect(str(path))
    pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'articles_url'")]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((pages[0] - 1) * 4096)
        handle.write(os.urandom(4096))
    fresh = Store.open(path)
    try:
        assert fresh.moved_aside is not None
        assert fresh.restored_bookmarks == 2
        titles = {r.title for r in fresh.list_articles(bookmarked=True)}
        assert "Panen raya di Karawang" in titles
        detail = fresh.find_by_url("https://berita.example.id/read/1")
        assert detail is not None
        assert detail.body is not None
    finally:
        fresh.close()
