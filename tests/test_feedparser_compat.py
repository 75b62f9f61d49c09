"""What beritatui relies on in feedparser: fails loudly when an upgrade changes it."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime

import feedparser
import feedparser.namespaces.mediarss
import pytest

import beritatui.feeds.parse  # noqa: F401  (installs feeds/compat.py)
from beritatui.feeds import compat

MEDIA_ITEM = (
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
    'xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Uji</title>'
    "<item><title>Panen raya</title><description>Ringkasan berita.</description>"
    '<media:content url="https://img.example.id/a.jpg" medium="image">'
    "<media:title>Judul foto</media:title>"
    "<media:description>Petani memanen padi (ANTARA)</media:description>"
    "</media:content><pubDate>{date}</pubDate></item></channel></rss>"
)


def parsed(date: str = "Tue, 04 Mar 2025 10:00:00 +0700") -> feedparser.FeedParserDict:
    return feedparser.parse(io.BytesIO(MEDIA_ITEM.format(date=date).encode()))


def test_media_hooks_exist_and_are_ours() -> None:
    namespace = feedparser.namespaces.mediarss.Namespace
    assert compat.media_patched
    for hook in compat.MEDIA_HOOKS:
        assert getattr(namespace, hook) is getattr(compat, hook), hook


def test_media_caption_stays_out_of_the_summary() -> None:
    (entry,) = parsed().entries
    assert entry.summary == "Ringkasan berita."
    assert entry.media_description == "Petani memanen padi (ANTARA)"
    assert entry.media_title == "Judul foto"
    assert "content" not in entry


def test_date_handler_is_used_by_feedparser_itself() -> None:
    (entry,) = parsed("Selasa, 04 Maret 2025 10:00 WIB").entries
    assert isinstance(entry.published_parsed, time.struct_time)
    assert tuple(entry.published_parsed[:6]) == (2025, 3, 4, 3, 0, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Selasa, 04 Maret 2025 10:00 WIB", datetime(2025, 3, 4, 3, 0, tzinfo=UTC)),
        ("04 Maret 2025 10:00 WIB", datetime(2025, 3, 4, 3, 0, tzinfo=UTC)),
        ("Tue, 04 Mar 2025 10:00:00 WIB", datetime(2025, 3, 4, 3, 0, tzinfo=UTC)),
        ("Rabu, 5 Mar 2025 14:30:00 WITA", datetime(2025, 3, 5, 6, 30, tzinfo=UTC)),
        ("17 Agustus 2024 08:00 WIT", datetime(2024, 8, 16, 23, 0, tzinfo=UTC)),
        ("Jum'at, 5 MEI 2025 07:05", datetime(2025, 5, 5, 7, 5, tzinfo=UTC)),
        ("2025-03-04 10:00 WIB", datetime(2025, 3, 4, 3, 0, tzinfo=UTC)),
    ],
)
def test_indonesian_dates(text: str, expected: datetime) -> None:
    result = compat.indonesian_date(text)
    assert result is not None
    assert datetime(*result[:6], tzinfo=UTC) == expected


@pytest.mark.parametrize(
    "text",
    ["Tue, 04 Mar 2025 10:00:00 +0700", "2025-03-04T10:00:00Z", "", "kemarin sore", "x" * 200],
)
def test_other_dates_are_left_to_feedparser(text: str) -> None:
    assert compat.indonesian_date(text) is None


def test_impossible_indonesian_date_is_none() -> None:
    assert compat.indonesian_date("45 Maret 2025 99:61 WIB") is None


def test_the_private_helpers_the_fast_path_reuses_still_work() -> None:
    """feedparser's private names, imported in feeds/compat.py only, behave as relied on."""
    parsed_date = compat.parse_date("Selasa, 04 Maret 2025 10:00 WIB")  # ours, via feedparser
    assert parsed_date is not None
    assert parsed_date[:5] == (2025, 3, 4, 3, 0)
    assert compat.parse_date("Tue, 04 Mar 2025 10:00:00 +0700")[:4] == (2025, 3, 4, 3)
    cleaned = compat.sanitize_html("<p>ok</p><script>x()</script>", "utf-8", "text/html")
    assert cleaned == "<p>ok</p>"
    assert compat.urljoin("https://contoh.id/a/", "b.xml") == "https://contoh.id/a/b.xml"
    assert "\u201c" in "\x93".translate(compat.CP1252)
    mixin = compat.FeedParserMixin
    assert "text/html" in mixin.html_types
    assert "summary" in mixin.can_contain_relative_uris
    assert mixin.map_content_type("html") == "text/html"


def test_no_other_module_imports_feedparser_internals() -> None:
    """Only feeds/compat.py reaches into feedparser's private names."""
    import pathlib
    import re

    src = pathlib.Path(compat.__file__).parent.parent
    private = re.compile(r"from feedparser\S* import [^\n]*\b_[A-Za-z]")
    offenders = [
        str(p.relative_to(src))
        for p in src.rglob("*.py")
        if p.name != "compat.py" and private.search(p.read_text("utf-8"))
    ]
    assert offenders == []
