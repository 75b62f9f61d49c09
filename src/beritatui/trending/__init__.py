"""Story clustering and ranking for the Trending tab (issue #5).

Articles of the last N hours are grouped by story across sources, then the
groups are ranked by distinct sources, freshness and volume.

How a story is found:

1. :func:`normalise` turns title and lead into tokens: case folded, accents
   and punctuation gone, Indonesian and English stop words (plus news
   boilerplate such as day names and datelines) dropped, and Indonesian words
   stemmed against the Sastrawi root dictionary (``kenaikan`` -> ``naik``,
   ``pertahankan`` -> ``tahan``; names and unknown words stay as they are);
   before that, province names and amounts with a scale word become one
   token (``Jawa Timur`` -> ``jatim``, ``221 ribu`` -> ``221.000``).
2. Every article becomes a TF-IDF vector over its tokens (title words count
   double); IDF is computed over the window, so words every story uses
   ("Jakarta", "Presiden", "harga") weigh little.
3. Candidate pairs, never all pairs: every article is indexed under each pair
   of its eight heaviest tokens (a key holds at most a few hundred articles)
   and under each of its rare tokens (in at most 40 articles of the window);
   two articles are candidates when they meet under a token-pair key or
   share two rare tokens, so the work grows linearly with the window. A
   candidate becomes an edge when its cosine similarity is high enough (two
   shared common words are not enough), and a near-duplicate (same wire
   text, word-bigram Jaccard) counts as similarity 1. The pass runs with the
   cyclic garbage collector paused (:mod:`.gcpause`) and tokens memoised per
   article.
4. Edges are merged by average-link agglomeration: two groups join only when
   the mean similarity over all their article pairs passes a threshold, so one
   loose pair cannot chain two stories together.

Everything is deterministic: inputs are sorted by id first, ties are broken by
index, and no set iteration order reaches the output. Text that leaves this
package has been through :mod:`beritatui.sanitize`. No textual import here.

Modules: :mod:`.text` (tokens and stemming), :mod:`.phrases` (provinces and
amounts as one token), :mod:`.acronyms` (an acronym meets its spelled-out
name across the window), :mod:`.types` (input and output),
:mod:`.vectors` (TF-IDF, near-duplicates, candidate pairs), :mod:`.agglomerate`
(average link), :mod:`.scoring` (window, score, rank order), :mod:`.cache`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .cache import TrendingCache
from .types import ALL_CATEGORIES, Cluster, StoryInput

if TYPE_CHECKING:
    from .scoring import cluster_stories, find_clusters
    from .stemmer import stem
    from .text import is_english, normalise, stem_english
    from .vectors import is_near_duplicate

_LAZY = {
    "cluster_stories": "scoring",
    "find_clusters": "scoring",
    "stem": "stemmer",
    "is_english": "text",
    "normalise": "text",
    "stem_english": "text",
    "is_near_duplicate": "vectors",
}
"""The clustering itself loads on first use (Sastrawi's dictionary and the vector code are
a tenth of the app's start-up): the types and the cache are all the UI needs at first."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


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
