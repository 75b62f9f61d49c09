"""Token features: entity tokens weigh more, English tokens meet Indonesian ones.

An *entity* token is one that names this story rather than describes any
story: a number (``47``, ``6,1``, ``4.200``), or in Indonesian text a word that
is not an Indonesian root (names of people, places, organisations and vessels,
acronyms: ``mamuju``, ``hendra``, ``bapanas``, ``dpr``); in English text a word
written with a capital letter after the first word, or a number. English
tokens are first mapped to Indonesian through :mod:`.bilingual`.
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
    """Folded words written with a capital letter after the first word of a text."""
    found: set[str] = set()
    for text in texts:
        words = _WORD.findall(text)
        found.update(w for w in words[1:] if w[:1].isupper())
    return frozenset(fold for w in found for fold in fold_words(w))


@lru_cache(maxsize=131_072)
def feature(token: str, english: bool, capitalised: bool) -> tuple[str, bool]:
    """The matching token and whether it is an entity.

    ``capitalised``: the word was written with a capital inside the text (only
    English uses it; Indonesian headlines are often in Title Case).
    """
    if token[:1].isdigit():
        return (indonesian_number(token) if english else token), True
    if english:
        mapped = to_indonesian(token)
        return mapped, mapped == token and capitalised and len(token) >= _MIN_ENTITY
    return token, len(token) >= _MIN_ENTITY and not is_root(token)
