"""Store area: the feed table (config sync, fetch outcomes, cache headers)."""

from __future__ import annotations

from collections.abc import Sequence

from beritatui.config import FeedSpec
from beritatui.feeds.outcomes import NO_NOTE, Note
from beritatui.models import DEFAULT_CATEGORY, FeedInfo, FeedStatus
from beritatui.sanitize import clean_line, safe_url
from beritatui.store import convert
from beritatui.store.db import StoreCore, locked
from beritatui.store.entries import status_of
from beritatui.store.rows import feed_name


class FeedsMixin(StoreCore):
    """Feeds as configured and as last fetched."""

    @locked
    def sync_feeds(self, specs: Sequence[FeedSpec]) -> dict[str, int]:
        """Make the feed table match the config; returns url -> feed id.

        Feeds no longer configured become inactive: kept (bookmarks and joins
        need them), hidden from lists, and their articles pruned by retention.
        """
        ids: dict[str, int] = {}
        with self._write() as conn:
            conn.execute("UPDATE feeds SET active = 0 WHERE active = 1")
            for position, spec in enumerate(specs):
                url = safe_url(spec.url)
                if url is None or url in ids:
                    continue
                row = conn.execute(
                    """INSERT INTO feeds (url, category, title, user_agent, active, position)
                       VALUES (?, ?, ?, ?, 1, ?)
                       ON CONFLICT (url) DO UPDATE SET category = excluded.category,
                           title = excluded.title, user_agent = excluded.user_agent,
                           active = 1, position = excluded.position
                       RETURNING id""",
                    (
                        url,
                        clean_line(spec.category, 40) or DEFAULT_CATEGORY,
                        clean_line(spec.title, 80),
                        clean_line(spec.user_agent, 200),
                        position,
                    ),
                ).fetchone()
                ids[url] = int(row["id"])
        return ids

    @locked
    def feeds(self, *, active_only: bool = True) -> list[FeedInfo]:
        """Feeds with their last fetch outcome, in config order."""
        rows = self._db.execute(
            f"""SELECT f.id, f.url, f.category, f.title, f.feed_title, f.status, f.detail,
                       f.last_checked, f.last_ok,
                       (SELECT count(*) FROM articles a WHERE a.feed_id = f.id) AS articles,
                       (SELECT max(a.sort_time) FROM articles a WHERE a.feed_id = f.id) AS newest
                FROM feeds f {"WHERE f.active = 1" if active_only else ""}
                ORDER BY f.active DESC, f.position, f.id"""
        ).fetchall()
        return [
            FeedInfo(
                id=r["id"],
                url=r["url"],
                category=r["category"],
                title=feed_name(r["title"], r["feed_title"], r["url"]),
                status=status_of(r["status"]),
                detail=Note.decode(r["detail"]),
                last_checked=convert.from_ts(r["last_checked"]),
                last_ok=convert.from_ts(r["last_ok"]),
                article_count=r["articles"],
                newest=convert.from_ts(r["newest"]),
            )
            for r in rows
        ]

    @locked
    def feed_label(self, feed_id: int) -> str | None:
        """The name a feed is shown by (configured title, else its own, else the host)."""
        r = self._db.execute(
            "SELECT title, feed_title, url FROM feeds WHERE id = ?", (feed_id,)
        ).fetchone()
        return None if r is None else feed_name(r["title"], r["feed_title"], r["url"])

    @locked
    def feed_cache_headers(self, feed_id: int) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified of the last good fetch, for a conditional GET."""
        row = self._db.execute(
            "SELECT etag, last_modified FROM feeds WHERE id = ?", (feed_id,)
        ).fetchone()
        return (row["etag"], row["last_modified"]) if row else (None, None)

    @locked
    def record_fetch(
        self,
        feed_id: int,
        status: FeedStatus,
        detail: Note = NO_NOTE,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        title: str | None = None,
    ) -> None:
        """Remember a fetch outcome; cache headers and title only change when given."""
        now = self._now()
        with self._write() as conn:
            conn.execute(
                """UPDATE feeds SET status = ?, detail = ?, last_checked = ?,
                       last_ok = CASE WHEN ? THEN ? ELSE last_ok END,
                       etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),
                       feed_title = COALESCE(?, feed_title)
                   WHERE id = ?""",
                (
                    FeedStatus(status).value,
                    "" if detail == NO_NOTE else detail.encode(),
                    now,
                    FeedStatus(status).is_success,
                    now,
                    clean_line(etag, 300) if etag else None,
                    clean_line(last_modified, 100) if last_modified else None,
                    clean_line(title, 80) if title else None,
                    feed_id,
                ),
            )
