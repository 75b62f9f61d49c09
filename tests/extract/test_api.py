"""The public API: never raises on bad input, sanitised output, fragments, no UI imports."""

from __future__ import annotations

import subprocess
import sys

import pytest

from beritatui.extract import (
    EXTRACTOR_VERSION,
    article_from_html_fragment,
    extract_article,
)


@pytest.mark.parametrize(
    "html",
    [
        b"",
        "",
        b"\x00\xff\xfe garbage",
        "<html",
        "<?xml version='1.0' encoding='utf-8'?><html></html>",
        "plain text only",
        "<html><body><p>Pendek.</p></body></html>",
        b"<div>" * 5000,
    ],
)
def test_never_raises(html: bytes | str) -> None:
    article = extract_article(html, "https://example.com/a")
    assert article.url == "https://example.com/a"
    assert article.pages == 1


def test_control_characters_and_escape_sequences_are_stripped() -> None:
    para = "Harga cabai naik \x1b[31mtajam\x1b[0m di pasar\x07 tradisional pada pekan ini."
    paras = "".join(f"<p>{para} Bagian ke-{i} dari laporan pasar hari ini.</p>" for i in range(4))
    title = "<title>Judul\x1b]0;x\x07</title>"
    html = f"<html><head>{title}</head><body><article>{paras}</article></body></html>"
    article = extract_article(html, "https://example.com/a")
    assert "tajam" in article.text
    assert "\x1b" not in article.text
    assert "\x07" not in article.text
    assert "\x1b" not in article.title


def test_fragment_from_feed_content() -> None:
    fragment = (
        "<p>JAKARTA - Pemerintah menaikkan anggaran perbaikan jalan desa tahun depan.</p>"
        "<p>ADVERTISEMENT</p><p>Baca juga: Jalan Desa Rusak Parah</p>"
        '<figure><img src="https://cdn.example.com/jalan.jpg"><figcaption>Jalan desa yang rusak '
        "(ANTARA FOTO/Nama)</figcaption></figure>"
        "<h2>Target</h2><ul><li>1.000 km jalan</li><li>200 jembatan</li></ul>"
        "<blockquote>Kami kerjakan bertahap.</blockquote>"
    )
    article = article_from_html_fragment(fragment, "https://example.com/f")
    types = [b.type for b in article.blocks]
    assert types == ["paragraph", "figure", "heading", "list", "quote"]
    assert article.captions == ["Jalan desa yang rusak"]
    assert article.blocks[1].credit == "ANTARA FOTO/Nama"
    assert article.blocks[2].level == 2
    assert article.blocks[3].items == ["1.000 km jalan", "200 jembatan"]
    assert "ADVERTISEMENT" not in article.text
    assert "Baca juga" not in article.text


def test_json_ld_metadata() -> None:
    ld = (
        '{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", '
        '"headline": "Judul dari JSON-LD", "datePublished": "2025-03-01T10:00:00+07:00", '
        '"author": [{"@type": "Person", "name": "Sari"}, {"name": "Andi"}], '
        '"articleSection": ["Ekonomi", "Pasar"]}]}'
    )
    html = (
        f'<html><head><script type="application/ld+json">{ld}</script></head><body></body></html>'
    )
    article = extract_article(html, "https://www.contoh.co.id/a")
    assert article.title == "Judul dari JSON-LD"
    assert article.byline == "Sari, Andi"
    assert article.category == "Ekonomi"
    assert article.site == "contoh.co.id"
    assert article.published is not None
    assert article.published.isoformat() == "2025-03-01T03:00:00+00:00"


def test_empty_fragment() -> None:
    assert article_from_html_fragment("", "https://example.com/f").blocks == []


def test_version_is_an_int() -> None:
    assert isinstance(EXTRACTOR_VERSION, int)
    assert EXTRACTOR_VERSION >= 1


def test_extract_does_not_import_textual() -> None:
    code = "import sys, beritatui.extract; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
