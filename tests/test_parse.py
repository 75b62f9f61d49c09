"""Feed parsing and entry normalisation on the fixture feeds (served and read back as bytes)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from beritatui.feeds.fetch import Fetcher
from beritatui.feeds.parse import (
    MAX_SUMMARY,
    MAX_TITLE,
    FeedParseError,
    canonical_url,
    html_to_text,
    parse_feed,
)
from beritatui.models import ParsedFeed
from beritatui.wording import say
from tests.server import LocalServer

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
NOW = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)


def load(name: str, content_type: str | None = "application/rss+xml; charset=utf-8") -> ParsedFeed:
    return parse_feed(
        (FEEDS / name).read_bytes(),
        f"https://contoh.example.id/feeds/{name}",
        content_type=content_type,
        now=NOW,
    )


def rss(items: str, channel_title: str = "Uji") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:media="http://search.yahoo.com/mrss/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{channel_title}</title>{items}</channel></rss>"
    ).encode()


def dated(guid: str, date: str) -> str:
    return (
        f'<item><guid isPermaLink="false">{guid}</guid><title>{guid}</title>'
        f"<pubDate>{date}</pubDate></item>"
    )


# --- fixture feeds ---------------------------------------------------------------------


def test_antara_style_rss_with_media_captions() -> None:
    feed = load("antara_terkini.xml")
    assert feed.title == "Berita Terkini - Kantor Berita Contoh"
    assert len(feed.entries) == 5
    first = feed.entries[0]
    assert first.guid == "https://kantorberita.example.id/berita/4701122"
    assert first.url.endswith("/pemkot-semarang-tambah-armada-bus-listrik-untuk-jalur-pesisir")
    assert first.title == "Pemkot Semarang tambah armada bus listrik untuk jalur pesisir"
    assert first.summary.startswith("Semarang (KB) - Pemerintah Kota Semarang menambah")
    assert "<img" not in first.summary
    assert first.published == datetime(2025, 3, 4, 2, 30, tzinfo=UTC)
    assert first.author == "Rina Astuti"
    assert first.image_url == (
        "https://img.kantorberita.example.id/cache/800x533/2025/03/bus-listrik.jpg"
    )
    assert first.image_caption is not None
    assert first.image_caption.startswith("Petugas memeriksa bus listrik baru")
    assert first.image_caption.endswith("(KB FOTO/Rina Astuti)")
    # media:description must not pose as the summary or as content:encoded
    assert first.content_html is None
    assert feed.newest == first.published


def test_image_sources_thumbnail_enclosure_and_none() -> None:
    entries = load("antara_terkini.xml").entries
    thumb, enclosure, bare = entries[2], entries[3], entries[4]
    assert thumb.image_url is not None
    assert thumb.image_url.endswith("/270x180/2025/03/timnas.jpg")
    assert thumb.image_caption == "Latihan timnas di Stadion Kapten I Wayan Dipta"  # media:title
    assert enclosure.image_url is not None
    assert enclosure.image_url.endswith("/gelombang.jpg")
    assert enclosure.image_caption is None
    assert bare.image_url is None
    assert bare.image_caption is None


def test_atom_feed() -> None:
    feed = load("nasional.atom", "application/atom+xml; charset=utf-8")
    assert feed.title == "Warta Nasional"
    first, second, third = feed.entries
    assert first.title == "DPR setujui revisi undang-undang desa"  # type="html" title, tags gone
    assert first.guid == "tag:warta.example.id,2025:artikel-88120"
    # relative link resolved against the feed address
    assert first.url == "https://contoh.example.id/nasional/2025/03/04/dpr-setujui-revisi-uu-desa"
    assert first.published == datetime(2025, 3, 4, 3, 5, tzinfo=UTC)
    assert first.author == "Yusuf Hidayat"
    assert first.summary == (
        "Rapat paripurna menyetujui perpanjangan masa jabatan kepala desa menjadi delapan tahun."
        "\n\nSebanyak tujuh fraksi menyatakan setuju."
    )
    assert first.content_html is not None
    assert "<figcaption>Suasana rapat paripurna.</figcaption>" in first.content_html
    assert first.image_url == "https://warta.example.id/foto/paripurna.jpg"  # from the content
    assert second.published == datetime(2025, 3, 3, 8, 45, tzinfo=UTC)  # updated only
    assert third.summary == "Verifikasi berlangsung di 34 provinsi selama tiga pekan."
    assert feed.newest == first.published


def test_wordpress_content_encoded() -> None:
    feed = load("wordpress_content.xml")
    assert feed.title == "Suara Lembah – Berita Daerah"
    first = feed.entries[0]
    assert first.guid == "https://suaralembah.example.id/?p=21873"
    assert first.author == "Redaksi Suara Lembah"
    assert first.content_html is not None
    assert "Ketua panitia, Sri Wahyuni" in first.content_html
    assert "<script" not in first.content_html  # feedparser's sanitiser ran
    assert "first appeared on" not in first.summary  # WordPress footer dropped
    assert first.summary.endswith("di alun-alun kabupaten. […]")
    assert first.image_url == (
        "https://suaralembah.example.id/wp-content/uploads/2025/03/festival-kopi-1024x683.jpg"
    )


@pytest.mark.parametrize(
    "content_type",
    ["application/rss+xml", "application/rss+xml; charset=utf-8", "text/xml", None],
)
def test_windows_1252_feed_decodes_whatever_the_header_says(content_type: str | None) -> None:
    feed = load("pesisir_cp1252.rss", content_type)
    assert feed.title == "Kabar Pesisir – Edisi Daerah"
    assert feed.entries[0].title == "Nelayan Rembang: “Solar subsidi sulit didapat”"
    assert feed.entries[1].title == "Kafe “Pantai Café” buka cabang di dermaga baru"
    assert "\ufffd" not in feed.entries[1].summary


async def test_fixtures_fetched_from_the_server_parse(server: LocalServer) -> None:
    async with Fetcher(timeout=2) as fetcher:
        for name in ("antara_terkini.xml", "nasional.atom", "wordpress_content.xml"):
            result = await fetcher.fetch(server.url(f"/fixtures/feeds/{name}"))
            assert result.content is not None
            feed = parse_feed(
                result.content, result.final_url, content_type=result.content_type, now=NOW
            )
            assert feed.entries
            assert all(e.url.startswith(("https://", "http://127.0.0.1")) for e in feed.entries)


# --- normalisation rules ---------------------------------------------------------------


def test_guid_falls_back_to_canonical_link_then_hash() -> None:
    feed = parse_feed(
        rss(
            "<item><title>Dengan tautan</title>"
            "<link>HTTPS://Contoh.Example.ID:443/a?utm_source=rss&amp;id=7#komentar</link></item>"
            "<item><title>Tanpa tautan</title><pubDate>Tue, 04 Mar 2025 01:00:00 GMT</pubDate>"
            "</item>"
        ),
        "https://contoh.example.id/rss",
        now=NOW,
    )
    linked, bare = feed.entries
    assert linked.guid == "https://contoh.example.id/a?id=7"
    assert linked.url.startswith("https://Contoh.Example.ID:443/a?")
    assert bare.url == ""
    assert bare.guid.startswith("hash:")
    again = parse_feed(
        rss(
            "<item><title>Tanpa tautan</title><pubDate>Tue, 04 Mar 2025 01:00:00 GMT</pubDate>"
            "</item>"
        ),
        "https://contoh.example.id/rss",
        now=NOW,
    )
    assert again.entries[0].guid == bare.guid  # stable across refreshes


def test_canonical_url() -> None:
    assert canonical_url("HTTP://Berita.Example.ID:80/x/?fbclid=1&q=2&utm_medium=a#top") == (
        "http://berita.example.id/x/?q=2"
    )
    assert canonical_url("https://berita.example.id") == "https://berita.example.id/"
    assert canonical_url("https://berita.example.id:8443/a") == "https://berita.example.id:8443/a"


def test_duplicate_guids_keep_the_first() -> None:
    feed = parse_feed(
        rss(
            "<item><guid>x</guid><title>Pertama</title></item>"
            "<item><guid>x</guid><title>Kedua</title></item>"
            "<item><guid>y</guid><title>Ketiga</title></item>"
        ),
        "https://contoh.example.id/rss",
        now=NOW,
    )
    assert [e.title for e in feed.entries] == ["Pertama", "Ketiga"]


def test_future_dates_become_none_but_a_few_hours_ahead_is_kept() -> None:
    feed = parse_feed(
        rss(
            dated("a", "Thu, 01 Jan 2099 00:00:00 GMT")
            + dated("b", "Tue, 04 Mar 2025 20:00:00 GMT")
        ),
        "https://contoh.example.id/rss",
        now=NOW,
    )
    far, near = feed.entries
    assert (far.guid, near.guid) == ("a", "b")
    assert far.published is None
    assert near.published == datetime(2025, 3, 4, 20, 0, tzinfo=UTC)
    assert feed.newest == near.published


def test_indonesian_dates() -> None:
    feed = parse_feed(
        rss(
            dated("a", "Selasa, 04 Maret 2025 10:00 WIB")
            + dated("b", "Kamis, 6 Mar 2025 14:30:00 WITA")
            + dated("c", "17 Agustus 2024 08:00 WIT")
            + dated("d", "kemarin sore")
        ),
        "https://contoh.example.id/rss",
        now=NOW,
    )
    assert [e.published for e in feed.entries] == [
        datetime(2025, 3, 4, 3, 0, tzinfo=UTC),
        None,  # 6 March 06:30 UTC is more than a day after NOW
        datetime(2024, 8, 16, 23, 0, tzinfo=UTC),
        None,
    ]


def test_long_title_and_summary_are_capped() -> None:
    feed = parse_feed(
        rss(
            f"<item><guid>a</guid><title>{'kata ' * 5000}</title>"
            f"<description>{'isi ' * 5000}</description></item>"
        ),
        "https://contoh.example.id/rss",
        now=NOW,
    )
    entry = feed.entries[0]
    assert len(entry.title) == MAX_TITLE
    assert entry.title.endswith("…")
    assert len(entry.summary) <= MAX_SUMMARY
    assert entry.summary.endswith("…")


def test_entry_without_title_takes_its_summary_and_empty_entries_are_dropped() -> None:
    feed = parse_feed(
        rss(
            "<item><description>Hanya ringkasan tanpa judul.</description></item>"
            "<item><description></description></item>"
        ),
        "https://contoh.example.id/rss",
        now=NOW,
    )
    assert [e.title for e in feed.entries] == ["Hanya ringkasan tanpa judul."]


def test_media_caption_does_not_replace_summary_when_description_is_missing() -> None:
    feed = parse_feed(
        rss(
            "<item><guid>a</guid><title>Foto saja</title>"
            '<media:content url="https://img.example.id/a.jpg" type="image/jpeg">'
            "<media:description>Keterangan foto</media:description></media:content></item>"
        ),
        "https://contoh.example.id/rss",
        now=NOW,
    )
    entry = feed.entries[0]
    assert entry.summary == ""
    assert entry.image_caption == "Keterangan foto"
    assert entry.content_html is None


def test_video_media_content_is_not_a_lead_image() -> None:
    feed = parse_feed(
        rss(
            "<item><guid>a</guid><title>Video</title>"
            '<media:content url="https://v.example.id/a.mp4" type="video/mp4" medium="video"/>'
            "</item>"
        ),
        "https://contoh.example.id/rss",
        now=NOW,
    )
    assert feed.entries[0].image_url is None


def test_empty_feed_is_not_an_error() -> None:
    feed = parse_feed(rss("", channel_title="Kosong"), "https://contoh.example.id/rss", now=NOW)
    assert feed.title == "Kosong"
    assert feed.entries == []
    assert feed.newest is None


def test_feed_without_title_uses_host() -> None:
    body = b'<rss version="2.0"><channel><item><title>x</title></item></channel></rss>'
    assert parse_feed(body, "https://berita.example.id/rss", now=NOW).title == "berita.example.id"


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b"", None, "empty response: the server sent no feed"),
        (b"  \n ", None, "empty response: the server sent no feed"),
        (
            b"<!doctype html><html><body>Halaman</body></html>",
            "application/rss+xml",
            "not a feed: the server sent an HTML page (perhaps an error page or a bot check)",
        ),
        (
            b"<p>hai</p>",
            "text/html; charset=utf-8",
            "not a feed: the server sent an HTML page (perhaps an error page or a bot check)",
        ),
        (b'{"items": []}', "application/json", "not a feed: the server sent JSON, not RSS or Atom"),
        (b"\x00\xff\xfe binary", None, "not a feed: the response is not XML"),
        (b"/etc/passwd", None, "not a feed: the response is not XML"),
    ],
)
def test_not_a_feed_messages(body: bytes, content_type: str | None, message: str) -> None:
    with pytest.raises(FeedParseError) as caught:
        parse_feed(body, "https://contoh.example.id/rss", content_type=content_type, now=NOW)
    assert say(caught.value.note) == message


def test_xml_that_is_not_a_feed() -> None:
    body = b'<?xml version="1.0"?><opml version="2.0"><body/></opml>'
    with pytest.raises(FeedParseError) as caught:
        parse_feed(body, "https://contoh.example.id/rss", now=NOW)
    assert say(caught.value.note).startswith("not a feed: the XML is not RSS or Atom")


def test_html_to_text() -> None:
    html = (
        "<p>Satu <b>dua</b></p><script>jahat()</script><style>p{}</style>"
        "<ul><li>a</li><li>b</li></ul>Harga &lt;Rp5.000&gt; &amp; naik"
    )
    assert html_to_text(html) == "Satu dua\n\na\n\nb\n\nHarga <Rp5.000> & naik"
    assert html_to_text("<div>" * 10 + "teks" + "</div") == "teks"
