"""Inline links of body paragraphs: kept with their text, http(s) only, junk links dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from beritatui.extract import article_from_html_fragment, extract_article
from beritatui.extract.links import OPEN, close_mark, pending_links, resolve_links
from beritatui.models import ExtractedArticle

PAGES = Path(__file__).parent.parent / "fixtures" / "links"
DETIK = "https://news.detik.com/berita/d-1/banjir-kemang"
WARTA = "https://warta.example.id/ekonomi/2026/12/cabai"
LAMA = "http://www.kabupaten.example.go.id/berita/baca.php?id=13"


def _page(name: str, url: str) -> ExtractedArticle:
    return extract_article((PAGES / f"{name}.html").read_bytes(), url)


def _links(article: ExtractedArticle) -> list[tuple[str, str]]:
    """Every link as (its text as shown, its URL), in reading order."""
    return [
        (block.text[link.start : link.end], link.url)
        for block in article.blocks
        for link in block.links or ()
    ]


def test_a_site_rule_body_keeps_its_links_resolved_against_the_page() -> None:
    assert _links(_page("detik-banjir", DETIK)) == [
        ("banjir", "https://news.detik.com/tag/banjir"),
        ("laporan BPBD DKI", "https://bpbd.jakarta.go.id/laporan?id=7&hari=3"),
        ("Masjid Al-Ikhlas", "https://kemang.example.id/posko"),
        ("balai warga", "https://news.detik.com/berita/pengungsian/balai"),
    ]


def test_hostile_hrefs_leave_plain_text_and_no_link() -> None:
    article = _page("detik-banjir", DETIK)
    texts = [block.text for block in article.blocks]
    # javascript:, data:, mailto: and the page's own #anchor: the words stay, unlinked.
    assert any("Tautan klik di sini dan unduh data" in t and "komentar." in t for t in texts)
    # A tab or an escape inside the href: refused; the link text's escape is stripped,
    # its [markup] stays literal text.
    hostile = next(b for b in article.blocks if b.text.startswith("Kepala BPBD"))
    assert hostile.links is None
    assert "tautan bertab dan [bold red]teks[/] jahat sudah" in hostile.text
    assert all("\x1b" not in t and "\t" not in t for t in texts)
    urls = " ".join(url for _, url in _links(article))
    assert "evil.example" not in urls


def test_ad_share_and_read_also_links_go_with_their_blocks() -> None:
    article = _page("detik-banjir", DETIK)
    text = article.text
    assert "Promo banjir" not in text
    assert "Banjir kemarin" not in text
    assert "Facebook" not in text
    urls = [url for _, url in _links(article)]
    assert not any("iklan" in u or "sharer" in u or "d-2" in u or "twitter" in u for u in urls)


def test_the_generic_extractor_keeps_body_links_and_resolves_relative_ones_properly() -> None:
    article = _page("warta-generic", WARTA)
    assert _links(article) == [
        ("Pusat Informasi Harga Pangan Strategis", "https://www.bi.go.id/hargapangan"),
        # Against the page's folder (trafilatura alone would join it to the site root).
        ("Garut", "https://warta.example.id/ekonomi/2026/daerah/garut"),
        ("situs resmi dinas", "https://diskop.bandung.go.id/siaran/cabai-2026"),
    ]
    assert "siaran pers dinas" in article.text  # javascript: link, words kept
    assert "Beranda" not in article.text  # menu links are no body


def test_an_old_layout_table_page_keeps_its_links() -> None:
    assert _links(_page("lama-br", LAMA)) == [
        ("anggaran daerah", "http://pu.kabupaten.example.go.id/anggaran/2026"),
        ("Sebelumnya", "http://www.kabupaten.example.go.id/berita/berita.php?id=12"),
    ]


def test_feed_html_keeps_links() -> None:
    fragment = (
        "<p>Menteri menyebut <a href='/rilis/9'>rilis resmi</a> dan "
        "<a href='vbscript:msgbox(1)'>ini</a> pada jumpa pers di Jakarta, Kamis.</p>"
        "<p>Baca juga: <a href='/berita/8'>Berita lain</a></p>"
    )
    article = article_from_html_fragment(fragment, "https://kabar.example.id/berita/10")
    assert _links(article) == [("rilis resmi", "https://kabar.example.id/rilis/9")]
    assert "Berita lain" not in article.text


def test_a_link_the_junk_rules_cut_into_is_dropped_and_the_text_stays_clean() -> None:
    fragment = (
        "<p>Harga emas <a href='https://emas.example/harga'>naik ADVERTISEMENT tajam</a> "
        "hari ini, kata <a href='https://a.example/x'><img src='x.png'></a> analis pasar.</p>"
    )
    article = article_from_html_fragment(fragment, "https://kabar.example.id/berita/10")
    assert article.text == "Harga emas naik tajam hari ini, kata analis pasar."
    assert _links(article) == [("naik tajam", "https://emas.example/harga")]


def test_page_text_cannot_forge_a_link_mark() -> None:
    forged = f"Teks {OPEN}palsu{close_mark(0)} di halaman."
    fragment = f"<p>{forged} Lalu <a href='https://benar.example/'>tautan asli</a>.</p>"
    article = article_from_html_fragment(fragment, "https://kabar.example.id/berita/10")
    assert article.text == "Teks palsu di halaman. Lalu tautan asli."
    assert _links(article) == [("tautan asli", "https://benar.example/")]


@pytest.mark.parametrize(
    ("marked", "text", "spans"),
    [
        (f"a {OPEN}b{close_mark(0)} c", "a b c", ["b"]),
        (f"a {OPEN} b {close_mark(0)} c", "a b c", ["b"]),  # spaces left by the marks
        (f"{OPEN} awal{close_mark(0)} dan", "awal dan", ["awal"]),
        (f"x {OPEN}y{close_mark(0)}\n{OPEN}{close_mark(1)}\nz", "x y\nz", ["y"]),
        (f"x {OPEN}tanpa penutup", "x tanpa penutup", []),
        (f"x tanpa pembuka{close_mark(0)}", "x tanpa pembuka", []),
        (f"x {OPEN}y{close_mark(7)}", "x y", []),  # names no pending link
    ],
)
def test_resolve_links(marked: str, text: str, spans: list[str]) -> None:
    got, links = resolve_links(marked, pending_links(["https://a.example/", "https://b.example/"]))
    assert got == text
    assert [got[link.start : link.end] for link in links or ()] == spans
