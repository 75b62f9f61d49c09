"""Bookmark backup: export to JSON or Markdown, import back from JSON.

The JSON export is a list of objects ``{url, title, source, category,
published, bookmarked_at, summary, body}`` where ``body`` is the stored body
(:mod:`beritatui.bodyformat`, every field) with the ``read --format json``
object's derived ``text`` and ``captions`` added for readers (or ``null``).
Import accepts that list (or an object with an ``"articles"`` list), ignores
the derived keys, and treats it all as untrusted text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from beritatui.bodyformat import body_from_dict, body_to_dict
from beritatui.clock import default_clock
from beritatui.formats import blocks_to_markdown, md_line, md_text
from beritatui.i18n import _, ngettext
from beritatui.models import ExtractedArticle
from beritatui.sanitize import clean_line, clean_text, safe_url
from beritatui.store import BookmarkRecord, Store, salvage_bookmarks

ExportFormat = Literal["json", "markdown"]
MAX_IMPORT_ITEMS = 100_000


def export_bookmarks(store: Store, fmt: ExportFormat) -> str:
    """Every bookmark of ``store`` as a JSON or Markdown document (stamped by its clock)."""
    return format_records(store.bookmark_records(), fmt, now=store.clock())


def export_from_file(db_path: Path, fmt: ExportFormat = "json") -> str:
    """Export what bookmarks can be read from a (possibly damaged) database file.

    The file is not changed; the Markdown stamp comes from
    :func:`beritatui.clock.default_clock`. Raises :class:`beritatui.store.StoreError` when
    it cannot be read as a beritatui database at all.
    """
    return format_records(salvage_bookmarks(Path(db_path)), fmt, now=default_clock()())


def format_records(records: Sequence[BookmarkRecord], fmt: ExportFormat, *, now: datetime) -> str:
    """Render bookmark records in ``fmt`` ("json" or "markdown"; ``now`` stamps Markdown)."""
    if fmt == "json":
        items = [record_to_json(r) for r in records]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return records_to_markdown(records, now=now)
    raise ValueError(_("unknown export format {fmt!r} (use json or markdown)").format(fmt=fmt))


def record_to_json(record: BookmarkRecord) -> dict[str, Any]:
    """One JSON export object."""
    return {
        "url": record.url,
        "title": record.title,
        "source": record.source,
        "category": record.category,
        "published": _iso(record.published),
        "bookmarked_at": _iso(record.bookmarked_at),
        "summary": record.summary,
        "body": _body_json(record.body) if record.body else None,
    }


def _body_json(body: ExtractedArticle) -> dict[str, Any]:
    return {**body_to_dict(body), "text": body.text, "captions": body.captions}


def import_bookmarks(store: Store, text: str) -> int:
    """Restore bookmarks from a JSON export; returns how many were bookmarked.

    Nothing is stored unless the whole document is valid; a problem raises
    :class:`ValueError` with a message naming the item.
    """
    records = parse_backup(text)
    return store.restore_bookmarks(records)


def parse_backup(text: str) -> list[BookmarkRecord]:
    """Validate a JSON export into records (strings sanitised, URLs checked)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            _("not a JSON backup (line {lineno}, column {colno}: {msg})").format(
                lineno=exc.lineno, colno=exc.colno, msg=exc.msg
            )
        ) from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if not isinstance(data, list):
        raise ValueError(_("a bookmark backup must be a JSON list of articles"))
    if len(data) > MAX_IMPORT_ITEMS:
        raise ValueError(
            _("too many articles ({count}; at most {limit})").format(
                count=len(data), limit=MAX_IMPORT_ITEMS
            )
        )
    return [_parse_item(item, number) for number, item in enumerate(data, start=1)]


def _parse_item(item: Any, number: int) -> BookmarkRecord:
    where = f"article {number}"
    if not isinstance(item, dict):
        raise ValueError(_("{where}: expected an object with url and title").format(where=where))
    url = safe_url(item.get("url")) if isinstance(item.get("url"), str) else None
    if url is None:
        raise ValueError(_("{where}: 'url' must be an http(s) link").format(where=where))
    for key in ("title", "source", "category", "summary"):
        if item.get(key) is not None and not isinstance(item[key], str):
            raise ValueError(_("{where}: {key!r} must be text").format(where=where, key=key))
    return BookmarkRecord(
        url=url,
        title=clean_line(item.get("title")) or url,
        source=clean_line(item.get("source"), 80),
        category=clean_line(item.get("category"), 40),
        published=_parse_time(item.get("published"), where, "published"),
        bookmarked_at=_parse_time(item.get("bookmarked_at"), where, "bookmarked_at"),
        summary=clean_text(item.get("summary")),
        body=_parse_body(item.get("body"), url, where),
    )


def _parse_time(value: Any, where: str, key: str) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(
            _("{where}: {key!r} must be an ISO 8601 date or null").format(where=where, key=key)
        )
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            _("{where}: {key!r} is not an ISO 8601 date: {value!r}").format(
                where=where, key=key, value=value[:40]
            )
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _parse_body(value: Any, url: str, where: str) -> ExtractedArticle | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("blocks", []), list):
        raise ValueError(_("{where}: 'body' must be an article object or null").format(where=where))
    if not all(isinstance(b, dict) for b in value.get("blocks", [])):
        raise ValueError(_("{where}: every body block must be an object").format(where=where))
    try:
        article = body_from_dict(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            _("{where}: unreadable body ({exc})").format(where=where, exc=exc)
        ) from None
    if not article.url:
        article.url = url
    return article  # the store sanitises every string when it saves the body


# -- Markdown -----------------------------------------------------------------


def records_to_markdown(records: Sequence[BookmarkRecord], *, now: datetime) -> str:
    """A readable document: one section per article with source, date, link, body."""
    stamp = now.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    exported = ngettext(
        "Exported {stamp} · {count} article", "Exported {stamp} · {count} articles", len(records)
    ).format(stamp=stamp, count=len(records))
    lines = ["# " + _("Saved articles (beritatui)"), "", exported]
    for record in records:
        lines += ["", "---", "", f"## {md_line(record.title)}", ""]
        meta = [record.source, record.category, _human_date(record.published)]
        lines.append("*" + md_line(" · ".join(m for m in meta if m)) + "*")
        lines += ["", f"<{record.url}>", ""]
        if record.body is not None and record.body.blocks:
            lines.append(blocks_to_markdown(record.body.blocks, heading="###"))
        elif record.summary:
            lines.append(md_text(record.summary))
    return "\n".join(lines).rstrip() + "\n"


def _human_date(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%d %b %Y %H:%M UTC") if moment else ""


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None
