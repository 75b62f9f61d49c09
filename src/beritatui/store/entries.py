"""Turning feed entries into article rows: sanitising, identity, insertion."""

from __future__ import annotations

import sqlite3
from typing import Any

from beritatui.models import FeedEntry, FeedStatus
from beritatui.sanitize import clean_line, clean_text, safe_url, strip_controls
from beritatui.store import convert
from beritatui.urls import url_key

IMPORT_FEED_URL = "beritatui:import"
"""Synthetic, always inactive feed that owns imported bookmarks."""


def status_of(value: str) -> FeedStatus:
    try:
        return FeedStatus(value)
    except ValueError:
        return FeedStatus.NEVER


def entry_fields(entry: FeedEntry, now: int) -> dict[str, Any] | None:
    """Sanitised column values of a feed entry, or ``None`` when it has no identity."""
    url = safe_url(entry.url) or ""
    key = url_key(url)
    summary = clean_text(entry.summary)
    title = clean_line(entry.title, 500) or clean_line(summary, 120) or url
    guid = clean_line(entry.guid, 1000) or url or (f"title:{title}" if title else "")
    if not guid:
        return None
    published = convert.to_ts(entry.published)
    return {
        "guid": guid,
        "url": url,
        "url_key": key,
        "title": title,
        "summary": summary,
        "author": clean_line(entry.author, 200),
        "image_url": safe_url(entry.image_url),
        "image_caption": clean_text(entry.image_caption) or None,
        "content_html": strip_controls(entry.content_html or "") or None,
        "published": published,
        "sort_time": min(published, now) if published is not None else now,
    }


def find_entry(conn: sqlite3.Connection, feed_id: int, guid: str, key: str | None) -> int | None:
    row = conn.execute(
        "SELECT id FROM articles WHERE feed_id = ? AND guid = ?", (feed_id, guid)
    ).fetchone()
    if row is None and key is not None:
        row = conn.execute(
            "SELECT id FROM articles WHERE url_key = ? AND feed_id = ? ORDER BY id LIMIT 1",
            (key, feed_id),
        ).fetchone()
    return int(row[0]) if row else None


def adopt_imported(
    conn: sqlite3.Connection, feed_id: int, guid: str, key: str | None
) -> int | None:
    """Move an imported bookmark with this URL into the feed that now carries it."""
    if key is None:
        return None
    row = conn.execute(
        """SELECT a.id FROM articles a JOIN feeds f ON f.id = a.feed_id
           WHERE f.url = ? AND a.url_key = ? ORDER BY a.id LIMIT 1""",
        (IMPORT_FEED_URL, key),
    ).fetchone()
    if row is None:
        return None
    conn.execute(
        "UPDATE articles SET feed_id = ?, guid = ?, source = NULL, category = NULL WHERE id = ?",
        (feed_id, guid, row[0]),
    )
    return int(row[0])


def insert_entry(conn: sqlite3.Connection, feed_id: int, f: dict[str, Any], now: int) -> int:
    row = conn.execute(
        """INSERT INTO articles (feed_id, guid, url, url_key, title, summary, author,
               image_url, image_caption, content_html, published, first_seen, sort_time)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
        (
            feed_id,
            f["guid"],
            f["url"],
            f["url_key"],
            f["title"],
            f["summary"],
            f["author"],
            f["image_url"],
            f["image_caption"],
            f["content_html"],
            f["published"],
            now,
            f["sort_time"],
        ),
    ).fetchone()
    return int(row[0])
