"""The shared core of :class:`~beritatui.store.Store`: one connection, one lock.

Every area of the store (feeds, articles, bodies, marks, search, maintenance)
is a mixin over :class:`StoreCore`. One connection per store, shared by the
UI's worker threads under one ``RLock``; short explicit transactions
(``BEGIN IMMEDIATE``) so another process (a second beritatui, or
``beritatui refresh``) can read through WAL while we write. Public methods
are wrapped in :func:`locked`, which also turns a SQLite error into
:class:`~beritatui.store.schema.StoreError`. Rows come back as
:class:`sqlite3.Row` and are read by column name.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Concatenate, ParamSpec, Self, TypeVar

from beritatui.clock import Clock
from beritatui.i18n import _
from beritatui.store import convert, schema
from beritatui.store.schema import StoreError

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound="StoreCore")

CHUNK = 500
"""Ids per ``IN (...)`` list."""


def locked(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Run a public method under the store lock, with SQLite errors made plain."""

    @functools.wraps(method)
    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._lock:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.Error as exc:
                raise schema.plain_error(exc, self.path) from exc

    return wrapper


def chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    """``ids`` without repeats, in lists short enough for one ``IN (...)``."""
    unique = list(dict.fromkeys(int(i) for i in ids))
    for start in range(0, len(unique), CHUNK):
        yield unique[start : start + CHUNK]


def marks(ids: Sequence[int]) -> str:
    """``?,?,?`` for an ``IN (...)`` list of ``ids``."""
    return ",".join("?" * len(ids))


class StoreCore:
    """Connection, lock, clock and transactions shared by every store area."""

    moved_aside: Path | None
    """Where a damaged or foreign file found by ``Store.open`` was moved, else ``None``."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, moved_aside: Path | None, clock: Clock
    ) -> None:
        conn.row_factory = sqlite3.Row
        self._conn: sqlite3.Connection | None = conn
        self._lock = threading.RLock()
        self.path = path
        self.moved_aside = moved_aside
        self.restored_bookmarks = 0
        """Bookmarks recovered from the moved-aside file into this fresh store."""
        self.clock: Clock = clock
        """The process clock (:mod:`beritatui.clock`): the service, app and widgets read it."""

    def close(self) -> None:
        """Close the connection; later calls raise :class:`StoreError`."""
        with self._lock:
            if self._conn is None:
                return
            with suppress(sqlite3.Error):  # optional housekeeping; closing matters more
                self._conn.execute("PRAGMA optimize")
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(_("The database is closed."))
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

    @staticmethod
    def _bump_data_version(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'"
        )
