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

import math

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
    """Groups after merging those whose centroids are close; index lists, ascending."""
    centroids = [_centroid(group, docs) for group in groups]
    entities: list[frozenset[str]] = []
    spans: list[tuple[float, float]] = []
    postings: dict[str, tuple[list[int], list[int]]] = {}
    for g, group in enumerate(groups):
        single = len(group) == 1
        if single:
            doc = docs[group[0]]
            entities.append(doc.entities)
            spans.append((doc.stamp, doc.stamp))
            top = doc.heaviest[:CENTROID_TOP_TOKENS]  # the centroid is its vector
        else:
            entities.append(frozenset().union(*(docs[i].entities for i in group)))
            stamps = [docs[i].stamp for i in group]
            spans.append((min(stamps), max(stamps)))
            centroid = centroids[g]
            # Ties keep the token order (deterministic: the articles' own order).
            top = sorted(centroid, key=centroid.__getitem__, reverse=True)[:CENTROID_TOP_TOKENS]
        for token in top:
            postings.setdefault(token, ([], []))[single].append(g)
    # Candidates share two heavy tokens; two single articles were already
    # weighed against each other in the first pass, so only pairs with a
    # group of two or more articles are counted.
    seen: dict[tuple[int, int], int] = {}
    for multi, singles in postings.values():
        if not multi or len(multi) + len(singles) > CENTROID_MAX_DF:
            continue
        for pos, a in enumerate(multi):
            for b in multi[pos + 1 :]:
                seen[(a, b)] = seen.get((a, b), 0) + 1
            for b in singles:
                pair = (a, b) if a < b else (b, a)
                seen[pair] = seen.get(pair, 0) + 1
    edges: dict[tuple[int, int], float] = {}
    for a, b in sorted(pair for pair, count in seen.items() if count >= MIN_SHARED_TOKENS):
        small, large = sorted((centroids[a], centroids[b]), key=len)
        names = entities[a] | entities[b]
        dot = content = 0.0
        shared = 0
        for token, weight in small.items():
            other = large.get(token)
            if other is not None:
                shared += 1
                dot += weight * other
                if token not in names:
                    content += weight * other
        gap = max(spans[a][0], spans[b][0]) - min(spans[a][1], spans[b][1])
        if shared < MIN_SHARED_TOKENS:
            continue
        if dot >= CENTROID_THRESHOLD and (content >= CENTROID_MIN_CONTENT or gap <= _NAMES_ONLY):
            edges[(a, b)] = dot
    merged = agglomerate(len(groups), edges, CENTROID_THRESHOLD)
    return sorted(sorted(i for g in unit for i in groups[g]) for unit in merged)
