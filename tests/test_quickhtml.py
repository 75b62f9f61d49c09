"""The regular-expression reading of simple summary HTML equals html.parser's, or steps aside.

Run on generated HTML (hypothesis) from the pieces that make the two differ if
anything does: entities cut by tags, attributes quoted three ways, self-closing
tags, tracking pixels, skipped and raw-text elements, comments, stray ``<``; and
on every summary of the feed fixtures and hostile feeds.
"""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from beritatui.feeds.normalise import _parsed, html_to_text
from beritatui.feeds.quickhtml import quick_scan

TESTS = Path(__file__).parent
FEED_FILES = sorted(
    p
    for folder in (TESTS / "fixtures" / "feeds", TESTS / "hostile" / "feeds")
    for p in folder.iterdir()
    if p.is_file()
)

_TAGS = [
    "<p>", "</p>", "<P class='lead'>", "<br>", "<br/>", "<br />", "</br>", "<b>", "</b>",
    "<div id=x>", "</div >", '<a href="/x?a=1&amp;b=2">', "</a>", "<h2>", "</h2>",
    "<li>", "</li>", "<span title=\"a 'q'\">", "<figure>", "<figcaption>", "</figure>",
    '<img src="https://x.id/a.jpg" width="300">', '<img src="/1.gif" width="1" height="1">',
    "<img src=/b.png/>", "<IMG SRC='c&amp;d.jpg'>", '<img src="" alt="x">', "<img alt=y>",
    '<img src="e.jpg" src="f.jpg">', "<img width=1 src=g.jpg>", "</img>", "<img src>",
    "<script>", "</script>", "<style>", "<noscript>", "<template>", "<title>", "<textarea>",
    "<!-- c -->", "<!doctype html>", "<?x?>", "<", ">", "</", "<a", "<1>", "<a/b>", "<p/>",
]  # fmt: skip
_TEXT = [
    "Harga", " naik ", "\n", "\t", "&amp;", "&lt;", "&am", "p;", "&#8211;", "&#x41;", "&nbsp;",
    "&copy", "&bogus;", "&", ";", "amp;", "lt;", "#65;", "5 > 3", "Rp5.000", "é", "\r\n", " ",
]  # fmt: skip
_HTML = st.lists(st.sampled_from(_TAGS) | st.sampled_from(_TEXT), max_size=25).map("".join)


@settings(max_examples=1500)
@given(_HTML)
@example("&am<b>p; &amp;lt; <img src='a&amp;b.jpg'>")  # entities are read per text run, once
@example("<img src=x.gif width=1><img src=y.jpg height=2>")
def test_quick_scan_reads_html_as_html_parser_does(html: str) -> None:
    found = quick_scan(html)
    if found is not None:
        assert found == _parsed(html)


def test_quick_scan_takes_ordinary_summaries_and_refuses_the_rest() -> None:
    """The comparison above is not vacuous, and the hard cases do go to html.parser."""
    html = '<p><img src="https://x.id/a.jpg" width="300"> Satu &amp; dua.</p><p>tiga</p>'
    assert quick_scan(html) == ("\n Satu & dua.\n\ntiga\n", "https://x.id/a.jpg")
    assert quick_scan("Teks biasa, tanpa tag") == ("Teks biasa, tanpa tag", None)
    for hard in ("a <!-- b --> c", "<script>x</script>", "1 < 2", "<a/b>", "<a href=x'y>"):
        assert quick_scan(hard) is None, hard


def _summaries(path: Path) -> list[str]:
    parsed = feedparser.parse(path.read_bytes())
    found = []
    for entry in parsed.entries:
        found.append(entry.get("summary", ""))
        found.extend(block.get("value", "") for block in entry.get("content", []))
    return [html for html in found if html]


@pytest.mark.parametrize("path", FEED_FILES, ids=lambda p: p.name)
def test_fixture_summaries_read_the_same(path: Path) -> None:
    for html in _summaries(path):
        found = quick_scan(html)
        if found is not None:
            assert found == _parsed(html)


def test_most_fixture_summaries_take_the_quick_path() -> None:
    summaries = [html for path in FEED_FILES for html in _summaries(path)]
    quick = [html for html in summaries if quick_scan(html) is not None]
    assert len(quick) > len(summaries) / 2


def test_html_to_text_is_unchanged_for_what_quick_scan_refuses() -> None:
    html = "<p>Satu</p><script>alert(1)</script><!-- x --><p>dua &amp; tiga</p>"
    assert quick_scan(html) is None
    assert html_to_text(html) == "Satu\n\ndua & tiga"
