"""``<br><br>`` runs become paragraphs; a short bold line alone between them is a heading."""

from __future__ import annotations

from beritatui.extract import article_from_html_fragment, extract_article
from beritatui.formats import blocks_to_markdown

FIRST = "Hujan deras sejak malam membuat sungai di pinggir kota meluap dan merendam jalan."
SECOND = "Petugas mengerahkan perahu karet untuk membantu warga yang rumahnya terendam air."
THIRD = "Pemerintah kota membuka dapur umum di halaman kantor kelurahan bagi para pengungsi."


def test_br_runs_split_paragraphs_and_bold_lines_are_headings() -> None:
    article = article_from_html_fragment(
        f"<div>{FIRST}<br><br>{SECOND}<br />\n<br><b>Dapur umum</b><br><br>{THIRD}"
        "<br>Baris dua.</div>",
        "https://contoh.id/a",
    )
    assert [(b.type, b.text) for b in article.blocks] == [
        ("paragraph", FIRST),
        ("paragraph", SECOND),
        ("heading", "Dapur umum"),
        ("paragraph", f"{THIRD}\nBaris dua."),
    ]
    markdown = blocks_to_markdown(article.blocks)
    assert f"{FIRST}\n\n{SECOND}\n\n## Dapur umum\n\n{THIRD}" in markdown


def test_bold_inside_a_paragraph_or_a_long_bold_line_is_not_a_heading() -> None:
    long_bold = "Ini kalimat tebal yang panjang sekali dan sebenarnya bagian dari isi berita ini."
    article = article_from_html_fragment(
        f"<p><b>JAKARTA</b> - {FIRST}<br><br><b>{long_bold}</b><br><br>{SECOND}</p>",
        "https://contoh.id/a",
    )
    assert [b.type for b in article.blocks] == ["paragraph"] * 3
    assert article.blocks[0].text == f"JAKARTA - {FIRST}"


MORE = (
    "Relawan dari berbagai organisasi datang membawa selimut, obat-obatan, dan makanan siap saji.",
    "Kepala dinas sosial memastikan bantuan akan terus disalurkan sampai air benar-benar surut.",
    "Warga berharap pemerintah segera memperbaiki tanggul yang jebol di tepi sungai itu.",
)


def test_generic_pages_get_the_split_too() -> None:
    body = "<br><br>".join(
        [FIRST, SECOND, "<strong>Dapur umum</strong>", THIRD, MORE[0], MORE[1], MORE[2]]
    )
    html = (
        "<html><body><nav><a href='/'>Beranda</a> <a href='/berita'>Berita</a></nav>"
        f"<div class='isi'>{body}</div><footer>Hak cipta pemerintah kota</footer></body></html>"
    )
    article = extract_article(html, "https://pemkot.contoh.go.id/berita/1")
    paragraphs = [b.text for b in article.blocks if b.type == "paragraph"]
    assert paragraphs == [FIRST, SECOND, THIRD, *MORE]
    assert ("heading", "Dapur umum") in [(b.type, b.text) for b in article.blocks]
