"""Store area: article bodies (the offline cache): what to download, save, re-extract."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from beritatui.bodyformat import body_to_json
from beritatui.feeds.outcomes import Note
from beritatui.models import ExtractedArticle
from beritatui.store import convert
from beritatui.store.db import StoreCore, chunks, locked, marks
from beritatui.store.rows import NEWEST_FIRST, ROW_FROM
from beritatui.store.search import reindexed

MAX_BODY_FAILURES = 3
"""After this many failed page downloads an article is no longer offered for prefetch."""
BODY_RETRY_AFTER = timedelta(hours=1)


def store_body(
    conn: sqlite3.Connection,
    article_id: int,
    article: ExtractedArticle,
    raw_html: bytes | None,
    extractor_version: int,
    now: int,
) -> None:
    """Write a cleaned body (and its search text) for ``article_id``, in ``conn``'s transaction."""
    clean = convert.clean_article(article)
    with reindexed(conn, "id = ?", (article_id,)):
        conn.execute(
            """INSERT INTO bodies (article_id, extractor_version, saved_at, failures, failed_at,
                                   error, body_text, body_json, raw_html)
               VALUES (?, ?, ?, 0, NULL, NULL, ?, ?, ?)
               ON CONFLICT (article_id) DO UPDATE SET
                   extractor_version = excluded.extractor_version,
                   saved_at = excluded.saved_at, failures = 0, failed_at = NULL, error = NULL,
                   body_text = excluded.body_text, body_json = excluded.body_json,
                   raw_html = COALESCE(excluded.raw_html, raw_html)""",
            (
                article_id,
                extractor_version,
                now,
                convert.search_text(clean),
                body_to_json(clean),
                convert.compress(raw_html),
            ),
        )


class BodiesMixin(StoreCore):
    """Downloaded and extracted pages."""

    @locked
    def articles_needing_body(
        self, *, limit: int = 200, ids: Sequence[int] | None = None
    ) -> list[tuple[int, str]]:
        """``(id, url)`` of articles to download, newest first.

        Skips articles with a body, without a URL, or whose page failed in the
        last hour or three times in all. Given ``ids`` (the user asked for
        these), earlier failures do not hold them back.
        """
        sql = f"""SELECT a.id AS id, a.url AS url FROM {ROW_FROM}
                  WHERE a.url != '' AND b.saved_at IS NULL"""
        params: list[Any] = []
        if ids is None:
            sql += """ AND (f.active = 1 OR a.bookmarked_at IS NOT NULL)
                       AND (b.article_id IS NULL OR (b.failures < ?
                            AND (b.failed_at IS NULL OR b.failed_at < ?)))"""
            params += [MAX_BODY_FAILURES, self._now() - int(BODY_RETRY_AFTER.total_seconds())]
            rows = self._db.execute(
                f"{sql} ORDER BY {NEWEST_FIRST} LIMIT ?", (*params, limit)
            ).fetchall()
            return [(r["id"], r["url"]) for r in rows]
        found: list[sqlite3.Row] = []
        for chunk in chunks(ids):
            found += self._db.execute(f"{sql} AND a.id IN ({marks(chunk)})", chunk).fetchall()
        order = {article_id: n for n, article_id in enumerate(dict.fromkeys(ids))}
        found.sort(key=lambda r: order[r["id"]])
        return [(r["id"], r["url"]) for r in found[:limit]]

    @locked
    def save_body(
        self,
        article_id: int,
        article: ExtractedArticle,
        raw_html: bytes | None,
        extractor_version: int,
    ) -> None:
        """Cache the cleaned article (and its page, compressed); clears past errors.

        ``raw_html=None`` keeps a page stored earlier (re-extraction).
        """
        now = self._now()
        with self._write() as conn:
            exists = conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            if exists is None:
                return
            store_body(conn, article_id, article, raw_html, extractor_version, now)

    @locked
    def save_body_error(self, article_id: int, error: Note) -> None:
        """Count a failed page download or extraction; a body saved earlier stays."""
        now = self._now()
        with self._write() as conn:
            exists = conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            if exists is None:
                return
            conn.execute(
                """INSERT INTO bodies (article_id, failures, failed_at, error)
                   VALUES (?, 1, ?, ?)
                   ON CONFLICT (article_id) DO UPDATE SET failures = failures + 1,
                       failed_at = excluded.failed_at, error = excluded.error""",
                (article_id, now, error.encode()),
            )

    @locked
    def stale_bodies(
        self, extractor_version: int, limit: int = 500
    ) -> list[tuple[int, str, bytes]]:
        """``(id, url, raw_html)`` of bodies made by an older extractor, newest first."""
        rows = self._db.execute(
            f"""SELECT a.id AS id, a.url AS url, b.raw_html AS raw_html FROM {ROW_FROM}
                WHERE b.saved_at IS NOT NULL AND b.extractor_version < ?
                  AND b.raw_html IS NOT NULL
                ORDER BY {NEWEST_FIRST} LIMIT ?""",
            (extractor_version, limit),
        ).fetchall()
        result: list[tuple[int, str, bytes]] = []
        for r in rows:
            raw = convert.decompress(r["raw_html"])
            if raw is not None:
                result.append((r["id"], r["url"], raw))
        return result

    @locked
    def raw_html(self, article_id: int) -> bytes | None:
        """The stored page of an article, decompressed, or ``None``."""
        row = self._db.execute(
            "SELECT raw_html FROM bodies WHERE article_id = ?", (article_id,)
        ).fetchone()
        return convert.decompress(row["raw_html"]) if row else None
