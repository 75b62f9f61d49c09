"""SQLite storage: feeds, articles, bodies, bookmarks, search (see :class:`Store`)."""

from __future__ import annotations

from beritatui.store.core import Store
from beritatui.store.entries import IMPORT_FEED_URL
from beritatui.store.records import BookmarkRecord
from beritatui.store.salvage import salvage_bookmarks
from beritatui.store.schema import SCHEMA_VERSION, StoreError

__all__ = [
    "IMPORT_FEED_URL",
    "SCHEMA_VERSION",
    "BookmarkRecord",
    "Store",
    "StoreError",
    "salvage_bookmarks",
]
