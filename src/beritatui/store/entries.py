"""Store area: feed entries into article rows (sanitising, identity, batch insert, update)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import nullcontext
from typing import Any

from beritatui.models import FeedEntry, FeedStatus
from beritatui.sanitize import clean_line, clean_text, safe_url, strip_controls
from beritatui.store import convert
from beritatui.store.db import StoreCore, locked
from beritatui.store.search import index_new, reindexed
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
    return int(row["id"]) if row else None


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
    return int(row["id"])


_INSERT = """INSERT INTO articles (feed_id, guid, url, url_key, title, summary, author,
        image_url, image_caption, content_html, published, first_seen, sort_time)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_COLUMNS = (
    "guid", "url", "url_key", "title", "summary", "author",
    "image_url", "image_caption", "content_html", "published",
)  # fmt: skip
_MERGED_KEEPS_OLD_WHEN_EMPTY = (
    "title", "summary", "author", "image_url", "image_caption", "content_html", "url", "url_key"
)  # fmt: skip


def insert_entries(
    conn: sqlite3.Connection, feed_id: int, rows: list[dict[str, Any]], now: int
) -> list[int]:
    """Insert ``rows`` (fields from :func:`entry_fields`) at once; their new ids, in order.

    Called inside the write transaction, so nobody else inserts meanwhile and the
    new rowids are the ones after the previous maximum, in insertion order.
    """
    if not rows:
        return []
    before = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
    conn.executemany(
        _INSERT,
        [(feed_id, *(f[name] for name in _COLUMNS[:10]), now, f["sort_time"]) for f in rows],
    )
    found = conn.execute("SELECT id FROM articles WHERE id > ? ORDER BY id", (before,))
    ids = [int(row["id"]) for row in found]
    if len(ids) != len(rows):
        raise sqlite3.IntegrityError("inserted rows do not match their ids")
    return ids


def merged(old: dict[str, Any], new: dict[str, Any], now: int) -> dict[str, Any]:
    """A not-yet-inserted row updated by a later copy, as ``EntriesMixin._update_entry`` would."""
    row = dict(old)
    for name in _MERGED_KEEPS_OLD_WHEN_EMPTY:
        row[name] = new[name] or old[name]
    if new["published"] is not None:
        row["published"] = new["published"]
    published = row["published"]
    row["sort_time"] = now if published is None else min(published, now)
    return row


Ref = int | str
"""A stored article id, or the guid of a row still waiting to be inserted in this batch."""


class KnownEntries:
    """The feed's articles by guid and by canonical URL, loaded with one query per batch.

    Answers what ``SELECT ... WHERE feed_id = ? AND guid = ?`` (else the lowest
    id with the same ``url_key``) would, including rows added earlier in the batch.
    """

    def __init__(self, rows: list[tuple[int, str, str | None]]) -> None:
        self._by_guid: dict[str, Ref] = {}
        self._by_key: dict[str, list[Ref]] = {}
        self._key_of: dict[Ref, str | None] = {}
        self._order: dict[Ref, int] = {}
        self._imported: dict[str, list[int]] | None = None
        for article_id, guid, key in sorted(rows):
            self.add(guid, key, article_id)

    @classmethod
    def load(cls, conn: sqlite3.Connection, feed_id: int) -> KnownEntries:
        rows = conn.execute(
            "SELECT id, guid, url_key FROM articles WHERE feed_id = ?", (feed_id,)
        ).fetchall()
        return cls([(int(r["id"]), r["guid"], r["url_key"]) for r in rows])

    def find(self, guid: str, key: str | None) -> Ref | None:
        found = self._by_guid.get(guid)
        if found is None and key is not None and self._by_key.get(key):
            found = self._by_key[key][0]  # stored ids first (ascending), then pending rows
        return found

    def add(self, guid: str, key: str | None, ref: Ref) -> None:
        self._by_guid[guid] = ref
        self._key_of[ref] = key
        self._order.setdefault(ref, len(self._order))
        if key is not None:
            self._by_key.setdefault(key, []).append(ref)

    def moved(self, ref: Ref, key: str | None) -> None:
        """Row ``ref`` now has canonical URL ``key`` (an update may change it)."""
        old = self._key_of.get(ref)
        if key is None or key == old:
            return
        if old is not None:
            self._by_key[old].remove(ref)
        self._key_of[ref] = key
        refs = self._by_key.setdefault(key, [])
        refs.append(ref)
        refs.sort(key=lambda r: (isinstance(r, str), r if isinstance(r, int) else self._order[r]))

    def adopt_imported(
        self, conn: sqlite3.Connection, feed_id: int, guid: str, key: str | None
    ) -> int | None:
        """Move an imported bookmark with this URL into the feed that now carries it."""
        if key is None:
            return None
        if self._imported is None:
            self._imported = {}
            for article_id, url_key in conn.execute(
                """SELECT a.id, a.url_key FROM articles a JOIN feeds f ON f.id = a.feed_id
                   WHERE f.url = ? AND a.url_key IS NOT NULL ORDER BY a.id""",
                (IMPORT_FEED_URL,),
            ):
                self._imported.setdefault(url_key, []).append(int(article_id))
        waiting = self._imported.get(key)
        if not waiting:
            return None
        article_id = waiting.pop(0)
        conn.execute(
            "UPDATE articles SET feed_id = ?, guid = ?, source = NULL, category = NULL"
            " WHERE id = ?",
            (feed_id, guid, article_id),
        )
        self.add(guid, key, article_id)
        self.moved(article_id, key)
        return article_id


_UPDATED = (
    "title",
    "summary",
    "author",
    "image_url",
    "image_caption",
    "content_html",
    "published",
    "url",
    "url_key",
)
"""Columns a new copy of an entry may change (an empty new value keeps the old)."""


class EntriesMixin(StoreCore):
    """What a feed refresh writes: new and changed entries."""

    @locked
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
                elif self._update_entry(conn, existing, fields, now):
                    known.moved(existing, fields["url_key"])
                    changed = True
            new_ids = insert_entries(conn, feed_id, list(fresh.values()), now)
            if new_ids:
                index_new(conn, new_ids[0], new_ids[-1])
            if changed or new_ids:
                self._bump_data_version(conn)
        return new_ids

    @staticmethod
    def _update_entry(
        conn: sqlite3.Connection, article_id: int, f: dict[str, Any], now: int
    ) -> bool:
        """Refresh an existing row from a new copy of its entry; True when it changed."""
        old = conn.execute(
            f"SELECT {', '.join(_UPDATED)} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        new = {column: f[column] or old[column] for column in _UPDATED}
        new["published"] = f["published"] if f["published"] is not None else old["published"]
        if all(new[column] == old[column] for column in _UPDATED):
            return False
        text_changed = new["title"] != old["title"] or new["summary"] != old["summary"]
        with reindexed(conn, "id = ?", (article_id,)) if text_changed else nullcontext():
            conn.execute(
                f"""UPDATE articles SET {", ".join(f"{c} = :{c}" for c in _UPDATED)},
                       sort_time = CASE WHEN :published IS NULL THEN first_seen
                                        ELSE min(:published, :now) END
                    WHERE id = :id""",
                {**new, "now": now, "id": article_id},
            )
        return True
