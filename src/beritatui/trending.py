"""Story clustering and ranking for the Trending tab (issue #5).

Articles of the last N hours are grouped by story across sources, then the
groups are ranked by distinct sources, freshness and volume.

How a story is found:

1. :func:`normalise` turns title and lead into tokens: case folded, accents
   and punctuation gone, Indonesian and English stop words (plus news
   boilerplate such as day names and datelines) dropped, and a conservative
   Indonesian stemmer applied (``kenaikan`` -> ``naik``, ``menaikkan`` -> ``naik``).
2. Every article becomes a TF-IDF vector over its tokens (title words count
   double); IDF is computed over the window, so words every story uses
   ("Jakarta", "Presiden", "harga") weigh little.
3. Candidate pairs, never all pairs: posting lists over rare tokens (filled
   while scanning, so each pair is met once and its dot product accumulates on
   the way) and bitsets over frequent ones (a pair must share three of those,
   which keeps a 150-article story together without pairing every article
   that says "Jakarta" and "harga"). A candidate must share at least two
   informative tokens; it becomes an edge when its cosine similarity is high
   enough, and a near-duplicate (same wire text, word-bigram Jaccard) counts
   as similarity 1.
4. Edges are merged by average-link agglomeration: two groups join only when
   the mean similarity over all their article pairs passes a threshold, so one
   loose pair cannot chain two stories together.

Everything is deterministic: inputs are sorted by id first, ties are broken by
index, and no set iteration order reaches the output. Text that leaves this
module has been through :mod:`beritatui.sanitize`. No textual import here.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from beritatui.sanitize import clean_line, clean_text, safe_url

__all__ = [
    "ALL_CATEGORIES",
    "Cluster",
    "StoryInput",
    "TrendingCache",
    "cluster_stories",
    "find_clusters",
    "is_english",
    "is_near_duplicate",
    "normalise",
    "stem",
    "stem_english",
]

ALL_CATEGORIES = "Semua"
"""The sidebar entry meaning "every category"; same as ``category=None``."""

# --- tuning knobs (measured on tests/fixtures/trending) ----------------------
TITLE_WEIGHT = 2.0
"""A token in the title counts this much; one only in the lead counts 1."""
LEAD_MAX_CHARS = 400
"""Only the start of a lead is used: feeds sometimes put a whole article there."""
EDGE_THRESHOLD = 0.08
"""Minimum cosine similarity for a pair to be considered the same story."""
MERGE_THRESHOLD = 0.16
"""Minimum average pair similarity for two groups to merge (average link)."""
IDF_MIN_DOCS = 50
"""IDF counts at least this many articles, so a tiny window (one category, a
few hours) does not treat the story's own words as common ones."""
IDF_FLOOR = 1.5
"""Lowest IDF (a token in about a fifth of the window): a story that fills the
window (a disaster day in one category) keeps weight on its own words."""
MIN_SHARED_TOKENS = 2
"""Informative (not very common) tokens a candidate pair must share."""
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
HALF_LIFE_HOURS = 18.0
"""A source's contribution to a story's score halves every this many hours."""
VOLUME_WEIGHT = 0.25
VOLUME_CAP = 0.9
"""Volume bonus: VOLUME_WEIGHT * log2(articles), at most VOLUME_CAP (< one source)."""
MIN_TRENDING = 10
"""Single-source stories fill the list only up to this many entries."""
FUTURE_TOLERANCE = timedelta(hours=12)
"""Articles dated up to this far in the future (bad feed time zones) still count."""

# --- text normalisation ---------------------------------------------------------

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


def _strip_dateline(lead: str) -> str:
    """Drop a leading dateline such as ``Jakarta, CNN Indonesia --``."""
    match = _DATELINE.match(lead)
    if match and any(mark in match.group(1) for mark in (",", "(", ".com", ".co")):
        return lead[match.end() :]
    return lead


def _words(text: str) -> list[str]:
    """Folded word and number tokens, before stop words and stemming."""
    return _TOKEN.findall(_fold(_DATE_OR_CLOCK.sub(" ", text)))


def normalise(text: str, *, english: bool | None = None) -> list[str]:
    """Tokens of ``text`` for matching: folded, stop words out, stemmed, in order.

    ``english`` picks the stemmer; None guesses from the text's function words.
    """
    return _normalise_words(_words(text), english)


def _normalise_words(words: list[str], english: bool | None) -> list[str]:
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


# --- public data types ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryInput:
    """One article as the clusterer sees it (built by the store/service layer)."""

    id: int
    """Article id in the store."""
    title: str
    lead: str
    """Summary or first paragraph; may be empty."""
    source: str
    """Source display name, e.g. ``CNN Indonesia``."""
    category: str
    published: datetime | None
    """Timezone-aware UTC; undated articles are left out of Trending."""
    url: str


@dataclass(frozen=True, slots=True)
class Cluster:
    """One story: its articles across sources, best headline and score."""

    key: str
    """Stable id: the smallest article id in the cluster, as text."""
    title: str
    """The most representative headline (closest to the others)."""
    score: float
    articles: tuple[StoryInput, ...]
    """The best article first, then newest first."""
    sources: tuple[str, ...]
    """Distinct sources, in the order of ``articles``."""
    newest: datetime | None

    @property
    def article_ids(self) -> frozenset[int]:
        """Ids of every article in the story."""
        return frozenset(a.id for a in self.articles)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready object for ``beritatui trending --json``."""
        return {
            "title": self.title,
            "score": round(self.score, 4),
            "sources": list(self.sources),
            "articles": [
                {
                    "title": a.title,
                    "url": a.url,
                    "source": a.source,
                    "published": a.published.isoformat() if a.published else None,
                }
                for a in self.articles
            ],
        }


# --- preparation ---------------------------------------------------------------


def _as_utc(moment: datetime) -> datetime:
    """Aware UTC datetime; a naive one is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _select(
    items: Iterable[StoryInput], now: datetime, hours: float, category: str | None
) -> list[StoryInput]:
    """Articles in the window and category, one per URL, sorted by id."""
    if not hours > 0 or math.isinf(hours):
        raise ValueError(f"hours must be a positive number, not {hours!r}")
    oldest = now - timedelta(hours=hours)
    latest = now + FUTURE_TOLERANCE
    wanted = None if category in (None, "", ALL_CATEGORIES) else category.casefold()
    chosen: list[StoryInput] = []
    for item in items:
        if item.published is None or (wanted and item.category.casefold() != wanted):
            continue
        if oldest <= _as_utc(item.published) <= latest:
            chosen.append(item)
    chosen.sort(key=lambda a: (a.id, a.url, a.title))
    seen_urls: set[str] = set()
    unique: list[StoryInput] = []
    for item in chosen:
        if item.url and item.url in seen_urls:
            continue
        seen_urls.add(item.url)
        unique.append(item)
    return unique


# --- vectors and candidate pairs ---------------------------------------------


@dataclass(slots=True)
class _Doc:
    """Per-article working data."""

    item: StoryInput
    tokens: dict[str, float]
    """Token -> field weight (TITLE_WEIGHT in the title, 1.0 lead only)."""
    title_words: list[str]
    lead_words: list[str]
    stamp: float
    """Publication time as a UTC timestamp."""
    source_key: str
    """Case-folded sanitised source name: what "distinct sources" counts."""
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


def _make_doc(item: StoryInput) -> _Doc:
    """Tokenise one article (language guessed once from title and lead together)."""
    title_words = _words(item.title)
    lead_words = _words(_strip_dateline(item.lead[:LEAD_MAX_CHARS]))
    english = is_english(title_words + lead_words)
    tokens: dict[str, float] = dict.fromkeys(_normalise_words(lead_words, english), 1.0)
    for token in _normalise_words(title_words, english):
        tokens[token] = TITLE_WEIGHT
    stamp = _as_utc(item.published).timestamp() if item.published else 0.0
    source_key = _source_name(item.source).casefold()
    return _Doc(item, tokens, title_words, lead_words, stamp, source_key)


def _weigh(docs: list[_Doc]) -> dict[str, int]:
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


def _near_duplicate(a: _Doc, b: _Doc) -> bool:
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
    return _near_duplicate(_make_doc(a), _make_doc(b))


def _edges(docs: list[_Doc], df: dict[str, int]) -> dict[tuple[int, int], float]:
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


def _pair_similarity(a: _Doc, b: _Doc, dot: float, common: list[tuple[str, float]]) -> float:
    """Cosine similarity (or the near-duplicate value) of one candidate pair."""
    vector_b = b.vector
    for token, weight in common:
        other = vector_b.get(token)
        if other is not None:
            dot += weight * other
    if dot >= NEAR_DUP_MIN_COSINE and _near_duplicate(a, b):
        return NEAR_DUP_SIMILARITY
    return dot


# --- average-link agglomeration ------------------------------------------------


def _agglomerate(n: int, edges: dict[tuple[int, int], float]) -> list[list[int]]:
    """Merge articles into groups by average link over the sparse edge graph.

    The mean similarity between two groups counts every article pair, a missing
    edge as 0; the closest pair of groups merges first, until no pair reaches
    MERGE_THRESHOLD. Returns the groups (index lists, ascending), singletons too.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    links: dict[int, dict[int, float]] = {}
    for (i, j), similarity in edges.items():
        links.setdefault(i, {})[j] = similarity
        links.setdefault(j, {})[i] = similarity
    version = [0] * n
    heap = [(-s, i, j, 0, 0) for (i, j), s in edges.items()]
    heapq.heapify(heap)
    while heap:
        neg_avg, a, b, va, vb = heapq.heappop(heap)
        if a not in members or b not in members or version[a] != va or version[b] != vb:
            continue
        if -neg_avg < MERGE_THRESHOLD:
            break
        _merge(a, b, members, links)
        version[a] += 1
        size_a = len(members[a])
        for c, total in sorted(links.get(a, {}).items()):
            avg = total / (size_a * len(members[c]))
            low, high = (a, c) if a < c else (c, a)
            heapq.heappush(heap, (-avg, low, high, version[low], version[high]))
    return [sorted(group) for _, group in sorted(members.items())]


def _merge(
    a: int, b: int, members: dict[int, list[int]], links: dict[int, dict[int, float]]
) -> None:
    """Fold group ``b`` into group ``a``, summing their link weights."""
    members[a].extend(members.pop(b))
    links_a = links.setdefault(a, {})
    links_a.pop(b, None)
    for c, total in links.pop(b, {}).items():
        if c == a:
            continue
        links_c = links[c]
        links_c.pop(b, None)
        links_a[c] = links_a.get(c, 0.0) + total
        links_c[a] = links_a[c]


# --- scoring and output ----------------------------------------------------------


@lru_cache(maxsize=1024)
def _source_name(raw: str) -> str:
    """Sanitised source display name."""
    return clean_line(raw) or "?"


def _score(members: list[_Doc], now: float) -> tuple[float, int]:
    """Story score and distinct source count (``now`` as a UTC timestamp).

    Each source adds the freshness of its newest article in the story; the
    volume bonus (log of article count, capped below one source) is scaled
    by the freshness of the newest article.
    """
    newest: dict[str, float] = {}
    for doc in members:
        newest[doc.source_key] = max(newest.get(doc.source_key, doc.stamp), doc.stamp)
    scale = 1 / (3600 * HALF_LIFE_HOURS)
    fresh = sorted(0.5 ** (max(0.0, now - stamp) * scale) for stamp in newest.values())
    volume = min(VOLUME_CAP, VOLUME_WEIGHT * math.log2(len(members)))
    return sum(fresh) + volume * fresh[-1], len(newest)


def _centrality(group: list[int], edges: dict[tuple[int, int], float]) -> dict[int, float]:
    """Sum of similarities of each member to the other members."""
    total = dict.fromkeys(group, 0.0)
    for pos, i in enumerate(group):
        for j in group[pos + 1 :]:
            similarity = edges.get((i, j), 0.0)
            total[i] += similarity
            total[j] += similarity
    return total


def _is_plain(text: str) -> bool:
    """True for text the sanitiser would return unchanged: printable ASCII on
    one line, no doubled or edge spaces (no control, escape or bidi byte)."""
    return text.isascii() and text.isprintable() and "  " not in text and text == text.strip()


def _clean_item(item: StoryInput) -> StoryInput:
    """A copy of ``item`` with every string sanitised and an http(s)-only URL."""
    title, lead = item.title, item.lead
    return StoryInput(
        id=item.id,
        title=title if _is_plain(title) else clean_line(title),
        lead=lead if _is_plain(lead) else clean_text(lead),
        source=_source_name(item.source),
        category=clean_line(item.category),
        published=_as_utc(item.published) if item.published else None,
        url=safe_url(item.url) or "",
    )


def _newest_key(item: StoryInput) -> tuple[float, int]:
    """Sort key: newest first, then smaller id."""
    stamp = item.published.timestamp() if item.published else float("-inf")
    return (-stamp, item.id)


def _build_cluster(
    group: list[int], docs: list[_Doc], edges: dict[tuple[int, int], float], score: float
) -> Cluster:
    """A :class:`Cluster` for one group, sanitised, best article first."""
    central = _centrality(group, edges) if len(group) > 2 else dict.fromkeys(group, 0.0)
    best = min(group, key=lambda i: (-central[i], *_newest_key(docs[i].item)))
    rest = sorted((docs[i].item for i in group if i != best), key=_newest_key)
    articles = tuple(_clean_item(a) for a in [docs[best].item, *rest])
    sources: dict[str, str] = {}
    for article in articles:
        sources.setdefault(article.source.casefold(), article.source)
    dated = [a.published for a in articles if a.published is not None]
    return Cluster(
        key=str(min(a.id for a in articles)),
        title=articles[0].title,
        score=score,
        articles=articles,
        sources=tuple(sources.values()),
        newest=max(dated) if dated else None,
    )


@dataclass(frozen=True, slots=True)
class _Ranked:
    """A scored group before it becomes a Cluster."""

    score: float
    source_count: int
    newest: float
    first_id: int
    group: list[int]

    @property
    def sort_key(self) -> tuple[float, int, float, int]:
        """Rank order: score, then sources, recency, smaller id."""
        return (-self.score, -self.source_count, -self.newest, self.first_id)


def _rank(
    items: Sequence[StoryInput], now: datetime, hours: float, category: str | None
) -> tuple[list[_Ranked], list[_Doc], dict[tuple[int, int], float]]:
    """Cluster the window and score every group, best first."""
    now = _as_utc(now)
    docs = [_make_doc(item) for item in _select(items, now, hours, category)]
    if not docs:
        return [], docs, {}
    edges = _edges(docs, _weigh(docs))
    ranked: list[_Ranked] = []
    stamp = now.timestamp()
    for group in _agglomerate(len(docs), edges):
        members = [docs[i] for i in group]
        score, source_count = _score(members, stamp)
        newest = max(doc.stamp for doc in members)
        ranked.append(_Ranked(score, source_count, newest, members[0].item.id, group))
    ranked.sort(key=lambda r: r.sort_key)
    return ranked, docs, edges


def find_clusters(
    items: Sequence[StoryInput], *, now: datetime, hours: float = 24, category: str | None = None
) -> list[Cluster]:
    """Every story of the window, singletons included, best score first."""
    ranked, docs, edges = _rank(items, now, hours, category)
    return [_build_cluster(r.group, docs, edges, r.score) for r in ranked]


def cluster_stories(
    items: Sequence[StoryInput],
    *,
    now: datetime,
    hours: float = 24,
    category: str | None = None,
    min_trending: int = MIN_TRENDING,
    limit: int | None = None,
) -> list[Cluster]:
    """Trending stories of the last ``hours`` before ``now``, in rank order.

    ``category`` None (or ``"Semua"``) means every category. Stories reported by
    two or more sources come first; single-source stories follow only while
    fewer than ``min_trending`` stories have been listed. ``limit`` caps the list.
    Raises ValueError when ``hours`` is not a positive number.
    """
    ranked, docs, edges = _rank(items, now, hours, category)
    multi = [r for r in ranked if r.source_count >= 2]
    single = [r for r in ranked if r.source_count < 2]
    chosen = multi + single[: max(0, min_trending - len(multi))]
    if limit is not None:
        chosen = chosen[: max(0, limit)]
    return [_build_cluster(r.group, docs, edges, r.score) for r in chosen]


# --- cache -----------------------------------------------------------------------


class TrendingCache:
    """Keeps the last result until the article set changes.

    ``items_version`` is anything comparable that changes when new articles
    arrive (e.g. ``(max_article_id, category, hours)``). ``max_age`` (seconds)
    optionally recomputes anyway so scores follow the clock. Thread-safe.
    """

    def __init__(
        self, max_age: float | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._max_age = max_age
        self._clock = clock
        self._lock = threading.Lock()
        self._version: object = _UNSET
        self._value: list[Cluster] = []
        self._stamp = 0.0

    def get(self, items_version: object, compute: Callable[[], list[Cluster]]) -> list[Cluster]:
        """The cached clusters for ``items_version``, computing them when stale."""
        with self._lock:
            if self._version is not _UNSET and self._version == items_version:
                expired = self._max_age is not None and (
                    self._clock() - self._stamp >= self._max_age
                )
                if not expired:
                    return list(self._value)
            value = list(compute())
            self._version, self._value, self._stamp = items_version, value, self._clock()
            return list(value)

    def clear(self) -> None:
        """Forget the cached result."""
        with self._lock:
            self._version, self._value = _UNSET, []


_UNSET = object()
