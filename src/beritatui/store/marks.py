"""Store area: read and bookmark state, and bookmarks in and out (backup, salvage)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from beritatui.sanitize import clean_line, clean_text, safe_url
from beritatui.store import convert
from beritatui.store.bodies import store_body
from beritatui.store.db import StoreCore, locked
from beritatui.store.entries import IMPORT_FEED_URL, find_entry, insert_entry
from beritatui.store.records import BookmarkRecord
from beritatui.store.rows import active_feeds
from beritatui.store.schema import StoreError
from beritatui.store.search import index_new
from beritatui.urls import url_key

IMPORT_FEED_TITLE = "Impor"


class MarksMixin(StoreCore):
    """Read flags and bookmarks."""

    @locked
    def set_read(self, article_id: int, read: bool) -> None:
        """Mark one article read or unread."""
        with self._write() as conn:
            conn.execute("UPDATE articles SET is_read = ? WHERE id = ?", (int(read), article_id))

    @locked
    def mark_all_read(self, category: str | None = None, *, feed_id: int | None = None) -> int:
        """Mark every unread article of the active feeds (of ``category``, or of the one
        feed ``feed_id``) read."""
        feeds, params = active_feeds(category, feed_id)
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE articles SET is_read = 1 WHERE is_read = 0"
                f" AND feed_id IN (SELECT f.id FROM feeds f WHERE {feeds})",
                params,
            )
            return int(cursor.rowcount)

    @locked
    def set_bookmark(self, article_id: int, on: bool) -> None:
        """Save or unsave an article; saving keeps it (and its body) forever."""
        with self._write() as conn:
            if on:
                conn.execute(
                    "UPDATE articles SET bookmarked_at = COALESCE(bookmarked_at, ?) WHERE id = ?",
                    (self._now(), article_id),
                )
            else:
                conn.execute("UPDATE articles SET bookmarked_at = NULL WHERE id = ?", (article_id,))

    @locked
    def is_bookmarked(self, article_id: int) -> bool:
        """True when the article is saved."""
        row = self._db.execute(
            "SELECT bookmarked_at IS NOT NULL FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return bool(row and row[0])

    # -- backup ---------------------------------------------------------------

    @locked
    def bookmark_records(self) -> list[BookmarkRecord]:
        """Every bookmark with its body, newest saved first (for export)."""
        from beritatui.store.salvage import read_bookmarks

        return read_bookmarks(self._db)

    @locked
    def restore_bookmarks(self, records: Sequence[BookmarkRecord]) -> int:
        """Bookmark these articles, creating missing ones under the "Impor" feed.

        An article already stored (same canonical URL) is bookmarked and gets
        the backed-up body if it has none. One transaction; returns the count.
        """
        now = self._now()
        with self._write() as conn:
            feed_id = _import_feed(conn)
            for record in records:
                article_id = _restore_one(conn, feed_id, record, now)
                has_body = conn.execute(
                    "SELECT 1 FROM bodies WHERE article_id = ? AND saved_at IS NOT NULL",
                    (article_id,),
                ).fetchone()
                if record.body is not None and not has_body:
                    store_body(conn, article_id, record.body, None, 0, now)
            if records:
                self._bump_data_version(conn)
        return len(records)

    def _restore_from(self, moved: Path) -> int:
        """Copy the bookmarks still readable in a moved-aside file into this store."""
        from beritatui.store.salvage import salvage_bookmarks

        try:
            records = salvage_bookmarks(moved)
            return self.restore_bookmarks(records) if records else 0
        except (StoreError, OSError, sqlite3.Error):
            return 0  # foreign or unreadable: nothing to bring back


def _import_feed(conn: sqlite3.Connection) -> int:
    row = conn.execute(
        """INSERT INTO feeds (url, category, title, active, position)
           VALUES (?, ?, ?, 0, 1000000)
           ON CONFLICT (url) DO UPDATE SET active = 0 RETURNING id""",
        (IMPORT_FEED_URL, IMPORT_FEED_TITLE, IMPORT_FEED_TITLE),
    ).fetchone()
    return int(row["id"])


def _restore_one(conn: sqlite3.Connection, feed_id: int, record: BookmarkRecord, now: int) -> int:
    url = safe_url(record.url) or ""
    key = url_key(url)
    saved = convert.to_ts(record.bookmarked_at) or now
    row = conn.execute(
        "SELECT id FROM articles WHERE url_key = ? ORDER BY id LIMIT 1", (key,)
    ).fetchone()
    if row is not None:
        conn.execute(
            "UPDATE articles SET bookmarked_at = COALESCE(bookmarked_at, ?) WHERE id = ?",
            (saved, row["id"]),
        )
        return int(row["id"])
    published = convert.to_ts(record.published)
    fields: dict[str, Any] = {
        "guid": url or f"import:{record.title}",
        "url": url,
        "url_key": key,
        "title": clean_line(record.title) or url,
        "summary": clean_text(record.summary),
        "author": "",
        "image_url": None,
        "image_caption": None,
        "content_html": None,
        "published": published,
        "sort_time": min(published, now) if published is not None else now,
    }
    existing = find_entry(conn, feed_id, fields["guid"], key)
    article_id = existing or insert_entry(conn, feed_id, fields, now)
    conn.execute(
        """UPDATE articles SET bookmarked_at = COALESCE(bookmarked_at, ?),
               source = ?, category = ? WHERE id = ?""",
        (
            saved,
            clean_line(record.source, 80) or None,
            clean_line(record.category, 40) or None,
            article_id,
        ),
    )
    if existing is None:
        index_new(conn, article_id)
    return article_id
