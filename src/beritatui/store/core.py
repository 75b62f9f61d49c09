"""The :class:`Store`: every read and write of the SQLite database.

One class for callers, put together from one mixin per area over the shared
connection-and-lock core (:mod:`beritatui.store.db`): feeds
(:mod:`~beritatui.store.feeds`), feed entries (:mod:`~beritatui.store.entries`),
browsing (:mod:`~beritatui.store.articles`), bodies (:mod:`~beritatui.store.bodies`),
read and bookmark marks (:mod:`~beritatui.store.marks`), search
(:mod:`~beritatui.store.search`) and upkeep (:mod:`~beritatui.store.maintenance`).
Every public method turns a SQLite error into :class:`StoreError`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from beritatui.clock import Clock, default_clock
from beritatui.store import schema
from beritatui.store.articles import ArticlesMixin
from beritatui.store.bodies import BodiesMixin
from beritatui.store.entries import EntriesMixin
from beritatui.store.feeds import FeedsMixin
from beritatui.store.maintenance import MaintenanceMixin
from beritatui.store.marks import MarksMixin
from beritatui.store.schema import StoreError
from beritatui.store.search import SearchMixin

__all__ = ["Store", "StoreError"]


class Store(
    FeedsMixin,
    EntriesMixin,
    ArticlesMixin,
    BodiesMixin,
    MarksMixin,
    SearchMixin,
    MaintenanceMixin,
):
    """The article database (threading rules: :mod:`beritatui.store.db`)."""

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
