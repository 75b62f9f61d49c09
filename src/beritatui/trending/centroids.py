"""Second linkage pass: stories whose centroids agree become one story.

The first pass links articles; a story told over two days in different words
(the indictment and, a day later, the witnesses) can end in two groups whose
articles are each too unlike the other group's. Each group's centroid (the
mean of its members' vectors) says what the group is about as a whole, so the
halves meet there. The same rules as for articles apply: candidates share
rare tokens, names alone are not enough for groups hours apart (the content
part must agree too), and groups merge by average link.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from operator import mul

from .agglomerate import agglomerate
from .vectors import MIN_SHARED_TOKENS, Doc
from .vectors import NAMES_ONLY_SECONDS as _NAMES_ONLY

__all__ = ["merge_by_centroid"]

CENTROID_THRESHOLD = 0.3
"""Minimum centroid cosine for two groups to be one story."""
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


def merge_by_centroid(groups: list[list[int]], docs: list[Doc]) -> list[list[int]]:
    """Groups after merging those whose centroids are close; index lists, ascending.

    ``groups`` are ascending index lists in the order of their smallest index
    (as :func:`.agglomerate.agglomerate` returns them); so is the result.
    """
    # Candidates share two heavy tokens; two single articles were already
    # weighed against each other in the first pass, so only pairs with a group
    # of two or more articles count, and a single article's heavy token only
    # matters when a bigger group has it too. A single article's centroid is
    # its vector, whose heaviest tokens are known.
    centroids: dict[int, dict[str, float]] = {}
    heavy: dict[str, list[int]] = {}
    for g, group in enumerate(groups):
        if len(group) > 1:
            centroid = centroids[g] = _centroid(group, docs)
            # Ties keep the token order (deterministic: the articles' own order).
            top = sorted(centroid, key=centroid.__getitem__, reverse=True)[:CENTROID_TOP_TOKENS]
            for token in top:
                heavy.setdefault(token, []).append(g)
    if not heavy:
        return groups
    is_heavy = heavy.__contains__
    light: dict[str, list[int]] = {}
    for g, group in enumerate(groups):
        if len(group) == 1:
            for token in filter(is_heavy, docs[group[0]].heaviest[:CENTROID_TOP_TOKENS]):
                light.setdefault(token, []).append(g)
    seen: Counter[tuple[int, int]] = Counter()
    for token, multi in heavy.items():
        singles = light.get(token, [])
        if len(multi) + len(singles) > CENTROID_MAX_DF:
            continue
        seen.update(itertools.combinations(multi, 2))  # both lists are ascending
        if singles:
            seen.update((a, b) if a < b else (b, a) for a in multi for b in singles)
    edges: dict[tuple[int, int], float] = {}
    for a, b in sorted(pair for pair, count in seen.items() if count >= MIN_SHARED_TOKENS):
        centroid_a = centroids[a] if a in centroids else docs[groups[a][0]].vector
        centroid_b = centroids[b] if b in centroids else docs[groups[b][0]].vector
        small, large = sorted((centroid_a, centroid_b), key=len)
        if len(small.keys() & large.keys()) < MIN_SHARED_TOKENS:
            continue
        # In the shorter centroid's own token order (a token the other lacks adds 0.0).
        dot: float = sum(map(mul, small.values(), map(large.get, small, itertools.repeat(0.0))))
        if dot < CENTROID_THRESHOLD:
            continue
        if _gap(groups[a], groups[b], docs) > _NAMES_ONLY:
            names = _entities(groups[a], docs) | _entities(groups[b], docs)
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


def _entities(group: list[int], docs: list[Doc]) -> frozenset[str]:
    """The entity tokens of a group's articles."""
    return frozenset().union(*(docs[i].entities for i in group))


def _gap(group_a: list[int], group_b: list[int], docs: list[Doc]) -> float:
    """Seconds between the two groups' spans of publication (negative when they overlap)."""
    stamps_a = [docs[i].stamp for i in group_a]
    stamps_b = [docs[i].stamp for i in group_b]
    return max(min(stamps_a), min(stamps_b)) - min(max(stamps_a), max(stamps_b))
