"""Indonesian stemming with the Sastrawi root dictionary (PySastrawi, MIT).

Sastrawi's stemmer (Enhanced Confix Stripping) only accepts a root that is in
its dictionary of about 30,000 Indonesian base words, which is what stops
over-stripping (``pertahankan`` is ``tahan``, not ``tahank``; ``pemain`` is
``main``, not ``pain``). It is slow (a few hundred microseconds a word), so:

1. a word that is itself a root (most words in news text) is returned at once;
2. cheap affix candidates are looked up in the root set first, and only a word
   with a root among them is handed to Sastrawi; a word with none (names,
   acronyms, loanwords: ``pemkot``, ``bapanas``, ``lewotobi``) stays as it is;
3. every answer is memoised.

When Sastrawi gives up on a word whose candidates hold a root (reduplicated
prefixes such as ``peperangan``), the longest such root is used when it keeps
most of the word (``menkes`` does not become ``kes``).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from importlib import resources

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer

__all__ = ["is_root", "stem"]

_NO_STEM_WORDS = """
selatan jalan bulan tahun taman badan dewan teman ikan bukan makan jakarta
menteri menang pemilu perang pesawat terbang menara pertama perdana pemuda penting perawat
peserta pemalang pekalongan kediri selayar temanggung bekasi berau penajam merangin sekayu
pemangkat tebet kemayoran penjaringan melawi tabanan labuan
"""
_NO_STEM = frozenset(_NO_STEM_WORDS.split())
"""Words kept as they are even where the dictionary would allow a cut
(``perdana`` is not ``per-`` + ``dana``, which would tie "Perdana Menteri" to funds;
``bekasi`` is not ``bekas``, ``kediri`` not ``diri``: place names that look derived)."""

_MIN_ROOT = 3
_MIN_FALLBACK = 5
_PARTICLES = ("lah", "kah", "tah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
_SUFFIXES = ("kan", "an", "i")
_VOWELS = frozenset("aiueo")
# Prefix -> letters a nasal prefix may have swallowed ("" = none).
_PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("memper", ("",)),
    ("diper", ("",)),
    ("menge", ("",)),
    ("penge", ("",)),
    ("meng", ("", "k")),
    ("peng", ("", "k")),
    ("meny", ("s",)),
    ("peny", ("s",)),
    ("mem", ("", "p")),
    ("pem", ("", "p")),
    ("men", ("", "t")),
    ("pen", ("", "t")),
    ("ber", ("",)),
    ("ter", ("",)),
    ("per", ("",)),
    ("be", ("",)),
    ("te", ("",)),
    ("me", ("",)),
    ("pe", ("",)),
    ("di", ("",)),
    ("ke", ("",)),
    ("se", ("",)),
)

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _roots() -> frozenset[str]:
    """Sastrawi's root words (its bundled ``kata-dasar.txt``)."""
    data = resources.files("Sastrawi.Stemmer").joinpath("data", "kata-dasar.txt")
    return frozenset(w for w in data.read_text(encoding="utf-8").split() if w.isalpha())


@lru_cache(maxsize=1)
def _sastrawi() -> Stemmer:
    """One Sastrawi stemmer over the root set (built once, on first use)."""
    return Stemmer(ArrayDictionary(sorted(_roots())))


def is_root(word: str) -> bool:
    """True when ``word`` is an Indonesian root in the Sastrawi dictionary."""
    return word in _roots()


@lru_cache(maxsize=131_072)
def stem(word: str) -> str:
    """Root of one lower-case Indonesian word; unknown words are returned unchanged.

    ``kenaikan`` -> ``naik``, ``menyiapkan`` -> ``siap``, ``pertimbangkan`` ->
    ``timbang``, ``mengeruk`` -> ``keruk``; ``korban``, ``pangan``, ``persen``,
    ``pemkot`` and ``2025`` stay.
    """
    if len(word) <= _MIN_ROOT + 1 or not word.isalpha() or word in _NO_STEM:
        return word
    roots = _roots()
    if word in roots:
        return word
    found = [c for c in _candidates(word) if c in roots]
    if not found:
        return word
    with _LOCK:  # Sastrawi keeps no per-call state we share, but it is not ours to trust
        root = str(_sastrawi().stem_word(word))
    if root != word and root in roots:
        return root
    longest = max(found, key=len)
    # Only a long root that keeps most of the word; "kes" of "menkes" is no root of it.
    if len(longest) >= _MIN_FALLBACK and len(longest) * 5 >= len(word) * 3:
        return longest
    return word


def _candidates(word: str) -> list[str]:
    """Possible roots of ``word``, likeliest first (inflection, suffix, prefixes)."""
    bases = [word]
    for particle in _PARTICLES:
        if word.endswith(particle):
            bases.append(word[: -len(particle)])
            break
    for base in list(bases):
        for possessive in _POSSESSIVES:
            if base.endswith(possessive):
                bases.append(base[: -len(possessive)])
                break
    stems: list[str] = []
    for base in bases:
        stems.append(base)
        stems.extend(base[: -len(s)] for s in _SUFFIXES if base.endswith(s))
    out: list[str] = []
    for s in stems:
        out.append(s)
        for once in _unprefixed(s):
            out.append(once)
            out.extend(_unprefixed(once))
    return [c for c in out if len(c) >= _MIN_ROOT and c != word]


def _unprefixed(word: str) -> list[str]:
    """``word`` without one prefix, restoring a letter a nasal prefix swallowed."""
    out: list[str] = []
    for prefix, restores in _PREFIXES:
        if not word.startswith(prefix) or len(word) - len(prefix) < 2:
            continue
        rest = word[len(prefix) :]
        for letter in restores:
            if letter and rest[0] not in _VOWELS:
                continue
            out.append(letter + rest)
    return out
