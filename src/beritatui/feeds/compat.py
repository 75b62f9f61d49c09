"""How beritatui extends feedparser, installed once per process by :func:`install`.

- Dates: Indonesian day and month names and WIB/WITA/WIT, through the public
  ``feedparser.registerDateHandler``. The handler only answers for dates that
  carry such words; every other date goes to feedparser's own handlers.
- Media captions (the one patch of feedparser internals, guarded): feedparser 6
  files ``<media:description>`` as the entry's description (it lands in
  ``summary`` or ``content``); our handler stores it as ``media_description``
  instead, so a caption never poses as the summary or as ``content:encoded``.
  ``<media:title>`` keeps feedparser's own meaning (the entry's title when it
  has no ``<title>``, as feedparser 6.0.14 does) and is also kept as
  ``media_title`` for the caption. A feedparser without these
  hooks is left alone (:data:`media_patched` stays False) and
  ``tests/test_feedparser_compat.py`` fails, so an upgrade cannot change this
  quietly.
- feedparser's private helpers that the fast path (``fastxml.py``,
  ``fastelements.py``) reuses to give exactly feedparser's entries are imported
  here and nowhere else: ``parse_date`` (every registered date handler, ours
  included), ``sanitize_html``, ``urljoin``, ``CP1252`` and ``FeedParserMixin``'s
  tables. feedparser has no public names for them; the pin in pyproject.toml and
  ``tests/test_feedparser_compat.py`` make an upgrade that moves one fail loudly.
"""

from __future__ import annotations

import email.utils
import re
import time
from datetime import datetime, timedelta, timezone
from typing import Any

import feedparser
import feedparser.namespaces.mediarss
from feedparser.datetimes import _parse_date as parse_date
from feedparser.html import _cp1252 as CP1252
from feedparser.mixin import _FeedParserMixin as FeedParserMixin
from feedparser.sanitizer import _sanitize_html as sanitize_html
from feedparser.urls import _urljoin as urljoin

from beritatui.dates import MONTHS, ZONES

_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ID_WORDS = {word: _EN_MONTHS[month - 1] for word, month in MONTHS.items()} | {
    zone: f"+{hours:02d}00" for zone, hours in ZONES.items()
}
"""Indonesian month names and time zones, in the words feedparser reads."""
_ID_DAYS = re.compile(r"\b(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)\b,?\s*", re.I)
_WORD = re.compile(r"[A-Za-z]+")
_OFFSET_GAP = re.compile(r"\s+(?=[+-]\d{4}$)")

__all__ = [
    "CP1252",
    "MEDIA_HOOKS",
    "FeedParserMixin",
    "indonesian_date",
    "install",
    "media_patched",
    "parse_date",
    "sanitize_html",
    "urljoin",
]

MEDIA_HOOKS = (
    "_start_media_description",
    "_end_media_description",
    "_start_media_title",
    "_end_media_title",
)
"""The feedparser mediarss methods :func:`install` replaces."""

media_patched = False
"""True once our media caption handlers are in place."""
_installed = False


def indonesian_date(text: str) -> time.struct_time | None:
    """A feedparser date handler: ``Selasa, 04 Maret 2025 10:00 WIB`` → UTC.

    ``None`` (feedparser tries its own handlers) unless the date has an
    Indonesian day, month or zone word.
    """
    text = text.strip()
    if not text or len(text) > 100:
        return None
    english = _WORD.sub(lambda m: _ID_WORDS.get(m.group(0).lower(), m.group(0)), text)
    english = _ID_DAYS.sub("", english).strip()
    if english == text:
        return None
    parsed = email.utils.parsedate_tz(english)
    try:
        if parsed is not None:
            offset = timezone(timedelta(seconds=parsed[9] or 0))
            when = datetime(*parsed[:6], tzinfo=offset)  # raises for a day or hour out of range
        else:
            when = datetime.fromisoformat(_OFFSET_GAP.sub("", english))
    except (ValueError, OverflowError):
        return None
    return when.utctimetuple() if when.tzinfo is not None else None


def _start_media_description(self: Any, attrs_d: Any) -> None:
    self.push("media_description", 1)


def _end_media_description(self: Any) -> None:
    self.pop("media_description")


def _start_media_title(self: Any, attrs_d: Any) -> None:
    self._start_title(attrs_d)


def _end_media_title(self: Any) -> None:
    title_depth = self.title_depth
    value = self.pop("title")  # stored as the title under feedparser's own rules
    kind = self.contentparams.get("type")  # after pop's guess at HTML
    self.incontent -= 1  # the rest of pop_content
    self.contentparams.clear()
    self.title_depth = title_depth
    if value:
        context = self._get_context()
        context["media_title"], context["media_title_detail"] = value, {"type": kind}


def install() -> None:
    """Register the date handler and put the media caption handlers in place (once)."""
    global _installed, media_patched
    if _installed:
        return
    _installed = True
    feedparser.registerDateHandler(indonesian_date)
    namespace = feedparser.namespaces.mediarss.Namespace
    if not all(callable(getattr(namespace, hook, None)) for hook in MEDIA_HOOKS):
        return  # a feedparser without these hooks: leave it alone
    namespace._start_media_description = _start_media_description
    namespace._end_media_description = _end_media_description
    namespace._start_media_title = _start_media_title
    namespace._end_media_title = _end_media_title
    media_patched = True
