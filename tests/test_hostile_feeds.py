"""The hostile corpus (tests/hostile/) served by the local server, plus property-based parsing.

Every case goes the real way: served over HTTP, fetched by :class:`Fetcher`,
parsed by :func:`parse_feed` in a thread. Whatever the bytes, the outcome is a
clean :class:`ParsedFeed` or a :class:`FeedParseError` with plain words.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beritatui.feeds.fetch import PAGE_ACCEPT, Fetcher
from beritatui.feeds.parse import (
    FUTURE_SLACK,
    MAX_CAPTION,
    MAX_ENTRIES,
    MAX_SUMMARY,
    MAX_TITLE,
    FeedParseError,
    parse_feed,
)
from beritatui.models import FeedStatus, ParsedFeed
from beritatui.wording import say
from tests.hostile import generate
from tests.server import LocalServer

HOSTILE = Path(__file__).parent / "hostile"
FIXTURE_FEEDS = Path(__file__).parent / "fixtures" / "feeds"
NOW = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)
RSS = "application/rss+xml; charset=utf-8"

# What a terminal would act on, or what would reorder text: never allowed out.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]"
)

Outcome = ParsedFeed | FeedParseError


def assert_clean(feed: ParsedFeed, now: datetime = NOW) -> None:
    """The invariants every parsed feed keeps, whatever came in."""
    assert not FORBIDDEN.search(feed.title)
    assert "\n" not in feed.title
    assert len(feed.title) <= MAX_TITLE
    assert len(feed.entries) <= MAX_ENTRIES
    guids = [e.guid for e in feed.entries]
    assert len(guids) == len(set(guids))
    for entry in feed.entries:
        assert entry.guid
        assert entry.title
        for line in (entry.guid, entry.title, entry.author, entry.image_caption or ""):
            assert not FORBIDDEN.search(line)
            assert "\n" not in line
        assert not FORBIDDEN.search(entry.summary)
        assert not FORBIDDEN.search(entry.content_html or "")
        assert len(entry.title) <= MAX_TITLE
        assert len(entry.summary) <= MAX_SUMMARY
        assert len(entry.image_caption or "") <= MAX_CAPTION
        for url in (entry.url, entry.image_url or ""):
            assert url == "" or url.startswith(("http://", "https://"))
            assert not any(ch.isspace() for ch in url)
        if entry.published is not None:
            assert entry.published.tzinfo is UTC
            assert entry.published <= now + FUTURE_SLACK
    dates = [e.published for e in feed.entries if e.published]
    assert feed.newest == (max(dates) if dates else None)


def parse_or_error(content: bytes, url: str, content_type: str | None) -> Outcome:
    """parse_feed's result or its FeedParseError; any other exception fails the test."""
    try:
        return parse_feed(content, url, content_type=content_type, now=NOW)
    except FeedParseError as exc:
        return exc


# --- per-case expectations -------------------------------------------------------------


def error(start: str) -> Callable[[Outcome], None]:
    def check(outcome: Outcome) -> None:
        assert isinstance(outcome, FeedParseError)
        assert say(outcome.note).startswith(start)

    return check


def feed_where(predicate: Callable[[ParsedFeed], None]) -> Callable[[Outcome], None]:
    def check(outcome: Outcome) -> None:
        assert isinstance(outcome, ParsedFeed), str(outcome)
        predicate(outcome)

    return check


def _malformed(feed: ParsedFeed) -> None:
    titles = [e.title for e in feed.entries]
    assert "Sekolah diliburkan tiga hari" in titles
    assert "Posko pengungsian kekurangan selimut" in titles


def _duplicates(feed: ParsedFeed) -> None:
    assert [e.guid for e in feed.entries] == ["gempa-1", "cuaca-9"]
    assert feed.entries[0].title.startswith("Versi pertama")


def _no_links(feed: ParsedFeed) -> None:
    assert len(feed.entries) == 3  # the fourth item has nothing at all
    assert all(e.url == "" and e.published is None for e in feed.entries)
    assert all(e.guid.startswith("hash:") for e in feed.entries)
    assert feed.entries[2].title == "Entri tanpa judul, hanya ringkasan isi."


def _future(feed: ParsedFeed) -> None:
    far, near, fine = feed.entries
    assert far.published is None
    assert near.published == datetime(2025, 3, 4, 18, 0, tzinfo=UTC)
    assert fine.published == datetime(2025, 3, 4, 8, 0, tzinfo=UTC)


def _odd_dates(feed: ParsedFeed) -> None:
    dates = {e.title: e.published for e in feed.entries}
    assert dates["Nama hari dan bulan Indonesia"] == datetime(2025, 3, 4, 3, 0, tzinfo=UTC)
    assert dates["Zona WITA"] == datetime(2025, 3, 5, 6, 30, tzinfo=UTC)
    assert dates["Kata, bukan tanggal"] is None
    assert dates["Tanggal mustahil"] is None
    assert len(dates) == 7


def _enormous(feed: ParsedFeed) -> None:
    entry = feed.entries[0]
    assert len(entry.title) == MAX_TITLE
    assert len(entry.summary) == MAX_SUMMARY
    assert entry.guid.startswith("hash:")  # a 20,000-character id is not kept verbatim
    assert entry.url == ""  # a 50 KB link is dropped


def _escapes(feed: ParsedFeed) -> None:
    entry = feed.entries[0]
    for text in (feed.title, entry.title, entry.summary, entry.author, entry.image_caption or ""):
        assert "\x1b" not in text
        assert "Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==" not in text  # OSC 52 payload dropped too
        assert "[bold]tebal[/bold] [/] [link=http://evil.example]tautan[/link]" in text
        assert "[@click=app.quit]keluar[/]" in text
    assert entry.title.startswith("Banjir rob merendam pesisir")


def _unsafe_links(feed: ParsedFeed) -> None:
    urls = {e.guid: e.url for e in feed.entries}
    assert urls == {
        "u1": "",
        "u2": "",
        "u3": "",
        "u4": "",
        "u5": "",
        "u6": "",
        "u7": "https://uji.example.id/berita/aman",
    }
    assert feed.entries[-1].image_url is None


def _title_is(expected: str, summary: str | None = None) -> Callable[[ParsedFeed], None]:
    def predicate(feed: ParsedFeed) -> None:
        assert feed.entries[0].title == expected
        if summary is not None:
            assert feed.entries[0].summary == summary

    return predicate


def _nested(feed: ParsedFeed) -> None:
    entry = feed.entries[0]
    assert entry.summary.startswith("isi terdalam")
    assert "<" not in entry.summary
    assert entry.content_html is not None


def _laughs(feed: ParsedFeed) -> None:
    entry = feed.entries[0]
    assert len(entry.title) < 50
    assert "hahahaha" not in entry.summary


def _external_entity(feed: ParsedFeed) -> None:
    entry = feed.entries[0]
    assert "root:" not in entry.title + entry.summary
    assert entry.title == "Isi: &rahasia;"


def _scripts(feed: ParsedFeed) -> None:
    entry = feed.entries[0]
    assert entry.summary == "Paragraf aman.\nHarga <Rp10.000> tetap teks."
    assert "jahat" not in entry.summary
    assert "display:none" not in entry.summary


def _relative(feed: ParsedFeed) -> None:
    first, second = feed.entries
    assert first.url == "https://uji.example.id/berita/2025/03/relatif"
    assert first.image_url == "https://cdn.uji.example.id/foto/relatif.jpg"
    assert second.url == "https://uji.example.id/lokal/berita.html"


def _many(feed: ParsedFeed) -> None:
    assert len(feed.entries) == MAX_ENTRIES
    assert feed.entries[0].title == "Butir 0"


def _nul(feed: ParsedFeed) -> None:
    assert feed.entries[0].title == "JuduldenganNUL"
    assert feed.entries[0].summary == "Isiberita tetap terbaca."


def _empty_channel(feed: ParsedFeed) -> None:
    assert feed.title == "Kanal Sepi"
    assert feed.entries == []


HTML_PAGE = "not a feed: the server sent an HTML page"
NOT_XML = "not a feed: the response is not XML"
CASES: dict[str, tuple[str, Callable[[Outcome], None]]] = {
    "malformed_xml.xml": (RSS, feed_where(_malformed)),
    "html_bot_wall.xml": (RSS, error(HTML_PAGE)),
    "empty.xml": (RSS, error("empty response")),
    "whitespace_only.xml": (RSS, error("empty response")),
    "empty_channel.xml": (RSS, feed_where(_empty_channel)),
    "duplicate_guids.xml": (RSS, feed_where(_duplicates)),
    "no_links_no_dates.xml": (RSS, feed_where(_no_links)),
    "future_dates.xml": (RSS, feed_where(_future)),
    "odd_dates.xml": (RSS, feed_where(_odd_dates)),
    "enormous_title.xml": (RSS, feed_where(_enormous)),
    "terminal_escapes.xml": (RSS, feed_where(_escapes)),
    "unsafe_links.xml": (RSS, feed_where(_unsafe_links)),
    "mislabelled_utf8_is_cp1252.xml": (
        RSS,
        feed_where(
            _title_is(
                "Kafe “Pantai Café” – dibuka lagi", "Harga kopi naik ‘sedikit’ — kata pemilik."
            )
        ),
    ),
    "latin1_no_declaration.xml": (
        "application/rss+xml; charset=iso-8859-1",
        feed_where(
            _title_is("Résumé rapat koperasi nelayan", "Catatan dari Café Dermaga, ½ hari.")
        ),
    ),
    "bom_utf8.xml": (
        "application/rss+xml",
        feed_where(_title_is("Berita dengan BOM UTF-8", "Isi berita biasa. Ünïcödé tetap utuh.")),
    ),
    "utf16_bom.xml": ("application/rss+xml", feed_where(_title_is("Berita dalam UTF-16"))),
    "deeply_nested.xml": (RSS, feed_where(_nested)),
    "billion_laughs.xml": (RSS, feed_where(_laughs)),
    "external_entity.xml": (RSS, feed_where(_external_entity)),
    "binary_garbage.bin": ("application/octet-stream", error(NOT_XML)),
    "json_feed.json": ("application/json", error("not a feed: the server sent JSON")),
    "script_in_summary.xml": (RSS, feed_where(_scripts)),
    "relative_links.xml": (RSS, feed_where(_relative)),
    "local_path_body.txt": (RSS, error(NOT_XML)),
    "url_body.txt": (RSS, error(NOT_XML)),
    "many_entries.xml": (RSS, feed_where(_many)),
    "not_a_feed_xml.xml": ("application/xml", error("not a feed: the XML is not RSS or Atom")),
    "nul_bytes.xml": (RSS, feed_where(_nul)),
    "plain_text.txt": ("text/plain", error(NOT_XML)),
}


def test_corpus_and_expectations_match() -> None:
    on_disk = {p.name for p in (HOSTILE / "feeds").iterdir()}
    assert on_disk == set(CASES)


def test_corpus_files_are_what_the_generator_writes() -> None:
    for folder, files in (("feeds", generate.feeds()), ("pages", generate.pages())):
        for name, data in files.items():
            assert (HOSTILE / folder / name).read_bytes() == data, name
        assert {p.name for p in (HOSTILE / folder).iterdir()} == set(files)


@pytest.mark.parametrize("name", sorted(CASES))
async def test_hostile_feed_served_fetched_and_parsed(server: LocalServer, name: str) -> None:
    content_type, expectation = CASES[name]
    body = (HOSTILE / "feeds" / name).read_bytes()
    url = server.route(f"/hostile/{name}", body, content_type=content_type)
    async with Fetcher(timeout=2, deadline=6) as fetcher:
        result = await fetcher.fetch(url)
    assert result.status is FeedStatus.OK
    assert result.content == body
    outcome = await asyncio.to_thread(
        parse_or_error, result.content, "https://uji.example.id/feed.xml", result.content_type
    )
    if isinstance(outcome, ParsedFeed):
        assert_clean(outcome)
    expectation(outcome)


async def test_hostile_feeds_next_to_a_good_one(server: LocalServer) -> None:
    """One refresh over the whole corpus: the good feed still comes out whole."""
    urls = [server.url("/fixtures/feeds/antara_terkini.xml")]
    for name in sorted(CASES):
        body = (HOSTILE / "feeds" / name).read_bytes()
        urls.append(server.route(f"/hostile/{name}", body, content_type=RSS))

    async def fetch_and_parse(fetcher: Fetcher, url: str) -> Outcome:
        result = await fetcher.fetch(url)
        assert result.content is not None
        return await asyncio.to_thread(
            parse_or_error, result.content, result.final_url, result.content_type
        )

    async with Fetcher(timeout=2, deadline=6) as fetcher:
        outcomes = await asyncio.gather(*(fetch_and_parse(fetcher, u) for u in urls))
    good = outcomes[0]
    assert isinstance(good, ParsedFeed)
    assert len(good.entries) == 5
    errors = [o for o in outcomes if isinstance(o, FeedParseError)]
    assert len(errors) == sum(1 for o in outcomes[1:] if not isinstance(o, ParsedFeed))
    assert errors


# --- hostile pages ---------------------------------------------------------------------


async def test_bot_wall_page_is_a_plain_http_error(server: LocalServer) -> None:
    body = (HOSTILE / "pages" / "bot_wall_403.html").read_bytes()
    url = server.route("/artikel/diblokir", body, status=403)
    async with Fetcher(timeout=2) as fetcher:
        result = await fetcher.fetch(url, accept=PAGE_ACCEPT)
    assert result.status is FeedStatus.HTTP_ERROR
    assert say(result.note) == (
        "HTTP 403 Forbidden: the site refused the request (it may block non-browser clients)"
    )


@pytest.mark.parametrize(
    "name", ["deeply_nested_page.html", "escapes_page.html", "mislabelled_charset_page.html"]
)
async def test_hostile_pages_fetch_and_are_not_feeds(server: LocalServer, name: str) -> None:
    body = (HOSTILE / "pages" / name).read_bytes()
    url = server.route(f"/artikel/{name}", body)
    async with Fetcher(timeout=2) as fetcher:
        result = await fetcher.fetch(url, accept=PAGE_ACCEPT)
    assert result.ok
    assert result.content == body
    with pytest.raises(FeedParseError) as caught:
        parse_feed(body, url, content_type=result.content_type, now=NOW)
    assert "HTML page" in say(caught.value.note)


async def test_twenty_megabyte_page_is_refused(server: LocalServer) -> None:
    page = b"<html><body>" + b"<p>Paragraf panjang sekali.</p>" * 700_000 + b"</body></html>"
    assert len(page) > 20_000_000
    url = server.route("/artikel/raksasa", page)
    async with Fetcher(timeout=2) as fetcher:  # default cap: 10 MB
        result = await fetcher.fetch(url, accept=PAGE_ACCEPT)
    assert result.status is FeedStatus.TOO_LARGE
    assert say(result.note) == "response larger than 10 MB"
    with pytest.raises(FeedParseError) as caught:
        parse_feed(page, url, now=NOW)
    assert "HTML page" in say(caught.value.note)


@pytest.mark.parametrize(
    "body",
    [
        # one item whose description holds 10 MB of markup
        b'<rss version="2.0"><channel><title>t</title><item><title>x</title><description>'
        + b"&lt;b&gt;tebal&lt;/b&gt; " * 400_000
        + b"</description></item></channel></rss>",
        # a million unknown elements before the only item
        b'<rss version="2.0"><channel><title>t</title>'
        + b"<x>y</x>" * 1_000_000
        + b"<item><title>z</title></item></channel></rss>",
    ],
    ids=["markup-bomb", "element-flood"],
)
def test_feeds_too_complex_to_parse_are_refused(body: bytes) -> None:
    with pytest.raises(FeedParseError) as caught:
        parse_feed(body, "https://uji.example.id/feed.xml", now=NOW)
    assert say(caught.value.note) == "feed too complex to read (more than 100,000 tags)"


def test_ten_megabytes_of_items_are_cut_to_the_entry_cap() -> None:
    body = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        + b"".join(
            b"<entry><id>tag:uji.example.id,2025:e%d</id><title>Judul</title><summary>isi</summary></entry>"
            % n
            for n in range(120_000)
        )
        + b"</feed>"
    )
    feed = parse_feed(body, "https://uji.example.id/feed.atom", now=NOW)
    assert len(feed.entries) == MAX_ENTRIES
    assert feed.entries[-1].guid == f"tag:uji.example.id,2025:e{MAX_ENTRIES - 1}"


# --- property-based --------------------------------------------------------------------

PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
CONTENT_TYPES = st.sampled_from(
    [None, RSS, "application/atom+xml", "text/html", "text/plain; charset=iso-8859-1", "x/y;;"]
)
NASTY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list("\x1b\x07\x9b\x85\u202e\u2066[]/<>&;=@\"'")),
    ),
    max_size=80,
)


@PROPERTY_SETTINGS
@given(content=st.binary(max_size=2048), content_type=CONTENT_TYPES)
def test_any_bytes_parse_or_raise_feed_parse_error(
    content: bytes, content_type: str | None
) -> None:
    outcome = parse_or_error(content, "https://uji.example.id/feed.xml", content_type)
    if isinstance(outcome, ParsedFeed):
        assert_clean(outcome)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@PROPERTY_SETTINGS
@given(
    fields=st.lists(st.tuples(NASTY_TEXT, NASTY_TEXT, NASTY_TEXT, NASTY_TEXT), max_size=5),
    escape=st.booleans(),
    content_type=CONTENT_TYPES,
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]),
)
def test_generated_feeds_with_hostile_fields(
    fields: list[tuple[str, str, str, str]], escape: bool, content_type: str | None, encoding: str
) -> None:
    wrap = _escape if escape else (lambda s: s)
    items = "".join(
        f"<item><title>{wrap(title)}</title><link>{wrap(link)}</link>"
        f"<pubDate>{wrap(date)}</pubDate><description>{wrap(text)}</description></item>"
        for title, link, date, text in fields
    )
    document = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    )
    content = document.encode(encoding, "replace")
    outcome = parse_or_error(content, "https://uji.example.id/feed.xml", content_type)
    if isinstance(outcome, ParsedFeed):
        assert_clean(outcome)


FIXTURE_BYTES = [p.read_bytes() for p in sorted(FIXTURE_FEEDS.iterdir())]


@PROPERTY_SETTINGS
@given(
    index=st.integers(0, len(FIXTURE_BYTES) - 1),
    cut=st.integers(0, 5000),
    length=st.integers(0, 400),
    insert=st.binary(max_size=64),
)
def test_damaged_fixture_feeds(index: int, cut: int, length: int, insert: bytes) -> None:
    original = FIXTURE_BYTES[index]
    damaged = original[:cut] + insert + original[cut + length :]
    outcome = parse_or_error(damaged, "https://uji.example.id/feed.xml", RSS)
    if isinstance(outcome, ParsedFeed):
        assert_clean(outcome)
