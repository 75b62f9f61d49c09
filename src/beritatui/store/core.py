"""The :class:`Store`: every read and write of the SQLite database.

One connection per Store, shared by the UI's worker threads under one lock;
short explicit transactions (``BEGIN IMMEDIATE``) so another process (a second
beritatui, or ``beritatui refresh``) can read through WAL while we write.
Every public method turns a SQLite error into :class:`StoreError`.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from beritatui.clock import Clock, default_clock
from beritatui.config import FeedSpec
from beritatui.models import (
    ArticleDetail,
    ArticleRow,
    ExtractedArticle,
    FeedEntry,
    FeedInfo,
    FeedStatus,
)
from beritatui.sanitize import clean_line, clean_text, safe_url
from beritatui.store import convert, schema
from beritatui.store.entries import (
    IMPORT_FEED_URL,
    KnownEntries,
    entry_fields,
    find_entry,
    insert_entries,
    insert_entry,
    merged,
    status_of,
)
from beritatui.store.records import BookmarkRecord
from beritatui.store.schema import StoreError
from beritatui.urls import url_key

P = ParamSpec("P")
R = TypeVar("R")

IMPORT_FEED_TITLE = "Impor"
MAX_BODY_FAILURES = 3
"""After this many failed page downloads an article is no longer offered for prefetch."""
BODY_RETRY_AFTER = timedelta(hours=1)
SEARCH_WINDOW = 3000
"""Search ranks at most this many of the newest matching articles."""
_CHUNK = 500  # ids per IN (...) list

# Columns for ArticleRow, in the order _row() reads them.
_ROW_SELECT = """
    a.id, a.feed_id, a.source, f.title, f.feed_title, f.url,
    COALESCE(a.category, f.category), a.title, a.url, a.published, a.first_seen,
    a.is_read, a.bookmarked_at IS NOT NULL, b.saved_at IS NOT NULL
"""
_ROW_FROM = """
    articles a JOIN feeds f ON f.id = a.feed_id
    LEFT JOIN bodies b ON b.article_id = a.id
"""
_NEWEST_FIRST = "a.sort_time DESC, a.id DESC"


def _locked(method: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
    """Run a public method under the store lock, with SQLite errors made plain."""

    @functools.wraps(method)
    def wrapper(self: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._lock:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.Error as exc:
                raise schema.plain_error(exc, self.path) from exc

    return wrapper


def _feed_name(title: str, feed_title: str, url: str) -> str:
    return title or feed_title or convert.host_of(url)


def _row(r: Sequence[Any]) -> ArticleRow:
    """Build an ArticleRow from a ``_ROW_SELECT`` result."""
    return ArticleRow(
        id=r[0],
        feed_id=r[1],
        source=r[2] or _feed_name(r[3], r[4], r[5]),
        category=r[6],
        title=r[7],
        url=r[8],
        published=convert.from_ts(r[9] if r[9] is not None else r[10]),
        is_read=bool(r[11]),
        is_bookmarked=bool(r[12]),
        has_body=bool(r[13]),
    )


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    unique = list(dict.fromkeys(int(i) for i in ids))
    for start in range(0, len(unique), _CHUNK):
        yield unique[start : start + _CHUNK]


def _marks(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


class Store:
    """The article database (see the module docstring for the threading rules)."""

    moved_aside: Path | None
    """Where a damaged or foreign file found by :meth:`open` was moved, else ``None``."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, moved_aside: Path | None, clock: Clock
    ) -> None:
        self._conn: sqlite3.Connection | None = conn
        self._lock = threading.RLock()
        self.path = path
        self.moved_aside = moved_aside
        self.restored_bookmarks = 0
        """Bookmarks recovered from the moved-aside file into this fresh store."""
        self.clock: Clock = clock
        """The process clock (:mod:`beritatui.clock`): the service, app and widgets read it."""

    # -- opening and closing --------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, busy_timeout: float = 5.0, clock: Clock | None = None) -> Store:
        """Open (creating or upgrading) the database at ``path``.

        ``clock`` defaults to :func:`beritatui.clock.default_clock`.

        A damaged file or another program's database is renamed to
        ``<name>.corrupt-<UTC time>`` (never deleted) and a fresh one started;
        :attr:`moved_aside` says where it went, and the bookmarks still
        readable in it are copied over (:attr:`restored_bookmarks`).
        """
        path = Path(path)
        clock = clock or default_clock()
        schema.make_parent(path)
        moved: Path | None = None
        conn: sqlite3.Connection | None = None
        full_check = schema.wants_full_check(path)
        try:
            conn = schema.connect(path, busy_timeout)
            try:
                schema.check_file(path, conn, full=full_check)
            except schema.Unusable:
                conn.close()
                moved = schema.move_aside(path, clock())
                conn = schema.connect(path, busy_timeout)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            schema.migrate(conn, clock())
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            raise schema.plain_error(exc, path) from exc
        except BaseException:
            if conn is not None:
                conn.close()
            raise
        store = cls(conn, path, moved, clock)
        if moved is not None:
            store.restored_bookmarks = store._restore_from(moved)
        return store

    def _restore_from(self, moved: Path) -> int:
        """Copy the bookmarks still readable in a moved-aside file into this store."""
        from beritatui.store.salvage import salvage_bookmarks

        try:
            records = salvage_bookmarks(moved)
            return self.restore_bookmarks(records) if records else 0
        except (StoreError, OSError, sqlite3.Error):
            return 0  # foreign or unreadable: nothing to bring back

    def close(self) -> None:
        """Close the connection; later calls raise :class:`StoreError`."""
        with self._lock:
            if self._conn is None:
                return
            with suppress(sqlite3.Error):  # optional housekeeping; closing matters more
                self._conn.execute("PRAGMA optimize")
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("The database is closed.")
        return self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction; rolled back on any error."""
        conn = self._db
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _now(self) -> int:
        stamp = convert.to_ts(self.clock())
        assert stamp is not None
        return stamp

    def _bump_data_version(self, conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'"
        )

    # -- search index upkeep (external content: remove old values, add new) ---

    def _fts_remove(self, conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> None:
        conn.execute(
            "INSERT INTO articles_fts (articles_fts, rowid, title, summary, body)"
            f" SELECT 'delete', id, title, summary, body FROM fts_source WHERE {where}",
            params,
        )

    def _fts_add(self, conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> None:
        conn.execute(
            "INSERT INTO articles_fts (rowid, title, summary, body)"
            f" SELECT id, title, summary, body FROM fts_source WHERE {where}",
            params,
        )

    @_locked
    def rebuild_search_index(self) -> None:
        """Rebuild the full-text index from the stored articles (repair, bulk loads)."""
        with self._write() as conn:
            conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")

    # -- feeds ----------------------------------------------------------------

    @_locked
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
                        clean_line(spec.category, 40) or "Lainnya",
                        clean_line(spec.title, 80),
                        clean_line(spec.user_agent, 200),
                        position,
                    ),
                ).fetchone()
                ids[url] = int(row[0])
        return ids

    @_locked
    def feeds(self, *, active_only: bool = True) -> list[FeedInfo]:
        """Feeds with their last fetch outcome, in config order."""
        rows = self._db.execute(
            f"""SELECT f.id, f.url, f.category, f.title, f.feed_title, f.status, f.detail,
                       f.last_checked, f.last_ok,
                       (SELECT count(*) FROM articles a WHERE a.feed_id = f.id),
                       (SELECT max(a.sort_time) FROM articles a WHERE a.feed_id = f.id)
                FROM feeds f {"WHERE f.active = 1" if active_only else ""}
                ORDER BY f.active DESC, f.position, f.id"""
        ).fetchall()
        return [
            FeedInfo(
                id=r[0],
                url=r[1],
                category=r[2],
                title=_feed_name(r[3], r[4], r[1]),
                status=status_of(r[5]),
                detail=r[6],
                last_checked=convert.from_ts(r[7]),
                last_ok=convert.from_ts(r[8]),
                article_count=r[9],
                newest=convert.from_ts(r[10]),
            )
            for r in rows
        ]

    @_locked
    def feed_cache_headers(self, feed_id: int) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified of the last good fetch, for a conditional GET."""
        row = self._db.execute(
            "SELECT etag, last_modified FROM feeds WHERE id = ?", (feed_id,)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    @_locked
    def record_fetch(
        self,
        feed_id: int,
        status: FeedStatus,
        detail: str = "",
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
                    clean_line(detail, 300),
                    now,
                    FeedStatus(status).is_success,
                    now,
                    clean_line(etag, 300) if etag else None,
                    clean_line(last_modified, 100) if last_modified else None,
                    clean_line(title, 80) if title else None,
                    feed_id,
                ),
            )

    # -- articles from feeds --------------------------------------------------

    @_locked
    def upsert_entries(self, feed_id: int, entries: Sequence[FeedEntry]) -> list[int]:
        """Store feed entries; returns the ids of articles not seen before.

        An entry is the same article when its guid or its canonical URL matches
        one already in this feed; an imported bookmark with the same URL moves
        into this feed. Existing rows get fresh titles and summaries but keep
        their read state, bookmark and cached body.
        """
        now = self._now()
        with self._write() as conn:
            known = KnownEntries.load(conn, feed_id)
            fresh: dict[str, dict[str, Any]] = {}  # guid -> fields, rows to insert
            changed = False
            for entry in entries:
                fields = entry_fields(entry, now)
                if fields is None:
                    continue
                existing = known.find(fields["guid"], fields["url_key"])
                if existing is None:
                    existing = known.adopt_imported(
                        conn, feed_id, fields["guid"], fields["url_key"]
                    )
                    changed |= existing is not None
                if isinstance(existing, str):  # an entry earlier in this batch
                    fresh[existing] = merged(fresh[existing], fields, now)
                    known.moved(existing, fresh[existing]["url_key"])
                elif existing is None:
                    fresh[fields["guid"]] = fields
                    known.add(fields["guid"], fields["url_key"], fields["guid"])
                elif self._update_entry(conn, existing, fields):
                    known.moved(existing, fields["url_key"])
                    changed = True
            new_ids = insert_entries(conn, feed_id, list(fresh.values()), now)
            if new_ids:
                self._fts_add(conn, "id BETWEEN ? AND ?", (new_ids[0], new_ids[-1]))
            if changed or new_ids:
                self._bump_data_version(conn)
        return new_ids

    def _update_entry(self, conn: sqlite3.Connection, article_id: int, f: dict[str, Any]) -> bool:
        """Refresh an existing row from a new copy of its entry; True when it changed."""
        old = conn.execute(
            """SELECT title, summary, author, image_url, image_caption, content_html,
                      published, url, url_key FROM articles WHERE id = ?""",
            (article_id,),
        ).fetchone()
        new = (
            f["title"] or old[0],
            f["summary"] or old[1],
            f["author"] or old[2],
            f["image_url"] or old[3],
            f["image_caption"] or old[4],
            f["content_html"] or old[5],
            f["published"] if f["published"] is not None else old[6],
            f["url"] or old[7],
            f["url_key"] or old[8],
        )
        if tuple(new) == tuple(old):
            return False
        text_changed = new[0] != old[0] or new[1] != old[1]
        if text_changed:
            self._fts_remove(conn, "id = ?", (article_id,))
        conn.execute(
            """UPDATE articles SET title = ?, summary = ?, author = ?, image_url = ?,
                   image_caption = ?, content_html = ?, published = ?, url = ?, url_key = ?,
                   sort_time = CASE WHEN ? IS NULL THEN first_seen ELSE min(?, ?) END
               WHERE id = ?""",
            (*new, new[6], new[6], self._now(), article_id),
        )
        if text_changed:
            self._fts_add(conn, "id = ?", (article_id,))
        return True

    # -- browsing -------------------------------------------------------------

    @_locked
    def categories(self) -> list[tuple[str, int, int]]:
        """``(category, total, unread)`` over active feeds, in config order."""
        rows = self._db.execute(
            """SELECT f.category, count(a.id), coalesce(sum(a.is_read = 0), 0)
               FROM feeds f LEFT JOIN articles a ON a.feed_id = f.id
               WHERE f.active = 1 GROUP BY f.category ORDER BY min(f.position)"""
        ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    @_locked
    def totals(self) -> tuple[int, int]:
        """``(total, unread)`` over all active feeds (the "Semua" entry)."""
        row = self._db.execute(
            """SELECT count(*), coalesce(sum(a.is_read = 0), 0)
               FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE f.active = 1"""
        ).fetchone()
        return int(row[0]), int(row[1])

    @_locked
    def list_articles(
        self,
        *,
        category: str | None = None,
        bookmarked: bool = False,
        unread_only: bool = False,
        limit: int = 1000,
        offset: int = 0,
        ids: Sequence[int] | None = None,
    ) -> list[ArticleRow]:
        """Articles newest first (published, else first seen).

        ``category=None`` means every active feed. ``bookmarked=True`` lists all
        bookmarks, whatever their feed's state. With ``ids`` only those
        articles are considered (active or not), still filtered and ordered.
        """
        where: list[str] = []
        params: list[Any] = []
        if bookmarked:
            where.append("a.bookmarked_at IS NOT NULL")
            if category is not None:
                where.append("COALESCE(a.category, f.category) = ?")
                params.append(category)
        else:
            if ids is None:
                where.append("f.active = 1")
            if category is not None:
                where.append("f.category = ?")
                params.append(category)
        if unread_only:
            where.append("a.is_read = 0")
        if ids is None:
            return self._select_rows(where, params, limit, offset)
        rows: list[ArticleRow] = []
        for chunk in _chunks(ids):
            rows += self._select_rows([*where, f"a.id IN ({_marks(chunk)})"], params + chunk)
        rows.sort(key=lambda r: (r.published or datetime.min.replace(tzinfo=UTC), r.id))
        rows.reverse()
        return rows[offset : offset + limit] if limit >= 0 else rows[offset:]

    def _select_rows(
        self, where: list[str], params: list[Any], limit: int = -1, offset: int = 0
    ) -> list[ArticleRow]:
        clause = " AND ".join(where) or "1"
        rows = self._db.execute(
            f"SELECT {_ROW_SELECT} FROM {_ROW_FROM} WHERE {clause}"
            f" ORDER BY {_NEWEST_FIRST} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return [_row(r) for r in rows]

    @_locked
    def count_articles(self, *, category: str | None = None) -> int:
        """How many articles the active feeds (of ``category``) hold."""
        sql = "SELECT count(*) FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE f.active = 1"
        params: tuple[Any, ...] = ()
        if category is not None:
            sql += " AND f.category = ?"
            params = (category,)
        return int(self._db.execute(sql, params).fetchone()[0])

    @_locked
    def get_article(self, article_id: int) -> ArticleDetail | None:
        """Everything the reader needs, including the cached body if any."""
        return self._detail("a.id = ?", (article_id,))

    @_locked
    def find_by_url(self, url: str) -> ArticleDetail | None:
        """The stored article with this URL (any feed; bookmarked copies first)."""
        key = url_key(url)
        if key is None:
            return None
        return self._detail(
            "a.url_key = ? ORDER BY a.bookmarked_at IS NULL, b.saved_at IS NULL, a.id", (key,)
        )

    def _detail(self, where: str, params: Sequence[Any]) -> ArticleDetail | None:
        r = self._db.execute(
            f"""SELECT {_ROW_SELECT}, a.summary, a.author, a.image_url, a.image_caption,
                       a.content_html, b.body_json, b.error
                FROM {_ROW_FROM} WHERE {where} LIMIT 1""",
            params,
        ).fetchone()
        if r is None:
            return None
        return ArticleDetail(
            row=_row(r),
            summary=r[14],
            author=r[15],
            image_url=r[16],
            image_caption=r[17],
            content_html=r[18],
            body=convert.article_from_json(r[19]),
            body_error=r[20] if r[19] is None else None,
        )

    @_locked
    def recent_articles(self, since: datetime) -> list[tuple[ArticleRow, str]]:
        """Articles of active feeds newer than ``since`` with their summaries (trending)."""
        rows = self._db.execute(
            f"""SELECT {_ROW_SELECT}, a.summary FROM {_ROW_FROM}
                WHERE f.active = 1 AND a.sort_time >= ? ORDER BY {_NEWEST_FIRST}""",
            (convert.to_ts(since),),
        ).fetchall()
        return [(_row(r), r[14]) for r in rows]

    # -- bodies (offline cache) -------------------------------------------------

    @_locked
    def articles_needing_body(
        self, *, limit: int = 200, ids: Sequence[int] | None = None
    ) -> list[tuple[int, str]]:
        """``(id, url)`` of articles to download, newest first.

        Skips articles with a body, without a URL, or whose page failed in the
        last hour or three times in all. Given ``ids`` (the user asked for
        these), earlier failures do not hold them back.
        """
        sql = f"""SELECT a.id, a.url FROM {_ROW_FROM}
                  WHERE a.url != '' AND b.saved_at IS NULL"""
        params: list[Any] = []
        if ids is None:
            sql += """ AND (f.active = 1 OR a.bookmarked_at IS NOT NULL)
                       AND (b.article_id IS NULL OR (b.failures < ?
                            AND (b.failed_at IS NULL OR b.failed_at < ?)))"""
            params += [MAX_BODY_FAILURES, self._now() - int(BODY_RETRY_AFTER.total_seconds())]
            rows = self._db.execute(
                f"{sql} ORDER BY {_NEWEST_FIRST} LIMIT ?", (*params, limit)
            ).fetchall()
            return [(r[0], r[1]) for r in rows]
        found: list[tuple[int, str]] = []
        for chunk in _chunks(ids):
            found += self._db.execute(f"{sql} AND a.id IN ({_marks(chunk)})", chunk).fetchall()
        order = {article_id: n for n, article_id in enumerate(dict.fromkeys(ids))}
        found.sort(key=lambda item: order[item[0]])
        return [(r[0], r[1]) for r in found[:limit]]

    @_locked
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
        with self._write() as conn:
            exists = conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            if exists is None:
                return
            self._store_body(conn, article_id, article, raw_html, extractor_version)

    def _store_body(
        self,
        conn: sqlite3.Connection,
        article_id: int,
        article: ExtractedArticle,
        raw_html: bytes | None,
        extractor_version: int,
    ) -> None:
        clean = convert.clean_article(article)
        self._fts_remove(conn, "id = ?", (article_id,))
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
                self._now(),
                convert.search_text(clean),
                convert.article_to_json(clean),
                convert.compress(raw_html),
            ),
        )
        self._fts_add(conn, "id = ?", (article_id,))

    @_locked
    def save_body_error(self, article_id: int, error: str) -> None:
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
                (article_id, now, clean_line(error, 300) or "unknown error"),
            )

    @_locked
    def stale_bodies(
        self, extractor_version: int, limit: int = 500
    ) -> list[tuple[int, str, bytes]]:
        """``(id, url, raw_html)`` of bodies made by an older extractor, newest first."""
        rows = self._db.execute(
            f"""SELECT a.id, a.url, b.raw_html FROM {_ROW_FROM}
                WHERE b.saved_at IS NOT NULL AND b.extractor_version < ?
                  AND b.raw_html IS NOT NULL
                ORDER BY {_NEWEST_FIRST} LIMIT ?""",
            (extractor_version, limit),
        ).fetchall()
        result: list[tuple[int, str, bytes]] = []
        for article_id, url, blob in rows:
            raw = convert.decompress(blob)
            if raw is not None:
                result.append((article_id, url, raw))
        return result

    @_locked
    def raw_html(self, article_id: int) -> bytes | None:
        """The stored page of an article, decompressed, or ``None``."""
        row = self._db.execute(
            "SELECT raw_html FROM bodies WHERE article_id = ?", (article_id,)
        ).fetchone()
        return convert.decompress(row[0]) if row else None

    # -- read and bookmark state ---------------------------------------------

    @_locked
    def set_read(self, article_id: int, read: bool) -> None:
        """Mark one article read or unread."""
        with self._write() as conn:
            conn.execute("UPDATE articles SET is_read = ? WHERE id = ?", (int(read), article_id))

    @_locked
    def mark_all_read(self, category: str | None = None) -> int:
        """Mark every unread article of the active feeds (of ``category``) read."""
        sql = "SELECT id FROM feeds WHERE active = 1"
        params: tuple[Any, ...] = ()
        if category is not None:
            sql += " AND category = ?"
            params = (category,)
        with self._write() as conn:
            cursor = conn.execute(
                f"UPDATE articles SET is_read = 1 WHERE is_read = 0 AND feed_id IN ({sql})",
                params,
            )
            return int(cursor.rowcount)

    @_locked
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

    @_locked
    def is_bookmarked(self, article_id: int) -> bool:
        """True when the article is saved."""
        row = self._db.execute(
            "SELECT bookmarked_at IS NOT NULL FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return bool(row and row[0])

    # -- search ---------------------------------------------------------------

    @_locked
    def search(self, query: str, *, limit: int = 100) -> list[ArticleRow]:
        """Full-text search over title, summary and body, best match first.

        Any input is safe: words are quoted, so FTS syntax is plain text; the
        last word matches as a prefix. Accents are folded (``kafe`` finds
        ``kafé``). Bookmarks of removed feeds are included. Only the newest
        :data:`SEARCH_WINDOW` matches are ranked (bounded time).
        """
        match = convert.fts_query(query)
        if match is None:
            return []
        conn = self._db
        # Bound the ranking work: score only the newest SEARCH_WINDOW matches, so
        # a word found in every article stays fast however large the cache is.
        floor = conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
            " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (match, SEARCH_WINDOW - 1),
        ).fetchone()
        window = " AND rowid >= ?" if floor else ""
        params: tuple[Any, ...] = (match, floor[0]) if floor else (match,)
        rows = conn.execute(
            f"""WITH hits AS (
                    SELECT rowid AS id, rank FROM articles_fts
                    WHERE articles_fts MATCH ? AND rank MATCH 'bm25(10.0, 3.0, 1.0)'{window})
                SELECT {_ROW_SELECT} FROM hits
                JOIN articles a ON a.id = hits.id JOIN feeds f ON f.id = a.feed_id
                LEFT JOIN bodies b ON b.article_id = a.id
                WHERE f.active = 1 OR a.bookmarked_at IS NOT NULL
                ORDER BY hits.rank, {_NEWEST_FIRST} LIMIT ?""",
            (*params, limit),
        ).fetchall()
        return [_row(r) for r in rows]

    # -- maintenance ------------------------------------------------------------

    @_locked
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
                chosen = "id IN (SELECT id FROM temp.prune_ids)"
                self._fts_remove(conn, chosen, ())
                conn.execute(
                    "DELETE FROM bodies WHERE article_id IN (SELECT id FROM temp.prune_ids)"
                )
                conn.execute(f"DELETE FROM articles WHERE {chosen}")
                self._bump_data_version(conn)
            conn.execute("DELETE FROM temp.prune_ids")
        return count

    @_locked
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
        last = int(row[0]) if row else 0
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

    @_locked
    def integrity_ok(self) -> bool:
        """True when SQLite's full integrity check passes."""
        rows = self._db.execute("PRAGMA integrity_check").fetchall()
        return len(rows) == 1 and rows[0][0] == "ok"

    @_locked
    def data_version(self) -> int:
        """A number that changes whenever articles are added, changed or removed."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        return int(row[0]) if row else 0

    @_locked
    def stats(self) -> dict[str, int]:
        """Counts for the status view: articles, bodies, bookmarks, feeds, db bytes."""
        conn = self._db
        counts = conn.execute(
            """SELECT (SELECT count(*) FROM articles),
                      (SELECT count(*) FROM bodies WHERE saved_at IS NOT NULL),
                      (SELECT count(*) FROM articles WHERE bookmarked_at IS NOT NULL),
                      (SELECT count(*) FROM feeds WHERE active = 1)"""
        ).fetchone()
        size = 0
        for suffix in ("", "-wal"):
            with suppress(OSError):
                size += self.path.with_name(self.path.name + suffix).stat().st_size
        return {
            "articles": counts[0],
            "bodies": counts[1],
            "bookmarks": counts[2],
            "feeds": counts[3],
            "db_bytes": size,
        }

    # -- backup ---------------------------------------------------------------

    @_locked
    def bookmark_records(self) -> list[BookmarkRecord]:
        """Every bookmark with its body, newest saved first (for export)."""
        from beritatui.store.salvage import read_bookmarks

        return read_bookmarks(self._db)

    @_locked
    def restore_bookmarks(self, records: Sequence[BookmarkRecord]) -> int:
        """Bookmark these articles, creating missing ones under the "Impor" feed.

        An article already stored (same canonical URL) is bookmarked and gets
        the backed-up body if it has none. One transaction; returns the count.
        """
        now = self._now()
        with self._write() as conn:
            feed_id = self._import_feed(conn)
            for record in records:
                article_id = self._restore_one(conn, feed_id, record, now)
                has_body = conn.execute(
                    "SELECT 1 FROM bodies WHERE article_id = ? AND saved_at IS NOT NULL",
                    (article_id,),
                ).fetchone()
                if record.body is not None and not has_body:
                    self._store_body(conn, article_id, record.body, None, 0)
            if records:
                self._bump_data_version(conn)
        return len(records)

    def _import_feed(self, conn: sqlite3.Connection) -> int:
        row = conn.execute(
            """INSERT INTO feeds (url, category, title, active, position)
               VALUES (?, ?, ?, 0, 1000000)
               ON CONFLICT (url) DO UPDATE SET active = 0 RETURNING id""",
            (IMPORT_FEED_URL, IMPORT_FEED_TITLE, IMPORT_FEED_TITLE),
        ).fetchone()
        return int(row[0])

    def _restore_one(
        self, conn: sqlite3.Connection, feed_id: int, record: BookmarkRecord, now: int
    ) -> int:
        url = safe_url(record.url) or ""
        key = url_key(url)
        saved = convert.to_ts(record.bookmarked_at) or now
        row = conn.execute(
            "SELECT id FROM articles WHERE url_key = ? ORDER BY id LIMIT 1", (key,)
        ).fetchone()
        if row is not None:
            conn.execute(
                "UPDATE articles SET bookmarked_at = COALESCE(bookmarked_at, ?) WHERE id = ?",
                (saved, row[0]),
            )
            return int(row[0])
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
            self._fts_add(conn, "id = ?", (article_id,))
        return article_id
