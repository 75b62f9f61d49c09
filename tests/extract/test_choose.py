"""Choosing the body among candidates: side containers out, short and noisy bodies replaced."""

from __future__ import annotations

import lxml.html

from beritatui.extract import extract_article
from beritatui.extract.choose import choose_body, kept_share, short_lines
from beritatui.extract.names import headline_piece
from beritatui.extract.signals import page_signals
from beritatui.models import Block

PROSE = [
    "Petugas dinas perhubungan memasang rambu baru di sepanjang jalan lingkar selatan kota.",
    "Warga menyambut baik pemasangan rambu karena jalan itu sering dilalui truk pada malam hari.",
    "Kepala dinas mengatakan lampu penerangan jalan juga akan ditambah sebelum akhir tahun ini.",
    "Pengendara diminta mematuhi batas kecepatan empat puluh kilometer per jam di kawasan sekolah.",
    "Polisi lalu lintas akan berjaga di dua persimpangan ramai selama sebulan pertama setelahnya.",
]


def _tree(body: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><body>{body}</body></html>")


def test_side_containers_are_found_by_class_words_in_both_languages() -> None:
    tree = _tree(
        "<div class='isi'><p>" + PROSE[0] + "</p></div>"
        "<div class='komentar-list'><p>Jalan di depan rumah saya juga rusak parah.</p></div>"
        "<section id='related_posts'><p>Rambu baru dipasang di jalan tol.</p></section>"
        "<div class='discomfort'><p>Kata yang hanya mirip.</p></div>"
    )
    signals = page_signals(tree)
    assert signals.from_side(
        Block(type="paragraph", text="Jalan di depan rumah saya juga rusak parah.")
    )
    assert signals.from_side(Block(type="paragraph", text="Rambu baru dipasang di jalan tol."))
    assert not signals.from_side(Block(type="paragraph", text=PROSE[0]))
    assert not signals.from_side(Block(type="paragraph", text="Kata yang hanya mirip."))


def test_text_also_outside_side_containers_is_not_side_text() -> None:
    quote = "Rambu baru dipasang di jalan lingkar selatan."
    tree = _tree(f"<p>{quote}</p><div class='comments'><p>{quote}</p></div>")
    assert not page_signals(tree).from_side(Block(type="paragraph", text=quote))


def test_a_side_class_on_the_whole_page_is_ignored() -> None:
    paras = "".join(f"<p>{p}</p>" for p in PROSE)
    tree = _tree(f"<div class='has-comments'>{paras}</div>")
    signals = page_signals(tree)
    assert not signals.from_side(Block(type="paragraph", text=PROSE[0]))
    assert signals.prose_mass == sum(len(p) for p in PROSE)


def test_prose_mass_leaves_out_chrome_side_and_short_paragraphs() -> None:
    tree = _tree(
        f"<nav><p>{PROSE[0]}</p></nav><footer><p>{PROSE[1]}</p></footer>"
        f"<div class='related'><p>{PROSE[2]}</p></div><p>Pendek.</p><p>{PROSE[4]}</p>"
    )
    assert page_signals(tree).prose_mass == len(PROSE[4])


def test_comment_blocks_leave_the_cheap_body() -> None:
    comment = "Saya setuju sekali dengan rencana ini, semoga cepat terlaksana."
    paras = "".join(f"<p>{p}</p>" for p in PROSE)
    tree = _tree(f"<article>{paras}<div class='komentar'><p>{comment}</p></div></article>")
    cheap = [Block(type="paragraph", text=t) for t in [*PROSE, comment]]
    assert [b.text for b in choose_body(tree, "https://x.test/a", cheap)] == PROSE


def test_a_too_short_body_is_replaced_by_an_agreeing_longer_candidate() -> None:
    paras = "".join(f"<p>{p}</p>" for p in PROSE)
    tree = _tree(f"<div class='artikel'>{paras}</div>")
    body = choose_body(tree, "https://x.test/a", [Block(type="paragraph", text=PROSE[0])])
    assert [b.text for b in body] == PROSE


def test_a_short_body_stays_when_no_candidate_agrees_with_it() -> None:
    paras = "".join(f"<p>{p}</p>" for p in PROSE)
    tree = _tree(f"<div class='artikel'>{paras}</div>")
    other = "Sebuah kalimat yang sama sekali tidak ada di halaman ini."
    body = choose_body(tree, "https://x.test/a", [Block(type="paragraph", text=other)])
    assert [b.text for b in body] == [other]


def test_a_glued_layout_table_paragraph_gives_way_to_the_quieter_candidate() -> None:
    menu = ["Beranda", "Profil", "Berita", "Galeri", "Kontak", "Agenda", "Unduhan"]
    glued = "\n".join([*menu, *PROSE])
    paras = "".join(f"<p>{p}</p>" for p in PROSE)
    links = "<br>".join(f"<a href='/{m}'>{m}</a>" for m in menu)
    tree = _tree(f"<table><tr><td>{links}</td><td><div>{paras}</div></td></tr></table>")
    body = choose_body(tree, "https://x.test/a", [Block(type="paragraph", text=glued)])
    assert "Beranda" not in " ".join(b.text for b in body)
    assert kept_share("\n".join(PROSE), "\n".join(b.text for b in body)) == 1.0


def test_short_lines_count_paragraph_lines_and_list_items() -> None:
    blocks = [
        Block(type="paragraph", text="Beranda\nBerita\n" + PROSE[0]),
        Block(type="list", items=["satu", "dua"]),
    ]
    assert short_lines(blocks) == (4, 5)


def test_kept_share_counts_shingles() -> None:
    assert kept_share(PROSE[0], PROSE[0] + " " + PROSE[1]) == 1.0
    assert kept_share(PROSE[0], PROSE[1]) == 0.0
    assert kept_share("", PROSE[1]) == 1.0


def test_headline_piece_of_a_title_is_the_one_the_page_shows() -> None:
    title = "Portal Desa :: Berita :: Warga Membangun Saluran Irigasi Baru"
    shown = ["Menu Utama", "Warga membangun saluran irigasi baru"]
    assert headline_piece(title, shown) == "Warga Membangun Saluran Irigasi Baru"
    assert headline_piece(title, ["Menu Utama"]) == ""
    assert headline_piece("Tanpa Pemisah Sama Sekali", ["Tanpa Pemisah Sama Sekali"]) == ""


def test_a_page_the_cheap_path_cuts_short_reads_whole() -> None:
    paras = "".join(f"<p>{p}</p>" for p in PROSE)
    box = "<div class='sisip'><h4>Terpopuler</h4><ul><li><a href='/1'>Judul lain</a></li></ul>"
    box += "</div>"
    html = f"<html><body><div class='txt'><p>{PROSE[0]}</p>{box}{paras}</div></body></html>"
    text = extract_article(html, "https://beritadaerah.test/a").text
    assert PROSE[4] in text
    assert "Judul lain" not in text
