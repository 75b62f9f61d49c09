"""Inline junk of Indonesian news pages: what to cut from paragraphs, what to drop whole.

Three kinds of rule, all data:

* ``INLINE_JUNK``: fragments removed from inside a paragraph ("ADVERTISEMENT",
  "[Gambas:Video 20detik]", "SCROLL TO CONTINUE WITH CONTENT").
* ``JUNK_PARAGRAPHS``: a paragraph that *starts* with a promo or link label
  ("Baca juga:", "Simak Video", "Pilihan Editor:") is dropped whole. Each pattern
  is anchored and needs the label shape (a colon, or the whole paragraph being
  the label), so a real sentence that merely contains "baca juga" survives.
* ``STOP_MARKERS``: a short paragraph or heading such as "Baca Lainnya" or
  "Trending di Nasional" starts the related-article lists after the body: it
  and everything after it is dropped.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

INLINE_JUNK: tuple[re.Pattern[str], ...] = (
    re.compile(r"\[\s*Gambas\s*:[^\]]*\]", _I),
    re.compile(r"\bSCROLL TO (?:CONTINUE|RESUME) (?:WITH )?CONTENT\b"),
    re.compile(r"(?<![\w-])ADVERTISEMENT(?![\w-])"),
    re.compile(r"(?<![\w-])IKLAN(?![\w-])"),
)

_LABEL = r"\s*[:\-–—]"
JUNK_PARAGRAPHS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"^(?:baca|lihat|simak) (?:juga|pula)(?:{_LABEL}|\s*$)", _I),
    re.compile(rf"^(?:baca|lihat) (?:juga )?(?:artikel|berita)(?: lainnya| terkait)?{_LABEL}", _I),
    re.compile(rf"^(?:pilihan editor|rekomendasi|artikel terkait|berita terkait){_LABEL}", _I),
    re.compile(r"^(?:simak|tonton|lihat)(?: juga)? video\b", _I),
    re.compile(r"^(?:saksikan|tonton) (?:juga )?(?:video|live streaming)\b", _I),
    re.compile(r"^(?:selengkapnya|berita selengkapnya) di halaman (?:selanjutnya|berikutnya)\b", _I),
    re.compile(rf"^selanjutnya{_LABEL}", _I),
    re.compile(r"^gabung dan ikuti kami di\b", _I),
    re.compile(r"^simak breaking news dan berita pilihan kami\b", _I),
    re.compile(r"^dapatkan (?:update|informasi|berita)\b.*\b(?:telegram|whatsapp|channel)\b", _I),
    re.compile(
        r"^(?:ikuti|follow|gabung(?: ke)?|join)\b.{0,80}\b(?:whatsapp|telegram|google news|"
        r"channel|saluran)\b",
        _I,
    ),
    re.compile(r"^(?:download|unduh) aplikasi\b", _I),
    re.compile(r"^(?:copyright|hak cipta)\b.{0,80}$", _I),
    re.compile(r"^©\s*(?:\d{4}|copyright)?.{0,80}$", _I),
    re.compile(r"^(?:penulis|pewarta|reporter)\s*:.{0,60}\|?\s*editor\s*:.{0,60}$", _I),
    re.compile(r"^pewarta\s*:.{0,80}$", _I),
    re.compile(r"^editor\s*:.{0,60}$", _I),
    re.compile(r"^laporan wartawan\b.{0,120}$", _I),
    re.compile(r"^(?:whatsapp|facebook|twitter|telegram|line|copas|copy|link|share|bagikan)"
               r"(?:\s+(?:whatsapp|facebook|twitter|telegram|line|copas|copy|link|x))+\s*$", _I),
    re.compile(r"^(?:topik|artikel|berita) terkait\s*$", _I),
    re.compile(r"^advertisement\s*$", _I),
    re.compile(r"^scroll to (?:continue|resume)\b.{0,30}$", _I),
    re.compile(r"^(?:\[\s*gambas[^\]]*\]\s*)+$", _I),
)

STOP_MARKERS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^baca lainnya\s*$", _I),
    re.compile(r"^(?:trending|terpopuler|populer|terkini)(?: di [\w .&-]{1,30})?\s*$", _I),
    re.compile(r"^(?:berita|artikel) (?:terkait|lainnya|terpopuler|pilihan)\s*$", _I),
    re.compile(r"^(?:topik|artikel) terkait\s*$", _I),
    re.compile(r"^rekomendasi untuk anda\s*$", _I),
)

_SPACES = re.compile(r"[ \t]{2,}")


def strip_inline_junk(text: str) -> str:
    """Remove inline junk fragments from a paragraph's text; tidy the spaces left."""
    for pattern in INLINE_JUNK:
        if pattern.search(text):
            text = pattern.sub(" ", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def is_junk_paragraph(text: str) -> bool:
    """True when the whole paragraph is a promo, link label, share row or credit line."""
    stripped = text.strip()
    if not stripped:
        return True
    return any(pattern.search(stripped) for pattern in JUNK_PARAGRAPHS)


def is_stop_marker(text: str) -> bool:
    """True for a short label that starts the related/trending lists after the body."""
    stripped = text.strip()
    if len(stripped) > 40:
        return False
    return any(pattern.search(stripped) for pattern in STOP_MARKERS)


def clean_paragraph(text: str) -> str:
    """The paragraph without inline junk, or ``""`` when nothing real is left."""
    text = strip_inline_junk(text)
    return "" if is_junk_paragraph(text) else text
