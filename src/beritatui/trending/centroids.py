"""Second linkage pass: stories whose centroids agree become one story.

The first pass links articles; a story told over two days in different words
(the indictment and, a day later, the witnesses) can end in two groups whose
articles are each too unlike the other group's. Each group's centroid (the
mean of its members' vectors) says what the group is about as a whole, so the
halves meet there. The same rules as for articles apply: candidates share
heavy tokens, groups hours apart (no article of one within NAMES_ONLY_HOURS of
an article of the other) must share a name and agree on what happened too
(names alone, or common words alone, are not a story), and groups merge by
average link.

A report of one side of a story ("the airport closed by the volcano's ash")
brings many words no other article uses; they weigh on its vector but can
never match. So two centroids also agree when their parts over *shareable*
tokens (in two articles of the window or more) are close enough.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter
from operator import mul

from .agglomerate import agglomerate
from .vectors import MIN_SHARED_TOKENS, Doc, sparse_dot
from .vectors import NAMES_ONLY_SECONDS as _NAMES_ONLY

__all__ = ["merge_by_centroid"]

CENTROID_THRESHOLD = 0.3
"""Minimum centroid cosine for two groups to be one story..."""
SHAREABLE_THRESHOLD = 0.45
"""... or minimum cosine of the centroids' parts over shareable tokens (ones that
more than one article of the window has: see :func:`_shareable`)."""
CENTROID_MIN_CONTENT = 0.06
"""Minimum centroid cosine over non-entity tokens."""
CENTROID_TOP_TOKENS = 8
"""Candidate groups share two of their heaviest tokens."""
CENTROID_MAX_DF = 40
"""Tokens heavy in more groups than this are not used to find candidates."""


def _centroid(group: list[int], docs: list[Doc]) -> dict[str, float]:
    """Unit-length mean of the members' vectors."""
    if len(group) == 1:
        return docs[group[0]].vector
    total: dict[str, float] = {}
    for i in group:
        for token, weight in docs[i].vector.items():
            total[token] = total.get(token, 0.0) + weight
    norm = math.sqrt(sum(v * v for v in total.values())) or 1.0
    return {t: v / norm for t, v in total.items()}


def merge_by_centroid(
    groups: list[list[int]], docs: list[Doc], df: dict[str, int]
) -> list[list[int]]:
    """Groups after merging those whose centroids are close; index lists, ascending.

    ``groups`` are ascending index lists in the order of their smallest index
    (as :func:`.agglomerate.agglomerate` returns them); so is the result.
    """
    centroids = {g: _centroid(group, docs) for g, group in enumerate(groups) if len(group) > 1}
    pairs = _candidates(groups, docs, df, centroids)
    if not pairs:
        return groups
    edges: dict[tuple[int, int], float] = {}
    for a, b in pairs:
        centroid_a = centroids[a] if a in centroids else docs[groups[a][0]].vector
        centroid_b = centroids[b] if b in centroids else docs[groups[b][0]].vector
        small, large = sorted((centroid_a, centroid_b), key=len)
        shared = small.keys() & large.keys()
        if len(shared) < MIN_SHARED_TOKENS:
            continue
        dot = sparse_dot(small, large)
        if dot < CENTROID_THRESHOLD:
            parts = sorted((_shareable(centroid_a, df), _shareable(centroid_b, df)), key=len)
            dot = sparse_dot(*parts)
            if dot < SHAREABLE_THRESHOLD:
                continue
        if _gap(groups[a], groups[b], docs) > _NAMES_ONLY:
            # Hours apart, names alone are no story, nor are common words alone.
            names = _entities(groups[a], docs) | _entities(groups[b], docs)
            if names.isdisjoint(shared):
                continue
            content = 0.0
            for token, weight in small.items():
                other = large.get(token)
                if other is not None and token not in names:
                    content += weight * other
            if content < CENTROID_MIN_CONTENT:
                continue
        edges[(a, b)] = dot
    if not edges:
        return groups
    merged = agglomerate(len(groups), edges, CENTROID_THRESHOLD)
    return sorted(
        groups[unit[0]] if len(unit) == 1 else sorted(i for g in unit for i in groups[g])
        for unit in merged
    )


def _candidates(
    groups: list[list[int]],
    docs: list[Doc],
    df: dict[str, int],
    centroids: dict[int, dict[str, float]],
) -> list[tuple[int, int]]:
    """Group pairs ``(a, b)``, ``a < b``, ascending, that share two heavy tokens.

    Two single articles were already weighed against each other in the first
    pass, so only pairs with a group of two or more articles (``centroids``)
    count, and a single article's heavy token only matters when such a group
    has it too. A single article's centroid is its vector, whose heaviest
    tokens are known. A token heavy in more than CENTROID_MAX_DF groups finds
    no candidates.
    """
    heavy: dict[str, list[int]] = {}
    for g, centroid in centroids.items():
        # Only tokens that articles outside the group have too can find
        # another group. Ties keep the token order (the articles' own).
        inside = Counter(itertools.chain.from_iterable(docs[i].vector for i in groups[g]))
        outside = [t for t, count in inside.items() if df[t] > count]
        for token in sorted(outside, key=centroid.__getitem__, reverse=True)[:CENTROID_TOP_TOKENS]:
            heavy.setdefault(token, []).append(g)
    is_heavy = heavy.__contains__
    light: dict[str, int] = {}
    tops: list[tuple[int, list[str]]] = []
    for g, group in enumerate(groups):
        if len(group) == 1:
            top = list(filter(is_heavy, docs[group[0]].heaviest[:CENTROID_TOP_TOKENS]))
            if top:
                tops.append((g, top))
                for token in top:
                    light[token] = light.get(token, 0) + 1
    live = {t: m for t, m in heavy.items() if len(m) + light.get(t, 0) <= CENTROID_MAX_DF}
    seen: Counter[tuple[int, int]] = Counter()
    for multi in live.values():
        seen.update(itertools.combinations(multi, 2))  # ``multi`` is ascending
    pairs = [pair for pair, count in seen.items() if count >= MIN_SHARED_TOKENS]
    for g, top in tops:
        lists = [live[t] for t in top if t in live]
        if len(lists) >= MIN_SHARED_TOKENS:
            counts = Counter(itertools.chain.from_iterable(lists))
            pairs.extend(
                (m, g) if m < g else (g, m)
                for m, count in counts.items()
                if count >= MIN_SHARED_TOKENS
            )
    return sorted(pairs)


def _shareable(vector: dict[str, float], df: dict[str, int]) -> dict[str, float]:
    """The unit-length part of ``vector`` over tokens other articles have too."""
    part = {t: w for t, w in vector.items() if df[t] > 1}
    norm = math.sqrt(sum(map(mul, part.values(), part.values()))) or 1.0
    return {t: w / norm for t, w in part.items()}


def _entities(group: list[int], docs: list[Doc]) -> frozenset[str]:
    """The entity tokens of a group's articles."""
    return frozenset().union(*(docs[i].entities for i in group))


def _gap(group_a: list[int], group_b: list[int], docs: list[Doc]) -> float:
    """Seconds between the closest two articles, one of each group.

    Not the gap between the groups' spans: a story told over two days can
    span the hours of a different story about the same person.
    """
    stamps_b = sorted(docs[i].stamp for i in group_b)
    best = math.inf
    for stamp in (docs[i].stamp for i in group_a):
        at = bisect.bisect_left(stamps_b, stamp)
        if at < len(stamps_b):
            best = min(best, stamps_b[at] - stamp)
        if at:
            best = min(best, stamp - stamps_b[at - 1])
    return best
