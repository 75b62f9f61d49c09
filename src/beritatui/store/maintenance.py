"""Store area: upkeep (retention, vacuum, integrity) and counters."""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from datetime import datetime, timedelta
from typing import Any

from beritatui.store import convert, schema
from beritatui.store.db import StoreCore, locked
from beritatui.store.search import reindexed


class MaintenanceMixin(StoreCore):
    """Pruning, vacuum, integrity check, data version and stats."""

    @locked
    def prune(self, *, retention_days: int, per_feed: int, now: datetime | None = None) -> int:
        """Delete old non-bookmarked articles with their bodies; returns how many.

        Older than ``retention_days`` (0: no age limit) or beyond the
        ``per_feed`` newest of their feed (0: no cap), active feed or not.
        """
        rules: list[str] = []
        params: list[Any] = []
        if retention_days > 0:
            cutoff = convert.to_ts((now or self.clock()) - timedelta(days=retention_days))
            rules.append("SELECT id FROM articles WHERE bookmarked_at IS NULL AND sort_time < ?")
            params.append(cutoff)
        if per_feed > 0:
            rules.append(
                """SELECT id FROM (SELECT id, row_number() OVER (
                       PARTITION BY feed_id ORDER BY sort_time DESC, id DESC) AS n
                   FROM articles WHERE bookmarked_at IS NULL) WHERE n > ?"""
            )
            params.append(per_feed)
        if not rules:
            return 0
        with self._write() as conn:
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS prune_ids (id INTEGER PRIMARY KEY)")
            conn.execute("DELETE FROM temp.prune_ids")
            conn.execute(f"INSERT INTO temp.prune_ids {' UNION '.join(rules)}", params)
            count = int(conn.execute("SELECT count(*) FROM temp.prune_ids").fetchone()[0])
            if count:
                chosen = "SELECT id FROM temp.prune_ids"
                with reindexed(conn, f"id IN ({chosen})"):
                    conn.execute(f"DELETE FROM bodies WHERE article_id IN ({chosen})")
                    conn.execute(f"DELETE FROM articles WHERE id IN ({chosen})")
                self._bump_data_version(conn)
            conn.execute("DELETE FROM temp.prune_ids")
        return count

    @locked
    def maybe_vacuum(self, *, min_interval_days: int = 7) -> bool:
        """VACUUM when the last one is ``min_interval_days`` old; True when it ran.

        A busy database or a full disk skips it quietly: it is only upkeep.
        """
        conn = self._db
        now = self._now()
        row = conn.execute(
            "SELECT value FROM meta WHERE key IN ('last_vacuum', 'created')"
            " ORDER BY key = 'last_vacuum' DESC LIMIT 1"
        ).fetchone()
        last = int(row["value"]) if row else 0
        if now - last < min_interval_days * 86400:
            return False
        try:
            conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError as exc:
            if schema.is_damage(exc):
                raise
            return False
        with self._write() as w:
            w.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('last_vacuum', ?)", (str(now),)
            )
        return True

    @locked
    def integrity_ok(self) -> bool:
        """True when SQLite's full integrity check passes."""
        rows = self._db.execute("PRAGMA integrity_check").fetchall()
        return len(rows) == 1 and rows[0][0] == "ok"

    @locked
    def data_version(self) -> int:
        """A number that changes whenever articles are added, changed or removed."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        return int(row["value"]) if row else 0

    @locked
    def stats(self) -> dict[str, int]:
        """Counts for the status view: articles, bodies, bookmarks, feeds, db bytes."""
        counts = self._db.execute(
            """SELECT (SELECT count(*) FROM articles) AS articles,
                      (SELECT count(*) FROM bodies WHERE saved_at IS NOT NULL) AS bodies,
                      (SELECT count(*) FROM articles WHERE bookmarked_at IS NOT NULL)
                          AS bookmarks,
                      (SELECT count(*) FROM feeds WHERE active = 1) AS feeds"""
        ).fetchone()
        size = 0
        for suffix in ("", "-wal"):
            with suppress(OSError):
                size += self.path.with_name(self.path.name + suffix).stat().st_size
        return {key: counts[key] for key in ("articles", "bodies", "bookmarks", "feeds")} | {
            "db_bytes": size
        }
