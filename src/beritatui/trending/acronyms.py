"""Acronyms meet their spelled-out names across a window (``PIN`` = Pekan Imunisasi Nasional).

One article writes ``KPK``, another ``Komisi Pemberantasan Korupsi``: without help they share
no token. Per article (memoised on its text) we note the acronyms it writes (3-6 capital
letters, in a text that is not all capitals; two letters, ``BI`` or ``MA``, stand for too many
names) and the initials of every run of 3-6 capitalised words (``dan``/``and``/``of`` may sit
inside a run; punctuation ends one). Over the window, an article whose capitalised run spells
an acronym that another article writes gains that acronym's token, as an entity, when the two
also share another entity (a name or a number): initials that match by chance ("Bank Besar
Menaikkan" and ``BBM``) seldom do, and a run in lower case ("pihak istana negara") is never
read as a name. An acronym so spelled out is an entity where it is written too, even when it
looks like a word (``PIN``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .features import ENTITY_WEIGHT
from .vectors import TITLE_WEIGHT, Doc

__all__ = ["link_acronyms", "spelled_initials", "written_acronyms"]

MIN_LETTERS = 3
MAX_LETTERS = 6
CONNECTORS = frozenset({"dan", "and", "of"})
"""Lower-case words allowed inside a name's run; they add no initial (BPOM = Badan
Pengawas Obat dan Makanan)."""
_ACRONYM = re.compile(rf"(?<![\w-])[A-Z]{{{MIN_LETTERS},{MAX_LETTERS}}}(?![\w-])")
_PIECE = re.compile(r"[^\W\d_]+|[^\w\s]|\d+", re.UNICODE)


@lru_cache(maxsize=65_536)
def written_acronyms(text: str) -> frozenset[str]:
    """Acronyms written in ``text`` (folded), none when the text is in capitals throughout."""
    if not any(c.islower() for c in text):
        return frozenset()
    return frozenset(a.lower() for a in _ACRONYM.findall(text))


@lru_cache(maxsize=65_536)
def spelled_initials(text: str) -> frozenset[str]:
    """Initials (folded) of every run of 3-6 capitalised words in ``text``."""
    found: set[str] = set()
    run: list[str] = []  # initials of the current run's capitalised words
    for piece in [*_PIECE.findall(text), "."]:
        if piece[:1].isupper() and piece[1:].islower():
            run.append(piece[0].lower())
            continue
        if run and piece in CONNECTORS:
            continue
        for start in range(len(run)):
            for end in range(start + MIN_LETTERS, min(len(run), start + MAX_LETTERS) + 1):
                found.add("".join(run[start:end]))
        run = []
    return frozenset(found)


@lru_cache(maxsize=65_536)
def _scan(title: str, lead: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Acronyms written in title or lead, and the initials of the runs of each."""
    return (
        written_acronyms(title) | written_acronyms(lead),
        spelled_initials(title),
        spelled_initials(lead),
    )


def link_acronyms(docs: list[Doc]) -> None:
    """Give articles spelling out an acronym of the window its token (in place, memo untouched)."""
    writers: dict[str, list[Doc]] = {}
    scans = [_scan(doc.item.title, doc.item.lead) for doc in docs]
    for doc, (written, _, _) in zip(docs, scans, strict=True):
        for acronym in written:
            if acronym in doc.tokens:
                writers.setdefault(acronym, []).append(doc)
    if not writers:
        return
    # The names the writers of each acronym use (before any article gains one): one
    # intersection per candidate, however many articles write DPR.
    names = {a: frozenset().union(*(d.entities for d in ds)) - {a} for a, ds in writers.items()}
    linked: set[str] = set()
    known = writers.keys()
    for doc, (_, in_title, in_lead) in zip(docs, scans, strict=True):
        title = in_title & known
        lead = in_lead & known
        for acronym in sorted(title | lead):
            if acronym in doc.tokens or not names[acronym] & doc.entities:
                continue
            weight = ENTITY_WEIGHT * (TITLE_WEIGHT if acronym in title else 1.0)
            doc.tokens = {**doc.tokens, acronym: weight}
            doc.entities = doc.entities | {acronym}
            linked.add(acronym)
    for acronym in sorted(linked):  # written in capitals and spelled out: a name
        for doc in writers[acronym]:
            if acronym not in doc.entities:
                doc.tokens = {**doc.tokens, acronym: doc.tokens[acronym] * ENTITY_WEIGHT}
                doc.entities = doc.entities | {acronym}
