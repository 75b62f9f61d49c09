"""Site names out of titles, publishers out of bylines, credit lines into the byline."""

from __future__ import annotations

import pytest

from beritatui.extract import extract_article
from beritatui.extract.credits import Credits, parse_credits
from beritatui.extract.junk import is_junk_paragraph, is_list_label
from beritatui.extract.names import SiteNames, host_label


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("https://megapolitan.kompas.com/read/1", "kompas"),
        ("https://www.pu.go.id/berita", "pu"),
        ("https://en.antaranews.com/news/1", "antaranews"),
        ("not a url", ""),
    ],
)
def test_host_label(url: str, label: str) -> None:
    assert host_label(url) == label


@pytest.mark.parametrize(
    ("names", "title", "clean"),
    [
        (["Kompas.com"], "Harga Cabai Naik - Kompas.com", "Harga Cabai Naik"),
        (["Tempo", "tempo"], "Resep Sayur Asem | Tempo Gaya", "Resep Sayur Asem"),
        (["KapanLagi.com"], "KapanLagi.com: Konser Musim Hujan", "Konser Musim Hujan"),
        (["liputan6"], "Kabar Palsu Gempa - Cek Fakta Liputan6.com", "Kabar Palsu Gempa"),
        (["", "suara"], "Suara.com - Timnas Menang | Bola", "Timnas Menang | Bola"),
        # A piece that only shares a word with the site name is part of the headline.
        (["tempo"], "Pekerja Lembur - Tempo Kerja Pabrik Dipercepat", None),
        (["detik"], "Jakarta-Bandung Macet Total", None),
    ],
)
def test_site_names_stripped_from_titles(names: list[str], title: str, clean: str | None) -> None:
    assert SiteNames(names).strip(title) == (clean or title)


def test_publisher_is_not_a_person() -> None:
    sites = SiteNames(["KOMPAS.com", "kompas"])
    assert sites.is_publisher("Kompas Cyber Media")
    assert not sites.is_publisher("Andri Donnal Putera")


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("Penulis: Agus Setiawan | Editor: Budi Santoso", "Agus Setiawan · Editor: Budi Santoso"),
        ("Penulis | : Andri Putera", "Andri Putera"),
        (
            "Reporter: Aditya Pratama\nEditor: Rahmad Nasution",
            "Aditya Pratama · Editor: Rahmad Nasution",
        ),
        ("Editor: Hasanudin Aco", "Editor: Hasanudin Aco"),
    ],
)
def test_credit_lines(line: str, byline: str) -> None:
    credits = Credits()
    assert parse_credits(line, credits)
    assert credits.byline() == byline
    assert all(is_junk_paragraph(part) for part in line.split("\n"))


def test_sentences_are_not_credit_lines() -> None:
    credits = Credits()
    assert not parse_credits("Editor majalah itu menolak berkomentar soal kabar tersebut.", credits)
    assert not is_junk_paragraph("Penulis muda itu menerbitkan novel pertamanya tahun lalu.")
    assert credits.byline() == ""


@pytest.mark.parametrize(
    "text",
    [
        "Read also: Nickel exports climb again",
        "Sign up for our newsletter to get the top stories in your inbox.",
        "Disclaimer : Komentar adalah tanggung jawab pengirim.",
        "Cek Fakta Liputan6.com",
        "Fakta atau Hoaks?",
    ],
)
def test_english_and_promo_junk(text: str) -> None:
    assert is_junk_paragraph(text)


@pytest.mark.parametrize(
    "text",
    [
        "Residents who want to read more of the report can ask the district office for a copy.",
        "The agency will subscribe to a weather alert service, its head said on Monday.",
        "A disclaimer in the contract protects the company, the lawyer argued.",
    ],
)
def test_real_sentences_with_junk_words_stay(text: str) -> None:
    assert not is_junk_paragraph(text)
    assert not is_list_label(text)


def test_publisher_author_falls_back_to_credit_line() -> None:
    html = (
        "<html><head><title>Jalan Rusak Diperbaiki - Contoh News</title>"
        '<meta property="og:site_name" content="Contoh News">'
        '<meta name="author" content="Contoh News Network"></head><body><article>'
        "<h1>Jalan Rusak Diperbaiki</h1>"
        + "<p>Perbaikan jalan provinsi dimulai pekan ini dan ditargetkan selesai bulan depan.</p>"
        * 4
        + "<p>Penulis: Sinta Dewi</p><p>Editor: Joko Susilo</p></article></body></html>"
    )
    article = extract_article(html, "https://www.contohnews.id/a/1")
    assert article.title == "Jalan Rusak Diperbaiki"
    assert article.byline == "Sinta Dewi · Editor: Joko Susilo"
    assert "Penulis" not in article.text
    assert "Editor" not in article.text
