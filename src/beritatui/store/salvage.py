"""Read bookmarks out of a database, tolerating damage row by row.

Used for the normal export (:meth:`Store.bookmark_records`) and for a file
that :meth:`Store.open` moved aside (issue #6): each bookmark is read on its
own, so one damaged page loses at most the articles stored on it.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from beritatui.bodyformat import body_from_json
from beritatui.sanitize import clean_line, clean_text, safe_url
from beritatui.store import convert, schema
from beritatui.store.records import BookmarkRecord
from beritatui.store.schema import StoreError

_ID_QUERIES = (
    "SELECT id FROM articles WHERE bookmarked_at IS NOT NULL ORDER BY bookmarked_at DESC, id",
    "SELECT id FROM articles NOT INDEXED WHERE bookmarked_at IS NOT NULL",
    "SELECT id FROM articles INDEXED BY articles_bookmarked WHERE bookmarked_at IS NOT NULL",
)
_ROW_QUERIES = (
    """SELECT a.url, a.title, a.source, f.title, f.feed_title, f.url,
              COALESCE(a.category, f.category), a.published, a.first_seen,
              a.bookmarked_at, a.summary
       FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?""",
    """SELECT url, title, source, NULL, NULL, NULL, category, published, first_seen,
              bookmarked_at, summary FROM articles WHERE id = ?""",
)


def read_bookmarks(conn: sqlite3.Connection, *, tolerant: bool = False) -> list[BookmarkRecord]:
    """Every readable bookmark with its body; ``tolerant`` skips damaged rows."""
    records: list[BookmarkRecord] = []
    for article_id in _bookmark_ids(conn, tolerant):
        record = _read_record(conn, article_id, tolerant)
        if record is not None:
            records.append(record)
    return records


def salvage_bookmarks(path: Path) -> list[BookmarkRecord]:
    """Bookmarks readable from the database file at ``path`` (left untouched).

    The file (and its ``-wal``, so committed writes are included) is copied
    to a temporary folder first; SQLite may need to write while opening it.
    """
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"{path} is not a file.")
    with tempfile.TemporaryDirectory(prefix="beritatui-salvage-") as tmp:
        copy = Path(tmp) / "salvage.sqlite3"
        try:
            shutil.copyfile(path, copy)
            wal = path.with_name(path.name + "-wal")
            if wal.is_file():
                shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        except OSError as exc:
            raise StoreError(f"Cannot copy {path} to read it: {exc.strerror or exc}.") from None
        conn = sqlite3.connect(str(copy), isolation_level=None)
        try:
            _require_articles(conn, path)
            return read_bookmarks(conn, tolerant=True)
        finally:
            conn.close()


def _require_articles(conn: sqlite3.Connection, path: Path) -> None:
    try:
        found = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'"
        ).fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} cannot be read as a beritatui database ({exc}).") from None
    if found is None:
        raise StoreError(f"{path} holds no beritatui articles: nothing to export.")


def _bookmark_ids(conn: sqlite3.Connection, tolerant: bool) -> list[int]:
    """Ids of bookmarked articles; when tolerant, the union of what each path can read."""
    ids: dict[int, None] = {}
    for sql in _ID_QUERIES if tolerant else _ID_QUERIES[:1]:
        try:
            cursor = conn.execute(sql)
            for (article_id,) in _rows_until_error(cursor.fetchone, tolerant):
                ids.setdefault(int(article_id), None)
        except sqlite3.DatabaseError:
            if not tolerant:
                raise
        if not tolerant:
            break
    return list(ids)


def _rows_until_error(fetch: Callable[[], Any], tolerant: bool) -> Iterable[Any]:
    """Rows from ``fetch`` until the end, or until damage stops the scan."""
    while True:
        try:
            row = fetch()
        except sqlite3.DatabaseError:
            if not tolerant:
                raise
            return
        if row is None:
            return
        yield row


def _read_record(
    conn: sqlite3.Connection, article_id: int, tolerant: bool
) -> BookmarkRecord | None:
    row = None
    for sql in _ROW_QUERIES if tolerant else _ROW_QUERIES[:1]:
        try:
            row = conn.execute(sql, (article_id,)).fetchone()
            break
        except sqlite3.DatabaseError:
            if not tolerant:
                raise
    if row is None:
        return None
    url = safe_url(row[0]) or ""
    return BookmarkRecord(
        url=url,
        title=clean_line(row[1]) or url,
        source=clean_line(row[2] or row[3] or row[4])
        or (convert.host_of(row[5]) if row[5] else ""),
        category=clean_line(row[6]),
        published=convert.from_ts(row[7] if row[7] is not None else row[8]),
        bookmarked_at=convert.from_ts(row[9]),
        summary=clean_text(row[10]),
        body=_read_body(conn, article_id, url, tolerant),
    )


def _read_body(conn: sqlite3.Connection, article_id: int, url: str, tolerant: bool) -> Any:
    try:
        row = conn.execute(
            "SELECT body_json FROM bodies WHERE article_id = ?", (article_id,)
        ).fetchone()
    except sqlite3.DatabaseError:
        if not tolerant:
            raise
        return None
    body = body_from_json(row[0]) if row else None
    return convert.clean_article(body, url) if body is not None else None


__all__ = ["read_bookmarks", "salvage_bookmarks", "schema"]
