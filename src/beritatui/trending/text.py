"""Text to matching tokens: folding, stop words, dateline removal and stemming."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

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
monday tuesday wednesday thursday friday saturday sunday
"""
STOP_WORDS: frozenset[str] = frozenset((_STOP_ID + _STOP_EN).split())
"""Indonesian and English stop words and news boilerplate, case-folded."""

_NO_STEM_WORDS = """
selatan jalan bulan tahun taman badan dewan teman ikan bukan makan jakarta
menteri menang pemilu perang pesawat terbang menara pertama perdana pemuda penting perawat
"""
_NO_STEM = frozenset(_NO_STEM_WORDS.split())
"""Roots whose look-alike affixes must stay (``selatan`` is not ``selat`` + ``-an``;
``perdana`` is not ``per-`` + ``dana``, which would tie "Perdana Menteri" to funds)."""

_PARTICLES = ("lah", "kah", "pun", "nya")
_SUFFIXES = ("kan", "an")
# Longest first. "me"/"pe" only before consonant + vowel (``persen`` keeps its "pe").
_PREFIXES = (
    "memper", "diper", "meny", "peny", "meng", "peng", "mem", "pem", "men", "pen",
    "ber", "ter", "per", "di", "me", "pe",
)  # fmt: skip
_CV_ONLY = frozenset({"me", "pe"})
_RESTORE = {"meny": "s", "peny": "s", "men": "t", "pen": "t", "mem": "p", "pem": "p"}
"""Nasal prefixes that swallowed the root's first letter before a vowel."""
_N_ROOTS = ("naik", "nilai", "nanti", "nikah", "nikmat", "nyata", "nyanyi", "nyala")
"""Roots really starting with n/ny, so ``menaikkan`` is ``naik``, not ``taik``."""
_MIN_STEM = 4
_VOWELS = frozenset("aiueo")
_ONSET_TEXT = "br bl dr fr gr gl kr kl pr pl tr sk sp st sw sy kh ng ny"
_ONSETS = frozenset(_ONSET_TEXT.split())
"""Consonant pairs that start roots and loanwords (``dikritik`` -> ``kritik``)."""

_EN_MARKER_WORDS = "the of to and in is for on with as by from that at its was"
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
def stem(word: str) -> str:
    """Conservative Indonesian stemmer for one lower-case token.

    Strips one particle (-lah, -kah, -pun, -nya), then a ke-...-an confix or
    one prefix (me-, ber-, di-, ter-, pe-, memper-, diper- and the nasal forms,
    restoring the letter a nasal swallowed: ``menyiapkan`` -> ``siap``,
    ``menahan`` -> ``tahan``), then one suffix (-kan, -an). Nothing is cut when
    fewer than four letters would remain; digits and short words are unchanged.
    """
    if len(word) <= _MIN_STEM or not word.isalpha() or word in _NO_STEM:
        return word
    w = _strip_suffix(word, _PARTICLES)
    if w.startswith("ke") and w.endswith("an") and len(w) - 4 >= _MIN_STEM:
        root = w[2:-2]  # kementerian -> menteri, kemenangan -> menang
        return root if root in _NO_STEM else _strip_prefix(root)[0]
    w, prefix = _strip_prefix(w)
    # pe-...-an nouns take -an, not -kan: pelantikan -> lantik, not lanti.
    return _strip_suffix(w, ("an",) if prefix.startswith("pe") else _SUFFIXES)


def _strip_suffix(word: str, suffixes: tuple[str, ...]) -> str:
    """Remove the first matching suffix if a long enough stem remains."""
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def _strip_prefix(word: str) -> tuple[str, str]:
    """Remove one derivational prefix, restoring a nasal-assimilated letter.

    Returns the rest and the prefix removed ("" when none was).
    """
    for prefix in _PREFIXES:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        if len(rest) < 2:
            continue
        if rest[0] in _VOWELS and prefix in _RESTORE:
            native = prefix[-1] + rest if prefix[-1] != "y" else "ny" + rest
            rest = native if native.startswith(_N_ROOTS) else _RESTORE[prefix] + rest
        elif not _onset_ok(rest, cv_only=prefix in _CV_ONLY):
            continue
        if len(rest) >= _MIN_STEM:
            return rest, prefix
    return word, ""


def _onset_ok(rest: str, *, cv_only: bool) -> bool:
    """True when ``rest`` can start a root (``nner`` of ``dinner`` cannot).

    ``cv_only``: consonant then vowel only (for me-/pe-, so ``persen`` stays).
    """
    if cv_only:
        return rest[0] not in _VOWELS and rest[1] in _VOWELS
    return rest[0] in _VOWELS or rest[1] in _VOWELS or rest[:2] in _ONSETS


@lru_cache(maxsize=65536)
def stem_english(word: str) -> str:
    """Light English stemmer: plural, -ed, -ing, -ion endings; ``flights`` -> ``flight``."""
    if len(word) <= _MIN_STEM or not word.isalpha() or word.endswith(("ss", "us", "is")):
        return word
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
