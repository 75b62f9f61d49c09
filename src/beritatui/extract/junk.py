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

from .credits import CREDIT_LINE
from .links import strip_marks

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
    re.compile(
        r"^(?:selengkapnya|berita selengkapnya) di halaman (?:selanjutnya|berikutnya)\b", _I
    ),
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
    re.compile(
        r"^(?:copyright|hak cipta)\b(?=.*(?:©|\b(?:19|20)\d\d\b|rights reserved|dilindungi))"
        r".{0,100}$",
        _I,
    ),
    re.compile(r"^©\s*(?:\d{4}|copyright)?.{0,80}$", _I),
    re.compile(r"^(?:penulis|pewarta|reporter)\s*:.{0,60}\|?\s*editor\s*:.{0,60}$", _I),
    re.compile(r"^pewarta\s*:.{0,80}$", _I),
    re.compile(r"^editor\s*:.{0,60}$", _I),
    re.compile(r"^laporan wartawan\b.{0,120}$", _I),
    re.compile(
        r"^(?:whatsapp|facebook|twitter|telegram|line|copas|copy|link|share|bagikan)\s*:?"
        r"(?:\s+(?:whatsapp|facebook|twitter|telegram|line|copas|copy|link|x))+\s*$",
        _I,
    ),
    re.compile(r"^(?:topik|artikel|berita) terkait\s*$", _I),
    re.compile(r"^advertisement\s*$", _I),
    re.compile(r"^scroll to (?:continue|resume)\b.{0,30}$", _I),
    re.compile(r"^(?:\[\s*gambas[^\]]*\]\s*)+$", _I),
    CREDIT_LINE,
    # Comment disclaimers and fact-check promo boxes.
    re.compile(r"^disclaimer\s*:", _I),
    re.compile(r"^cek fakta\s+[\w.-]+\s*$", _I),
    re.compile(r"^fakta atau hoaks\s*\??\s*$", _I),
    re.compile(r"^untuk mengetahui kebenaran informasi\b.{0,200}\b(?:whatsapp|nomor)\b", _I),
    # English promos: "Read also: ...", newsletter and subscription prompts.
    re.compile(rf"^(?:read|see) also(?:{_LABEL}|\s*$)", _I),
    re.compile(
        r"^(?:sign up|subscribe|register|join)\b.{0,60}\b(?:newsletters?|inbox|alerts|"
        r"updates)\b.{0,120}$",
        _I,
    ),
    re.compile(r"^get\b.{0,100}\b(?:delivered )?(?:to|in) your inbox\b.{0,40}$", _I),
    re.compile(r"^(?:enter your email|thank you for subscribing|subscribe (?:now|today))\b", _I),
    re.compile(r"^(?:berlangganan|daftar)\b.{0,40}\bnewsletter\b.{0,120}$", _I),
)

LIST_LABEL = re.compile(
    r"^(?:(?:baca|lihat|simak) (?:juga|pula)|read (?:also|more|next)|also read|see also|"
    r"related(?: \w+)?|more stories|(?:berita|artikel) (?:terkait|lainnya)|pilihan editor)"
    r"\s*:?\s*$",
    _I,
)
"""A label alone ("Read more:", "Baca juga") that heads a list of links to other stories."""

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
    """The paragraph without inline junk, or ``""`` when nothing real is left.

    A paragraph split by line breaks (``<br>``) is judged line by line, so a
    "Pewarta: ...<br>Editor: ...<br>Copyright © ..." block goes whole.
    """
    text = strip_inline_junk(text)
    lines = [line for line in text.split("\n") if not is_junk_paragraph(line)]
    return "\n".join(lines)


def clean_marked_paragraph(text: str) -> str:
    """:func:`clean_paragraph` for a paragraph with link marks (:mod:`.links`): each
    line is judged without them, and the marks stay where they are."""
    text = strip_inline_junk(text)
    lines = [line for line in text.split("\n") if not is_junk_paragraph(strip_marks(line))]
    return "\n".join(lines)


# Generic (mostly English) link labels, dropped wherever they stand, like "Baca juga:".
LINK_LABELS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"^\[?(?:related(?: posts?| articles?| stor(?:y|ies))?|read more|read also|read next|"
        r"see more|see also|also read|more)\s*:",
        _I,
    ),
    re.compile(r"^also on [\w.-]+\.\w{2,}\b", _I),
    re.compile(r"^don'?t miss\s*$", _I),
)

# Boilerplate that only ever closes an article: trimmed from the end backwards.
TRAILING: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"^(?:follow|like|join)\b.{0,120}\b(?:twitter|facebook|instagram|youtube|"
        r"whatsapp|telegram|tiktok|linkedin)\b",
        _I,
    ),
    re.compile(r"\b(?:sign up|subscribe|subscribing)\b.{0,100}\b(?:newsletter|inbox)\b", _I),
    re.compile(r"\bnewsletters?\b.{0,60}\b(?:sign up|subscribe)\b", _I),
    re.compile(r"^(?:source|sumber)\s*:\s*.{0,60}$", _I),
    re.compile(r"^(?:filed under|tags?|topics?|categories|kategori)\s*:?.{0,80}$", _I),
    re.compile(r"^(?:\d+\s+)?comments?\s*$", _I),
    re.compile(
        r"^(?:you may also like|you might also like|recommended for you|more stories)\b", _I
    ),
    re.compile(r"^(?:like|enjoyed) this (?:story|article)\?", _I),
    re.compile(r"^if you enjoyed this article\b", _I),
    re.compile(r"^tell us what you think\b", _I),
    re.compile(r"^have a tip\?", _I),
    re.compile(r"^\(?(?:additional )?reporting by\b.{0,300}$", _I),
    re.compile(r"^.{0,120}\bcontributed (?:to )?(?:this )?report(?:ing)?\b.{0,60}$", _I),
    re.compile(r"^(?:write to|reach|email)\b.{0,80}(?:@|twitter)", _I),
    re.compile(r"^\S+@\S+\.\w+\s*$"),
    re.compile(r"^(?:https?://|www\.|twitter\.com/)\S+\s*$", _I),
    re.compile(r"^this (?:copy|article) (?:is for your personal|has been sent)\b", _I),
    re.compile(r"^(?:thank you|terima kasih)\.?\s*$", _I),
    re.compile(r"^(?:updated|diperbarui) (?:at|pada)\b.{0,40}$", _I),
    re.compile(r"^(?:get|dapatkan) (?:the latest|access)\b.{0,160}$", _I),
)

# Metadata lines that only ever open an article: a date line, a reading-time line.
_MONTH_WORDS = (
    r"(?:jan|feb|mar|apr|may|mei|jun|jul|aug|agu|sep|oct|okt|nov|dec|des|januari|februari|"
    r"maret|juni|juli|agustus|oktober|desember|janeiro|fevereiro|março|maio|junho|julho|agosto|"
    r"setembro|outubro|novembro|dezembro)"
)
LEADING: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?:tempo de leitura|reading time|waktu baca)\s*:?.{0,20}$", _I),
    re.compile(
        rf"^(?=.{{0,80}}$)(?=.*\b(?:19|20)\d\d\b)(?=.*(?:\b\d{{1,2}}[:.]\d\d\b|{_MONTH_WORDS})).*$",
        _I,
    ),
)


def is_list_label(text: str) -> bool:
    """A bare "Read more:" / "Baca juga" label: the link list right after it goes too."""
    return bool(LIST_LABEL.search(text.strip()))


def is_link_label(text: str) -> bool:
    """A "Related: ..." / "Read more: ..." line pointing at another article."""
    return any(pattern.search(text) for pattern in LINK_LABELS)


def is_trailing_boilerplate(text: str) -> bool:
    """A closing line: follow/subscribe promos, tags, reporting credits, contact lines."""
    return any(pattern.search(text) for pattern in TRAILING)


def is_leading_meta(text: str) -> bool:
    """An opening line that is only a date or a reading time."""
    return any(pattern.search(text) for pattern in LEADING)
