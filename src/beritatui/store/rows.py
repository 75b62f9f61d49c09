"""Article rows by column name: the shared SELECT and the dataclasses built from it."""

from __future__ import annotations

import sqlite3
from typing import Any

from beritatui.bodyformat import body_from_json
from beritatui.feeds.outcomes import Note
from beritatui.models import ArticleDetail, ArticleRow
from beritatui.store import convert

ROW_SELECT = """
    a.id AS id, a.feed_id AS feed_id, a.source AS source, f.title AS feed_name,
    f.feed_title AS feed_title, f.url AS feed_url,
    COALESCE(a.category, f.category) AS category, a.title AS title, a.url AS url,
    a.published AS published, a.first_seen AS first_seen, a.is_read AS is_read,
    a.bookmarked_at IS NOT NULL AS is_bookmarked, b.saved_at IS NOT NULL AS has_body
"""
"""Columns :func:`article_row` reads (needs :data:`ROW_FROM`)."""

DETAIL_SELECT = f"""{ROW_SELECT},
    a.summary AS summary, a.author AS author, a.image_url AS image_url,
    a.image_caption AS image_caption, a.content_html AS content_html,
    b.body_json AS body_json, b.error AS body_error
"""
"""Columns :func:`article_detail` reads."""

ROW_FROM = """
    articles a JOIN feeds f ON f.id = a.feed_id
    LEFT JOIN bodies b ON b.article_id = a.id
"""
NEWEST_FIRST = "a.sort_time DESC, a.id DESC"
SOURCE_FIRST = (
    "COALESCE(NULLIF(a.source, ''), NULLIF(f.title, ''), NULLIF(f.feed_title, ''), f.url)"
    f" COLLATE NOCASE, {NEWEST_FIRST}"
)
"""By source name (the one :func:`article_row` shows, case-blind), newest first within one."""


def active_feeds(category: str | None, feed_id: int | None) -> tuple[str, list[Any]]:
    """A condition on ``feeds f``: active, of ``category`` and/or the one ``feed_id``
    (either None: any); with its parameters."""
    sql = "f.active = 1"
    params: list[Any] = []
    if category is not None:
        sql += " AND f.category = ?"
        params.append(category)
    if feed_id is not None:
        sql += " AND f.id = ?"
        params.append(feed_id)
    return sql, params


def feed_name(title: str, feed_title: str, url: str) -> str:
    """The configured title, else the feed's own, else the host."""
    return title or feed_title or convert.host_of(url)


def article_row(r: sqlite3.Row) -> ArticleRow:
    """Build an :class:`ArticleRow` from a :data:`ROW_SELECT` result."""
    published = r["published"] if r["published"] is not None else r["first_seen"]
    return ArticleRow(
        id=r["id"],
        feed_id=r["feed_id"],
        source=r["source"] or feed_name(r["feed_name"], r["feed_title"], r["feed_url"]),
        category=r["category"],
        title=r["title"],
        url=r["url"],
        published=convert.from_ts(published),
        is_read=bool(r["is_read"]),
        is_bookmarked=bool(r["is_bookmarked"]),
        has_body=bool(r["has_body"]),
    )


def article_detail(r: sqlite3.Row) -> ArticleDetail:
    """Build an :class:`ArticleDetail` from a :data:`DETAIL_SELECT` result."""
    return ArticleDetail(
        row=article_row(r),
        summary=r["summary"],
        author=r["author"],
        image_url=r["image_url"],
        image_caption=r["image_caption"],
        content_html=r["content_html"],
        body=body_from_json(r["body_json"]),
        body_error=(
            Note.decode(r["body_error"])
            if r["body_json"] is None and r["body_error"] is not None
            else None
        ),
    )
