"""The lxml fast path gives the same entries as the feedparser path, or steps aside.

Parity runs on every feed fixture and hostile feed, and on generated feeds
(hypothesis) built from the parts real feeds use, with the text that trips
parsers up: entities, escaped and CDATA HTML, mojibake, cp1252 code points,
relative and unsafe links, odd dates.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beritatui.feeds.fastparse import fast_raw, plain_html
from beritatui.feeds.parse import FeedParseError, parse_feed
from beritatui.models import ParsedFeed

TESTS = Path(__file__).parent
FEED_FILES = sorted(
    p
    for folder in (TESTS / "fixtures" / "feeds", TESTS / "hostile" / "feeds")
    for p in folder.iterdir()
    if p.is_file()
)
NOW = datetime(2025, 3, 5, tzinfo=UTC)
URL = "https://contoh.example.id/rss/terkini"
CONTENT_TYPES = (None, "application/rss+xml; charset=utf-8", "text/xml")


def both(
    content: bytes, content_type: str | None = None
) -> tuple[ParsedFeed | str, ParsedFeed | str]:
    """(feedparser path, fast path): the parsed feed, or the error message."""
    results: list[ParsedFeed | str] = []
    for fast in (False, True):
        try:
            results.append(parse_feed(content, URL, content_type=content_type, now=NOW, fast=fast))
        except FeedParseError as exc:
            results.append(f"error: {exc}")
    return results[0], results[1]


@pytest.mark.parametrize("path", FEED_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("content_type", CONTENT_TYPES)
def test_fixture_and_hostile_feeds_parse_the_same(path: Path, content_type: str | None) -> None:
    slow, fast = both(path.read_bytes(), content_type)
    assert fast == slow


def test_the_fast_path_takes_the_ordinary_fixtures() -> None:
    """Parity above is not vacuous: well-formed UTF-8 feeds do go through lxml."""
    taken = {p.name for p in FEED_FILES if fast_raw(p.read_bytes(), URL, None) is not None}
    assert {"antara_terkini.xml", "wordpress_content.xml"} <= taken
    assert {"relative_links.xml", "script_in_summary.xml", "unsafe_links.xml"} <= taken


@pytest.mark.parametrize(
    "name",
    [
        "pesisir_cp1252.rss",  # declared windows-1252
        "nasional.atom",  # an XHTML summary
        "latin1_no_declaration.xml",  # not UTF-8
        "malformed_xml.xml",
        "billion_laughs.xml",  # a DOCTYPE
        "external_entity.xml",
        "utf16_bom.xml",
    ],
)
def test_the_fast_path_refuses_what_feedparser_must_read(name: str) -> None:
    folder = "fixtures" if name in ("pesisir_cp1252.rss", "nasional.atom") else "hostile"
    content = (TESTS / folder / "feeds" / name).read_bytes()
    assert fast_raw(content, URL, None) is None


@pytest.mark.parametrize(
    "fragment",
    [
        '<item xml:base="https://lain.example/"><title>a</title></item>',
        "<item><title>a</title><title>b</title></item>",  # repeated: order-dependent
        "<item><title>a <b>tebal</b></title></item>",  # mixed content
        "<item><Title>a</Title></item>",  # feedparser folds case
        "<item><author>redaksi@contoh.example.id (Redaksi)</author><title>a</title></item>",
        '<item><x:title xmlns:x="urn:lain">a</x:title></item>',  # unknown namespace
        '<item><dc:title xmlns:dc="urn:bukan-dc">a</dc:title></item>',  # a prefix feedparser knows
    ],
)
def test_unsure_items_fall_back_and_still_parse(fragment: str) -> None:
    content = _rss(fragment).encode()
    assert fast_raw(content, URL, None) is None
    slow, fast = both(content)
    assert fast == slow
    assert isinstance(fast, ParsedFeed)


def test_text_xml_without_charset_is_ascii_to_feedparser() -> None:
    content = _rss("<item><title>Kabar é</title></item>").encode()
    assert fast_raw(content, URL, "text/xml") is None
    assert fast_raw(content, URL, "application/rss+xml") is not None


# --- media:title as the title ------------------------------------------------------------

_MEDIA_NS = ' xmlns:media="http://search.yahoo.com/mrss/"'


@pytest.mark.parametrize("fast", [False, True])
def test_an_item_whose_only_title_is_media_title_keeps_it(fast: bool) -> None:
    content = _rss(
        '<item><guid isPermaLink="false">v1</guid><link>https://contoh.example.id/v/1</link>'
        "<media:group><media:title>Banjir rob di Pekalongan</media:title>"
        '<media:thumbnail url="https://img.contoh.example.id/v1.jpg"/></media:group></item>'
        '<item><guid isPermaLink="false">v1</guid><title>Entri lain, id sama</title></item>',
        _MEDIA_NS,
    ).encode()
    feed = parse_feed(content, URL, now=NOW, fast=fast)
    assert [e.title for e in feed.entries] == ["Banjir rob di Pekalongan"]  # the first id wins
    assert feed.entries[0].image_caption == "Banjir rob di Pekalongan"


@pytest.mark.parametrize("fast", [False, True])
def test_title_beats_media_title_before_or_after_it(fast: bool) -> None:
    content = _rss(
        "<item><media:title>Judul media</media:title><title>Judul asli 1</title>"
        "<link>https://contoh.example.id/1</link></item>"
        "<item><title>Judul asli 2</title><link>https://contoh.example.id/2</link>"
        '<media:content url="https://img.contoh.example.id/2.jpg" medium="image">'
        "<media:title>Keterangan foto</media:title></media:content></item>",
        _MEDIA_NS,
    ).encode()
    feed = parse_feed(content, URL, now=NOW, fast=fast)
    assert [e.title for e in feed.entries] == ["Judul asli 1", "Judul asli 2"]
    assert feed.entries[1].image_caption == "Keterangan foto"


# --- generated feeds ----------------------------------------------------------------------

_TEXTS = st.sampled_from(
    [
        "Harga beras naik",
        "  Spasi  di tepi  ",
        "Kopi &amp; teh",
        "&lt;b&gt;tebal&lt;/b&gt; dan &lt;i&gt;miring&lt;/i&gt;",
        "&lt;p&gt;Paragraf &lt;a href='/berita/2'&gt;tautan&lt;/a&gt;&lt;/p&gt;",
        '<![CDATA[<p>Isi <img src="/foto/a.jpg"> <script>alert(1)</script></p>]]>',
        "<![CDATA[<p onclick='x()'>Klik</p><iframe src='https://x.example'></iframe>]]>",
        "Ã©lan mojibake",
        "&#150; tanda &#147;kutip&#148; cp1252",
        "Emoji 🌊 dan aksara ꦗꦮ",
        "5 &lt; 7 &gt; 3",
        "&#x1b;[31mmerah",
        "",
    ]
)
_LINKS = st.sampled_from(
    [
        "https://contoh.example.id/berita/1?utm_source=rss&amp;a=1",
        "/berita/relatif",
        "berita/tanpa-garis",
        "javascript:alert(1)",
        "  https://contoh.example.id/spasi  ",
        "",
    ]
)
_DATES = st.sampled_from(
    [
        "Tue, 04 Mar 2025 09:00:00 +0700",
        "2025-03-04T02:00:00Z",
        "Selasa, 04 Maret 2025 09:00 WIB",
        "bukan tanggal",
        "Wed, 01 Jan 2031 00:00:00 GMT",
        "",
    ]
)
_IMAGES = st.sampled_from(
    [
        '<media:content url="https://img.contoh.example.id/a.jpg" medium="image"/>',
        '<media:content url="/img/b.jpg" type="IMAGE/JPEG">'
        "<media:description>Foto &amp; keterangan</media:description></media:content>",
        '<media:thumbnail url="https://img.contoh.example.id/t.jpg"/>',
        "<media:thumbnail>https://img.contoh.example.id/teks.jpg</media:thumbnail>",
        '<enclosure url="https://img.contoh.example.id/e.png" type="image/png" length="1"/>',
        '<media:content url="https://v.contoh.example.id/v.mp4" medium="video"/>',
        "<media:title>Judul media</media:title>",
        "",
    ]
)


@st.composite
def rss_items(draw: st.DrawFn) -> str:
    parts: list[str] = []
    order = draw(st.permutations(["title", "link", "guid", "date", "desc", "content", "media"]))
    for part in order:
        if not draw(st.booleans()):
            continue
        if part == "title":
            parts.append(f"<title>{draw(_TEXTS)}</title>")
        elif part == "link":
            parts.append(f"<link>{draw(_LINKS)}</link>")
        elif part == "guid":
            permalink = draw(st.sampled_from(["", ' isPermaLink="false"', ' isPermaLink="true"']))
            parts.append(f"<guid{permalink}>{draw(_LINKS) or draw(_TEXTS)}</guid>")
        elif part == "date":
            tag = draw(st.sampled_from(["pubDate", "dc:date"]))
            parts.append(f"<{tag}>{draw(_DATES)}</{tag}>")
        elif part == "desc":
            parts.append(f"<description>{draw(_TEXTS)}</description>")
        elif part == "content":
            parts.append(f"<content:encoded>{draw(_TEXTS)}</content:encoded>")
        else:
            parts.extend(draw(st.lists(_IMAGES, max_size=3)))
    if draw(st.booleans()):
        parts.append("<dc:creator>Rina Astuti</dc:creator>")
    parts.append(f"<category>{draw(_TEXTS)}</category>")
    return "<item>" + "".join(parts) + "</item>"


@st.composite
def atom_entries(draw: st.DrawFn) -> str:
    parts = [f"<id>{draw(_LINKS) or 'tag:contoh,2025:1'}</id>"]
    kind = draw(st.sampled_from(["", ' type="text"', ' type="html"']))
    parts.append(f"<title{kind}>{draw(_TEXTS)}</title>")
    for _ in range(draw(st.integers(0, 2))):
        rel = draw(st.sampled_from(["", ' rel="alternate"', ' rel="enclosure" type="image/jpeg"']))
        parts.append(f'<link{rel} href="{escape(draw(_LINKS), {chr(34): "&quot;"})}"/>')
    if draw(st.booleans()):
        parts.append(f"<updated>{draw(_DATES)}</updated>")
    if draw(st.booleans()):
        kind = draw(st.sampled_from(["", ' type="html"']))
        parts.append(f"<summary{kind}>{draw(_TEXTS)}</summary>")
    if draw(st.booleans()):
        parts.append(f'<content type="html">{draw(_TEXTS)}</content>')
    if draw(st.booleans()):
        parts.append("<author><name>Redaksi</name><email>r@contoh.example.id</email></author>")
    parts = draw(st.permutations(parts))
    return "<entry>" + "".join(parts) + "</entry>"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rss_items(), max_size=4), _TEXTS)
def test_generated_rss_parses_the_same(items: list[str], title: str) -> None:
    namespaces = (
        _MEDIA_NS + ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
    )
    content = _rss("".join(items), namespaces, title).encode()
    if b"&#x1b;" not in content:  # not XML 1.0: only feedparser's loose parser reads it
        assert fast_raw(content, URL, None) is not None
    slow, fast = both(content)
    assert fast == slow


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(atom_entries(), max_size=4))
def test_generated_atom_parses_the_same(entries: list[str]) -> None:
    content = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"'
        f"{_MEDIA_NS}><title>Uji Atom</title>{''.join(entries)}</feed>"
    ).encode()
    if b"&#x1b;" not in content:
        assert fast_raw(content, URL, "application/atom+xml") is not None
    slow, fast = both(content, "application/atom+xml")
    assert fast == slow


_HTML_PIECES = st.sampled_from(
    [
        "Harga cabai naik ",
        "<p>",
        "</p>",
        "<br/>",
        "<BR>",
        "<div class='isi'>",
        "</div>",
        '<img src="https://img.contoh.example.id/a.jpg" width="300">',
        "<img src='/foto/b.jpg' alt='Foto'/>",
        '<img src="foto/c.jpg" width="1" height="1">',
        '<img src="javascript:alert(1)">',
        '<img src="//cdn.contoh.example.id/d.jpg">',
        '<img data-src="https://img.contoh.example.id/lazy.jpg">',
        '<img src="https://img.contoh.example.id/e.jpg?w=1&amp;h=2">',
        '<a href="/berita/2" onclick="x()">tautan</a>',
        '<a href="javascript:void(0)">kosong</a>',
        "<script>document.write('x')</script>",
        "<style>p{color:red}</style>",
        "<noscript>aktifkan javascript</noscript>",
        "<iframe src='https://x.example'></iframe>",
        "<svg><title>ikon</title></svg>",
        "<!-- komentar -->",
        "<ul><li>satu</li><li>dua</li></ul>",
        "<h2>Subjudul</h2>",
        "&amp; ",
        "&nbsp;",
        "&hellip;",
        "&foo; ",
        "&#8217;",
        "&#150;",
        "&#x1F30A;",
        "& lepas ",
        "5 < 7 ",
        "3 > 2 ",
        "café ",
        "\u00a0",
        "Ã© ",
        "“kutip”",
        "The post Judul appeared first on Situs.",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_HTML_PIECES, max_size=12), st.booleans())
def test_generated_html_descriptions_parse_the_same(pieces: list[str], atom: bool) -> None:
    """Summaries whose HTML skips feedparser's passes still match them exactly."""
    markup = escape("".join(pieces))
    if atom:
        content = (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Uji</title><entry><id>tag:contoh,2025:1</id><title>Judul</title>"
            f'<link href="/berita/1"/><summary type="html">{markup}</summary></entry></feed>'
        ).encode()
    else:
        content = _rss(f"<item><title>Judul</title><description>{markup}</description></item>")
        content = content.encode()
    assert fast_raw(content, URL, None) is not None
    slow, fast = both(content)
    assert fast == slow


def test_plain_html_takes_ordinary_summaries_and_nothing_odd() -> None:
    assert plain_html('<p><img src="https://img.contoh.example.id/a.jpg"> Isi &amp; lagi.</p>')
    assert plain_html("Teks biasa tanpa tag &#8217;kutip&#8217;")
    for odd in ("<script>x</script>", "a < b", '<img src="javascript:x">', "&foo;", "café"):
        assert not plain_html(odd)


def _rss(items: str, namespaces: str = "", title: str = "Uji") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"{namespaces}>'
        f"<channel><title>{title}</title><link>https://contoh.example.id/</link>{items}"
        "</channel></rss>"
    )
