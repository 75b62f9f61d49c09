"""Captions outside <figcaption>: sibling caption elements, photo wrappers, data-caption, title."""

from __future__ import annotations

import pytest

from beritatui.extract import article_from_html_fragment, extract_article, merge_pages

TEXT = (
    "<p>Harga beras di pasar induk turun untuk pertama kalinya dalam tiga bulan terakhir.</p>"
    "<p>Pedagang menyebut pasokan dari daerah sentra produksi mulai lancar kembali.</p>"
)
AFTER = "<p>Pemerintah berharap harga tetap stabil sampai akhir tahun, kata pejabat itu.</p>"
CAPTION = "Pedagang menata karung beras di Pasar Induk Cipinang"
CREDIT = "ANTARA FOTO/Rina Sari"


@pytest.mark.parametrize(
    "photo",
    [
        f'<div class="img-box"><img src="/a.jpg"><span class="img-keterangan">{CAPTION} '
        f"({CREDIT})</span></div>",
        f'<p><img src="/a.jpg"></p><p class="caption-foto">{CAPTION} ({CREDIT})</p>',
        f'<img src="/a.jpg" data-caption="{CAPTION} ({CREDIT})">',
        f'<div class="pic_sisip"><div><img src="/a.jpg"></div>{CAPTION}. Foto: {CREDIT}</div>',
        f'<span><img src="/a.jpg" title="{CAPTION} ({CREDIT})"></span>',
    ],
    ids=["sibling-span", "sibling-p", "data-caption", "wrapper-text", "img-title"],
)
def test_loose_photo_caption_in_a_known_body(photo: str) -> None:
    article = article_from_html_fragment(TEXT + photo + AFTER, "https://contoh.id/berita/1")
    figures = [b for b in article.blocks if b.type == "figure"]
    assert [(f.src, f.caption, f.credit) for f in figures] == [
        ("https://contoh.id/a.jpg", CAPTION, CREDIT)
    ]
    assert CAPTION not in article.text
    assert article.blocks[2] is figures[0]  # where the photo stands


def test_loose_photo_caption_on_a_generic_page() -> None:
    photo = f'<p><img src="/a.jpg"></p><p class="keterangan">{CAPTION} ({CREDIT})</p>'
    html = (
        "<html><body><nav><a href='/'>Beranda</a></nav><div class='isi'>"
        + TEXT * 2
        + photo
        + AFTER * 2
        + "</div></body></html>"
    )
    article = extract_article(html, "https://pemda.contoh.go.id/berita/1")
    assert article.captions == [CAPTION]
    assert CAPTION not in article.text


def test_short_title_and_caption_less_photo_are_not_captions() -> None:
    photo = '<p><img src="/b.jpg" title="foto"></p><p><img src="/c.jpg"></p>'
    article = article_from_html_fragment(TEXT + photo + AFTER, "https://contoh.id/berita/1")
    assert article.captions == []


def test_photo_on_a_continuation_page_is_kept_once() -> None:
    lead = '<figure><img src="/lead.jpg"></figure>'
    first = article_from_html_fragment(lead + TEXT, "https://contoh.id/berita/1")
    photo = f'<p><img src="/a.jpg"></p><p class="caption">{CAPTION} ({CREDIT})</p>'
    second = article_from_html_fragment(
        f'<figure><img src="/lead.jpg"><figcaption>Foto utama</figcaption></figure>{photo}{AFTER}',
        "https://contoh.id/berita/1/2",
    )
    merged = merge_pages(first, [second])
    assert [b.src for b in merged.blocks if b.type == "figure"] == [
        "https://contoh.id/lead.jpg",
        "https://contoh.id/a.jpg",
    ]
    assert merged.captions == [CAPTION]
