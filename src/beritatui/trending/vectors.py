"""Article vectors (TF-IDF), near-duplicate detection and candidate pairs."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import mul, ne, truediv

from beritatui.sanitize import clean_line

from .features import ENTITY_WEIGHT, capitalised_words, feature
from .phrases import join_amounts, join_places
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
count in the similarity, not in the candidate index."""
INDEX_TOKENS = 8
"""An article is indexed under pairs of this many of its heaviest tokens."""
RARE_DF = 40
RARE_DF_MIN = 8
RARE_WORK = 160_000
"""Tokens in at most clamp(RARE_WORK / n, RARE_DF_MIN, RARE_DF) articles of a window
of n are indexed one by one too: two articles sharing two of them are candidates,
however light the words. The bound shrinks in big windows, where the token-pair
keys find the stories and chance co-occurrences of rare words would cost
quadratic work."""
KEY_POSTING_CAP = 300
"""Articles one index key (a token pair) holds at most: keeps the candidate work
linear in the window size."""

_ZEROS = itertools.repeat(0.0)
"""The default of ``large.get`` in the dot product (an endless iterator)."""


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
    heaviest: list[str] = field(default_factory=list)
    """The vector's tokens that other articles of the window have too, heaviest
    first (ties in token order): the ones that can find another article."""
    _bigrams: list[_Bigrams] = field(default_factory=list)
    """Empty, or the article's bigrams: the list is the memo's, so they are
    computed once per article, not once per pass."""

    def bigrams(self) -> _Bigrams:
        """Word bigrams of title and lead (stop words kept), computed on demand."""
        if not self._bigrams:
            self._bigrams.append((_pairs(self.title_words), _pairs(self.lead_words)))
        return self._bigrams[0]


def _pairs(words: list[str]) -> frozenset[tuple[str, str]]:
    """Adjacent word pairs."""
    return frozenset(itertools.pairwise(words))


def make_doc(item: StoryInput) -> Doc:
    """Tokenise one article (language guessed once from title and lead together).

    The per-article part is memoised (see :data:`_MEMO`): the Trending tab
    recomputes over mostly the same articles after every refresh.
    """
    key = (item.title, item.lead, item.source, item.published)
    known = _MEMO.get(key)
    if known is None:
        if len(_MEMO) >= MEMO_MAX:
            _MEMO.clear()
        known = _MEMO[key] = _tokenise(item)
    tokens, title_words, lead_words, stamp, source_key, entities, bigrams = known
    return Doc(item, tokens, title_words, lead_words, stamp, source_key, entities, _bigrams=bigrams)


def tokens_of(item: StoryInput) -> dict[str, float]:
    """The article's tokens (memoised as in :func:`make_doc`), without building a Doc."""
    key = (item.title, item.lead, item.source, item.published)
    known = _MEMO.get(key)
    if known is None:
        return make_doc(item).tokens
    return known[0]


_Bigrams = tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]]
_Features = tuple[
    dict[str, float], list[str], list[str], float, str, frozenset[str], list[_Bigrams]
]
_MEMO: dict[tuple[str, str, str, object], _Features] = {}
"""Article text -> its tokens; shared by threads (single dict operations only)."""
MEMO_MAX = 100_000
"""The memo is emptied when it holds this many articles."""


def _tokenise(item: StoryInput) -> _Features:
    """Tokens, words, timestamp, source key, entities and (empty) bigrams of one article."""
    lead = strip_dateline(item.lead[:LEAD_MAX_CHARS])
    title_words = fold_words(item.title)
    lead_words = fold_words(lead)
    english = is_english(title_words + lead_words)
    named = sorted(capitalised_words(item.title, lead))
    capitalised = frozenset(normalise_words(named, english)) if named else frozenset()
    tokens: dict[str, float] = {}
    entities: set[str] = set()
    for field_weight, words in ((1.0, lead_words), (TITLE_WEIGHT, title_words)):
        joined = join_amounts(join_places(words), english)
        for raw in normalise_words(joined, english):
            token, entity = feature(raw, english, raw in capitalised)
            tokens[token] = field_weight * (ENTITY_WEIGHT if entity else 1.0)
            if entity:
                entities.add(token)
    stamp = as_utc(item.published).timestamp() if item.published else 0.0
    source_key = source_name(item.source).casefold()
    return tokens, title_words, lead_words, stamp, source_key, frozenset(entities), []


def weigh(docs: list[Doc], others: Sequence[dict[str, float]] = ()) -> dict[str, int]:
    """Fill unit-length TF-IDF vectors and heaviest-first lists of the tokens
    other articles share; return the document frequencies in ``docs``.

    ``others`` (the tokens of the window's articles of other categories, for a category's
    tab: :func:`tokens_of`) count in the IDF alone: how common a word is, judged on the
    whole window."""
    df = Counter(itertools.chain.from_iterable(doc.tokens for doc in docs))
    every = df
    if others:
        every = df.copy()
        every.update(itertools.chain.from_iterable(others))
    n = max(len(docs) + len(others), IDF_MIN_DOCS)
    counts = [every[token] for token in df] if others else list(df.values())
    # IDF depends on the count alone: one logarithm per distinct count.
    by_count = {count: max(IDF_FLOOR, math.log((n + 1) / count)) for count in set(counts)}
    idf = dict(zip(df, map(by_count.__getitem__, counts), strict=True))
    of = idf.__getitem__
    shared = {token for token, count in df.items() if count > 1}.__contains__
    for doc in docs:
        tokens = doc.tokens
        weights = list(map(mul, tokens.values(), map(of, tokens)))
        norm = math.sqrt(sum(map(mul, weights, weights))) or 1.0
        units = map(truediv, weights, itertools.repeat(norm))
        vector = doc.vector = dict(zip(tokens, units, strict=True))
        # Stable sort: ties keep the article's own token order (deterministic).
        doc.heaviest = sorted(filter(shared, vector), key=vector.__getitem__, reverse=True)
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

    Candidate index, never all pairs: every article is indexed under each pair
    of its INDEX_TOKENS heaviest shared tokens (by TF-IDF weight; tokens of one
    article only, and very common ones, are left out), and two articles are
    candidates when they meet under one such key, i.e. share two of each
    other's heaviest words. A key holds at most KEY_POSTING_CAP articles, so
    the work stays linear in the window size: a huge story is still found
    through its other keys. The cosine similarity of a candidate pair is then
    computed over the whole vectors (see :func:`_pair_similarity`).
    """
    very_common = max(VERY_COMMON_MIN, int(VERY_COMMON_FRACTION * len(docs)))
    rare_df = max(RARE_DF_MIN, min(RARE_DF, RARE_WORK // max(1, len(docs))))
    # Token numbers instead of strings make the pair keys plain ints (any
    # injective numbering gives the same keys: first seen is the cheapest).
    # Only tokens in two articles or more can meet another article: the others
    # are left out of both indexes up front.
    indexed: dict[str, int] = {}
    rare: dict[str, list[int]] = {}
    for token, count in df.items():
        if 1 < count <= very_common:
            indexed[token] = len(indexed)
            if count <= rare_df:
                rare[token] = []
    width = len(indexed)
    is_indexed = indexed.__contains__
    # A key met once holds the article index in ``first``; keys met twice or
    # more hold their article lists in ``more`` (most keys are met once).
    first: dict[int, int] = {}
    more: dict[int, list[int]] = {}
    edges: dict[tuple[int, int], float] = {}
    for i, doc in enumerate(docs):
        vector = doc.vector
        met: set[int] = set()
        postings = [rare[t] for t in vector.keys() & rare.keys()]
        if postings:
            earlier = [plist for plist in postings if plist]
            if len(earlier) >= MIN_SHARED_TOKENS:
                counts = Counter(itertools.chain.from_iterable(earlier))
                met.update(j for j, count in counts.items() if count >= MIN_SHARED_TOKENS)
            for plist in postings:
                plist.append(i)
        top = list(filter(is_indexed, doc.heaviest))[:INDEX_TOKENS]
        ids = sorted(map(indexed.__getitem__, top))
        keys = [a * width + b for a, b in itertools.combinations(ids, 2)]
        seen = list(map(first.setdefault, keys, itertools.repeat(i)))
        if seen.count(i) != len(seen):  # keys met before: only those are looked at
            fresh = map(ne, seen, itertools.repeat(i))
            for key, j in itertools.compress(zip(keys, seen, strict=True), fresh):
                found = more.get(key)
                if found is None:
                    met.add(j)
                    more[key] = [j, i]
                elif len(found) < KEY_POSTING_CAP:
                    met.update(found)
                    found.append(i)
        # Edge order does not matter (agglomeration orders by value and index).
        for j in met:
            similarity = _pair_similarity(doc, docs[j])
            if similarity >= EDGE_THRESHOLD:
                edges[(j, i)] = similarity
    return edges


def sparse_dot(small: dict[str, float], large: dict[str, float]) -> float:
    """Dot product in the shorter vector's own token order (fixed by the text, so the float
    sum is the same on every run); a token the other lacks adds an exact 0.0."""
    total: float = sum(map(mul, small.values(), map(large.get, small, _ZEROS)))
    return total


def _pair_similarity(a: Doc, b: Doc) -> float:
    """Cosine similarity (or the near-duplicate value) of one candidate pair.

    The dot product runs over the shorter vector in its own token order (fixed
    by the article text, so the float sum is the same on every run); a token
    the other vector lacks adds an exact 0.0, so the sum is the one over the
    shared tokens, computed without a Python-level loop.
    """
    vector_a, vector_b = a.vector, b.vector
    small, large = (vector_a, vector_b) if len(vector_a) <= len(vector_b) else (vector_b, vector_a)
    dot = sparse_dot(small, large)
    if dot < EDGE_THRESHOLD:
        return dot
    if dot >= NEAR_DUP_MIN_COSINE and _near_duplicate(a, b):
        return NEAR_DUP_SIMILARITY
    entities = a.entities
    shared = small.keys() & large.keys()
    named = not (entities.isdisjoint(shared) and b.entities.isdisjoint(shared))
    if len(shared) <= MIN_SHARED_TOKENS and not named:
        return 0.0  # two common words ("harga", "turun") are not a story
    if abs(a.stamp - b.stamp) <= NAMES_ONLY_SECONDS:
        return dot
    if not named:
        return 0.0  # hours apart, common words alone ("demo di depan kantor") are two events
    if not entities:
        return dot
    # Names alone do not make a story: "Gubernur X resmikan jembatan" and, a
    # day later, "Gubernur X liburkan sekolah" share X. Hours apart, a pair must
    # share what happened too (summed in the shorter vector's token order).
    content = sum(w * large[t] for t, w in small.items() if t in shared and t not in entities)
    return dot if content >= MIN_CONTENT_SIMILARITY else 0.0
