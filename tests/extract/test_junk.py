"""Inline junk patterns: what goes, and real sentences that must stay."""

from __future__ import annotations

import pytest

from beritatui.extract.blocks import finish_blocks
from beritatui.extract.junk import clean_paragraph, is_stop_marker, strip_inline_junk
from beritatui.models import Block

JUNK_PARAGRAPHS = [
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE WITH CONTENT",
    "SCROLL TO RESUME CONTENT",
    "Baca juga: Warga Keluhkan Genangan di Jalan Utama",
    "Baca Juga",
    "BACA JUGA: Harga Cabai Naik",
    "Lihat juga: Kapal Terbakar di Perairan Maluku",
    "Lihat Juga : Video Banjir",
    "Pilihan Editor: Polisi Periksa Pemilik Gudang",
    "[Gambas:Video 20detik]",
    "[Gambas:Instagram] [Gambas:Twitter]",
    'Simak Video "Detik-detik Banjir Rendam Permukiman"',
    "Lihat juga Video: Evakuasi Warga dengan Perahu Karet",
    "Tonton juga video berikut ini",
    "Saksikan video di bawah ini:",
    "Selengkapnya di halaman selanjutnya.",
    "Selanjutnya: Jadwal Imunisasi Dasar",
    "Gabung dan ikuti kami di :",
    "Simak breaking news dan berita pilihan kami langsung di ponselmu. WhatsApp Channel",
    "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com di Telegram",
    "Follow kumparan di WhatsApp Channel untuk update berita terbaru.",
    "Ikuti berita terkini kami di Google News",
    "whatsapp facebook copas link",
    "Bagikan: whatsapp facebook twitter",
    "Copyright © ANTARA 2025",
    "© 2025 suara.com - All Rights Reserved.",
    "Penulis: | Editor: Redaksi",
    "Pewarta: Sanya Dinda",
    "Laporan Wartawan TribunSolo.com, Agus Setiawan",
    "TOPIK TERKAIT",
    "ARTIKEL TERKAIT",
    "Related: The 15 Weirdest Galaxies in Our Universe",
    "READ MORE: China plague outbreak confirmed",
]

SURVIVORS = [
    "Guru meminta murid yang baca juga buku sejarah untuk menulis ringkasan.",
    "Kegiatan membaca yang baca juga dilakukan di rumah membantu anak belajar.",
    "Pendapatan advertisement perusahaan media naik 12 persen tahun ini.",
    "Advertisement revenue at the company rose sharply in the third quarter.",
    "Dia menyimak video rekaman CCTV untuk mencari pelaku pencurian.",
    "Polisi meminta warga lihat juga kondisi tetangga saat banjir datang.",
    "Warga bisa mendapatkan update informasi banjir melalui posko kelurahan.",
    "Hak cipta lagu daerah itu kini dipersoalkan oleh ahli waris penciptanya di pengadilan.",
    "Trending topik di media sosial hari ini membahas kenaikan harga beras di pasar.",
]


OPENING = "Paragraf pembuka berita yang berisi keterangan lengkap tentang peristiwa itu."
CLOSING = "Paragraf penutup berita yang menjelaskan langkah pemerintah berikutnya."


def _body_after_cleaning(text: str) -> list[str]:
    """Texts left when ``text`` stands between two real paragraphs."""
    blocks = [Block(type="paragraph", text=t) for t in (OPENING, text, CLOSING)]
    return [b.text for b in finish_blocks(blocks)]


@pytest.mark.parametrize("text", JUNK_PARAGRAPHS)
def test_junk_paragraph_is_dropped(text: str) -> None:
    assert _body_after_cleaning(text) == [OPENING, CLOSING]


@pytest.mark.parametrize("text", SURVIVORS)
def test_real_sentence_survives(text: str) -> None:
    assert clean_paragraph(text) == text
    assert _body_after_cleaning(text) == [OPENING, text, CLOSING]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Warga mengungsi. ADVERTISEMENT Petugas datang.", "Warga mengungsi. Petugas datang."),
        ("Harga naik [Gambas:Video CNN] di pasar.", "Harga naik di pasar."),
        ("Hujan turun SCROLL TO CONTINUE WITH CONTENT sejak pagi.", "Hujan turun sejak pagi."),
    ],
)
def test_inline_fragments_are_cut_out(text: str, expected: str) -> None:
    assert strip_inline_junk(text) == expected


@pytest.mark.parametrize(
    "text", ["Baca Lainnya", "Trending di Nasional", "Terpopuler", "Berita Terkait", "Trending"]
)
def test_stop_markers(text: str) -> None:
    assert is_stop_marker(text)


def test_stop_marker_cuts_related_lists_after_the_body() -> None:
    blocks = [
        Block(type="paragraph", text="Paragraf pertama yang berisi berita sebenarnya."),
        Block(type="heading", text="Baca Lainnya", level=3),
        Block(type="paragraph", text="Judul artikel lain yang tidak boleh masuk"),
    ]
    out = finish_blocks(blocks)
    assert [b.text for b in out] == ["Paragraf pertama yang berisi berita sebenarnya."]


def test_stop_marker_label_before_the_body_is_dropped_alone() -> None:
    blocks = [
        Block(type="paragraph", text="Trending"),
        Block(type="paragraph", text="Isi berita yang sebenarnya dimulai di sini dan panjang."),
    ]
    assert [b.text for b in finish_blocks(blocks)] == [
        "Isi berita yang sebenarnya dimulai di sini dan panjang."
    ]


def test_closing_boilerplate_is_trimmed_but_not_mid_body() -> None:
    blocks = [
        Block(type="paragraph", text="Follow us on Twitter for the latest news on the floods."),
        Block(type="paragraph", text="The river burst its banks overnight, officials said."),
        Block(type="paragraph", text="Follow us on Twitter and Facebook."),
        Block(type="paragraph", text="Tags: banjir, bekasi"),
    ]
    texts = [b.text for b in finish_blocks(blocks)]
    assert texts == [
        "Follow us on Twitter for the latest news on the floods.",
        "The river burst its banks overnight, officials said.",
    ]


def test_editor_initials_stay_on_detik() -> None:
    blocks = [
        Block(type="paragraph", text="Isi berita."),
        Block(type="paragraph", text="(rzp/idn)"),
    ]
    assert [b.text for b in finish_blocks(blocks)] == ["Isi berita.", "(rzp/idn)"]
