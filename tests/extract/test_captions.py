"""Captions and credits: captured as figure blocks, never mixed into the body text."""

from __future__ import annotations

import pytest

from beritatui.extract import extract_article
from beritatui.extract.captions import split_credit

PARAS = [
    "Hujan deras sejak malam membuat sungai di pinggir kota meluap ke permukiman warga sekitar.",
    "Petugas gabungan mengevakuasi warga lanjut usia dan anak-anak ke posko pengungsian terdekat.",
    "Pemerintah daerah menyiapkan dapur umum dan bantuan logistik untuk para pengungsi di lokasi.",
    "Warga berharap normalisasi sungai segera dikerjakan agar banjir serupa tidak terulang lagi.",
]


def _generic_page(figure: str) -> str:
    ps = [f"<p>{p} {p}</p>" for p in PARAS]
    body = "".join(ps[:2]) + figure + "".join(ps[2:])
    return (
        "<html><head><title>Banjir</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Banjir</h1>{body}</article><footer>Kontak</footer></body></html>"
    )


@pytest.mark.parametrize(
    ("raw", "caption", "credit"),
    [
        ("Foto: Warga antre (Grandyos Zafna/detikcom)", "Warga antre", "Grandyos Zafna/detikcom"),
        (
            "Tim SAR menyisir laut. (ANTARA FOTO/Budi Santoso)",
            "Tim SAR menyisir laut",
            "ANTARA FOTO/Budi Santoso",
        ),
        (
            "Pekerja di gudang. ANTARA FOTO/Aprillio Akbar/tom.",
            "Pekerja di gudang",
            "ANTARA FOTO/Aprillio Akbar/tom.",
        ),
        (
            "Kereta berhenti di stasiun. Foto: Dok. Istimewa",
            "Kereta berhenti di stasiun",
            "Dok. Istimewa",
        ),
        (
            "Foto: Rapat koordinasi/Humas Kemensetneg Perbesar",
            "Rapat koordinasi",
            "Humas Kemensetneg",
        ),
        ("Pedagang menata cabai Perbesar", "Pedagang menata cabai", None),
        (
            "Harga naik menjadi Rp16.280/dolar pada pagi ini",
            "Harga naik menjadi Rp16.280/dolar pada pagi ini",
            None,
        ),
        (
            "Presiden berpidato (kiri) di depan peserta",
            "Presiden berpidato (kiri) di depan peserta",
            None,
        ),
    ],
)
def test_split_credit(raw: str, caption: str, credit: str | None) -> None:
    result = split_credit(raw)
    assert (result.text, result.credit) == (caption, credit)


def test_figcaption_is_a_figure_block_placed_between_paragraphs() -> None:
    figure = (
        '<figure><img src="/img/banjir.jpg" alt="">'
        "<figcaption>Warga menembus banjir di Jalan Merdeka "
        "(ANTARA FOTO/Nama Fotografer)</figcaption>"
        "</figure>"
    )
    article = extract_article(_generic_page(figure), "https://berita.example.com/banjir")
    types = [b.type for b in article.blocks]
    assert "figure" in types
    index = types.index("figure")
    assert article.blocks[index - 1].text.startswith(PARAS[1])
    assert article.blocks[index + 1].text.startswith(PARAS[2])
    fig = article.blocks[index]
    assert fig.caption == "Warga menembus banjir di Jalan Merdeka"
    assert fig.credit == "ANTARA FOTO/Nama Fotografer"
    assert fig.src == "https://berita.example.com/img/banjir.jpg"
    assert "Jalan Merdeka" not in article.text
    assert article.captions == ["Warga menembus banjir di Jalan Merdeka"]


def test_wordpress_caption_loses_perbesar() -> None:
    figure = (
        '<div class="wp-caption"><img src="https://x.example.com/a.jpg">'
        '<p class="wp-caption-text">Foto: Peserta rapat berdiskusi/Humas Pemda Perbesar</p></div>'
    )
    article = extract_article(_generic_page(figure), "https://x.example.com/post")
    [fig] = [b for b in article.blocks if b.type == "figure" and b.caption]
    assert fig.caption == "Peserta rapat berdiskusi"
    assert fig.credit == "Humas Pemda"
    assert "Perbesar" not in article.text
    assert "Perbesar" not in fig.caption


def test_foto_line_in_body_becomes_a_figure() -> None:
    line = "<p>Foto: Petugas membagikan makanan di posko (Rizky/detikcom)</p>"
    article = extract_article(_generic_page(line), "https://berita.example.com/x")
    assert "Petugas membagikan makanan di posko" in article.captions
    assert "Petugas membagikan" not in article.text


def test_figure_without_picture_is_not_a_caption() -> None:
    pull_quote = "<figure><blockquote>Kami bekerja siang dan malam.</blockquote></figure>"
    article = extract_article(_generic_page(pull_quote), "https://berita.example.com/q")
    assert article.captions == []


def test_lazy_loaded_image_src_and_unsafe_src() -> None:
    figure = (
        '<figure><img src="data:image/gif;base64,R0l" data-src="https://cdn.example.com/f.jpg">'
        "<figcaption>Suasana pasar pagi hari</figcaption></figure>"
        '<figure><img src="javascript:alert(1)"><figcaption>Gambar jahat</figcaption></figure>'
    )
    article = extract_article(_generic_page(figure), "https://berita.example.com/p")
    srcs = [b.src for b in article.blocks if b.type == "figure"]
    assert "https://cdn.example.com/f.jpg" in srcs
    assert all(s is None or s.startswith("http") for s in srcs)
    assert "Gambar jahat" not in article.captions
