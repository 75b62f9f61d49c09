"""A small fake news web served by the local test server, for end-to-end tests.

Three feeds (RSS 2.0 with media:content, Atom, RSS with content:encoded) in
three categories, and article pages in the style of Indonesian news sites with
the junk a reader must strip. All text is written for these tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from tests.pictures import jpeg
from tests.server import LocalServer

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Story:
    """One article of the fake site."""

    slug: str
    title: str
    paragraphs: tuple[str, ...]
    caption: str = ""
    credit: str = ""
    minutes_ago: int = 30


NASIONAL = (
    Story(
        "banjir-bekasi",
        "Banjir rendam ratusan rumah di Bekasi setelah hujan semalam",
        (
            "BEKASI (ANTARA) - Ratusan rumah warga di tiga kecamatan di Kota Bekasi terendam banjir"
            " setinggi pinggang orang dewasa setelah hujan deras mengguyur sejak Rabu malam.",
            "Kepala Badan Penanggulangan Bencana Daerah setempat mengatakan petugas telah"
            " mengevakuasi sedikitnya 140 warga lanjut usia dan anak-anak ke posko pengungsian.",
            "Menurut dia, luapan Kali Bekasi menjadi penyebab utama genangan karena tanggul di"
            " dua titik tidak mampu menahan debit air yang naik dengan cepat.",
            "Warga diminta tetap waspada karena prakiraan cuaca menunjukkan hujan lebat masih"
            " berpotensi turun hingga akhir pekan.",
        ),
        caption="Petugas gabungan mengevakuasi warga menggunakan perahu karet di Jatiasih",
        credit="ANTARA FOTO/Rina Kusuma",
        minutes_ago=12,
    ),
    Story(
        "kereta-cepat-libur",
        "Jadwal kereta cepat ditambah selama libur akhir tahun",
        (
            "JAKARTA (ANTARA) - Operator kereta cepat menambah dua belas perjalanan setiap hari"
            " untuk melayani lonjakan penumpang pada libur akhir tahun.",
            "Manajer komunikasi perusahaan menyebut tingkat keterisian kereta pada akhir pekan"
            " lalu sudah mencapai sembilan puluh persen.",
            "Penumpang disarankan membeli tiket lebih awal melalui aplikasi resmi agar tidak"
            " kehabisan kursi pada tanggal favorit.",
        ),
        minutes_ago=95,
    ),
)

EKONOMI = (
    Story(
        "harga-beras",
        "Harga beras naik di dua belas provinsi menjelang Natal",
        (
            "Jakarta - Harga beras medium tercatat naik di dua belas provinsi dalam sepekan"
            " terakhir menurut pantauan panel harga pangan.",
            "Kenaikan tertinggi terjadi di wilayah timur Indonesia, dengan selisih hingga seribu"
            " rupiah per kilogram dibandingkan bulan lalu.",
            "Pemerintah menyiapkan operasi pasar di daerah yang mengalami kenaikan paling tajam.",
        ),
        caption="Pedagang menata karung beras di Pasar Induk Cipinang",
        credit="detikcom/Andi Pratama",
        minutes_ago=40,
    ),
)

OLAHRAGA = (
    Story(
        "timnas-uji-coba",
        "Timnas menang 2-1 dalam laga uji coba di Surabaya",
        (
            "Tim nasional Indonesia mengalahkan tamunya 2-1 dalam laga uji coba di Stadion"
            " Gelora Bung Tomo, Surabaya, Selasa malam.",
            "Dua gol tuan rumah dicetak pada babak kedua setelah pelatih memasukkan tiga pemain"
            " muda.",
        ),
        minutes_ago=200,
    ),
)


@dataclass
class LocalSite:
    """URLs of the fake site on the local server."""

    server: LocalServer
    feed_urls: dict[str, str] = field(default_factory=dict)
    page_urls: dict[str, str] = field(default_factory=dict)

    def config_toml(self) -> str:
        """A config.toml listing the local feeds."""
        lines = ["[settings]", "refresh_on_start = false", "refresh_interval_minutes = 0", ""]
        titles = {"Nasional": "Antara Lokal", "Ekonomi": "Detik Lokal", "Olahraga": "WP Lokal"}
        for category, url in self.feed_urls.items():
            lines += [
                "[[feeds]]",
                f'url = "{url}"',
                f'category = "{category}"',
                f'title = "{titles[category]}"',
                "",
            ]
        return "\n".join(lines)

    def write_config(self, config_home: Path) -> Path:
        """Write config.toml into ``$XDG_CONFIG_HOME/beritatui``."""
        from tests.helpers import write_config

        return write_config(config_home, self.config_toml())


def _antara_page(story: Story) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in story.paragraphs[:2])
    rest = "\n".join(f"<p>{p}</p>" for p in story.paragraphs[2:])
    figure = ""
    if story.caption:
        figure = (
            '<figure class="image"><img src="/img/photo.jpg" alt="">'
            f"<figcaption>{story.caption} ({story.credit})</figcaption></figure>"
        )
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{story.title} - ANTARA News</title>
<meta property="og:title" content="{story.title}">
<meta property="og:site_name" content="ANTARA News">
<meta property="article:published_time" content="2026-11-27T08:48:00+07:00">
</head><body>
<nav><a href="/">Beranda</a> <a href="/nasional">Nasional</a> <a href="/dunia">Dunia</a></nav>
<div class="wrap"><article>
<h1 class="post-title">{story.title}</h1>
<p class="text-muted">Kamis, 27 November 2026 08:48 WIB</p>
{figure}
<div class="post-content">
{paragraphs}
<span class="baca-juga">Baca juga: Petugas siaga di pintu air Manggarai</span>
<p>ADVERTISEMENT</p>
{rest}
<p class="text-muted">Pewarta: Dewi Lestari<br>Editor: Budi Santoso<br>Copyright © ANTARA 2026</p>
</div></article>
<aside><h3>Terpopuler</h3><ul><li><a href="/x">Berita lain yang ramai dibaca</a></li></ul></aside>
</div><footer>Gabung dan ikuti kami di media sosial</footer></body></html>"""


def _detik_page(story: Story) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in story.paragraphs)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{story.title}</title><meta property="og:site_name" content="detikfinance"></head><body>
<header><a href="/">detikcom</a></header>
<article class="detail"><h1 class="detail__title">{story.title}</h1>
<div class="detail__author">Andi Pratama - detikFinance</div>
<div class="detail__media"><figure class="detail__media-image"><img src="/img/beras.jpg">
<figcaption class="detail__media-caption">{story.caption}. Foto: {story.credit}</figcaption>
</figure></div>
<div class="detail__body-text itp_bodycontent">
{body}
<p>ADVERTISEMENT</p><p>SCROLL TO CONTINUE WITH CONTENT</p>
<p>[Gambas:Video 20detik]</p>
<p>Simak Video "Pedagang mengeluh sepi pembeli"</p>
<p>(ads/ara)</p>
</div></article></body></html>"""


def _rss(site: LocalSite, stories: tuple[Story, ...], title: str) -> str:
    items = []
    for story in stories:
        url = site.page_urls[story.slug]
        date = format_datetime(NOW - timedelta(minutes=story.minutes_ago))
        media = ""
        if story.caption:
            media = (
                f'<media:content url="{site.server.url("/img/photo.jpg")}" medium="image">'
                f"<media:description>{story.caption}</media:description></media:content>"
            )
        items.append(
            f"<item><title>{story.title}</title><link>{url}</link><guid>{url}</guid>"
            f"<pubDate>{date}</pubDate><description>{story.paragraphs[0]}</description>"
            f"{media}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>'
        f"<title>{title}</title><link>{site.server.base}</link>"
        + "".join(items)
        + "</channel></rss>"
    )


def _atom(site: LocalSite, stories: tuple[Story, ...]) -> str:
    entries = []
    for story in stories:
        url = site.page_urls[story.slug]
        updated = (NOW - timedelta(minutes=story.minutes_ago)).isoformat()
        entries.append(
            f'<entry><title>{story.title}</title><link href="{url}"/><id>{url}</id>'
            f"<updated>{updated}</updated><summary>{story.paragraphs[0]}</summary></entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Detik Lokal</title><id>{site.server.base}/atom</id>"
        f"<updated>{NOW.isoformat()}</updated>" + "".join(entries) + "</feed>"
    )


def _content_encoded(site: LocalSite, stories: tuple[Story, ...]) -> str:
    items = []
    for story in stories:
        url = site.page_urls[story.slug]
        date = format_datetime(NOW - timedelta(minutes=story.minutes_ago))
        html = "".join(f"<p>{p}</p>" for p in story.paragraphs)
        items.append(
            f"<item><title>{story.title}</title><link>{url}</link><guid>{url}</guid>"
            f"<pubDate>{date}</pubDate><description>{story.paragraphs[0]}</description>"
            f"<content:encoded><![CDATA[{html}<p>Gabung dan ikuti kami di saluran"
            " WhatsApp</p>]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>WP Lokal</title><link>{site.server.base}</link>"
        + "".join(items)
        + "</channel></rss>"
    )


def build_site(server: LocalServer, *, serve_pages: bool = True) -> LocalSite:
    """Register feeds and pages on ``server``; pages of the WordPress feed are 404s."""
    site = LocalSite(server)
    for story in NASIONAL + EKONOMI + OLAHRAGA:
        site.page_urls[story.slug] = server.url(f"/berita/{story.slug}")
    if serve_pages:
        for story in NASIONAL:
            server.route(f"/berita/{story.slug}", _antara_page(story))
        for story in EKONOMI:
            server.route(f"/berita/{story.slug}", _detik_page(story))
    # The article photos (the reader shows them with images = true).
    server.route("/img/photo.jpg", jpeg(480, 270, (40, 90, 160)), content_type="image/jpeg")
    server.route("/img/beras.jpg", jpeg(400, 300, (160, 120, 40)), content_type="image/jpeg")
    site.feed_urls["Nasional"] = server.route(
        "/rss/nasional.xml",
        _rss(site, NASIONAL, "Antara Lokal"),
        content_type="application/rss+xml; charset=utf-8",
        headers={"ETag": '"nasional-v1"'},
    )
    site.feed_urls["Ekonomi"] = server.route(
        "/atom/ekonomi", _atom(site, EKONOMI), content_type="application/atom+xml"
    )
    site.feed_urls["Olahraga"] = server.route(
        "/wp/feed", _content_encoded(site, OLAHRAGA), content_type="application/rss+xml"
    )
    return site
