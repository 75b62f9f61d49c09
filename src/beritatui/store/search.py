"""Full-text search and the one place that keeps its index in step.

``articles_fts`` is an external-content FTS5 index over the ``fts_source``
view (title, summary, body text). External content means SQLite does not
follow the tables by itself: every change of those columns goes through
:func:`reindexed` (existing rows) or :func:`index_new` (a new row), in the
same transaction as the change.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from beritatui.models import ArticleRow
from beritatui.store import convert
from beritatui.store.db import StoreCore, locked
from beritatui.store.rows import NEWEST_FIRST, ROW_SELECT, article_row

SEARCH_WINDOW = 3000
"""Search ranks at most this many of the newest matching articles."""


@contextmanager
def reindexed(conn: sqlite3.Connection, where: str, params: Sequence[Any] = ()) -> Iterator[None]:
    """Around a change of the articles chosen by ``where`` (on ``fts_source``).

    Their old values leave the index before the change and their new values
    (none, once deleted) enter it after.
    """
    conn.execute(
        "INSERT INTO articles_fts (articles_fts, rowid, title, summary, body)"
        f" SELECT 'delete', id, title, summary, body FROM fts_source WHERE {where}",
        params,
    )
    yield
    _add(conn, where, params)


def index_new(conn: sqlite3.Connection, first: int, last: int | None = None) -> None:
    """Index the articles just inserted: id ``first`` (to ``last``, a batch)."""
    _add(conn, "id BETWEEN ? AND ?", (first, first if last is None else last))


def _add(conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> None:
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, summary, body)"
        f" SELECT id, title, summary, body FROM fts_source WHERE {where}",
        params,
    )


class SearchMixin(StoreCore):
    """Ranked full-text search; index rebuild."""

    @locked
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
                    SELECT rowid AS hit_id, rank FROM articles_fts
                    WHERE articles_fts MATCH ? AND rank MATCH 'bm25(10.0, 3.0, 1.0)'{window})
                SELECT {ROW_SELECT} FROM hits
                JOIN articles a ON a.id = hits.hit_id JOIN feeds f ON f.id = a.feed_id
                LEFT JOIN bodies b ON b.article_id = a.id
                WHERE f.active = 1 OR a.bookmarked_at IS NOT NULL
                ORDER BY hits.rank, {NEWEST_FIRST} LIMIT ?""",
            (*params, limit),
        ).fetchall()
        return [article_row(r) for r in rows]

    @locked
    def rebuild_search_index(self) -> None:
        """Rebuild the full-text index from the stored articles (repair, bulk loads)."""
        with self._write() as conn:
            conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
