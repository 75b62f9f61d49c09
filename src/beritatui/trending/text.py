"""Text to matching tokens: folding, stop words, dateline removal and stemming."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from .stemmer import stem

_STOP_ID = """
ada adalah agar akan aku anda antara apa apakah atas atau bagai bagaimana bagi bahkan bahwa baik
banyak baru beberapa begitu belum berapa bisa boleh bukan cukup dalam dan dapat dari daripada
dengan di dia dimana ditu dua hal hanya harus hingga ia ialah ini itu jadi jangan jika juga justru
kalau kami kamu kan karena kata ke kecuali kemudian kenapa kepada ketika kini kita lagi lain lalu
lebih maka mana masih mau melainkan memang mereka merupakan meski mungkin namun nanti oleh pada
padahal para pernah pula pun punya saat saja sama sambil sampai sang sebab sebagai sebelum sedang
sejak sekitar selain selalu seluruh semua sendiri sementara seperti serta sesudah setelah sini
situ suatu sudah supaya tak tanpa tapi tentang tersebut tetapi tidak telah terhadap ujar ungkap
untuk secara melalui seiring sebanyak terus kembali mulai masing menjadi apabila sehingga sangat
paling adapun tutur imbuh lanjutnya tambahnya
kata katanya ujarnya jelasnya sebut menurut yaitu yakni yang nya pak bu si tengah usai jelang
sebuah seorang sejumlah hari pekan kemarin besok lusa tadi pagi siang sore malam dini waktu
senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus
september oktober november desember jan feb mar apr jun jul agu agt sep okt nov des wib wita wit
baca juga simak lihat video foto berita selengkapnya com co id html tonton klik rp per persen
"""
_STOP_EN = """
a about after again against all also am an and any are as at be because been before being
between both but by can could did do does doing down during each few for from further had has
have having he her here hers him his how i if in into is it its itself just me more most my no
nor not now of off on once only or other our out over own same she should so some such than that
the their them then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your says said say new over amid
monday tuesday wednesday thursday friday saturday sunday percent
"""
STOP_WORDS: frozenset[str] = frozenset((_STOP_ID + _STOP_EN).split())
"""Indonesian and English stop words and news boilerplate, case-folded."""

_MIN_STEM = 4
_VOWELS = frozenset("aiueo")

# Not "as": Indonesian headlines write the United States as "AS".
_EN_MARKER_WORDS = "the of to and in is for on with by from that at its was"
_ID_MARKER_WORDS = "yang di dan ini itu dari untuk ke dengan pada akan tidak ada"
_EN_MARKERS = frozenset(_EN_MARKER_WORDS.split())
_ID_MARKERS = frozenset(_ID_MARKER_WORDS.split())
_EN_SUFFIXES = ("ations", "ation", "ions", "ion", "ings", "ing", "ies", "ed", "es", "s")

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+")
# "(10/7/2025)" dates and "12.00 WIB" clock times say nothing about the story.
_DATE_OR_CLOCK = re.compile(
    r"\(\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?\s*\)"
    r"|\b\d{1,2}[.:]\d{2}(?:\s*(?:wib|wita|wit))?\b",
    re.IGNORECASE,
)
# "Jakarta, CNN Indonesia --", "JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -",
# "Liputan6.com, Jakarta -": a short prefix with a comma, parenthesis or ".com".
_DATELINE = re.compile(r"^\s*([^\n]{1,60}?)\s+(?:--?|—|–)\s+")


@lru_cache(maxsize=65536)
def stem_english(word: str) -> str:
    """Light English stemmer: plural, -ed, -ing, -ion endings; ``flights`` -> ``flight``."""
    if len(word) <= _MIN_STEM or not word.isalpha() or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith(("llion", "llions")):  # "billion" is no "bill"
        return word.removesuffix("s")
    for suffix in _EN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM - 1:
            word = word[: -len(suffix)]
            if suffix == "ies":
                word += "y"
            break
    if len(word) > _MIN_STEM and word.endswith("e"):
        word = word[:-1]
    if len(word) > _MIN_STEM and word[-1] == word[-2] and word[-1] not in _VOWELS:
        word = word[:-1]
    return word


def is_english(words: Sequence[str]) -> bool:
    """True when ``words`` (folded) hold more English than Indonesian function words."""
    english = sum(1 for w in words if w in _EN_MARKERS)
    indonesian = sum(1 for w in words if w in _ID_MARKERS)
    return english > indonesian


def _fold(text: str) -> str:
    """Case-fold and strip accents (``Rp`` stays, ``é`` becomes ``e``)."""
    text = text.casefold()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def strip_dateline(lead: str) -> str:
    """Drop a leading dateline such as ``Jakarta, CNN Indonesia --``."""
    match = _DATELINE.match(lead)
    if match and any(mark in match.group(1) for mark in (",", "(", ".com", ".co")):
        return lead[match.end() :]
    return lead


def fold_words(text: str) -> list[str]:
    """Folded word and number tokens, before stop words and stemming."""
    return _TOKEN.findall(_fold(_DATE_OR_CLOCK.sub(" ", text)))


def normalise(text: str, *, english: bool | None = None) -> list[str]:
    """Tokens of ``text`` for matching: folded, stop words out, stemmed, in order.

    ``english`` picks the stemmer; None guesses from the text's function words.
    """
    return normalise_words(fold_words(text), english)


def normalise_words(words: list[str], english: bool | None) -> list[str]:
    """Stop words out and stemmed, for already folded words."""
    if english is None:
        english = is_english(words)
    cache = _TOKEN_CACHE[english]
    if len(cache) > _TOKEN_CACHE_MAX:
        cache.clear()
    out: list[str] = []
    for word in words:
        token = cache.get(word)
        if token is None:
            token = cache[word] = _token(word, english)
        if token:
            out.append(token)
    return out


def _token(word: str, english: bool) -> str:
    """The matching token for one folded word, or "" when it is dropped."""
    if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
        return ""
    token = stem_english(word) if english else stem(word)
    return "" if token in STOP_WORDS else token


_TOKEN_CACHE: dict[bool, dict[str, str]] = {False: {}, True: {}}
"""Word -> token, per language; cleared when it outgrows _TOKEN_CACHE_MAX."""
_TOKEN_CACHE_MAX = 100_000
