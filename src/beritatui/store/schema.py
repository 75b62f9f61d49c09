"""Database file handling: schema, migrations, opening, recovery, error wording.

The schema version lives in ``PRAGMA user_version`` and our mark in
``PRAGMA application_id``, so a file made by another program is recognised
and moved aside instead of being written into.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from beritatui.i18n import _

APPLICATION_ID = 0x42525455  # "BRTU"
SQLITE_MAGIC = b"SQLite format 3\x00"

# SQLite primary result codes we turn into plain words.
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26
# Extended I/O error codes raised while writing: IOERR_WRITE, _FSYNC, _TRUNCATE, _SHMSIZE.
_IOERR_WRITING = frozenset({10 | (3 << 8), 10 | (4 << 8), 10 | (6 << 8), 10 | (19 << 8)})

# One tuple of statements per schema version; index 0 upgrades version 0 -> 1.
# Never edit a released entry: append a new one.
MIGRATIONS: list[tuple[str, ...]] = [
    (
        f"PRAGMA application_id = {APPLICATION_ID}",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
        """CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            category TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',       -- from config
            feed_title TEXT NOT NULL DEFAULT '',  -- as the feed calls itself
            user_agent TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1,
            position INTEGER NOT NULL DEFAULT 0,  -- config order
            status TEXT NOT NULL DEFAULT 'never fetched',
            detail TEXT NOT NULL DEFAULT '',
            etag TEXT,
            last_modified TEXT,
            last_checked INTEGER,
            last_ok INTEGER
        )""",
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            feed_id INTEGER NOT NULL REFERENCES feeds(id),
            guid TEXT NOT NULL,
            url TEXT NOT NULL DEFAULT '',
            url_key TEXT,                 -- canonical URL (see url_key)
            title TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            image_url TEXT,
            image_caption TEXT,
            content_html TEXT,
            published INTEGER,            -- UTC seconds, as the feed says
            first_seen INTEGER NOT NULL,
            sort_time INTEGER NOT NULL,   -- published (never in the future), else first_seen
            is_read INTEGER NOT NULL DEFAULT 0,
            bookmarked_at INTEGER,
            source TEXT,                  -- overrides the feed name (imported bookmarks)
            category TEXT,                -- overrides the feed category (imported bookmarks)
            UNIQUE (feed_id, guid)
        )""",
        "CREATE INDEX articles_feed_time ON articles (feed_id, sort_time DESC, is_read)",
        "CREATE INDEX articles_time ON articles (sort_time DESC)",
        "CREATE INDEX articles_url ON articles (url_key, feed_id) WHERE url_key IS NOT NULL",
        "CREATE INDEX articles_bookmarked ON articles (bookmarked_at)"
        " WHERE bookmarked_at IS NOT NULL",
        """CREATE TABLE bodies (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            extractor_version INTEGER,    -- NULL until a body is saved
            saved_at INTEGER,
            failures INTEGER NOT NULL DEFAULT 0,
            failed_at INTEGER,
            error TEXT,
            body_text TEXT,               -- what search indexes
            body_json TEXT,               -- beritatui.bodyformat (every field)
            raw_html BLOB                 -- zlib-compressed page
        )""",
        # External-content FTS5 index over a view; kept in sync by Store in the
        # same transaction as every change of title, summary or body.
        """CREATE VIEW fts_source AS
            SELECT a.id AS id, a.title AS title, a.summary AS summary,
                   (SELECT b.body_text FROM bodies b WHERE b.article_id = a.id) AS body
            FROM articles a""",
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, summary, body,
            content='fts_source', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2', prefix='2 3'
        )""",
        "INSERT INTO meta (key, value) VALUES ('created', :now)",  # the store's clock
        "INSERT INTO meta (key, value) VALUES ('data_version', '0')",
    ),
    # 1 -> 2: per-feed article and unread counts kept by triggers, so the sidebar's
    # counts read a row per feed instead of scanning every article.
    (
        """CREATE TABLE feed_counts (
            feed_id INTEGER PRIMARY KEY,
            total INTEGER NOT NULL DEFAULT 0,
            unread INTEGER NOT NULL DEFAULT 0
        )""",
        """INSERT INTO feed_counts (feed_id, total, unread)
            SELECT feed_id, count(*), sum(is_read = 0) FROM articles GROUP BY feed_id""",
        """CREATE TRIGGER feed_counts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO feed_counts (feed_id, total, unread)
                VALUES (new.feed_id, 1, new.is_read = 0)
                ON CONFLICT (feed_id) DO UPDATE
                SET total = total + 1, unread = unread + (new.is_read = 0);
        END""",
        """CREATE TRIGGER feed_counts_delete AFTER DELETE ON articles BEGIN
            UPDATE feed_counts SET total = total - 1, unread = unread - (old.is_read = 0)
                WHERE feed_id = old.feed_id;
        END""",
        """CREATE TRIGGER feed_counts_update AFTER UPDATE OF is_read, feed_id ON articles
            WHEN old.is_read IS NOT new.is_read OR old.feed_id IS NOT new.feed_id BEGIN
            UPDATE feed_counts SET total = total - 1, unread = unread - (old.is_read = 0)
                WHERE feed_id = old.feed_id;
            INSERT INTO feed_counts (feed_id, total, unread)
                VALUES (new.feed_id, 1, new.is_read = 0)
                ON CONFLICT (feed_id) DO UPDATE
                SET total = total + 1, unread = unread + (new.is_read = 0);
        END""",
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """A storage problem; ``str()`` is a plain message for the user."""


class Unusable(Exception):
    """The file is damaged or belongs to another program (internal)."""


def connect(path: Path, busy_timeout: float, *, uri: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (we issue BEGIN/COMMIT ourselves)."""
    conn = sqlite3.connect(
        str(path), timeout=busy_timeout, isolation_level=None, check_same_thread=False, uri=uri
    )
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024
"""Databases up to this size get ``PRAGMA quick_check`` on every open (cheap there)."""


def wants_full_check(path: Path) -> bool:
    """Whether opening ``path`` should pay for ``PRAGMA quick_check``.

    Always for small files; for big ones (where it costs 100+ ms of start-up)
    only after an unclean shutdown, which leaves a ``-wal`` file behind. Call
    before connecting: a connection to a WAL database creates that file.
    """
    try:
        size = path.stat().st_size
    except OSError:
        return True
    return size <= FULL_CHECK_MAX_BYTES or path.with_name(path.name + "-wal").exists()


def check_file(path: Path, conn: sqlite3.Connection, *, full: bool = True) -> None:
    """Raise :class:`Unusable` for a damaged or foreign file, StoreError for a newer one.

    ``full`` adds ``PRAGMA quick_check``; the header, owner and version are always checked.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(
            _("Cannot read the database {path}: {reason}.").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
    if header != SQLITE_MAGIC:
        raise Unusable(_("not a database"))
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID:
            if version != 0 or objects:
                raise Unusable(_("made by another program"))
            return
        if version > SCHEMA_VERSION:
            raise StoreError(
                _(
                    "The database {path} was made by a newer beritatui (schema {version}, "
                    "this version knows up to {known}). Update beritatui, or move "
                    "the file away to start fresh."
                ).format(path=path, version=version, known=SCHEMA_VERSION)
            )
        result = conn.execute("PRAGMA quick_check").fetchone()[0] if full else "ok"
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            raise Unusable(str(exc)) from None
        raise
    if result != "ok":
        raise Unusable(_("integrity check failed: {result}").format(result=result))


def is_damage(exc: sqlite3.Error) -> bool:
    """True when SQLite says the file is corrupt or not a database at all."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def move_aside(path: Path, now: datetime) -> Path:
    """Rename the database (and its -wal/-shm files) to ``<name>.corrupt-<UTC time of now>``."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    try:
        path.rename(target)
        for suffix in ("-wal", "-shm"):
            extra = path.with_name(path.name + suffix)
            if extra.exists():
                extra.rename(target.with_name(target.name + suffix))
    except OSError as exc:
        raise StoreError(
            _(
                "The database {path} is damaged and could not be moved aside: {reason}. "
                "Move it away by hand and start again."
            ).format(path=path, reason=exc.strerror or exc)
        ) from None
    return target


def migrate(conn: sqlite3.Connection, now: datetime) -> None:
    """Apply every pending migration, each in its own write transaction.

    A statement may use ``:now``: the store clock's time, in Unix seconds.
    """
    params = {"now": str(int(now.timestamp()))}
    while conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read under the write lock: another process may have migrated.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                for statement in MIGRATIONS[version]:
                    conn.execute(statement, params)
                conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def make_parent(path: Path) -> None:
    """Create the folder of the database, or say plainly why it cannot be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            _("Cannot create the data folder {parent}: {reason}.").format(
                parent=path.parent, reason=exc.strerror or exc
            )
        ) from None
    if path.is_dir():
        raise StoreError(_("Cannot use {path} as the database: it is a folder.").format(path=path))


def plain_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """Translate a SQLite error into a message a user can act on."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    text = str(exc).lower()
    if code == _SQLITE_FULL or "disk is full" in text:
        return StoreError(
            _("The disk holding {parent} is full: free some space and try again.").format(
                parent=path.parent
            )
        )
    if code in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_CANTOPEN) or "readonly" in text:
        return StoreError(
            _(
                "Cannot write the database {path}: the folder is read-only or not accessible."
            ).format(path=path)
        )
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text:
        return StoreError(
            _(
                "The database {path} is busy: another program (another beritatui?) kept "
                "it locked. Try again in a moment."
            ).format(path=path)
        )
    if is_damage(exc):
        return StoreError(
            _(
                "The database {path} is damaged. Restart beritatui: it will move the "
                "file aside and start fresh (bookmarks can be exported from the moved "
                "file)."
            ).format(path=path)
        )
    if code == _SQLITE_IOERR and getattr(exc, "sqlite_errorcode", 0) in _IOERR_WRITING:
        return StoreError(
            _(
                "Could not write the database {path}: the disk may be full, over a size "
                "limit or failing. Free some space and try again."
            ).format(path=path)
        )
    if code == _SQLITE_IOERR:
        return StoreError(
            _("Could not read or write the database {path} (disk error: {exc}).").format(
                path=path, exc=exc
            )
        )
    return StoreError(_("Database problem with {path}: {exc}.").format(path=path, exc=exc))
