"""Token features: entity tokens weigh more, English tokens meet Indonesian ones.

An *entity* token is one that names this story rather than describes any
story: a distinctive number (``215``, ``6,1``, ``4.200``; not ``3`` or ``2027``),
a word written with a capital inside a sentence-case text, or in Indonesian
text a word that is not an Indonesian root (names of people, places,
organisations and vessels, acronyms: ``mamuju``, ``hendra``, ``bapanas``, ``dpr``). English
tokens, and English words inside Indonesian text ("Parliamentary Threshold"),
are first mapped to Indonesian through :mod:`.bilingual`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .bilingual import indonesian_number, to_indonesian
from .stemmer import is_root
from .text import fold_words

__all__ = ["ENTITY_WEIGHT", "capitalised_words", "feature"]

ENTITY_WEIGHT = 2.0
"""An entity token's field weight is multiplied by this."""
_MIN_ENTITY = 3
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def capitalised_words(*texts: str) -> frozenset[str]:
    """Folded words written with a capital letter after the first word of a text.

    Texts in Title Case (most words capitalised, as many Indonesian headlines
    are) say nothing about names and are skipped.
    """
    found: set[str] = set()
    for text in texts:
        words = _WORD.findall(text)[1:]
        capitals = [w for w in words if w[:1].isupper()]
        if capitals and len(capitals) * 2 <= len(words):
            found.update(capitals)
    return frozenset(fold for w in found for fold in fold_words(w))


@lru_cache(maxsize=131_072)
def feature(token: str, english: bool, capitalised: bool) -> tuple[str, bool]:
    """The matching token and whether it is an entity.

    ``capitalised``: the word was written with a capital inside a sentence-case
    text (``Gunung Ibu`` in a lead: a name even though ``ibu`` is a root).
    """
    if token[:1].isdigit():
        number = indonesian_number(token) if english else token
        return number, _distinctive_number(number)
    if english:
        mapped = to_indonesian(token)
        return mapped, mapped == token and capitalised and len(token) >= _MIN_ENTITY
    if is_root(token):
        return token, len(token) >= _MIN_ENTITY and capitalised
    mapped = to_indonesian(token)  # English words inside Indonesian text ("threshold")
    if mapped != token:
        return mapped, False
    return token, len(token) >= _MIN_ENTITY


def _distinctive_number(token: str) -> bool:
    """Numbers that name a story (``4.200``, ``6,1``, ``215``), not small counts or years."""
    if "." in token or "," in token:
        return True
    return len(token) == 3 or (len(token) >= 4 and not 1900 <= int(token) <= 2100)
