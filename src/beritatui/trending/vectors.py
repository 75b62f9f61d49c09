"""Article vectors (TF-IDF), near-duplicate detection and candidate pairs."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from functools import lru_cache

from beritatui.sanitize import clean_line

from .features import ENTITY_WEIGHT, capitalised_words, feature
from .text import fold_words, is_english, normalise_words, strip_dateline
from .types import StoryInput, as_utc

TITLE_WEIGHT = 2.0
"""A token in the title counts this much; one only in the lead counts 1."""
LEAD_MAX_CHARS = 400
"""Only the start of a lead is used: feeds sometimes put a whole article there."""
EDGE_THRESHOLD = 0.08
"""Minimum cosine similarity for a pair to be considered the same story."""
IDF_MIN_DOCS = 50
"""IDF counts at least this many articles, so a tiny window (one category, a
few hours) does not treat the story's own words as common ones."""
IDF_FLOOR = 1.5
"""Lowest IDF (a token in about a fifth of the window): a story that fills the
window (a disaster day in one category) keeps weight on its own words."""
MIN_SHARED_TOKENS = 2
"""Informative (not very common) tokens a candidate pair must share."""
MIN_CONTENT_SIMILARITY = 0.03
"""A pair published more than NAMES_ONLY_HOURS apart must reach this similarity over
non-entity tokens: names alone are no story."""
NAMES_ONLY_HOURS = 8.0
NAMES_ONLY_SECONDS = NAMES_ONLY_HOURS * 3600
NEAR_DUP_JACCARD = 0.6
"""Word-bigram Jaccard of titles or leads at which two articles are one wire text."""
NEAR_DUP_SIMILARITY = 1.0
"""Similarity given to a near-duplicate pair."""
NEAR_DUP_MIN_COSINE = 0.3
"""Only pairs at least this similar are checked for near-duplicate text."""
VERY_COMMON_FRACTION = 0.1
VERY_COMMON_MIN = 200
"""Tokens in more than max(VERY_COMMON_MIN, VERY_COMMON_FRACTION * n) articles only
count in the similarity, not in candidate blocking."""
MAX_DF_FRACTION = 0.01
MAX_DF_MIN = 40
MAX_DF_CAP = 80
"""Tokens in more than clamp(MAX_DF_FRACTION * n, MAX_DF_MIN, MAX_DF_CAP) articles are
not indexed for candidates (they still count in the similarity). The cap keeps the
candidate work near-linear in the window size."""


@lru_cache(maxsize=1024)
def source_name(raw: str) -> str:
    """Sanitised source display name."""
    return clean_line(raw) or "?"


@dataclass(slots=True)
class Doc:
    """Per-article working data."""

    item: StoryInput
    tokens: dict[str, float]
    """Token -> weight: TITLE_WEIGHT in the title (1.0 lead only), times
    ENTITY_WEIGHT for entity tokens (names, places, numbers)."""
    title_words: list[str]
    lead_words: list[str]
    stamp: float
    """Publication time as a UTC timestamp."""
    source_key: str
    """Case-folded sanitised source name: what "distinct sources" counts."""
    entities: frozenset[str]
    """Tokens that name the story (see :mod:`.features`)."""
    vector: dict[str, float] = field(default_factory=dict)
    """Unit-length TF-IDF vector."""
    _bigrams: tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]] | None = None

    def bigrams(self) -> tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]]:
        """Word bigrams of title and lead (stop words kept), computed on demand."""
        if self._bigrams is None:
            self._bigrams = (_pairs(self.title_words), _pairs(self.lead_words))
        return self._bigrams


def _pairs(words: list[str]) -> frozenset[tuple[str, str]]:
    """Adjacent word pairs."""
    return frozenset(itertools.pairwise(words))


def make_doc(item: StoryInput) -> Doc:
    """Tokenise one article (language guessed once from title and lead together)."""
    title_words = fold_words(item.title)
    lead_words = fold_words(strip_dateline(item.lead[:LEAD_MAX_CHARS]))
    english = is_english(title_words + lead_words)
    lead = strip_dateline(item.lead[:LEAD_MAX_CHARS])
    named = sorted(capitalised_words(item.title, lead))
    capitalised = frozenset(normalise_words(named, english)) if named else frozenset()
    tokens: dict[str, float] = {}
    entities: set[str] = set()
    for field_weight, words in ((1.0, lead_words), (TITLE_WEIGHT, title_words)):
        for raw in normalise_words(words, english):
            token, entity = feature(raw, english, raw in capitalised)
            tokens[token] = field_weight * (ENTITY_WEIGHT if entity else 1.0)
            if entity:
                entities.add(token)
    stamp = as_utc(item.published).timestamp() if item.published else 0.0
    source_key = source_name(item.source).casefold()
    return Doc(item, tokens, title_words, lead_words, stamp, source_key, frozenset(entities))


def weigh(docs: list[Doc]) -> dict[str, int]:
    """Fill unit-length TF-IDF vectors; return document frequencies."""
    df: dict[str, int] = {}
    for doc in docs:
        for token in doc.tokens:
            df[token] = df.get(token, 0) + 1
    n = max(len(docs), IDF_MIN_DOCS)
    idf = {token: max(IDF_FLOOR, math.log((n + 1) / count)) for token, count in df.items()}
    for doc in docs:
        vector = {t: w * idf[t] for t, w in doc.tokens.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        doc.vector = {t: v / norm for t, v in vector.items()}
    return df


def _jaccard(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> float:
    """Jaccard index of two sets (0 when both are empty)."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def _near_duplicate(a: Doc, b: Doc) -> bool:
    """Same wire text republished: titles or leads nearly word-for-word equal."""
    title_a, lead_a = a.bigrams()
    title_b, lead_b = b.bigrams()
    if len(title_a) >= 3 and _jaccard(title_a, title_b) >= NEAR_DUP_JACCARD:
        return True
    return len(lead_a) >= 8 and _jaccard(lead_a, lead_b) >= NEAR_DUP_JACCARD


def is_near_duplicate(a: StoryInput, b: StoryInput) -> bool:
    """True when ``b`` republishes ``a``'s text (same wire story, light edits).

    Word-bigram Jaccard of the titles, or of the leads (datelines ignored),
    reaches NEAR_DUP_JACCARD. Paraphrases of one story are not near-duplicates.
    """
    return _near_duplicate(make_doc(a), make_doc(b))


def find_edges(docs: list[Doc], df: dict[str, int]) -> dict[tuple[int, int], float]:
    """Similar pairs ``(i, j)`` with ``i < j`` and their similarity.

    Candidate blocking, never all pairs. Rare tokens (2 <= df <= the index cap)
    go into posting lists that are filled while scanning, so each pair is met
    once and the dot product accumulates on the way. Frequent tokens (up to
    VERY_COMMON_FRACTION of the window) are too costly for posting lists; they
    become one bitset each, and a pair qualifies through them when it shares
    three of them, or two of them plus a rare token: that keeps a huge story
    (whose own words are frequent) together without pairing every article
    that says "Jakarta" and "harga". Very common tokens only count in the
    similarity. A candidate needs MIN_SHARED_TOKENS shared tokens either way.
    """
    n = len(docs)
    max_df = min(MAX_DF_CAP, max(MAX_DF_MIN, int(MAX_DF_FRACTION * n)))
    very_common = max(max_df, VERY_COMMON_MIN, int(VERY_COMMON_FRACTION * n))
    masks: dict[str, int] = {}
    postings: dict[str, list[tuple[int, float]]] = {}
    edges: dict[tuple[int, int], float] = {}
    for i, doc in enumerate(docs):
        # One accumulator per candidate: _SHARED_MARK per shared rare token plus
        # the partial dot product (< 1 for unit vectors), so one dict does both.
        acc: dict[int, float] = {}
        common: list[tuple[str, float]] = []
        ones = twos = threes = 0
        for token, weight in doc.vector.items():
            count = df[token]
            if count > max_df:
                common.append((token, weight))
                if count <= very_common:
                    # Bitset of the earlier articles with this token, grown as we scan.
                    mask = masks.get(token, 0)
                    threes |= twos & mask
                    twos |= ones & mask
                    ones |= mask
                    masks[token] = mask | (1 << i)
            elif count > 1:
                plist = postings.setdefault(token, [])
                get = acc.get
                for j, other in plist:
                    acc[j] = get(j, 0.0) + weight * other + _SHARED_MARK
                plist.append((i, weight))
        for j, dot in _candidates(acc, twos, threes):
            similarity = _pair_similarity(doc, docs[j], dot, common)
            if similarity >= EDGE_THRESHOLD:
                edges[(j, i)] = similarity
    return edges


def _candidates(acc: dict[int, float], twos: int, threes: int) -> list[tuple[int, float]]:
    """Candidate articles and their partial dot product, in a fixed order.

    From the accumulator: two shared rare tokens, or one plus two frequent
    ones (bit set in ``twos``). From the bitsets: three shared frequent tokens.
    """
    pairs = _bit_string(twos)
    found: list[tuple[int, float]] = []
    for j, total in acc.items():
        if total >= _TWO_SHARED or (j < len(pairs) and pairs[j] == "1"):
            found.append((j, total % _SHARED_MARK))
    triples = _bit_string(threes)
    j = triples.find("1")
    while j != -1:
        if j not in acc:
            found.append((j, 0.0))
        j = triples.find("1", j + 1)
    return found


def _bit_string(mask: int) -> str:
    """``mask`` as "0"/"1" characters, bit ``j`` at index ``j`` ("" for 0)."""
    return bin(mask)[:1:-1] if mask else ""


_SHARED_MARK = 2.0
_TWO_SHARED = MIN_SHARED_TOKENS * _SHARED_MARK


def _pair_similarity(a: Doc, b: Doc, dot: float, common: list[tuple[str, float]]) -> float:
    """Cosine similarity (or the near-duplicate value) of one candidate pair."""
    vector_b = b.vector
    for token, weight in common:
        other = vector_b.get(token)
        if other is not None:
            dot += weight * other
    if dot >= NEAR_DUP_MIN_COSINE and _near_duplicate(a, b):
        return NEAR_DUP_SIMILARITY
    if dot < EDGE_THRESHOLD:
        return dot
    shared = [t for t in a.vector if t in vector_b]
    if len(shared) <= MIN_SHARED_TOKENS and not any(
        t in a.entities or t in b.entities for t in shared
    ):
        return 0.0  # two common words ("harga", "turun") are not a story
    if not a.entities or abs(a.stamp - b.stamp) <= NAMES_ONLY_SECONDS:
        return dot
    # Names alone do not make a story: "Gubernur X resmikan jembatan" and, a
    # day later, "Gubernur X liburkan sekolah" share X. Hours apart, a pair must
    # share what happened too.
    entities = a.entities
    content = sum(w * vector_b.get(t, 0.0) for t, w in a.vector.items() if t not in entities)
    return dot if content >= MIN_CONTENT_SIMILARITY else 0.0
